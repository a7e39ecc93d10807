import type { Role } from './rules.ts';

/** `POST /api/boards` body. */
export interface CreateBoardRequest {
	title: string;
}

/** `POST /api/boards` answer (201). The tokens are shown once; the server keeps only hashes. */
export interface CreateBoardResponse {
	id: string;
	title: string;
	createdAt: string;
	tokens: Record<Role, string>;
}

/** `GET /api/boards/:id` answer, for a request carrying a valid token. */
export interface BoardInfoResponse {
	id: string;
	title: string;
	createdAt: string;
	role: Role;
}

/** Every error answer of the REST API. */
export interface ErrorResponse {
	error: {
		/** Stable, machine-readable code such as `invalid_title` or `board_not_found`. */
		code: string;
		/** A sentence for people. */
		message: string;
	};
}
