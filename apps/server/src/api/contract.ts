/**
 * The REST contract's server side, in one place: every route module is an `OpenAPIHono` made by
 * `createApi()`, declares its routes with `createRoute` over the schemas of
 * `@riskboard/protocol` (`packages/protocol/src/api/`), and is mounted in `app.ts`; the OpenAPI
 * 3.1 document (`GET /api/openapi.json`) is generated from exactly those declarations.
 *
 * To add a resource: write its schemas in `packages/protocol/src/api/<resource>.ts`, a route
 * module here that calls `createApi()` and `api.openapi(createRoute({…}), handler)` for each
 * route (with `security: boardToken` and `errors(…)` for its refusals), and one
 * `app.route('/api/boards', yourRoutes(deps))` line in `app.ts`. Validation failures never reach
 * the handler: `validationHook` turns them into the one error envelope.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { ErrorResponseSchema, type Issue } from '@riskboard/protocol';
import type { RequestIdVariables } from 'hono/request-id';
import type { ZodType } from 'zod';
import { ApiError } from '../errors.ts';
import type { BoardRecord, TokenRecord } from '../storage/types.ts';

/**
 * The Hono environment of every route: the request id, and for `/api/boards/:id/…` the board and
 * link the request's token opened (set by `app.ts` before any validation, so an unknown board or
 * token answers 404/401 whatever the body).
 */
export type ApiEnv = {
	Variables: RequestIdVariables & { access?: { board: BoardRecord; token: TokenRecord } };
};

/** A route module: an OpenAPIHono whose routes land in the document when mounted. */
export type Api = OpenAPIHono<ApiEnv>;

/** The name of the security scheme every board route declares (`Authorization: Bearer`). */
export const BOARD_TOKEN_SCHEME = 'boardToken';

/** `security` of a route that needs a board link's token. */
export const boardToken = [{ [BOARD_TOKEN_SCHEME]: [] }];

const WHERE: Record<string, string> = {
	json: 'body',
	form: 'body',
	query: 'query',
	param: 'path',
	header: 'header',
	cookie: 'cookie'
};

/**
 * The one 400: the schema's issues, each with where it is (`body`, `query`, …) and its path;
 * unknown fields are named in the message as well.
 */
export function invalidRequest(
	target: string,
	issues: readonly { path: PropertyKey[]; code: string; message: string; keys?: string[] }[]
): ApiError {
	const where = WHERE[target] ?? target;
	const details: Issue[] = issues.map((issue) => ({
		path: [where, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
		code: issue.code,
		message: issue.message
	}));
	const unknown = issues.flatMap((issue) =>
		issue.code === 'unrecognized_keys' ? (issue.keys ?? []) : []
	);
	const first = details[0];
	const message =
		unknown.length > 0
			? `Unknown field${unknown.length > 1 ? 's' : ''} in the ${where}: ${unknown.join(', ')}.`
			: `The request's ${where} is not valid${
					first ? `: ${first.path.slice(1).join('.') || where}: ${first.message}` : '.'
				}`;
	return new ApiError(400, 'invalid_request', message, { details });
}

/** The default hook of every route module: a failed validation throws `invalidRequest`. */
export function validationHook(
	result: { target: string } & (
		{ success: true } | { success: false; error: { issues: Parameters<typeof invalidRequest>[1] } }
	)
): undefined {
	if (!result.success) throw invalidRequest(result.target, result.error.issues);
	return undefined;
}

/** A new route module with the contract's validation hook. */
export function createApi(): Api {
	return new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });
}

const ERROR_DESCRIPTIONS = {
	400: 'Malformed JSON, a schema violation or unknown fields: `invalid_request` with `details`',
	401: 'No token, an unknown token (`token_invalid`) or a revoked one (`token_revoked`)',
	403: 'The link’s role may not do this',
	404: 'No such board or resource',
	409: 'A conflict with the board’s state',
	413: 'The body is larger than `MAX_REQUEST_BYTES`',
	415: 'The body is not `application/json`',
	422: 'The board’s rules refuse the change (the model’s message)',
	429: 'Rate limited (`Retry-After`)',
	503: 'Storage unavailable (`Retry-After`)'
} as const;

export type ErrorStatus = keyof typeof ERROR_DESCRIPTIONS;

/** The `responses` entries of a route's refusals, all in the one error envelope. */
export function errors(...statuses: ErrorStatus[]) {
	return Object.fromEntries(
		statuses.map((status) => [
			status,
			{
				description: ERROR_DESCRIPTIONS[status],
				content: { 'application/json': { schema: ErrorResponseSchema } }
			}
		])
	);
}

/** What every board route may answer besides its own: 401, 403, 404, 429, 503. */
export const BOARD_ERRORS: ErrorStatus[] = [401, 403, 404, 429, 503];

/** What a board route with a JSON body may answer besides those: 400, 413, 415. */
export const BODY_ERRORS: ErrorStatus[] = [400, 413, 415];

/** A JSON answer of a route. */
export function json<T extends ZodType>(schema: T, description: string) {
	return { description, content: { 'application/json': { schema } } } as const;
}

/** A JSON request body. */
export function jsonBody<T extends ZodType>(schema: T, description?: string) {
	return {
		...(description ? { description } : {}),
		content: { 'application/json': { schema } },
		required: true
	} as const;
}
