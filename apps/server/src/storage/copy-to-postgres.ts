/**
 * Moves a board store from SQLite to PostgreSQL (`riskboard copy-to-postgres`), for teams who
 * outgrow one process: every board, token, log entry (with its sequence number and author),
 * compaction snapshot, named snapshot (in creation order), quarantine entry, idempotency key and
 * import (in creation order), in one PostgreSQL transaction, into a database that holds no boards
 * yet. Then both sides are read back table by
 * table and compared by row count and SHA-256 digest of the rows in key order; any difference is
 * reported and the command fails. The SQLite file is brought to the current schema first (as the
 * server does when it starts), otherwise only read; stop the server before copying.
 *
 * Table-driven: a feature that adds a table (both schemas, the same migration number) adds it to
 * `TABLES`, and the copy and the check cover it.
 */
import { createHash } from 'node:crypto';
import type { PostgresStore } from './postgres.ts';
import type { SqliteStore } from './sqlite.ts';

interface Table {
	name: string;
	columns: string[];
	/** Key order for reading both sides (so digests compare). */
	order: string;
	/** SQLite's and PostgreSQL's own order when they differ (`rowid` has no PostgreSQL twin). */
	sqliteOrder?: string;
	postgresOrder?: string;
}

/** Every table of the schema that holds data, parents first. */
export const TABLES: Table[] = [
	{ name: 'boards', columns: ['id', 'title', 'created_at'], order: 'id' },
	{
		// Copied in creation order, so links made in the same instant keep their order.
		name: 'tokens',
		columns: [
			'id',
			'board_id',
			'role',
			'hash',
			'label',
			'created_at',
			'last_used_at',
			'revoked_at'
		],
		order: 'id',
		sqliteOrder: 'created_at, rowid',
		postgresOrder: 'created_at, position'
	},
	{
		name: 'updates',
		columns: [
			'board_id',
			'seq',
			'data',
			'role',
			'connection_id',
			'token_id',
			'author_name',
			'author_person_id',
			'created_at'
		],
		order: 'board_id, seq'
	},
	{
		name: 'snapshots',
		columns: ['board_id', 'through_seq', 'data', 'created_at'],
		order: 'board_id'
	},
	{
		// Inserted in SQLite's creation order, so "newest first" lists stay the same.
		name: 'named_snapshots',
		columns: [
			'board_id',
			'id',
			'name',
			'author',
			'role',
			'created_at',
			'scope',
			'matrix_id',
			'digest',
			'board_json',
			'state',
			'through_seq'
		],
		order: 'seq'
	},
	{
		name: 'quarantined_updates',
		columns: ['board_id', 'seq', 'reason', 'quarantined_at'],
		order: 'board_id, seq'
	},
	{
		name: 'idempotency_keys',
		columns: ['board_id', 'token_id', 'key', 'request_hash', 'status', 'body', 'created_at'],
		order: 'board_id, token_id, key'
	},
	{
		// Copied in creation order, so "newest first" lists of imports stay the same.
		name: 'imports',
		columns: [
			'board_id',
			'id',
			'filename',
			'format',
			'created_at',
			'created_by',
			'token_id',
			'status',
			'expires_at',
			'bytes',
			'file',
			'state',
			'result',
			'committed_at',
			'undone_at'
		],
		order: 'board_id, id',
		sqliteOrder: 'rowid',
		postgresOrder: 'position'
	}
];

export interface TableCheck {
	table: string;
	sqliteRows: number;
	postgresRows: number;
	sqliteDigest: string;
	postgresDigest: string;
	ok: boolean;
}

export interface CopyReport {
	ok: boolean;
	tables: TableCheck[];
}

type Value = string | number | bigint | Uint8Array | null;
const ROWS_PER_INSERT = 500;

/** One row as a canonical line: bytes as base64, numbers as decimal, null as null. */
function canonical(row: Value[]): string {
	return JSON.stringify(
		row.map((v) =>
			v instanceof Uint8Array
				? { b: Buffer.from(v).toString('base64') }
				: typeof v === 'bigint'
					? Number(v)
					: v
		)
	);
}

