/**
 * Taking a named snapshot: the committed room state read in one synchronous step (JSON, Yjs
 * state, log position), scoped, hashed and stored outside the live document. Used by the
 * snapshot routes and by reviews (baseline and final snapshots).
 */
import { findMatrix, readBoard, scopeBoard, type Board } from '@riskboard/model';
import type { SnapshotMeta, SnapshotScope } from '@riskboard/protocol';
import * as Y from 'yjs';
import type { AppDeps } from './deps.ts';
import { ApiError } from './errors.ts';
import { digestOf, unavailable } from './routes/board-data.ts';
import type { BoardRecord, TokenRecord } from './storage/types.ts';
import { newShortId } from './tokens.ts';

/** What a snapshot is of, and who takes it. */
export interface CreateSnapshotInput {
	name: string;
	author: string;
	scope: SnapshotScope;
	matrixId: string | null;
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
