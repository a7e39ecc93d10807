/**
 * Which storage failures are "try again later" rather than bugs: the disk is full, the file
 * cannot be written or opened, the database is busy or locked. REST answers them 503 with
 * `Retry-After` (the websocket side closes with 4503); anything else stays a 500.
 */

/** Thrown when storage cannot take or give data right now; callers should retry later. */
export class StorageUnavailableError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'StorageUnavailableError';
	}
}

/** SQLite result codes (better-sqlite3 `SqliteError.code`) that mean "not now", not "wrong". */
const SQLITE_UNAVAILABLE =
	/^SQLITE_(FULL|IOERR|BUSY|LOCKED|CANTOPEN|READONLY|PROTOCOL|NOMEM|NOLFS)(_|$)/;

/** True when `error` (or one of its causes) says storage is unavailable or full. */
export function isStorageUnavailable(error: unknown): boolean {
	for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		if (e instanceof StorageUnavailableError) return true;
		const code = (e as { code?: unknown }).code;
		if (typeof code === 'string' && SQLITE_UNAVAILABLE.test(code)) return true;
	}
	return false;
}
