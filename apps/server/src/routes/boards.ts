import { initBoard, isTimeZone } from '@riskboard/model';
import {
	MAX_TITLE_LENGTH,
	ROLES,
	type BoardInfoResponse,
	type CreateBoardResponse
} from '@riskboard/protocol';
import { Hono } from 'hono';
import * as Y from 'yjs';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { hashToken, newBoardId, newShortId, newToken } from '../tokens.ts';
import type { TokenRecord } from '../storage/types.ts';
import { authenticate, bearerToken } from './access.ts';

/** `/api/boards`: create a board (three capability links) and read a board's info with a token. */
export function boardRoutes(deps: AppDeps): Hono {
	const app = new Hono();

	app.post('/', async (c) => {
		const secret = deps.config.createBoardSecret;
		if (secret !== null && bearerToken(c.req.header('authorization')) !== secret) {
			throw new ApiError(
				403,
				'creation_restricted',
				'Creating boards needs the server’s creation secret.'
			);
		}
		if (!(c.req.header('content-type') ?? '').includes('application/json')) {
			throw new ApiError(415, 'json_required', 'Send the board as JSON: { "title": "…" }.');
		}
		let body: unknown;
		try {
			body = await c.req.json();
		} catch {
			throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
		}
		const raw = (body as { title?: unknown } | null)?.title;
		if (typeof raw !== 'string' || raw.trim() === '') {
			throw new ApiError(400, 'invalid_title', 'A board needs a title (a non-empty string).');
		}
		const title = raw.trim();
		if (title.length > MAX_TITLE_LENGTH) {
			throw new ApiError(
				400,
				'invalid_title',
				`The title is longer than ${MAX_TITLE_LENGTH} characters.`
			);
		}
		const zone = (body as { timeZone?: unknown }).timeZone;
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

		const tokens = Object.fromEntries(
			ROLES.map((role) => [role, newToken()])
		) as CreateBoardResponse['tokens'];
		const records: TokenRecord[] = ROLES.map((role) => ({
			id: newShortId(),
			boardId: id,
			role,
			hash: hashToken(tokens[role]),
			createdAt: now.toISOString(),
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

	app.get('/:id', async (c) => {
		const access = await authenticate(
			deps,
			c.req.param('id'),
			bearerToken(c.req.header('authorization'))
		);
		if (!access.ok) throw access.error;
		const response: BoardInfoResponse = { ...access.board, role: access.token.role };
		if (access.token.role === 'owner') {
			response.quarantinedUpdates = (await deps.store.listQuarantined(access.board.id)).length;
		}
		return c.json(response);
	});

	return app;
}
