import type { ErrorResponse, Issue } from '@riskboard/protocol';

/** Seconds a client is asked to wait (`Retry-After`) when storage is unavailable. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * An error meant for the API caller: a status, a stable code and a sentence. A 503 always says
 * when to retry (`retryAfter`, seconds, sent as `Retry-After`); so does a 429.
 */
export class ApiError extends Error {
	readonly retryAfter: number | null;
	/** The schema issues of a 400 `invalid_request`. */
	readonly details: Issue[] | undefined;

	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 426 | 429 | 503,
		readonly code: string,
		message: string,
		options: { retryAfter?: number; details?: Issue[]; fields?: Record<string, unknown> } = {}
	) {
		super(message);
		this.details = options.details;
		this.retryAfter = options.retryAfter ?? (status === 503 ? STORAGE_RETRY_AFTER_SECONDS : null);
		this.fields = options.fields ?? {};
	}

	/** More members of the envelope's `error` (an import's invalid `rows`). */
	readonly fields: Record<string, unknown>;

	toJSON(): ErrorResponse {
		return {
			error: {
				...this.fields,
				code: this.code,
				message: this.message,
				...(this.details ? { details: this.details } : {})
			}
		};
	}
}
