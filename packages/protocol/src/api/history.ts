/** `GET /api/boards/:id/risks/:riskId/history`: who changed which field of a risk, and when. */
import { z } from './zod.ts';
import { IsoTimeSchema, WriterRoleSchema } from './common.ts';

/** Entries returned when the request names no limit, and the most it may ask for. */
export const HISTORY_DEFAULT_LIMIT = 200;
export const HISTORY_MAX_LIMIT = 1000;

export const RiskHistoryParamsSchema = z.object({ id: z.string(), riskId: z.string() });

export const RiskHistoryQuerySchema = z.strictObject({
	limit: z.coerce.number().int().min(1).max(HISTORY_MAX_LIMIT).optional()
});

const HistoryValueSchema = z.union([z.string(), z.number(), z.null(), z.array(z.string())]);

/**
 * One entry: a field of the risk that changed (field names and values as in the board diff), or
 * the risk added (`field` `*`, `before` null) or removed (`after` null). Consecutive edits of one
 * field by one person are one entry.
 */
export const RiskHistoryEntrySchema = z.object({
	/** Sequence number of the (last) stored update of the change. */
	seq: z.number().int(),
	/** ISO time the server stored it. */
	at: IsoTimeSchema,
	/** The author's display name, or null when unknown (older updates, the server itself). */
	by: z.string().nullable(),
	/** The link role that wrote it, or `system` for server writes. */
	role: WriterRoleSchema,
	/** The risk's key after the change, e.g. `R-7`. */
	key: z.string(),
	/** Machine name: `title`, `likelihood`, `owner`, `actions`, … or `*`. */
	field: z.string(),
	/** English label: `Title`, `Likelihood`, … (`Risk` for `*`). */
	label: z.string(),
	before: HistoryValueSchema,
	after: HistoryValueSchema
});
export type RiskHistoryEntry = z.infer<typeof RiskHistoryEntrySchema>;

/** The answer: newest first. */
export const RiskHistoryResponseSchema = z.object({ entries: z.array(RiskHistoryEntrySchema) });
export type RiskHistoryResponse = z.infer<typeof RiskHistoryResponseSchema>;