async function digestSqlite(from: SqliteStore, table: Table): Promise<[number, string]> {
	const hash = createHash('sha256');
	let rows = 0;
	const statement = from.db
		.prepare(
			`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.sqliteOrder ?? table.order}`
		)
		.raw(true);
	for (const row of statement.iterate() as Iterable<Value[]>) {
		hash.update(canonical(row) + '\n');
		rows++;
	}
	return [rows, hash.digest('hex')];
}

async function digestPostgres(to: PostgresStore, table: Table): Promise<[number, string]> {
	const hash = createHash('sha256');
	let rows = 0;
	const query = to.sql.unsafe(
		`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.postgresOrder ?? table.order}`
	);
	for await (const batch of query.values().cursor(1000)) {
		for (const row of batch as unknown as Value[][]) {
			hash.update(canonical(row) + '\n');
			rows++;
		}
	}
	return [rows, hash.digest('hex')];
}

/**
 * Copies everything from `from` into `to` (which must hold no boards) and checks the result.
 * Resolves with the per-table report; rejects (copying nothing) when the target is not empty.
 */
export async function copyToPostgres(
	from: SqliteStore,
	to: PostgresStore,
	options: { progress?: (message: string) => void } = {}
): Promise<CopyReport> {
	const [existing] = await to.sql<Array<{ n: number }>>`SELECT count(*)::int AS n FROM boards`;
	if (existing!.n > 0) {
		throw new Error(
			`the PostgreSQL database already holds ${existing!.n} boards; use an empty one`
		);
	}
	await to.sql.begin(async (tx) => {
		for (const table of TABLES) {
			const statement = from.db
				.prepare(
					`SELECT ${table.columns.join(', ')} FROM ${table.name} ORDER BY ${table.sqliteOrder ?? table.order}`
				)
				.raw(true);
			let chunk: Value[][] = [];
			let copied = 0;
			const flush = async () => {
				if (chunk.length === 0) return;
				const params: Value[] = [];
				const rows = chunk.map(
					(row) =>
						`(${row
							.map((v) => {
								params.push(v instanceof Uint8Array ? Buffer.from(v) : v);
								return `$${params.length}`;
							})
							.join(', ')})`
				);
				await tx.unsafe(
					`INSERT INTO ${table.name} (${table.columns.join(', ')}) VALUES ${rows.join(', ')}`,
					params as never[],
					{ prepare: false }
				);
				copied += chunk.length;
				chunk = [];
			};
			for (const row of statement.iterate() as Iterable<Value[]>) {
				chunk.push(row);
				if (chunk.length >= ROWS_PER_INSERT) await flush();
			}
			await flush();
			options.progress?.(`${table.name}: ${copied} rows`);
		}
		// Each board's log head, for appends to continue after the copied sequence numbers.
		await tx`INSERT INTO board_log_heads (board_id, last_seq)
			SELECT b.id, COALESCE(MAX(u.seq), 0) FROM boards b LEFT JOIN updates u ON u.board_id = b.id
			GROUP BY b.id`;
	});
	const tables = await digestTables(from, to);
	return { ok: tables.every((t) => t.ok), tables };
}

/** Compares every table of the two stores by row count and digest (the check after a copy). */
export async function digestTables(from: SqliteStore, to: PostgresStore): Promise<TableCheck[]> {
	const tables: TableCheck[] = [];
	for (const table of TABLES) {
		const [sqliteRows, sqliteDigest] = await digestSqlite(from, table);
		const [postgresRows, postgresDigest] = await digestPostgres(to, table);
		tables.push({
			table: table.name,
			sqliteRows,
			postgresRows,
			sqliteDigest,
			postgresDigest,
			ok: sqliteRows === postgresRows && sqliteDigest === postgresDigest
		});
	}
	return tables;
}
