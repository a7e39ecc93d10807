/**
 * `/api/boards/:id/links…` (owner only): list the board's links (never a token), add a labelled
 * link per role (its token shown once), rotate one, revoke one. The work is done by `links.ts`.
 */
import { createRoute } from '@hono/zod-openapi';
import {
	BoardParamsSchema,
	CreateLinkRequestSchema,
	LinkListResponseSchema,
	LinkParamsSchema,
	LinkSchema,
	LinkWithTokenSchema
} from '@riskboard/protocol';
import {
	BOARD_ERRORS,
	BODY_ERRORS,
	boardToken,
	createApi,
	errors,
	json,
	jsonBody,
	type Api
} from '../api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { createLink, listLinks, revokeLink, rotateLink } from '../links.ts';
import { requireRole } from './board-data.ts';

const TAGS = ['Links'];
const OWNER = ['owner'] as const;

const list = createRoute({
	method: 'get',
	path: '/{id}/links',
	summary: 'List the board’s links (owner)',
	description: 'Every link’s id, role, label, creation, last use and revocation; never a token.',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: { 200: json(LinkListResponseSchema, 'The links'), ...errors(...BOARD_ERRORS) }
});

const create = createRoute({
	method: 'post',
	path: '/{id}/links',
	summary: 'Add a labelled link (owner)',
	description: 'Answers the new link with its token, which is shown this once.',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema, body: jsonBody(CreateLinkRequestSchema) },
	responses: {
		201: json(LinkWithTokenSchema, 'The link and its token'),
		...errors(...BODY_ERRORS, ...BOARD_ERRORS, 422)
	}
});

const rotate = createRoute({
	method: 'post',
	path: '/{id}/links/{link}/rotate',
	summary: 'Rotate a link (owner): a new token, the old one revoked',
	description:
		'Makes a new link with the same role and label (its token shown once) and revokes the old ' +
		'one, closing its live connections.',
	tags: TAGS,
	security: boardToken,
	request: { params: LinkParamsSchema },
	responses: {
		200: json(LinkWithTokenSchema, 'The new link and its token'),
		...errors(...BOARD_ERRORS, 409, 422)
	}
});

const revoke = createRoute({
	method: 'delete',
	path: '/{id}/links/{link}',
	summary: 'Revoke a link (owner)',
	description:
		'Its REST calls get 401 `token_revoked`, its upgrades are refused and its live websockets ' +
		'are closed with 4401 within seconds. The last owner link cannot be revoked (409).',
	tags: TAGS,
	security: boardToken,
	request: { params: LinkParamsSchema },
	responses: { 200: json(LinkSchema, 'The revoked link'), ...errors(...BOARD_ERRORS, 409) }
});

/** The link routes, mounted at `/api/boards`. */
export function linkRoutes(deps: AppDeps): Api {
	const app = createApi();

	app.openapi(list, async (c) => {
		const { board, token } = await requireRole(deps, c, OWNER, 'manage links');
		return c.json({ links: await listLinks(deps, board.id), current: token.id }, 200);
	});

	app.openapi(create, async (c) => {
		const { board } = await requireRole(deps, c, OWNER, 'manage links');
		return c.json(await createLink(deps, board.id, c.req.valid('json')), 201);
	});

	app.openapi(rotate, async (c) => {
		const { board } = await requireRole(deps, c, OWNER, 'manage links');
		return c.json(await rotateLink(deps, board.id, c.req.valid('param').link), 200);
	});

	app.openapi(revoke, async (c) => {
		const { board } = await requireRole(deps, c, OWNER, 'manage links');
		return c.json(await revokeLink(deps, board.id, c.req.valid('param').link), 200);
	});

	return app;
}
