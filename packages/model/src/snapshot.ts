/**
 * Named snapshots as the server stores and serves them, and the pure rules around them. The
 * server keeps snapshots outside the live document (so nothing a client sends can edit one); these
 * types are the REST payloads the web app reads.
 */
import { BoardError } from './errors.ts';
import type { BoardDiff } from './diff.ts';
import type { MatrixDiff } from './diff-raci.ts';
import type { Board, RaciMatrix } from './types.ts';

/** What a snapshot covers: the whole board, or one RACI matrix. */
export type SnapshotScope = 'board' | 'matrix';

/** A snapshot's metadata (`GET /api/boards/:id/snapshots` lists these, newest first). */
export interface SnapshotMeta {
	id: string;
	boardId: string;
	/** Chosen by its author, 1–200 characters. */
	name: string;
	/** The display name the author gave (there are no accounts). */
	author: string;
	/** The link role that took it. */
	role: 'owner' | 'editor';
	/** ISO time it was taken. */
	createdAt: string;
	scope: SnapshotScope;
	/** The matrix a `matrix` snapshot covers; null for `board`. */
	matrixId: string | null;
	/** SHA-256 (hex) of the stored board JSON, so a copy can be checked against the original. */
	digest: string;
}

/** `GET /api/boards/:id/snapshots/:sid`: metadata plus the frozen board. */
export interface SnapshotWithBoard extends SnapshotMeta {
	/** The board as `readBoard` read it; for a `matrix` snapshot, see `scopeBoard`. */
	board: Board;
}

/** One side of a diff: a snapshot, or the live board at the time of the request. */
export type DiffSide =
	{ kind: 'snapshot'; id: string; name: string; createdAt: string } | { kind: 'live'; at: string };

/** `GET /api/boards/:id/diff`: a board diff, or a matrix diff when a matrix was compared. */
export type DiffResponse =
	| { scope: 'board'; from: DiffSide; to: DiffSide; diff: BoardDiff }
	| { scope: 'matrix'; matrixId: string; from: DiffSide; to: DiffSide; diff: MatrixDiff };

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
