/**
 * The SQLite file's schema as forward-only steps, tracked in `PRAGMA user_version`. Append new
 * steps; never edit a released one (files in the field have already run it).
 */
export const MIGRATIONS: string[] = [
	`CREATE TABLE boards (
		id TEXT PRIMARY KEY,
		title TEXT NOT NULL,
		created_at TEXT NOT NULL
	);
	CREATE TABLE tokens (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL REFERENCES boards(id),
		role TEXT NOT NULL,
		hash TEXT NOT NULL UNIQUE,
		created_at TEXT NOT NULL,
		revoked_at TEXT
	);
	CREATE TABLE updates (
		board_id TEXT NOT NULL REFERENCES boards(id),
		seq INTEGER NOT NULL,
		data BLOB NOT NULL,
		role TEXT NOT NULL,
		connection_id TEXT NOT NULL,
		token_id TEXT,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (board_id, seq)
	) WITHOUT ROWID;
	CREATE TABLE snapshots (
		board_id TEXT PRIMARY KEY REFERENCES boards(id),
		through_seq INTEGER NOT NULL,
		data BLOB NOT NULL,
		created_at INTEGER NOT NULL
	);`,
	// Named snapshots: immutable copies of a board (or one matrix). Rows may be inserted and
	// deleted (owner only), never updated: the trigger makes any UPDATE fail, whoever tries.
	`CREATE TABLE named_snapshots (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		board_id TEXT NOT NULL REFERENCES boards(id),
		id TEXT NOT NULL,
		name TEXT NOT NULL,
		author TEXT NOT NULL,
		role TEXT NOT NULL,
		created_at TEXT NOT NULL,
		scope TEXT NOT NULL CHECK (scope IN ('board', 'matrix')),
		matrix_id TEXT,
		digest TEXT NOT NULL,
		board_json TEXT NOT NULL,
		state BLOB NOT NULL,
		UNIQUE (board_id, id),
		CHECK ((scope = 'matrix') = (matrix_id IS NOT NULL))
	);
	CREATE TRIGGER named_snapshots_immutable BEFORE UPDATE ON named_snapshots
	BEGIN
		SELECT RAISE(ABORT, 'named snapshots are immutable');
	END;`,
	// History: the author's display name per stored update (presence name or REST caller's
	// name), and the log position a named snapshot was taken at (the last update it includes), so
	// "who changed what" between two snapshots is a window of the log. Older rows have NULL. Adding
	// a column is not an UPDATE: the immutability trigger neither fires nor needs to.
	`ALTER TABLE updates ADD COLUMN author_name TEXT;
	ALTER TABLE named_snapshots ADD COLUMN through_seq INTEGER;`,
	// Quarantine: stored updates that could not be applied on load. The update row stays (the log
	// is append-only); loads and history skip the seqs listed here, and the owner is told.
	`CREATE TABLE quarantined_updates (
		board_id TEXT NOT NULL REFERENCES boards(id),
		seq INTEGER NOT NULL,
		reason TEXT NOT NULL,
		quarantined_at INTEGER NOT NULL,
		PRIMARY KEY (board_id, seq)
	) WITHOUT ROWID;`,
	// People: the person on the board the author of an update was, beside their name (see
	// `UpdateAuthor.personId`). Older rows have NULL: a name only.
	`ALTER TABLE updates ADD COLUMN author_person_id TEXT;`,
	// 6. Links the owner manages: a label per link (the three a board was created with get their
	// role's name) and when it was last used; answers to POSTs sent with an Idempotency-Key, per
	// link, kept 24 hours (pruned on write).
	`ALTER TABLE tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
	ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
	UPDATE tokens SET label = CASE role WHEN 'owner' THEN 'Owner' WHEN 'editor' THEN 'Editor' ELSE 'Viewer' END;
	CREATE INDEX tokens_by_board ON tokens (board_id, created_at);
	CREATE TABLE idempotency_keys (
		board_id TEXT NOT NULL REFERENCES boards(id),
		token_id TEXT NOT NULL,
		key TEXT NOT NULL,
		request_hash TEXT NOT NULL,
		status INTEGER NOT NULL,
		body TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		PRIMARY KEY (board_id, token_id, key)
	) WITHOUT ROWID;
	CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);`,
	// 7 — Imports: an uploaded register while it is a preview (the file and its last parse, until
	// `expires_at`), then what its commit created and replaced, for undo and the list of imports.
	`CREATE TABLE imports (
		board_id TEXT NOT NULL REFERENCES boards(id),
		id TEXT NOT NULL,
		filename TEXT NOT NULL,
		format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
		created_at TEXT NOT NULL,
		created_by TEXT,
		token_id TEXT,
		status TEXT NOT NULL CHECK (status IN ('preview', 'committing', 'committed', 'undone')),
		expires_at INTEGER,
		bytes INTEGER NOT NULL,
		file BLOB NOT NULL,
		state TEXT NOT NULL,
		result TEXT,
		committed_at TEXT,
		undone_at TEXT,
		PRIMARY KEY (board_id, id)
	);
	CREATE INDEX imports_previews ON imports (status, expires_at);`
];
