import { initBoard, isTimeZone } from '@riskboard/model';
import {
	BoardInfoResponseSchema,
	BoardParamsSchema,
	CreateBoardRequestSchema,
	CreateBoardResponseSchema,
	DEFAULT_LINK_LABELS,
	ROLES,
	type BoardInfoResponse,
	type CreateBoardResponse
} from '@riskboard/protocol';
import { createRoute } from '@hono/zod-openapi';
import * as Y from 'yjs';
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
import { ApiError } from '../errors.ts';
import { hashToken, newBoardId, newShortId, newToken } from '../tokens.ts';
import type { TokenRecord } from '../storage/types.ts';
import { bearerToken } from './access.ts';
import { boardAccess } from './board-data.ts';

const createBoard = createRoute({
	method: 'post',
	path: '/',
	summary: 'Create a board',
	description:
		'Creates a board with three links (owner, editor, viewer); their tokens are shown once. ' +
		'With `CREATE_BOARD_SECRET` set, needs `Authorization: Bearer <secret>`.',
	tags: ['Boards'],
	request: { body: jsonBody(CreateBoardRequestSchema) },
	responses: {
		201: json(CreateBoardResponseSchema, 'The board and its three tokens'),
		...errors(...BODY_ERRORS, 403, 429, 503)
	}
});

const boardInfo = createRoute({
	method: 'get',
	path: '/{id}',
	summary: 'Read a board’s info and the link’s role',
	tags: ['Boards'],
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: {
		200: json(BoardInfoResponseSchema, 'The board and the role of the token'),
		...errors(...BOARD_ERRORS)
	}
});

/** `/api/boards`: create a board (three capability links) and read a board's info with a token. */
export function boardRoutes(deps: AppDeps): Api {
	const app = createApi();

	// Before the body is read: without the secret, nothing about the body matters.
	app.use('/', async (c, next) => {
		const secret = deps.config.createBoardSecret;
		if (
			c.req.method === 'POST' &&
			secret !== null &&
			bearerToken(c.req.header('authorization')) !== secret
		) {
			throw new ApiError(
				403,
				'creation_restricted',
				'Creating boards needs the server’s creation secret.'
			);
		}
		await next();
	});

	app.openapi(createBoard, async (c) => {
		const { title, timeZone: zone } = c.req.valid('json');
		if (zone !== undefined && !isTimeZone(zone)) {
			throw new ApiError(
				400,
				'invalid_time_zone',
				'timeZone must be an IANA time zone such as Europe/Berlin.'
			);
		}
		const timeZone = zone ?? deps.config.timeZone;
		const now = new Date();
		const id = newBoardId();
		const doc = new Y.Doc();
		initBoard(doc, { title, now, timeZone });
		const initial = Y.encodeStateAsUpdate(doc);
		doc.destroy();

		const tokens: CreateBoardResponse['tokens'] = {
			owner: newToken(),
			editor: newToken(),
			viewer: newToken()
		};
		const records: TokenRecord[] = ROLES.map((role) => ({
			id: newShortId(),
			boardId: id,
			role,
			hash: hashToken(tokens[role]),
			label: DEFAULT_LINK_LABELS[role],
			createdAt: now.toISOString(),
			lastUsedAt: null,
			revokedAt: null
		}));
		const createdAt = now.toISOString();
		await deps.store.createBoard({
			board: { id, title, createdAt },
			tokens: records,
			initialUpdate: {
				data: initial,
				role: 'system',
				connectionId: 'server',
				tokenId: null,
				name: null,
				at: now.getTime()
			}
		});
		deps.metrics.inc('riskboard_boards_created_total');
		deps.log.info('board created', { board: id });
		const response: CreateBoardResponse = { id, title, createdAt, tokens };
		return c.json(response, 201);
	});

	app.openapi(boardInfo, async (c) => {
		const access = await boardAccess(deps, c);
		const response: BoardInfoResponse = { ...access.board, role: access.token.role };
		if (access.token.role === 'owner') {
			response.quarantinedUpdates = (await deps.store.listQuarantined(access.board.id)).length;
		}
		return c.json(response, 200);
	});

	return app;
}
