import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SnapshotMeta } from '@riskboard/protocol';
import { MIGRATIONS } from './sqlite-migrations.ts';
import {
	IMPORT_SUMMARY_COLUMNS,
	SNAPSHOT_META_COLUMNS,
	importSummary,
	snapshotMeta,
	storedUpdate,
	tokenRecord,
	type ImportRow,
	type NamedSnapshotRow,
	type TokenRow,
	type UpdateRow
} from './sql-rows.ts';
import type {
	BoardRecord,
	NamedSnapshotRecord,
	BoardStore,
	QuarantinedUpdate,
	DocumentLoad,
	ImportLimits,
	ImportRecord,
	ImportStatus,
	ImportSummary,
	StoredUpdate,
	IdempotencyRecord,
	RevokeResult,
	TokenRecord,
	UpdateToStore
} from './types.ts';

interface IdempotencyRow {
	board_id: string;
	token_id: string;
	key: string;
	request_hash: string;
	status: number;
	body: string;
	created_at: number;
}

/**
 * The default BoardStore: one SQLite file in WAL mode with `synchronous = FULL`, so a committed
 * append survives a process kill and a power cut. Appends are one transaction per batch; the
 * update log is append-only and kept after compaction (the edit history is built on it).
 */
export class SqliteStore implements BoardStore {
	readonly kind = 'sqlite';
	readonly db: Database.Database;
	#statements;

