/**
 * @riskboard/protocol — what the sync server and its clients agree on: websocket message types
 * (the y-websocket ones plus the save acknowledgement), close codes, limits, id and token rules,
 * and the REST payload types. Pure TypeScript plus lib0; no yjs, no DOM, no Node.
 */
export * from './close-codes.ts';
export * from './messages.ts';
export * from './rules.ts';
export * from './presence.ts';
export * from './api/index.ts';
