import type { ErrorResponse } from '@riskboard/protocol';

/** An error meant for the API caller: a status, a stable code and a sentence. */
export class ApiError extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 426 | 429 | 500 | 503,
		readonly code: string,
		message: string
	) {
		super(message);
	}

	toJSON(): ErrorResponse {
		return { error: { code: this.code, message: this.message } };
	}
}
