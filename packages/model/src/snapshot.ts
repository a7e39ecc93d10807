/**
 * The pure rules of named snapshots (what a snapshot of a scope keeps). Snapshots are stored by
 * the server outside the live document; their REST payloads (`SnapshotMeta`, `DiffResponse`, …)
 * are transport and live in `@riskboard/protocol`.
 */
import { BoardError } from './errors.ts';
import type { Board, RaciMatrix } from './types.ts';

/** What a snapshot covers: the whole board, or one RACI matrix. */
export type SnapshotScope = 'board' | 'matrix';

/**
 * What a snapshot of `scope` keeps of a board. `board`: everything. `matrix`: settings, people
 * and teams (the matrix's columns and check threshold need them) and that one matrix; the
 * register and actions are left out, since the snapshot was not taken of them. Throws a
 * `BoardError` when the matrix is not on the board.
 */
export function scopeBoard(board: Board, scope: SnapshotScope, matrixId: string | null): Board {
	if (scope === 'board') return board;
	const matrix = board.matrices.find((m) => m.id === matrixId);
	if (!matrix) throw new BoardError(`Matrix "${matrixId}" is not on this board`);
	return { ...board, risks: [], actions: [], matrices: [matrix] };
}

/** The matrix with this id on a board, or undefined. */
export function findMatrix(board: Board, matrixId: string): RaciMatrix | undefined {
	return board.matrices.find((matrix) => matrix.id === matrixId);
}
