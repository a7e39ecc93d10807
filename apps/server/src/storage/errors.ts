/**
 * Which storage failures are "try again later" rather than bugs: the disk is full, the file
 * cannot be written or opened, the database is busy, locked, unreachable or shutting down. REST answers them 503 with
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

/**
 * PostgreSQL SQLSTATE classes that mean "not now": connection exceptions (08), insufficient
 * resources such as a full disk (53), operator intervention such as a shutdown or a server still
 * starting (57P), and serialisation failures or deadlocks (40001, 40P01).
 */
const POSTGRES_UNAVAILABLE = /^(08...|53...|57P0[1-4]|40001|40P01)$/;
/** Connection failures as Node and Postgres.js name them (the database is unreachable). */
const CONNECTION_FAILURES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENOTFOUND',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED'
]);

/** True when `error` (or one of its causes) says storage is unavailable or full. */
export function isStorageUnavailable(error: unknown): boolean {
	for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
		if (e instanceof StorageUnavailableError) return true;
		const code = (e as { code?: unknown }).code;
		if (typeof code !== 'string') continue;
		if (SQLITE_UNAVAILABLE.test(code) || CONNECTION_FAILURES.has(code)) return true;
		// Postgres.js's PostgresError carries the SQLSTATE as `code`.
		if (e.name === 'PostgresError' && POSTGRES_UNAVAILABLE.test(code)) return true;
	}
	return false;
}
