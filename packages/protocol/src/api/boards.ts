/** `/api/boards` and `/api/boards/:id`: creating a board and reading its info. */
import { z } from './zod.ts';
import { MAX_TITLE_LENGTH } from '../rules.ts';
import { IsoTimeSchema, RoleSchema } from './common.ts';

/** `POST /api/boards` body. */
export const CreateBoardRequestSchema = z.strictObject({
	title: z.string().trim().min(1).max(MAX_TITLE_LENGTH),
	/**
	 * The board's IANA time zone (the web app sends the browser's); the server's `TZ` (default
	 * UTC) when absent. It decides the board's "today" everywhere.
	 */
	timeZone: z.string().max(100).optional()
});
export type CreateBoardRequest = z.input<typeof CreateBoardRequestSchema>;

/** `POST /api/boards` answer (201). The tokens are shown once; the server keeps only hashes. */
export const CreateBoardResponseSchema = z.object({
	id: z.string(),
	title: z.string(),
	createdAt: IsoTimeSchema,
	tokens: z.object({ owner: z.string(), editor: z.string(), viewer: z.string() })
});
export type CreateBoardResponse = z.infer<typeof CreateBoardResponseSchema>;

/** `GET /api/boards/:id` answer, for a request carrying a valid token. */
export const BoardInfoResponseSchema = z.object({
	id: z.string(),
	title: z.string(),
	createdAt: IsoTimeSchema,
	role: RoleSchema,
	/**
	 * Owner links only: stored changes that could not be applied when the board was loaded and
	 * were set aside (quarantined, never deleted), so the owner can be told.
	 */
	quarantinedUpdates: z.number().int().min(0).optional()
});
export type BoardInfoResponse = z.infer<typeof BoardInfoResponseSchema>;
