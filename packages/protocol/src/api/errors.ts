/** The one error envelope every REST answer of 4xx/5xx uses. */
import { z } from './zod.ts';

/** One problem found in a request (a schema issue): where, a stable code, a sentence. */
export const IssueSchema = z.object({
	/** Where the problem is: `body`, `query`, `param` or `header`, then the path inside it. */
	path: z.array(z.union([z.string(), z.number()])),
	/** zod's issue code: `invalid_type`, `too_big`, `unrecognized_keys`, … */
	code: z.string(),
	message: z.string()
});
export type Issue = z.infer<typeof IssueSchema>;

/** `{"error":{"code","message","details"?}}`: every refusal and failure of the REST API. */
export const ErrorResponseSchema = z.object({
	error: z.object({
		/** Stable, machine-readable code such as `invalid_request` or `board_not_found`. */
		code: z.string(),
		/** A sentence for people. */
		message: z.string(),
		/** On a 400 `invalid_request`: the schema issues, each with its path. */
		details: z.array(IssueSchema).optional(),
		/**
		 * Only on a 500 (a bug): the id the server logged the failure under, also sent as the
		 * `X-Request-Id` header, for a bug report.
		 */
		requestId: z.string().optional()
	})
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;
