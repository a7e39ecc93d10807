/**
 * `/api/boards/:id/matrices…`: RACI matrices over REST — list, read with the live checks,
 * create, rename, delete; rows and columns added, moved (`before`/`after` a sibling id) and
 * deleted; a cell's letters replaced with `PUT`. Matrices and checks are the model's shapes.
 */
import type { RaciCheckResult, RaciMatrix } from '@riskboard/model';
import { z } from './zod.ts';
import { modelObject } from './common.ts';

const Author = z.string().trim().min(1).max(100).optional();
const Sibling = z.string().min(1).max(64).nullable().optional();

export const MatrixSchema = modelObject<RaciMatrix>('A RACI matrix (RaciMatrix)');
export const MatrixChecksSchema = modelObject<RaciCheckResult>(
	'The live checks: issues per row and column (RaciCheckResult)'
);
/** A matrix with its checks, as every matrix answer but the list gives it. */
export const MatrixWithChecksSchema = z.object({
	matrix: MatrixSchema,
	checks: MatrixChecksSchema
});
export const MatrixListResponseSchema = z.object({ matrices: z.array(MatrixSchema) });

export const MatrixParamsSchema = z.object({ id: z.string(), matrix: z.string() });
export const MatrixRowParamsSchema = z.object({
	id: z.string(),
	matrix: z.string(),
	row: z.string()
});
export const MatrixColumnParamsSchema = z.object({
	id: z.string(),
	matrix: z.string(),
	column: z.string()
});
export const MatrixCellParamsSchema = z.object({
	id: z.string(),
	matrix: z.string(),
	row: z.string(),
	column: z.string()
});

export const CreateMatrixRequestSchema = z.strictObject({
	name: z.string().trim().min(1).max(200),
	preset: z.enum(['RACI', 'RASCI']).optional(),
	author: Author
});
export const RenameMatrixRequestSchema = z.strictObject({
	name: z.string().trim().min(1).max(200),
	author: Author
});
export const AddMatrixRowRequestSchema = z.strictObject({
	text: z.string().max(500).optional(),
	after: z.string().min(1).max(64).optional(),
	author: Author
});
/** Change a row's text and/or move it before or after a sibling. */
export const PatchMatrixRowRequestSchema = z.strictObject({
	text: z.string().max(500).optional(),
	before: Sibling,
	after: Sibling,
	author: Author
});
/** A column is a person on the board or a whole team: exactly one of the two. */
export const AddMatrixColumnRequestSchema = z.strictObject({
	personId: z.string().min(1).max(64).optional(),
	team: z.string().min(1).max(100).optional(),
	after: z.string().min(1).max(64).optional(),
	author: Author
});
export const MoveMatrixColumnRequestSchema = z.strictObject({
	before: Sibling,
	after: Sibling,
	author: Author
});
/** A cell's letters, replaced whole (the preset decides which letters exist). */
export const PutMatrixCellRequestSchema = z.strictObject({
	letters: z.array(z.string().length(1)).max(5),
	author: Author
});
export const MatrixAuthorOnlyRequestSchema = z.strictObject({ author: Author });
