/**
 * Named snapshots and diffs: `/api/boards/:id/snapshots[/:sid]` and `/api/boards/:id/diff`.
 * A snapshot is taken from the room's committed state and stored outside the live document, so
 * no websocket client can ever change it; the store has no update path for it at all. Taking
 * one is the `takeSnapshot` service (`../snapshots.ts`).
 */
import { diffBoards, diffMatrix, findMatrix } from '@riskboard/model';
import {
	BoardParamsSchema,
	CreateSnapshotRequestSchema,
	DiffQuerySchema,
	DiffResponseSchema,
	SnapshotListResponseSchema,
	SnapshotMetaSchema,
	SnapshotParamsSchema,
	SnapshotWithBoardSchema,
	type DiffResponse,
	type SnapshotWithBoard
} from '@riskboard/protocol';
import { createRoute, z } from '@hono/zod-openapi';
import {
	BOARD_ERRORS,
	BODY_ERRORS,
	boardToken,
	createApi,
	errors,
	invalidRequest,
	json,
	jsonBody,
	type Api
} from '../api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { takeSnapshot, type CreateSnapshotInput } from '../snapshots.ts';
import { boardSource, requireRole, storedSnapshot } from './board-data.ts';

const TAGS = ['Snapshots'];

const createSnapshot = createRoute({
	method: 'post',
	path: '/{id}/snapshots',
	summary: 'Take a named snapshot (owner, editor)',
	description: 'Of the whole board, or with `scope: "matrix"` and `matrixId` of one RACI matrix.',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema, body: jsonBody(CreateSnapshotRequestSchema) },
	responses: {
		201: json(SnapshotMetaSchema, 'The snapshot taken'),
		...errors(...BODY_ERRORS, ...BOARD_ERRORS)
	}
});

const listSnapshots = createRoute({
	method: 'get',
	path: '/{id}/snapshots',
	summary: 'List the named snapshots, newest first',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: {
		200: json(SnapshotListResponseSchema, 'The snapshots'),
		...errors(...BOARD_ERRORS)
	}
});

const getSnapshot = createRoute({
	method: 'get',
	path: '/{id}/snapshots/{sid}',
	summary: 'Read a snapshot with its frozen board',
	tags: TAGS,
	security: boardToken,
	request: { params: SnapshotParamsSchema },
	responses: {
		200: json(SnapshotWithBoardSchema, 'The snapshot and its board'),
		...errors(...BOARD_ERRORS, 409)
	}
});

const deleteSnapshot = createRoute({
	method: 'delete',
	path: '/{id}/snapshots/{sid}',
	summary: 'Delete a snapshot (owner)',
	tags: TAGS,
	security: boardToken,
	request: { params: SnapshotParamsSchema },
	responses: { 204: { description: 'Deleted' }, ...errors(...BOARD_ERRORS) }
});

const diff = createRoute({
	method: 'get',
	path: '/{id}/diff',
	summary: 'Compare a snapshot with another or with the live board',
	description:
		'`from` a snapshot id, `to` a snapshot id or `live` (default); `matrix` compares one RACI ' +
		'matrix (implied when both sides are snapshots of the same matrix).',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema, query: DiffQuerySchema },
	responses: {
		200: json(DiffResponseSchema, 'The diff'),
		...errors(400, ...BOARD_ERRORS, 409)
	}
});

/** The checked input of a snapshot request: a matrix snapshot names its matrix, only it does. */
function createInput(body: z.infer<typeof CreateSnapshotRequestSchema>): CreateSnapshotInput {
	const scope = body.scope ?? 'board';
	if ((scope === 'matrix') !== (body.matrixId !== undefined)) {
		throw invalidRequest('json', [
			{
				path: ['matrixId'],
				code: 'custom',
				message: 'A matrix snapshot needs a matrixId, and only a matrix snapshot takes one.'
			}
		]);
	}
	return { name: body.name, author: body.author, scope, matrixId: body.matrixId ?? null };
}

/** The snapshot and diff routes, mounted at `/api/boards`. */
export function snapshotRoutes(deps: AppDeps): Api {
	const app = createApi();

	app.openapi(createSnapshot, async (c) => {
		const { board, token } = await requireRole(deps, c, ['owner', 'editor'], 'take snapshots');
		const input = createInput(c.req.valid('json'));
		const { meta } = await takeSnapshot(deps, board, token, input);
		return c.json(meta, 201);
	});

	app.openapi(listSnapshots, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		return c.json({ snapshots: await deps.store.listNamedSnapshots(board.id) }, 200);
	});

	app.openapi(getSnapshot, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		const snapshot = await storedSnapshot(deps, board.id, c.req.valid('param').sid);
		const response: SnapshotWithBoard = { ...snapshot.meta, board: snapshot.board };
		return c.json(response, 200);
	});

	app.openapi(deleteSnapshot, async (c) => {
		const { board } = await requireRole(deps, c, ['owner'], 'delete snapshots');
		const { sid } = c.req.valid('param');
		if (!(await deps.store.deleteNamedSnapshot(board.id, sid))) {
			throw new ApiError(404, 'snapshot_not_found', 'This board has no such snapshot.');
		}
		deps.log.info('snapshot deleted', { board: board.id, snapshot: sid });
		return c.body(null, 204);
	});

	app.openapi(diff, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		const query = c.req.valid('query');
		const from = await boardSource(deps, board.id, query.from);
		const to = await boardSource(deps, board.id, query.to ?? 'live');
		const scoped = [from.snapshot, to.snapshot].filter((s) => s?.scope === 'matrix');
		const ids = new Set(scoped.map((s) => s!.matrixId!));
		const matrixId = query.matrix ?? (ids.size === 1 ? [...ids][0]! : null);
		if (ids.size > 1 && !query.matrix) {
			throw new ApiError(400, 'invalid_diff', 'These snapshots are of different matrices.');
		}
		if (matrixId === null) {
			const response: DiffResponse = {
				scope: 'board',
				from: from.side,
				to: to.side,
				diff: diffBoards(from.board, to.board)
			};
			return c.json(response, 200);
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
		return c.json(response, 200);
	});

	return app;
}
