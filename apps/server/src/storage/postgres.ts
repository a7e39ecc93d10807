import postgres from 'postgres';
import type { Role, SnapshotMeta } from '@riskboard/protocol';
import { PG_MIGRATIONS } from './postgres-migrations.ts';
import {
	importSummary,
	snapshotMeta,
	storedUpdate,
	tokenRecord,
	TOKEN_COLUMNS,
	type ImportRow,
	type NamedSnapshotRow,
	type TokenRow,
	type UpdateRow
} from './sql-rows.ts';
import type {
	BoardRecord,
	BoardStore,
	DocumentLoad,
	IdempotencyRecord,
	ImportLimits,
	ImportRecord,
	ImportStatus,
	ImportSummary,
	NamedSnapshotRecord,
	QuarantinedUpdate,
	RevokeResult,
	StoredUpdate,
	TokenRecord,
	UpdateToStore
} from './types.ts';

/** Any client the store runs its queries through (the pool, or one transaction of it). */
type Sql = postgres.Sql<{ bigint: number }>;

/** Rows per INSERT statement of an append (9 parameters each, PostgreSQL allows 65,535). */
const APPEND_CHUNK = 4000;
/** Key of the advisory lock that serialises the preview cap check of `createImport`. */
const IMPORT_CAP_LOCK = 0x494d5054; // 'IMPT'
/** Key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK = 0x5249534b; // 'RISK'

/** Seconds before reconnect attempt `retries` (50 ms doubling, at most 1 s). */
export const reconnectBackoff = (retries: number): number => Math.min(0.05 * 2 ** retries, 1);

/** A copy with its own ArrayBuffer: callers may change what they get, the driver reuses buffers. */
const bytes = (data: Uint8Array): Uint8Array => new Uint8Array(data);

/**
 * The BoardStore for several server processes: PostgreSQL through `postgres` (Postgres.js).
 *
 * The update log is append-only (a trigger refuses UPDATE) and its per-board sequence equals
 * commit order: an append is one statement that increments the board's `board_log_heads` row and
 * inserts the batch numbered from it, so the row lock taken by the increment is held until the
 * append commits and the next appender (any process) numbers after it; committed sequence numbers
 * are always a gap-free prefix. A batch is one statement (one round trip); batches above
 * `APPEND_CHUNK` rows are several statements in one transaction.
 */
export class PostgresStore implements BoardStore {
	readonly kind = 'postgres';
	readonly sql: Sql;

	private constructor(sql: Sql) {
		this.sql = sql;
	}

	/**
	 * Connects, migrates (once, whichever process gets the advisory lock first) and returns the
	 * store. `max` is the pool size per process.
	 */
	static async open(url: string, options: { max?: number } = {}): Promise<PostgresStore> {
		const sql = postgres(url, {
			max: options.max ?? 10,
			connect_timeout: 5,
			idle_timeout: 60,
			// Reconnect within a second once PostgreSQL is back. Postgres.js's default backoff grows
			// to 20 s after a few failed attempts (shared by the pool): a restart of PostgreSQL then
			// left websocket upgrades waiting on a backing-off connection for 15 s.
			backoff: reconnectBackoff,
			onnotice: () => {},
			types: {
				// BIGINT columns (sequence numbers, ms timestamps) as numbers: all stay below 2^53.
				bigint: { to: 20, from: [20], serialize: (n: number) => String(n), parse: Number }
			}
		}) as unknown as Sql;
		const store = new PostgresStore(sql);
		try {
			await store.#migrate();
		} catch (error) {
			await sql.end({ timeout: 1 });
			throw error;
		}
		return store;
	}

	/** The schema version this database is at (for tests and `/healthz`). */
	async schemaVersion(): Promise<number> {
		const [row] = await this.sql<Array<{ version: number }>>`
			SELECT COALESCE(MAX(version), 0)::int AS version FROM riskboard_schema`;
		return row!.version;
	}

