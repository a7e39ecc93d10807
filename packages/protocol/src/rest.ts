import type { Role } from './rules.ts';

/** `POST /api/boards` body. */
export interface CreateBoardRequest {
	title: string;
	/**
	 * The board's IANA time zone (the web app sends the browser's); the server's `TZ` (default
	 * UTC) when absent. It decides the board's "today" everywhere.
	 */
	timeZone?: string;
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
	/**
	 * Owner links only: stored changes that could not be applied when the board was loaded and
	 * were set aside (quarantined, never deleted), so the owner can be told.
	 */
	quarantinedUpdates?: number;
}

/** Every error answer of the REST API. */
export interface ErrorResponse {
	error: {
		/** Stable, machine-readable code such as `invalid_title` or `board_not_found`. */
		code: string;
		/** A sentence for people. */
		message: string;
		/**
		 * Only on a 500 (a bug): the id the server logged the failure under, also sent as the
		 * `X-Request-Id` header, for a bug report.
		 */
		requestId?: string;
	};
}

/**
 * One entry of `GET /api/boards/:id/risks/:riskId/history`: a field of the risk that changed
 * (field names and values as in the board diff), or the risk added (`field` `*`, `before` null)
 * or removed (`after` null). Consecutive edits of one field by one person are one entry.
 */
export interface RiskHistoryEntry {
	/** Sequence number of the (last) stored update of the change. */
	seq: number;
	/** ISO time the server stored it. */
	at: string;
	/** The author's display name, or null when unknown (older updates, the server itself). */
	by: string | null;
	/** The link role that wrote it, or `system` for server writes. */
	role: Role | 'system';
	/** The risk's key after the change, e.g. `R-7`. */
	key: string;
	/** Machine name: `title`, `likelihood`, `owner`, `actions`, … or `*`. */
	field: string;
	/** English label: `Title`, `Likelihood`, … (`Risk` for `*`). */
	label: string;
	before: string | number | null | string[];
	after: string | number | null | string[];
}

/** `GET /api/boards/:id/risks/:riskId/history?limit=N` answer: newest first. */
export interface RiskHistoryResponse {
	entries: RiskHistoryEntry[];
}
