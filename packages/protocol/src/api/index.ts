/**
 * The REST contract: one zod 4 schema per request body, query, path and answer, one module per
 * resource. The server validates with them and generates its OpenAPI document from them; the
 * web app parses answers with them.
 */
export * from './errors.ts';
export * from './common.ts';
export * from './boards.ts';
export * from './links.ts';
export * from './snapshots.ts';
export * from './history.ts';
export * from './exports.ts';
export * from './reviews.ts';
export * from './register.ts';
export * from './matrices.ts';
export * from './imports.ts';
