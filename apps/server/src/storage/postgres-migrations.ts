/**
 * The PostgreSQL schema as forward-only steps, numbered like SQLite's (`sqlite-migrations.ts`) and
 * tracked in `riskboard_schema (version)`. Append new steps; never edit a released one. Step N here
 * holds what SQLite's steps up to N hold, so a later feature adds the same step number to both
 * (issue 13 takes 6, issue 14 takes 7). Steps run inside one transaction each, under an advisory
 * lock, so several processes starting at once migrate once.
 */
export const PG_MIGRATIONS: string[] = [
	// 1. Boards, tokens, the append-only update log and compaction snapshots. `board_log_heads`
	// holds each board's last sequence number: an append locks that row (UPDATE … RETURNING) inside
	// its transaction, so sequence numbers are allocated in commit order with no gaps, whichever
	// process appends.
	`CREATE TABLE boards (
		id TEXT PRIMARY KEY,
		title TEXT NOT NULL,
		created_at TEXT NOT NULL
	);
	CREATE TABLE board_log_heads (
		board_id TEXT PRIMARY KEY REFERENCES boards(id),
		last_seq BIGINT NOT NULL
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
		seq BIGINT NOT NULL,
		data BYTEA NOT NULL,
		role TEXT NOT NULL,
		connection_id TEXT NOT NULL,
		token_id TEXT,
		created_at BIGINT NOT NULL,
		PRIMARY KEY (board_id, seq)
	);
	CREATE FUNCTION riskboard_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
	BEGIN
		RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME;
	END;
	$$;
	CREATE TRIGGER updates_append_only BEFORE UPDATE ON updates
		FOR EACH ROW EXECUTE FUNCTION riskboard_refuse_update();
	CREATE TABLE snapshots (
		board_id TEXT PRIMARY KEY REFERENCES boards(id),
		through_seq BIGINT NOT NULL,
		data BYTEA NOT NULL,
		created_at BIGINT NOT NULL
	);`,
	// 2. Named snapshots: inserted and deleted (owner only), never updated.
	`CREATE TABLE named_snapshots (
		seq BIGSERIAL PRIMARY KEY,
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
		state BYTEA NOT NULL,
		UNIQUE (board_id, id),
		CHECK ((scope = 'matrix') = (matrix_id IS NOT NULL))
	);
	CREATE TRIGGER named_snapshots_immutable BEFORE UPDATE ON named_snapshots
		FOR EACH ROW EXECUTE FUNCTION riskboard_refuse_update();`,
	// 3. History: the author's display name per update; a named snapshot's place in the log.
	`ALTER TABLE updates ADD COLUMN author_name TEXT;
	ALTER TABLE named_snapshots ADD COLUMN through_seq BIGINT;`,
	// 4. Quarantine: stored updates that could not be applied on load (the row stays).
	`CREATE TABLE quarantined_updates (
		board_id TEXT NOT NULL REFERENCES boards(id),
		seq BIGINT NOT NULL,
		reason TEXT NOT NULL,
		quarantined_at BIGINT NOT NULL,
		PRIMARY KEY (board_id, seq)
	);`,
	// 5. People: the person on the board the author of an update was.
	`ALTER TABLE updates ADD COLUMN author_person_id TEXT;`,
	// 6. Links the owner manages (label, last use; `position` keeps creation order among links made
	// in the same instant) and answers to POSTs sent with an Idempotency-Key, per link, 24 hours.
	`ALTER TABLE tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
	ALTER TABLE tokens ADD COLUMN last_used_at TEXT;
	ALTER TABLE tokens ADD COLUMN position BIGSERIAL;
	UPDATE tokens SET label = CASE role WHEN 'owner' THEN 'Owner' WHEN 'editor' THEN 'Editor' ELSE 'Viewer' END;
	CREATE INDEX tokens_by_board ON tokens (board_id, created_at, position);
	CREATE TABLE idempotency_keys (
		board_id TEXT NOT NULL REFERENCES boards(id),
		token_id TEXT NOT NULL,
		key TEXT NOT NULL,
		request_hash TEXT NOT NULL,
		status INT NOT NULL,
		body TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		PRIMARY KEY (board_id, token_id, key)
	);
	CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);`,
	// 7. Imports (SQLite's migration 7): an uploaded register while it is a preview (the file and
	// its last parse, until `expires_at`), then what its commit created and replaced, for undo and
	// the list of imports; `position` keeps creation order (SQLite's rowid).
	`CREATE TABLE imports (
		board_id TEXT NOT NULL REFERENCES boards(id),
		id TEXT NOT NULL,
		filename TEXT NOT NULL,
		format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
		created_at TEXT NOT NULL,
		created_by TEXT,
		token_id TEXT,
		status TEXT NOT NULL CHECK (status IN ('preview', 'committing', 'committed', 'undone')),
		expires_at BIGINT,
		bytes BIGINT NOT NULL,
		file BYTEA NOT NULL,
		state TEXT NOT NULL,
		result TEXT,
		committed_at TEXT,
		undone_at TEXT,
		position BIGSERIAL,
		PRIMARY KEY (board_id, id)
	);
	CREATE INDEX imports_previews ON imports (status, expires_at);
	CREATE INDEX imports_by_board ON imports (board_id, position);`
];
