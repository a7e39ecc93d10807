/**
 * Named snapshots and diffs: `/api/boards/:id/snapshots[/:sid]` and `/api/boards/:id/diff`.
 * A snapshot is taken from the room's committed state and stored outside the live document, so
 * no websocket client can ever change it; the store has no update path for it at all.
 */
import {
	diffBoards,
	diffMatrix,
	findMatrix,
	readBoard,
	scopeBoard,
	type Board,
	type DiffResponse,
	type SnapshotMeta,
	type SnapshotScope,
	type SnapshotWithBoard
} from '@riskboard/model';
import { MAX_TITLE_LENGTH } from '@riskboard/protocol';
import { Hono } from 'hono';
import * as Y from 'yjs';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import type { BoardRecord, TokenRecord } from '../storage/types.ts';
import { newShortId } from '../tokens.ts';
import { boardSource, digestOf, requireRole, storedSnapshot, unavailable } from './board-data.ts';

/** Longest author display name accepted, in characters. */
const MAX_AUTHOR_LENGTH = 100;

/** What a snapshot is of, and who takes it. */
export interface CreateSnapshotInput {
	name: string;
	author: string;
	scope: SnapshotScope;
	matrixId: string | null;
}

function text(value: unknown, what: string, max: number): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new ApiError(400, 'invalid_snapshot', `A snapshot needs ${what} (a non-empty string).`);
	}
	const trimmed = value.trim();
	if (trimmed.length > max) {
		throw new ApiError(400, 'invalid_snapshot', `The ${what} is longer than ${max} characters.`);
	}
	return trimmed;
}

async function createInput(request: Request): Promise<CreateSnapshotInput> {
	if (!(request.headers.get('content-type') ?? '').includes('application/json')) {
		throw new ApiError(415, 'json_required', 'Send the snapshot as JSON: { "name", "author" }.');
	}
	let body: Record<string, unknown>;
	try {
		body = ((await request.json()) ?? {}) as Record<string, unknown>;
	} catch {
		throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
	}
	const scope = body.scope ?? 'board';
	if (scope !== 'board' && scope !== 'matrix') {
		throw new ApiError(400, 'invalid_snapshot', 'scope must be "board" or "matrix".');
	}
	if ((scope === 'matrix') !== (typeof body.matrixId === 'string')) {
		throw new ApiError(
			400,
			'invalid_snapshot',
			'A matrix snapshot needs a matrixId, and only a matrix snapshot takes one.'
		);
	}
	return {
		name: text(body.name, 'a name', MAX_TITLE_LENGTH),
		author: text(body.author, 'an author', MAX_AUTHOR_LENGTH),
		scope,
		matrixId: scope === 'matrix' ? (body.matrixId as string) : null
	};
}

/**
 * Takes and stores a named snapshot of the committed room state; returns its metadata and the
 * whole board read at that moment (before scoping). 503 when the board cannot be loaded, 404
 * for a matrix the board does not have. Used by the snapshot route and by reviews.
 */
export async function takeSnapshot(
	deps: AppDeps,
	board: BoardRecord,
	token: TokenRecord,
	input: CreateSnapshotInput
): Promise<{ meta: SnapshotMeta; board: Board }> {
	// Read and encode in one synchronous step on the committed document: the JSON, the Yjs state
	// and the log position (the last update the document holds) describe exactly the same moment.
	const taken = await deps.rooms
		.withRoom(board.id, (room) => ({
			board: readBoard(room.doc),
			state: Y.encodeStateAsUpdate(room.doc),
			throughSeq: room.lastSeq
		}))
		.catch((error: unknown) => {
			deps.log.error('snapshot read failed', { board: board.id, error });
			throw unavailable(error, 'The board could not be loaded; try again.');
		});
	if (input.matrixId !== null && !findMatrix(taken.board, input.matrixId)) {
		throw new ApiError(404, 'matrix_not_found', 'This board has no such matrix.');
	}
	const boardJson = JSON.stringify(scopeBoard(taken.board, input.scope, input.matrixId));
	const meta: SnapshotMeta = {
		id: newShortId(),
		boardId: board.id,
		name: input.name,
		author: input.author,
		role: token.role === 'owner' ? 'owner' : 'editor',
		createdAt: new Date().toISOString(),
		scope: input.scope,
		matrixId: input.matrixId,
		digest: digestOf(boardJson)
	};
	await deps.store.createNamedSnapshot({
		meta,
		boardJson,
		state: taken.state,
		throughSeq: taken.throughSeq
	});
	deps.metrics.inc('riskboard_snapshots_created_total');
	deps.log.info('snapshot created', { board: board.id, snapshot: meta.id, scope: meta.scope });
	return { meta, board: taken.board };
}

/** The snapshot and diff routes, mounted at `/api/boards`. */
export function snapshotRoutes(deps: AppDeps): Hono {
	const app = new Hono();

	app.post('/:id/snapshots', async (c) => {
		const { board, token } = await requireRole(deps, c, ['owner', 'editor'], 'take snapshots');
		const input = await createInput(c.req.raw);
		const { meta } = await takeSnapshot(deps, board, token, input);
		return c.json(meta, 201);
	});

	app.get('/:id/snapshots', async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		return c.json({ snapshots: await deps.store.listNamedSnapshots(board.id) });
	});

	app.get('/:id/snapshots/:sid', async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		const snapshot = await storedSnapshot(deps, board.id, c.req.param('sid'));
		const response: SnapshotWithBoard = { ...snapshot.meta, board: snapshot.board };
		return c.json(response);
	});

	app.delete('/:id/snapshots/:sid', async (c) => {
		const { board } = await requireRole(deps, c, ['owner'], 'delete snapshots');
		if (!(await deps.store.deleteNamedSnapshot(board.id, c.req.param('sid')))) {
			throw new ApiError(404, 'snapshot_not_found', 'This board has no such snapshot.');
		}
		deps.log.info('snapshot deleted', { board: board.id, snapshot: c.req.param('sid') });
		return c.body(null, 204);
	});

	app.get('/:id/diff', async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		const fromId = c.req.query('from');
		if (!fromId) {
			throw new ApiError(
				400,
				'invalid_diff',
				'Say what to compare: ?from=<snapshot>&to=<snapshot|live>.'
			);
		}
		const from = await boardSource(deps, board.id, fromId);
		const to = await boardSource(deps, board.id, c.req.query('to') ?? 'live');
		const scoped = [from.snapshot, to.snapshot].filter((s) => s?.scope === 'matrix');
		const ids = new Set(scoped.map((s) => s!.matrixId!));
		const matrixId = c.req.query('matrix') ?? (ids.size === 1 ? [...ids][0]! : null);
		if (ids.size > 1 && !c.req.query('matrix')) {
			throw new ApiError(400, 'invalid_diff', 'These snapshots are of different matrices.');
		}
		if (matrixId === null) {
			const response: DiffResponse = {
				scope: 'board',
				from: from.side,
				to: to.side,
				diff: diffBoards(from.board, to.board)
			};
			return c.json(response);
		}
		const before = findMatrix(from.board, matrixId);
		const after = findMatrix(to.board, matrixId);
		if (!before || !after) {
			const where = !before ? 'from' : 'to';
			throw new ApiError(404, 'matrix_not_found', `The ${where} side has no such matrix.`);
		}
		const response: DiffResponse = {
			scope: 'matrix',
			matrixId,
			from: from.side,
			to: to.side,
			diff: diffMatrix(before, after, { before: from.board, after: to.board })
		};
		return c.json(response);
	});

	return app;
}
