/** `/api/boards/:id/export/…`: downloads of the live board or of a snapshot. */
import { z } from './zod.ts';

export const RegisterExportParamsSchema = z.object({
	id: z.string(),
	/** `register.csv`, `.xlsx`, `.md` or `.json` (another extension: 400 `bad_format`). */
	file: z.string()
});

export const RaciExportParamsSchema = z.object({
	id: z.string(),
	/** `<matrixId>.csv`, `.xlsx` or `.md`. */
	file: z.string()
});

/** Which board: a snapshot id, or `live` (the default). */
export const ExportQuerySchema = z.strictObject({ snapshot: z.string().min(1).optional() });