	constructor(file: string) {
		if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
		this.db = new Database(file);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = FULL');
		this.db.pragma('foreign_keys = ON');
		this.db.pragma('busy_timeout = 5000');
		this.#migrate();
		const db = this.db;
		this.#statements = {
			insertBoard: db.prepare('INSERT INTO boards (id, title, created_at) VALUES (?, ?, ?)'),
			insertToken: db.prepare(
				'INSERT INTO tokens (id, board_id, role, hash, label, created_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
			),
			listTokens: db.prepare('SELECT * FROM tokens WHERE board_id = ? ORDER BY created_at, rowid'),
			getToken: db.prepare('SELECT * FROM tokens WHERE board_id = ? AND id = ?'),
			activeOwners: db.prepare(
				"SELECT COUNT(*) AS n FROM tokens WHERE board_id = ? AND role = 'owner' AND revoked_at IS NULL"
			),
			revokeToken: db.prepare('UPDATE tokens SET revoked_at = ? WHERE board_id = ? AND id = ?'),
			touchToken: db.prepare('UPDATE tokens SET last_used_at = ? WHERE board_id = ? AND id = ?'),
			getIdempotency: db.prepare(
				'SELECT * FROM idempotency_keys WHERE board_id = ? AND token_id = ? AND key = ? AND created_at >= ?'
			),
			pruneIdempotency: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
			insertIdempotency: db.prepare(
				'INSERT OR IGNORE INTO idempotency_keys (board_id, token_id, key, request_hash, status, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
			),
			getBoard: db.prepare('SELECT id, title, created_at FROM boards WHERE id = ?'),
			findToken: db.prepare('SELECT * FROM tokens WHERE hash = ? AND board_id = ?'),
			lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM updates WHERE board_id = ?'),
			insertUpdate: db.prepare(
				'INSERT INTO updates (board_id, seq, data, role, connection_id, token_id, author_name, author_person_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
			),
			getSnapshot: db.prepare('SELECT through_seq, data FROM snapshots WHERE board_id = ?'),
			updatesAfter: db.prepare(
				`SELECT seq, data, role, connection_id, token_id, author_name, author_person_id, created_at FROM updates u
				 WHERE board_id = :board AND seq > :after
				   AND NOT EXISTS (SELECT 1 FROM quarantined_updates q WHERE q.board_id = :board AND q.seq = u.seq)
				 ORDER BY seq LIMIT :limit`
			),
			quarantine: db.prepare(
				'INSERT OR IGNORE INTO quarantined_updates (board_id, seq, reason, quarantined_at) VALUES (?, ?, ?, ?)'
			),
			listQuarantined: db.prepare(
				'SELECT seq, reason, quarantined_at FROM quarantined_updates WHERE board_id = ? ORDER BY seq'
			),
			upsertSnapshot: db.prepare(
				`INSERT INTO snapshots (board_id, through_seq, data, created_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT(board_id) DO UPDATE SET through_seq = excluded.through_seq, data = excluded.data, created_at = excluded.created_at
				 WHERE excluded.through_seq >= snapshots.through_seq`
			),
			insertNamed: db.prepare(
				`INSERT INTO named_snapshots (${SNAPSHOT_META_COLUMNS}, board_json, state, through_seq)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
			),
			listNamed: db.prepare(
				`SELECT ${SNAPSHOT_META_COLUMNS} FROM named_snapshots WHERE board_id = ? ORDER BY seq DESC`
			),
			getNamed: db.prepare(
				`SELECT ${SNAPSHOT_META_COLUMNS}, board_json, state, through_seq FROM named_snapshots WHERE board_id = ? AND id = ?`
			),
			deleteNamed: db.prepare('DELETE FROM named_snapshots WHERE board_id = ? AND id = ?'),
			dropExpiredImports: db.prepare(
				"DELETE FROM imports WHERE status = 'preview' AND expires_at <= ?"
			),
			previewBytes: db.prepare(
				"SELECT COALESCE(SUM(bytes), 0) AS bytes FROM imports WHERE status = 'preview'"
			),
			insertImport: db.prepare(
				`INSERT INTO imports (board_id, id, filename, format, created_at, created_by, token_id, status, expires_at, bytes, file, state, result, committed_at, undone_at)
				 VALUES (:board_id, :id, :filename, :format, :created_at, :created_by, :token_id, :status, :expires_at, :bytes, :file, :state, :result, :committed_at, :undone_at)`
			),
			getImport: db.prepare(
				`SELECT ${IMPORT_SUMMARY_COLUMNS}, file, state FROM imports
				 WHERE board_id = ? AND id = ? AND NOT (status = 'preview' AND expires_at <= ?)`
			),
			updateImportState: db.prepare(
				"UPDATE imports SET state = ?, expires_at = ?, bytes = length(file) + length(CAST(? AS BLOB)) WHERE board_id = ? AND id = ? AND status = 'preview'"
			),
			listImports: db.prepare(
				`SELECT ${IMPORT_SUMMARY_COLUMNS} FROM imports
				 WHERE board_id = ? AND status IN ('committed', 'undone') ORDER BY rowid DESC`
			)
		};
	}

	#migrate(): void {
		const version = this.db.pragma('user_version', { simple: true }) as number;
		for (let v = version; v < MIGRATIONS.length; v++) {
			this.db.transaction(() => {
				this.db.exec(MIGRATIONS[v]!);
				this.db.pragma(`user_version = ${v + 1}`);
			})();
		}
	}

	#append(boardId: string, updates: UpdateToStore[]): number {
		let seq = (this.#statements.lastSeq.get(boardId) as { seq: number }).seq;
		for (const u of updates) {
			this.#statements.insertUpdate.run(
				boardId,
				++seq,
				u.data,
				u.role,
				u.connectionId,
				u.tokenId,
				u.name,
				u.personId ?? null,
				u.at
			);
		}
		return seq;
	}

	async createBoard(input: {
		board: BoardRecord;
		tokens: TokenRecord[];
		initialUpdate: UpdateToStore;
	}): Promise<void> {
		this.db.transaction(() => {
			const { board } = input;
			this.#statements.insertBoard.run(board.id, board.title, board.createdAt);
			for (const t of input.tokens) this.#insertToken(t);
			this.#append(board.id, [input.initialUpdate]);
		})();
	}

	async getBoard(id: string): Promise<BoardRecord | null> {
		const row = this.#statements.getBoard.get(id) as
			{ id: string; title: string; created_at: string } | undefined;
		return row ? { id: row.id, title: row.title, createdAt: row.created_at } : null;
	}

	#insertToken(t: TokenRecord): void {
		this.#statements.insertToken.run(
			t.id,
			t.boardId,
			t.role,
			t.hash,
			t.label,
			t.createdAt,
			t.lastUsedAt,
			t.revokedAt
		);
	}

	async findToken(boardId: string, hash: string): Promise<TokenRecord | null> {
		const row = this.#statements.findToken.get(hash, boardId) as TokenRow | undefined;
		return row ? tokenRecord(row) : null;
	}

	async listTokens(boardId: string): Promise<TokenRecord[]> {
		return (this.#statements.listTokens.all(boardId) as TokenRow[]).map(tokenRecord);
	}

	async addToken(token: TokenRecord): Promise<void> {
		this.#insertToken(token);
	}

	async revokeToken(boardId: string, tokenId: string, at: string): Promise<RevokeResult> {
		return this.db
			.transaction((): RevokeResult => {
				const row = this.#statements.getToken.get(boardId, tokenId) as TokenRow | undefined;
				if (!row) return 'not_found';
				if (row.revoked_at !== null) return 'already_revoked';
				if (row.role === 'owner') {
					const { n } = this.#statements.activeOwners.get(boardId) as { n: number };
					if (n <= 1) return 'last_owner';
				}
				this.#statements.revokeToken.run(at, boardId, tokenId);
				return 'revoked';
			})
			.immediate();
	}

	async touchToken(boardId: string, tokenId: string, at: string): Promise<void> {
		this.#statements.touchToken.run(at, boardId, tokenId);
	}

	async getIdempotency(
		boardId: string,
		tokenId: string,
		key: string,
		notBefore: number
	): Promise<IdempotencyRecord | null> {
		const row = this.#statements.getIdempotency.get(boardId, tokenId, key, notBefore) as
			IdempotencyRow | undefined;
		return row
			? {
					boardId: row.board_id,
					tokenId: row.token_id,
					key: row.key,
					requestHash: row.request_hash,
					status: row.status,
					body: row.body,
					createdAt: row.created_at
				}
			: null;
	}

	async putIdempotency(record: IdempotencyRecord, notBefore: number): Promise<boolean> {
		return this.db
			.transaction(() => {
				this.#statements.pruneIdempotency.run(notBefore);
				const r = record;
				const result = this.#statements.insertIdempotency.run(
					r.boardId,
					r.tokenId,
					r.key,
					r.requestHash,
					r.status,
					r.body,
					r.createdAt
				);
				return result.changes === 1;
			})
			.immediate();
	}

	async loadDocument(boardId: string): Promise<DocumentLoad> {
		return this.db.transaction(() => {
			const snap = this.#statements.getSnapshot.get(boardId) as
				{ through_seq: number; data: Buffer } | undefined;
			const after = snap?.through_seq ?? 0;
			const rows = this.#statements.updatesAfter.all({
				board: boardId,
				after,
				limit: -1
			}) as UpdateRow[];
			const lastSeq = (this.#statements.lastSeq.get(boardId) as { seq: number }).seq;
			return {
				snapshot: snap ? new Uint8Array(snap.data) : null,
				updates: rows.map((r) => ({ seq: r.seq, data: new Uint8Array(r.data) })),
				lastSeq,
				updatesSinceSnapshot: rows.length
			};
		})();
	}

	async appendUpdates(boardId: string, updates: UpdateToStore[]): Promise<number> {
		return this.db.transaction(() => this.#append(boardId, updates))();
	}

	async writeSnapshot(
		boardId: string,
		snapshot: { data: Uint8Array; throughSeq: number }
	): Promise<void> {
		this.#statements.upsertSnapshot.run(boardId, snapshot.throughSeq, snapshot.data, Date.now());
	}

	async listUpdates(
		boardId: string,
		options: { afterSeq?: number; limit?: number } = {}
	): Promise<StoredUpdate[]> {
		const rows = this.#statements.updatesAfter.all({
			board: boardId,
			after: options.afterSeq ?? 0,
			limit: options.limit ?? -1
		}) as UpdateRow[];
		return rows.map(storedUpdate);
	}

	async quarantineUpdates(
		boardId: string,
		entries: Array<{ seq: number; reason: string }>
	): Promise<void> {
		const at = Date.now();
		this.db.transaction(() => {
			for (const { seq, reason } of entries)
				this.#statements.quarantine.run(boardId, seq, reason, at);
		})();
	}

	async listQuarantined(boardId: string): Promise<QuarantinedUpdate[]> {
		const rows = this.#statements.listQuarantined.all(boardId) as Array<{
			seq: number;
			reason: string;
			quarantined_at: number;
		}>;
		return rows.map((r) => ({ seq: r.seq, reason: r.reason, at: r.quarantined_at }));
	}

	async createNamedSnapshot(record: NamedSnapshotRecord): Promise<void> {
		const m = record.meta;
		this.#statements.insertNamed.run(
			m.boardId,
			m.id,
			m.name,
			m.author,
			m.role,
			m.createdAt,
			m.scope,
			m.matrixId,
			m.digest,
			record.boardJson,
			record.state,
			record.throughSeq
		);
	}

	async listNamedSnapshots(boardId: string): Promise<SnapshotMeta[]> {
		return (this.#statements.listNamed.all(boardId) as NamedSnapshotRow[]).map(snapshotMeta);
	}

	async getNamedSnapshot(boardId: string, id: string): Promise<NamedSnapshotRecord | null> {
		const row = this.#statements.getNamed.get(boardId, id) as NamedSnapshotRow | undefined;
		if (!row) return null;
		return {
			meta: snapshotMeta(row),
			boardJson: row.board_json!,
			state: new Uint8Array(row.state!),
			throughSeq: row.through_seq ?? null
		};
	}

	async deleteNamedSnapshot(boardId: string, id: string): Promise<boolean> {
		return this.#statements.deleteNamed.run(boardId, id).changes > 0;
	}

	async createImport(record: ImportRecord, limits: ImportLimits): Promise<boolean> {
		const bytes = record.file.byteLength + Buffer.byteLength(record.state);
		return this.db
			.transaction(() => {
				this.#statements.dropExpiredImports.run(limits.now);
				const used = (this.#statements.previewBytes.get() as { bytes: number }).bytes;
				if (used + bytes > limits.maxPreviewBytes) return false;
				this.#statements.insertImport.run({
					board_id: record.boardId,
					id: record.id,
					filename: record.filename,
					format: record.format,
					created_at: record.createdAt,
					created_by: record.createdBy,
					token_id: record.tokenId,
					status: record.status,
					expires_at: record.expiresAt,
					bytes,
					file: Buffer.from(record.file),
					state: record.state,
					result: record.result,
					committed_at: record.committedAt,
					undone_at: record.undoneAt
				});
				return true;
			})
			.immediate();
	}

	async getImport(boardId: string, id: string, now: number): Promise<ImportRecord | null> {
		const row = this.#statements.getImport.get(boardId, id, now) as ImportRow | undefined;
		if (!row) return null;
		return { ...importSummary(row), file: new Uint8Array(row.file!), state: row.state! };
	}

	async updateImportState(
		boardId: string,
		id: string,
		state: string,
		expiresAt: number
	): Promise<boolean> {
		return (
			this.#statements.updateImportState.run(state, expiresAt, state, boardId, id).changes === 1
		);
	}

	async transitionImport(
		boardId: string,
		id: string,
		from: ImportStatus,
		to: ImportStatus,
		patch: Partial<
			Pick<ImportRecord, 'file' | 'state' | 'result' | 'committedAt' | 'undoneAt' | 'expiresAt'>
		> = {}
	): Promise<boolean> {
		const sets = ['status = :to'];
		const params: Record<string, unknown> = { to, from, board: boardId, id };
		const columns: Record<string, string> = {
			file: 'file',
			state: 'state',
			result: 'result',
			committedAt: 'committed_at',
			undoneAt: 'undone_at',
			expiresAt: 'expires_at'
		};
		for (const [key, column] of Object.entries(columns)) {
			if (!(key in patch)) continue;
			const value = patch[key as keyof typeof patch];
			sets.push(`${column} = :${column}`);
			params[column] = value instanceof Uint8Array ? Buffer.from(value) : value;
		}
		if ('file' in patch || 'state' in patch)
			sets.push('bytes = length(file) + length(CAST(state AS BLOB))');
		const sql = `UPDATE imports SET ${sets.join(', ')} WHERE board_id = :board AND id = :id AND status = :from`;
		return this.db.prepare(sql).run(params).changes === 1;
	}

	async listImports(boardId: string): Promise<ImportSummary[]> {
		return (this.#statements.listImports.all(boardId) as ImportRow[]).map(importSummary);
	}

	async close(): Promise<void> {
		if (this.db.open) this.db.close();
	}
}