	async #migrate(): Promise<void> {
		await this.sql.begin(async (tx) => {
			await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
			await tx`CREATE TABLE IF NOT EXISTS riskboard_schema (
				version INT PRIMARY KEY,
				applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
			)`;
			const [row] = await tx<Array<{ version: number }>>`
				SELECT COALESCE(MAX(version), 0)::int AS version FROM riskboard_schema`;
			for (let v = row!.version; v < PG_MIGRATIONS.length; v++) {
				await tx.unsafe(PG_MIGRATIONS[v]!);
				await tx`INSERT INTO riskboard_schema (version) VALUES (${v + 1})`;
			}
		});
	}

	/** Appends `updates` through `sql` and returns the last sequence number (see the class). */
	async #append(sql: Sql, boardId: string, updates: UpdateToStore[]): Promise<number> {
		let last = 0;
		for (let start = 0; start < updates.length; start += APPEND_CHUNK) {
			const chunk = updates.slice(start, start + APPEND_CHUNK);
			const params: Array<string | number | Buffer | null> = [boardId, chunk.length];
			const rows = chunk.map((u, i) => {
				const p = params.length;
				params.push(
					i + 1,
					Buffer.from(u.data.buffer, u.data.byteOffset, u.data.byteLength),
					u.role,
					u.connectionId,
					u.tokenId,
					u.name,
					u.personId ?? null,
					u.at
				);
				return `($${p + 1}::int, $${p + 2}::bytea, $${p + 3}::text, $${p + 4}::text, $${p + 5}::text, $${p + 6}::text, $${p + 7}::text, $${p + 8}::bigint)`;
			});
			const result = await sql.unsafe<Array<{ seq: number }>>(
				`WITH head AS (
					UPDATE board_log_heads SET last_seq = last_seq + $2::int WHERE board_id = $1::text
					RETURNING last_seq
				)
				INSERT INTO updates (board_id, seq, data, role, connection_id, token_id, author_name, author_person_id, created_at)
				SELECT $1::text, head.last_seq - $2::int + v.ord, v.data, v.role, v.connection_id, v.token_id, v.author_name, v.author_person_id, v.created_at
				FROM head, (VALUES ${rows.join(', ')}) AS v(ord, data, role, connection_id, token_id, author_name, author_person_id, created_at)
				RETURNING seq`,
				params as never[],
				{ prepare: false }
			);
			if (result.length !== chunk.length) throw new Error(`board ${boardId} does not exist`);
			last = Math.max(...result.map((r) => r.seq));
		}
		return last;
	}

	async createBoard(input: {
		board: BoardRecord;
		tokens: TokenRecord[];
		initialUpdate: UpdateToStore;
	}): Promise<void> {
		const { board } = input;
		await this.sql.begin(async (tx) => {
			await tx`INSERT INTO boards (id, title, created_at) VALUES (${board.id}, ${board.title}, ${board.createdAt})`;
			await tx`INSERT INTO board_log_heads (board_id, last_seq) VALUES (${board.id}, 0)`;
			for (const t of input.tokens) await this.#insertToken(tx as unknown as Sql, t);
			await this.#append(tx as unknown as Sql, board.id, [input.initialUpdate]);
		});
	}

	async getBoard(id: string): Promise<BoardRecord | null> {
		const [row] = await this.sql<Array<{ id: string; title: string; created_at: string }>>`
			SELECT id, title, created_at FROM boards WHERE id = ${id}`;
		return row ? { id: row.id, title: row.title, createdAt: row.created_at } : null;
	}

	async #insertToken(sql: Sql, t: TokenRecord): Promise<void> {
		await sql`INSERT INTO tokens (id, board_id, role, hash, label, created_at, last_used_at, revoked_at)
			VALUES (${t.id}, ${t.boardId}, ${t.role}, ${t.hash}, ${t.label}, ${t.createdAt}, ${t.lastUsedAt}, ${t.revokedAt})`;
	}

	async findToken(boardId: string, hash: string): Promise<TokenRecord | null> {
		const [row] = await this.sql.unsafe<TokenRow[]>(
			`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = $1 AND board_id = $2`,
			[hash, boardId]
		);
		return row ? tokenRecord(row) : null;
	}

	async listTokens(boardId: string): Promise<TokenRecord[]> {
		const rows = await this.sql.unsafe<TokenRow[]>(
			`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE board_id = $1 ORDER BY created_at, position`,
			[boardId]
		);
		return rows.map(tokenRecord);
	}

	async addToken(token: TokenRecord): Promise<void> {
		await this.#insertToken(this.sql, token);
	}

	async revokeToken(boardId: string, tokenId: string, at: string): Promise<RevokeResult> {
		// The board's links locked together, so two owners revoking each other cannot both win.
		return this.sql.begin(async (t) => {
			const tx = t as unknown as Sql;
			const links = await tx<Array<{ id: string; role: Role; revoked_at: string | null }>>`
				SELECT id, role, revoked_at FROM tokens WHERE board_id = ${boardId} ORDER BY id FOR UPDATE`;
			const link = links.find((l) => l.id === tokenId);
			if (!link) return 'not_found';
			if (link.revoked_at !== null) return 'already_revoked';
			const owners = links.filter((l) => l.role === 'owner' && l.revoked_at === null).length;
			if (link.role === 'owner' && owners <= 1) return 'last_owner';
			await tx`UPDATE tokens SET revoked_at = ${at} WHERE board_id = ${boardId} AND id = ${tokenId}`;
			return 'revoked' as const;
		});
	}

	async touchToken(boardId: string, tokenId: string, at: string): Promise<void> {
		await this
			.sql`UPDATE tokens SET last_used_at = ${at} WHERE board_id = ${boardId} AND id = ${tokenId}`;
	}

	async getIdempotency(
		boardId: string,
		tokenId: string,
		key: string,
		notBefore: number
	): Promise<IdempotencyRecord | null> {
		const [row] = await this.sql<
			Array<{
				board_id: string;
				token_id: string;
				key: string;
				request_hash: string;
				status: number;
				body: string;
				created_at: number;
			}>
		>`SELECT board_id, token_id, key, request_hash, status, body, created_at FROM idempotency_keys
			WHERE board_id = ${boardId} AND token_id = ${tokenId} AND key = ${key} AND created_at >= ${notBefore}`;
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
		const r = record;
		return this.sql.begin(async (t) => {
			const tx = t as unknown as Sql;
			await tx`DELETE FROM idempotency_keys WHERE created_at < ${notBefore}`;
			const result = await tx`
				INSERT INTO idempotency_keys (board_id, token_id, key, request_hash, status, body, created_at)
				VALUES (${r.boardId}, ${r.tokenId}, ${r.key}, ${r.requestHash}, ${r.status}, ${r.body}, ${r.createdAt})
				ON CONFLICT DO NOTHING`;
			return result.count === 1;
		});
	}

	async createImport(record: ImportRecord, limits: ImportLimits): Promise<boolean> {
		const r = record;
		const size = r.file.byteLength + Buffer.byteLength(r.state);
		return this.sql.begin(async (t) => {
			const tx = t as unknown as Sql;
			// One cap for every process: the check and the insert hold the lock together.
			await tx`SELECT pg_advisory_xact_lock(${IMPORT_CAP_LOCK})`;
			await tx`DELETE FROM imports WHERE status = 'preview' AND expires_at <= ${limits.now}`;
			const [used] = await tx<Array<{ bytes: number }>>`
				SELECT COALESCE(SUM(bytes), 0)::bigint AS bytes FROM imports WHERE status = 'preview'`;
			if (used!.bytes + size > limits.maxPreviewBytes) return false;
			await tx`
				INSERT INTO imports (board_id, id, filename, format, created_at, created_by, token_id,
					status, expires_at, bytes, file, state, result, committed_at, undone_at)
				VALUES (${r.boardId}, ${r.id}, ${r.filename}, ${r.format}, ${r.createdAt}, ${r.createdBy},
					${r.tokenId}, ${r.status}, ${r.expiresAt}, ${size}, ${Buffer.from(r.file)}, ${r.state},
					${r.result}, ${r.committedAt}, ${r.undoneAt})`;
			return true;
		});
	}

	async getImport(boardId: string, id: string, now: number): Promise<ImportRecord | null> {
		const [row] = await this.sql<ImportRow[]>`
			SELECT board_id, id, filename, format, created_at, created_by, token_id, status, expires_at,
				result, committed_at, undone_at, file, state
			FROM imports
			WHERE board_id = ${boardId} AND id = ${id} AND NOT (status = 'preview' AND expires_at <= ${now})`;
		if (!row) return null;
		return { ...importSummary(row), file: bytes(row.file!), state: row.state! };
	}

	async updateImportState(
		boardId: string,
		id: string,
		state: string,
		expiresAt: number
	): Promise<boolean> {
		const result = await this.sql`
			UPDATE imports SET state = ${state}, expires_at = ${expiresAt},
				bytes = octet_length(file) + ${Buffer.byteLength(state)}
			WHERE board_id = ${boardId} AND id = ${id} AND status = 'preview'`;
		return result.count === 1;
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
		const columns: Record<string, string> = {
			file: 'file',
			state: 'state',
			result: 'result',
			committedAt: 'committed_at',
			undoneAt: 'undone_at',
			expiresAt: 'expires_at'
		};
		const sets: Record<string, string | number | Buffer | null> = { status: to };
		for (const [key, column] of Object.entries(columns)) {
			if (!(key in patch)) continue;
			const value = patch[key as keyof typeof patch] ?? null;
			sets[column] = value instanceof Uint8Array ? Buffer.from(value) : value;
		}
		// The preview cap counts file and state: keep `bytes` true when either changes.
		const fileBytes =
			patch.file !== undefined
				? this.sql`${patch.file.byteLength}::bigint`
				: this.sql`octet_length(file)`;
		const stateBytes =
			patch.state !== undefined
				? this.sql`${Buffer.byteLength(patch.state)}::bigint`
				: this.sql`octet_length(state)`;
		const result = await this.sql`
			UPDATE imports SET ${this.sql(sets)}, bytes = ${fileBytes} + ${stateBytes}
			WHERE board_id = ${boardId} AND id = ${id} AND status = ${from}`;
		return result.count === 1;
	}

	async listImports(boardId: string): Promise<ImportSummary[]> {
		const rows = await this.sql<ImportRow[]>`
			SELECT board_id, id, filename, format, created_at, created_by, token_id, status, expires_at,
				result, committed_at, undone_at
			FROM imports
			WHERE board_id = ${boardId} AND status IN ('committed', 'undone')
			ORDER BY position DESC`;
		return rows.map(importSummary);
	}

	async #updatesAfter(sql: Sql, boardId: string, after: number, limit: number | null) {
		return sql<UpdateRow[]>`
			SELECT seq, data, role, connection_id, token_id, author_name, author_person_id, created_at
			FROM updates u
			WHERE board_id = ${boardId} AND seq > ${after}
			  AND NOT EXISTS (SELECT 1 FROM quarantined_updates q WHERE q.board_id = u.board_id AND q.seq = u.seq)
			ORDER BY seq
			${limit === null ? this.sql`` : this.sql`LIMIT ${limit}`}`;
	}

	async loadDocument(boardId: string): Promise<DocumentLoad> {
		// One consistent view: the snapshot, the log after it and the head all as of one instant.
		return this.sql.begin('isolation level repeatable read read only', async (t) => {
			const tx = t as unknown as Sql;
			const [snap] = await tx<Array<{ through_seq: number; data: Uint8Array }>>`
				SELECT through_seq, data FROM snapshots WHERE board_id = ${boardId}`;
			const rows = await this.#updatesAfter(tx, boardId, snap?.through_seq ?? 0, null);
			const [head] = await tx<Array<{ last_seq: number }>>`
				SELECT last_seq FROM board_log_heads WHERE board_id = ${boardId}`;
			return {
				snapshot: snap ? bytes(snap.data) : null,
				updates: rows.map((r) => ({ seq: r.seq, data: bytes(r.data) })),
				lastSeq: head?.last_seq ?? 0,
				updatesSinceSnapshot: rows.length
			};
		});
	}

	async appendUpdates(boardId: string, updates: UpdateToStore[]): Promise<number> {
		if (updates.length === 0) {
			const [head] = await this.sql<Array<{ last_seq: number }>>`
				SELECT last_seq FROM board_log_heads WHERE board_id = ${boardId}`;
			return head?.last_seq ?? 0;
		}
		if (updates.length <= APPEND_CHUNK) return this.#append(this.sql, boardId, updates);
		return this.sql.begin((tx) => this.#append(tx as unknown as Sql, boardId, updates));
	}

	async writeSnapshot(
		boardId: string,
		snapshot: { data: Uint8Array; throughSeq: number }
	): Promise<void> {
		await this.sql`
			INSERT INTO snapshots (board_id, through_seq, data, created_at)
			VALUES (${boardId}, ${snapshot.throughSeq}, ${Buffer.from(snapshot.data)}, ${Date.now()})
			ON CONFLICT (board_id) DO UPDATE
			SET through_seq = excluded.through_seq, data = excluded.data, created_at = excluded.created_at
			WHERE excluded.through_seq >= snapshots.through_seq`;
	}

	async listUpdates(
		boardId: string,
		options: { afterSeq?: number; limit?: number } = {}
	): Promise<StoredUpdate[]> {
		const rows = await this.#updatesAfter(
			this.sql,
			boardId,
			options.afterSeq ?? 0,
			options.limit ?? null
		);
		return rows.map(storedUpdate);
	}

	async quarantineUpdates(
		boardId: string,
		entries: Array<{ seq: number; reason: string }>
	): Promise<void> {
		const at = Date.now();
		await this.sql.begin(async (tx) => {
			for (const { seq, reason } of entries) {
				await tx`INSERT INTO quarantined_updates (board_id, seq, reason, quarantined_at)
					VALUES (${boardId}, ${seq}, ${reason}, ${at}) ON CONFLICT DO NOTHING`;
			}
		});
	}

	async listQuarantined(boardId: string): Promise<QuarantinedUpdate[]> {
		const rows = await this.sql<Array<{ seq: number; reason: string; quarantined_at: number }>>`
			SELECT seq, reason, quarantined_at FROM quarantined_updates WHERE board_id = ${boardId} ORDER BY seq`;
		return rows.map((r) => ({ seq: r.seq, reason: r.reason, at: r.quarantined_at }));
	}

	async createNamedSnapshot(record: NamedSnapshotRecord): Promise<void> {
		const m = record.meta;
		await this.sql`
			INSERT INTO named_snapshots (board_id, id, name, author, role, created_at, scope, matrix_id, digest, board_json, state, through_seq)
			VALUES (${m.boardId}, ${m.id}, ${m.name}, ${m.author}, ${m.role}, ${m.createdAt}, ${m.scope},
				${m.matrixId}, ${m.digest}, ${record.boardJson}, ${Buffer.from(record.state)}, ${record.throughSeq})`;
	}

	async listNamedSnapshots(boardId: string): Promise<SnapshotMeta[]> {
		const rows = await this.sql<NamedSnapshotRow[]>`
			SELECT board_id, id, name, author, role, created_at, scope, matrix_id, digest
			FROM named_snapshots WHERE board_id = ${boardId} ORDER BY seq DESC`;
		return rows.map(snapshotMeta);
	}

	async getNamedSnapshot(boardId: string, id: string): Promise<NamedSnapshotRecord | null> {
		const [row] = await this.sql<NamedSnapshotRow[]>`
			SELECT board_id, id, name, author, role, created_at, scope, matrix_id, digest, board_json, state, through_seq
			FROM named_snapshots WHERE board_id = ${boardId} AND id = ${id}`;
		if (!row) return null;
		return {
			meta: snapshotMeta(row),
			boardJson: row.board_json!,
			state: bytes(row.state!),
			throughSeq: row.through_seq ?? null
		};
	}

	async deleteNamedSnapshot(boardId: string, id: string): Promise<boolean> {
		const result = await this
			.sql`DELETE FROM named_snapshots WHERE board_id = ${boardId} AND id = ${id}`;
		return result.count > 0;
	}

	/** One round trip to the database; rejects when it cannot be reached (for `/healthz`). */
	async ping(): Promise<void> {
		await this.sql`SELECT 1`;
	}

	async close(): Promise<void> {
		await this.sql.end({ timeout: 5 });
	}
}
