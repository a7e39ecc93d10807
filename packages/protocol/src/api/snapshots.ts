/**
 * `/api/boards/:id/snapshots…` and `/api/boards/:id/diff`: named snapshots (stored outside the
 * live document, immutable) and diffs between them or against the live board.
 */
import type { BoardDiff, MatrixDiff } from '@riskboard/model';
import { z } from './zod.ts';
import { MAX_TITLE_LENGTH } from '../rules.ts';
import { BoardJsonSchema, IsoTimeSchema, modelObject } from './common.ts';

/** Longest author display name of a snapshot, in characters. */
export const MAX_AUTHOR_LENGTH = 100;

/** What a snapshot covers: the whole board, or one RACI matrix. */
export const SnapshotScopeSchema = z.enum(['board', 'matrix']);
export type SnapshotScope = z.infer<typeof SnapshotScopeSchema>;

/** A snapshot's metadata (`GET /api/boards/:id/snapshots` lists these, newest first). */
export const SnapshotMetaSchema = z.object({
	id: z.string(),
	boardId: z.string(),
	/** Chosen by its author, 1–200 characters. */
	name: z.string(),
	/** The display name the author gave (there are no accounts). */
	author: z.string(),
	/** The link role that took it. */
	role: z.enum(['owner', 'editor']),
	createdAt: IsoTimeSchema,
	scope: SnapshotScopeSchema,
	/** The matrix a `matrix` snapshot covers; null for `board`. */
	matrixId: z.string().nullable(),
	/** SHA-256 (hex) of the stored board JSON, so a copy can be checked against the original. */
	digest: z.string()
});
export type SnapshotMeta = z.infer<typeof SnapshotMetaSchema>;

/** `:sid` of the snapshot routes. */
export const SnapshotParamsSchema = z.object({ id: z.string(), sid: z.string() });

/** `POST /api/boards/:id/snapshots` body; a `matrix` snapshot names its `matrixId`. */
export const CreateSnapshotRequestSchema = z.strictObject({
	name: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
	author: z.string().trim().min(1).max(MAX_AUTHOR_LENGTH),
	scope: SnapshotScopeSchema.optional(),
	matrixId: z.string().min(1).max(64).optional()
});
export type CreateSnapshotRequest = z.input<typeof CreateSnapshotRequestSchema>;

/** `GET /api/boards/:id/snapshots` answer. */
export const SnapshotListResponseSchema = z.object({ snapshots: z.array(SnapshotMetaSchema) });

/** `GET /api/boards/:id/snapshots/:sid` answer: metadata plus the frozen board. */
export const SnapshotWithBoardSchema = SnapshotMetaSchema.extend({ board: BoardJsonSchema });
/** The board is `readBoard`'s `Board`; for a `matrix` snapshot, see the model's `scopeBoard`. */
export type SnapshotWithBoard = z.infer<typeof SnapshotWithBoardSchema>;

/** One side of a diff: a snapshot, or the live board at the time of the request. */
export const DiffSideSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('snapshot'),
		id: z.string(),
		name: z.string(),
		createdAt: IsoTimeSchema
	}),
	z.object({ kind: z.literal('live'), at: IsoTimeSchema })
]);
export type DiffSide = z.infer<typeof DiffSideSchema>;

/** `GET /api/boards/:id/diff` query: `from` a snapshot, `to` a snapshot or `live` (default). */
export const DiffQuerySchema = z.strictObject({
	from: z.string().min(1),
	to: z.string().min(1).optional(),
	matrix: z.string().min(1).optional()
});

const BoardDiffSchema = modelObject<BoardDiff>('The model’s BoardDiff');
const MatrixDiffSchema = modelObject<MatrixDiff>('The model’s MatrixDiff');

/** `GET /api/boards/:id/diff` answer: a board diff, or a matrix diff when a matrix was compared. */
export const DiffResponseSchema = z.discriminatedUnion('scope', [
	z.object({
		scope: z.literal('board'),
		from: DiffSideSchema,
		to: DiffSideSchema,
		diff: BoardDiffSchema
	}),
	z.object({
		scope: z.literal('matrix'),
		matrixId: z.string(),
		from: DiffSideSchema,
		to: DiffSideSchema,
		diff: MatrixDiffSchema
	})
]);
export type DiffResponse = z.infer<typeof DiffResponseSchema>;
