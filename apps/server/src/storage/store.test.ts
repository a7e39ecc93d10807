import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { startPostgres, type TestPostgres } from '../../../../test/utils/postgres.ts';
import { isStorageUnavailable } from './errors.ts';
import { MemoryStore } from './memory.ts';
import { PG_MIGRATIONS } from './postgres-migrations.ts';
import { PostgresStore } from './postgres.ts';
import { MIGRATIONS } from './sqlite-migrations.ts';
import { SqliteStore } from './sqlite.ts';
import type {
	BoardStore,
	ImportRecord,
	NamedSnapshotRecord,
	TokenRecord,
	UpdateToStore
} from './types.ts';

const dirs: string[] = [];
const opened: BoardStore[] = [];
afterEach(async () => {
	for (const store of opened.splice(0)) await store.close().catch(() => {});
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// One real PostgreSQL for the file, a fresh database per test.
let postgresServer: Promise<TestPostgres> | null = null;
let databases = 0;
beforeAll(async () => {
	postgresServer = startPostgres();
	await postgresServer;
}, 60_000);
afterAll(async () => {
	if (postgresServer) await (await postgresServer).dispose();
}, 60_000);

async function postgresStore(): Promise<PostgresStore> {
	const server = await postgresServer!;
	const store = await PostgresStore.open(await server.createDatabase(`store_${++databases}`));
	opened.push(store);
	return store;
}

function tempFile(): string {
	const dir = mkdtempSync(join(tmpdir(), 'riskboard-store-'));
	dirs.push(dir);
	return join(dir, 'riskboard.sqlite');
}

const update = (byte: number, role: UpdateToStore['role'] = 'editor'): UpdateToStore => ({
	data: new Uint8Array([byte, byte]),
	role,
	connectionId: `c${byte}`,
	tokenId: role === 'system' ? null : 'tok-1',
	name: role === 'system' ? null : `Person ${byte}`,
	personId: role === 'system' || byte % 2 === 1 ? null : `p${byte}`,
	at: 1000 + byte
});

const token = (role: TokenRecord['role'], hash: string): TokenRecord => ({
	id: `tok-${role}`,
	boardId: 'board-a',
	role,
	hash,
	label: role === 'owner' ? 'Owner' : 'Viewer',
	createdAt: '2026-01-01T00:00:00.000Z',
	lastUsedAt: null,
	revokedAt: null
});

async function seeded(store: BoardStore): Promise<BoardStore> {
	await store.createBoard({
		board: { id: 'board-a', title: 'Launch', createdAt: '2026-01-01T00:00:00.000Z' },
		tokens: [token('owner', 'h-owner'), token('viewer', 'h-viewer')],
		initialUpdate: update(1, 'system')
	});
	return store;
}

const named = (id: string, boardId = 'board-a'): NamedSnapshotRecord => ({
	meta: {
		id,
		boardId,
		name: `Snapshot ${id}`,
		author: 'Ada',
		role: 'editor',
		createdAt: '2026-01-02T00:00:00.000Z',
		scope: id === 'm' ? 'matrix' : 'board',
		matrixId: id === 'm' ? 'matrix-1' : null,
		digest: `digest-${id}`
	},
	boardJson: `{"title":"${id}"}`,
	state: new Uint8Array([1, 2, 3]),
	throughSeq: id === 's3' ? null : 7
});

const anImport = (id: string, bytes = 100, expiresAt = 10_000): ImportRecord => ({
	id,
	boardId: 'board-a',
	filename: 'register.csv',
	format: 'csv',
	createdAt: '2026-01-03T00:00:00.000Z',
	createdBy: 'Ada',
	tokenId: 'tok-owner',
	status: 'preview',
	expiresAt,
	file: new Uint8Array(bytes).fill(7),
	state: '{"table":1}',
	result: null,
	committedAt: null,
	undoneAt: null
});

// The same contract for every implementation, so rooms can rely on it whatever the backend.
describe.each([
	['memory', async (): Promise<BoardStore> => new MemoryStore()],
	['sqlite', async (): Promise<BoardStore> => new SqliteStore(tempFile())],
	['postgres', (): Promise<BoardStore> => postgresStore()]
])('%s store', (_name, make) => {
	it('creates a board with its tokens and initial update', async () => {
		const store = await seeded(await make());
		expect(await store.getBoard('board-a')).toEqual({
			id: 'board-a',
			title: 'Launch',
			createdAt: '2026-01-01T00:00:00.000Z'
		});
		expect(await store.getBoard('nope')).toBeNull();
		expect((await store.findToken('board-a', 'h-viewer'))?.role).toBe('viewer');
		expect(await store.findToken('board-b', 'h-viewer')).toBeNull();
		expect(await store.findToken('board-a', 'h-unknown')).toBeNull();
		const load = await store.loadDocument('board-a');
		expect(load).toEqual({
			snapshot: null,
			updates: [{ seq: 1, data: new Uint8Array([1, 1]) }],
			lastSeq: 1,
			updatesSinceSnapshot: 1
		});
		await store.close();
	});

	it('appends in order with authors, and loads snapshot plus the log after it', async () => {
		const store = await seeded(await make());
		expect(await store.appendUpdates('board-a', [update(2), update(3)])).toBe(3);
		await store.writeSnapshot('board-a', { data: new Uint8Array([9]), throughSeq: 2 });
		expect(await store.appendUpdates('board-a', [update(4)])).toBe(4);
		const load = await store.loadDocument('board-a');
		expect(load.snapshot).toEqual(new Uint8Array([9]));
		expect(load.updates).toEqual([
			{ seq: 3, data: new Uint8Array([3, 3]) },
			{ seq: 4, data: new Uint8Array([4, 4]) }
		]);
		expect(load.lastSeq).toBe(4);
		const history = await store.listUpdates('board-a', { afterSeq: 1 });
		expect(history.map((u) => [u.seq, u.role, u.connectionId, u.name, u.personId, u.at])).toEqual([
			[2, 'editor', 'c2', 'Person 2', 'p2', 1002],
			[3, 'editor', 'c3', 'Person 3', null, 1003],
			[4, 'editor', 'c4', 'Person 4', 'p4', 1004]
		]);
		expect((await store.listUpdates('board-a', { limit: 1 }))[0]).toMatchObject({
			seq: 1,
			role: 'system',
			name: null
		});
		await store.close();
	});

	it('quarantines updates: kept in the log, left out of loads and history, listed once', async () => {
		const store = await seeded(await make());
		await store.appendUpdates('board-a', [update(2), update(3), update(4)]);
		await store.quarantineUpdates('board-a', [{ seq: 3, reason: 'bad struct' }]);
		await store.quarantineUpdates('board-a', [{ seq: 3, reason: 'again' }]);
		const load = await store.loadDocument('board-a');
		expect(load.updates.map((u) => u.seq)).toEqual([1, 2, 4]);
		expect(load.lastSeq).toBe(4);
		expect((await store.listUpdates('board-a')).map((u) => u.seq)).toEqual([1, 2, 4]);
		const quarantined = await store.listQuarantined('board-a');
		expect(quarantined.map((q) => [q.seq, q.reason])).toEqual([[3, 'bad struct']]);
		// Appending goes on after the quarantined seq.
		expect(await store.appendUpdates('board-a', [update(5)])).toBe(5);
		await store.close();
	});

	it('never moves a snapshot backwards', async () => {
		const store = await seeded(await make());
		await store.appendUpdates('board-a', [update(2), update(3)]);
		await store.writeSnapshot('board-a', { data: new Uint8Array([7]), throughSeq: 3 });
		await store.writeSnapshot('board-a', { data: new Uint8Array([6]), throughSeq: 2 });
		expect((await store.loadDocument('board-a')).snapshot).toEqual(new Uint8Array([7]));
		await store.close();
	});

	it('stores named snapshots per board, lists them newest first, gets and deletes them', async () => {
		const store = await seeded(await make());
		for (const id of ['s1', 'm', 's3']) await store.createNamedSnapshot(named(id));
		expect((await store.listNamedSnapshots('board-a')).map((s) => s.id)).toEqual(['s3', 'm', 's1']);
		expect(await store.listNamedSnapshots('board-b')).toEqual([]);
		expect(await store.getNamedSnapshot('board-a', 'm')).toEqual(named('m'));
		expect((await store.getNamedSnapshot('board-a', 's1'))?.throughSeq).toBe(7);
		expect((await store.getNamedSnapshot('board-a', 's3'))?.throughSeq).toBeNull();
		expect(await store.getNamedSnapshot('board-b', 'm')).toBeNull();
		expect(await store.getNamedSnapshot('board-a', 'nope')).toBeNull();
		expect(await store.deleteNamedSnapshot('board-b', 's1')).toBe(false);
		expect(await store.deleteNamedSnapshot('board-a', 's1')).toBe(true);
		expect(await store.deleteNamedSnapshot('board-a', 's1')).toBe(false);
		expect((await store.listNamedSnapshots('board-a')).map((s) => s.id)).toEqual(['s3', 'm']);
		await store.close();
	});

	it('lists, adds, touches and revokes links, never the last owner link', async () => {
		const store = await seeded(await make());
		expect((await store.listTokens('board-a')).map((t) => [t.id, t.label])).toEqual([
			['tok-owner', 'Owner'],
			['tok-viewer', 'Viewer']
		]);
		expect(await store.listTokens('board-b')).toEqual([]);
		// The only owner link cannot go; once there is a second one, either can.
		expect(await store.revokeToken('board-a', 'tok-owner', '2026-01-03T00:00:00.000Z')).toBe(
			'last_owner'
		);
		await store.addToken({
			...token('owner', 'h-owner-2'),
			id: 'tok-owner-2',
			label: 'Deputy',
			createdAt: '2026-01-02T00:00:00.000Z'
		});
		expect(await store.revokeToken('board-a', 'tok-owner', '2026-01-03T00:00:00.000Z')).toBe(
			'revoked'
		);
		expect(await store.revokeToken('board-a', 'tok-owner', '2026-01-04T00:00:00.000Z')).toBe(
			'already_revoked'
		);
		expect(await store.revokeToken('board-a', 'tok-owner-2', '2026-01-04T00:00:00.000Z')).toBe(
			'last_owner'
		);
		expect(await store.revokeToken('board-b', 'tok-viewer', '2026-01-04T00:00:00.000Z')).toBe(
			'not_found'
		);
		await store.touchToken('board-a', 'tok-viewer', '2026-01-05T00:00:00.000Z');
		// Revoked links are still found (refused as revoked, not as unknown), and listed.
		expect(await store.findToken('board-a', 'h-owner')).toMatchObject({
			revokedAt: '2026-01-03T00:00:00.000Z'
		});
		expect(
			(await store.listTokens('board-a')).map((t) => [t.id, t.role, t.lastUsedAt, t.revokedAt])
		).toEqual([
			['tok-owner', 'owner', null, '2026-01-03T00:00:00.000Z'],
			['tok-viewer', 'viewer', '2026-01-05T00:00:00.000Z', null],
			['tok-owner-2', 'owner', null, null]
		]);
		await store.close();
	});

	it('keeps idempotency answers per link and key until they expire', async () => {
		const store = await seeded(await make());
		const record = {
			boardId: 'board-a',
			tokenId: 'tok-owner',
			key: 'k-1',
			requestHash: 'hash-1',
			status: 201,
			body: '{"ok":true}',
			createdAt: 10_000
		};
		expect(await store.putIdempotency(record, 0)).toBe(true);
		// A second answer under the same key loses: the first stored one stands.
		expect(await store.putIdempotency({ ...record, body: '{"ok":false}' }, 0)).toBe(false);
		expect(await store.getIdempotency('board-a', 'tok-owner', 'k-1', 0)).toEqual(record);
		// Keys are per link: another link's same key is another record.
		expect(await store.getIdempotency('board-a', 'tok-viewer', 'k-1', 0)).toBeNull();
		// Past its lifetime it is gone, and the key can be used again.
		expect(await store.getIdempotency('board-a', 'tok-owner', 'k-1', 10_001)).toBeNull();
		expect(await store.putIdempotency({ ...record, createdAt: 20_000 }, 10_001)).toBe(true);
		expect(await store.getIdempotency('board-a', 'tok-owner', 'k-1', 10_001)).toMatchObject({
			createdAt: 20_000
		});
		await store.close();
	});

	it('keeps a named snapshot exactly as written: no overwrite, no shared bytes', async () => {
		const store = await seeded(await make());
		const record = named('s1');
		await store.createNamedSnapshot(record);
		await expect(store.createNamedSnapshot({ ...named('s1'), boardJson: '{}' })).rejects.toThrow();
		record.state[0] = 99;
		record.meta.name = 'changed';
		const read = (await store.getNamedSnapshot('board-a', 's1'))!;
		read.state[1] = 99;
		expect(await store.getNamedSnapshot('board-a', 's1')).toEqual(named('s1'));
		await store.close();
	});

	it('keeps imports: previews expire and are capped in total, commits are compare-and-set', async () => {
		const store = await seeded(await make());
		const limits = { maxPreviewBytes: 1000, now: 1000 };
		expect(await store.createImport(anImport('i1', 500), limits)).toBe(true);
		// 500 + 11 state bytes stored; another 500 would pass the cap.
		expect(await store.createImport(anImport('i2', 500), limits)).toBe(false);
		expect(await store.getImport('board-a', 'i2', 1000)).toBeNull();
		const read = (await store.getImport('board-a', 'i1', 1000))!;
		expect(read).toEqual(anImport('i1', 500));
		read.file[0] = 1;
		expect((await store.getImport('board-a', 'i1', 1000))!.file[0]).toBe(7);
		expect(await store.getImport('board-b', 'i1', 1000)).toBeNull();
		// A new parse replaces the state and the expiry.
		expect(await store.updateImportState('board-a', 'i1', '{"table":2}', 20_000)).toBe(true);
		expect((await store.getImport('board-a', 'i1', 15_000))?.state).toBe('{"table":2}');
		// Expired previews read as gone and stop counting against the cap.
		expect(await store.getImport('board-a', 'i1', 20_000)).toBeNull();
		expect(await store.createImport(anImport('i3', 800, 50_000), { ...limits, now: 20_000 })).toBe(
			true
		);
		expect(await store.getImport('board-a', 'i1', 0)).toBeNull();
		// Commit: only one of two concurrent transitions wins; the file is let go.
		expect(await store.transitionImport('board-a', 'i3', 'preview', 'committing')).toBe(true);
		expect(await store.transitionImport('board-a', 'i3', 'preview', 'committing')).toBe(false);
		expect(await store.updateImportState('board-a', 'i3', '{}', 60_000)).toBe(false);
		expect(
			await store.transitionImport('board-a', 'i3', 'committing', 'committed', {
				file: new Uint8Array(),
				state: '',
				result: '{"created":2}',
				committedAt: '2026-01-03T00:01:00.000Z',
				expiresAt: null
			})
		).toBe(true);
		// Committed imports never expire and no longer count as previews.
		expect(await store.createImport(anImport('i4', 900, 100_000), { ...limits, now: 60_000 })).toBe(
			true
		);
		const committed = (await store.getImport('board-a', 'i3', 1e12))!;
		expect(committed).toMatchObject({
			status: 'committed',
			result: '{"created":2}',
			state: '',
			expiresAt: null
		});
		expect(committed.file.byteLength).toBe(0);
		expect(
			await store.transitionImport('board-a', 'i3', 'committed', 'undone', { undoneAt: 'x' })
		).toBe(true);
		expect(await store.createImport(anImport('i5'), { ...limits, now: 60_000 })).toBe(false);
		const list = await store.listImports('board-a');
		expect(list.map((i) => [i.id, i.status, i.undoneAt])).toEqual([['i3', 'undone', 'x']]);
		expect(list[0]).not.toHaveProperty('file');
		expect(await store.listImports('board-b')).toEqual([]);
		await store.close();
	});
});

describe('sqlite store', () => {
	it('migrates a file made before named snapshots forward, keeping its boards', async () => {
		const file = tempFile();
		const old = new Database(file);
		old.exec(MIGRATIONS[0]!);
		old.pragma('user_version = 1');
		old
			.prepare("INSERT INTO boards VALUES ('board-a', 'Launch', '2026-01-01T00:00:00.000Z')")
			.run();
		old.close();
		const store = new SqliteStore(file);
		expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
		expect((await store.getBoard('board-a'))?.title).toBe('Launch');
		await store.createNamedSnapshot(named('s1'));
		expect(await store.listNamedSnapshots('board-a')).toHaveLength(1);
		expect((await store.getNamedSnapshot('board-a', 's1'))?.throughSeq).toBe(7);
		await store.close();
	});

	it('migrates links made before labels: each gets its role’s name, no last use', async () => {
		const file = tempFile();
		const old = new Database(file);
		for (const step of MIGRATIONS.slice(0, 5)) old.exec(step);
		old.pragma('user_version = 5');
		old
			.prepare("INSERT INTO boards VALUES ('board-a', 'Launch', '2026-01-01T00:00:00.000Z')")
			.run();
		old
			.prepare(
				"INSERT INTO tokens VALUES ('t1', 'board-a', 'editor', 'h1', '2026-01-01T00:00:00.000Z', NULL)"
			)
			.run();
		old.close();
		const store = new SqliteStore(file);
		expect(await store.findToken('board-a', 'h1')).toMatchObject({
			label: 'Editor',
			lastUsedAt: null,
			revokedAt: null
		});
		await store.close();
	});

	it('migrates a log stored before author names: old rows read with no name', async () => {
		const file = tempFile();
		const old = new Database(file);
		old.exec(MIGRATIONS[0]!);
		old.exec(MIGRATIONS[1]!);
		old.pragma('user_version = 2');
		old
			.prepare("INSERT INTO boards VALUES ('board-a', 'Launch', '2026-01-01T00:00:00.000Z')")
			.run();
		old
			.prepare("INSERT INTO updates VALUES ('board-a', 1, x'0101', 'editor', 'c1', NULL, 1001)")
			.run();
		old.close();
		const store = new SqliteStore(file);
		await store.appendUpdates('board-a', [update(2)]);
		expect((await store.listUpdates('board-a')).map((u) => [u.seq, u.name])).toEqual([
			[1, null],
			[2, 'Person 2']
		]);
		await store.close();
	});

	it('migrates a log stored before person ids: old rows read as a name only', async () => {
		const file = tempFile();
		const old = new Database(file);
		for (const step of MIGRATIONS.slice(0, 4)) old.exec(step);
		old.pragma('user_version = 4');
		old
			.prepare("INSERT INTO boards VALUES ('board-a', 'Launch', '2026-01-01T00:00:00.000Z')")
			.run();
		old
			.prepare(
				"INSERT INTO updates VALUES ('board-a', 1, x'0101', 'editor', 'c1', NULL, 1001, 'Ada')"
			)
			.run();
		old.close();
		const store = new SqliteStore(file);
		expect(store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
		await store.appendUpdates('board-a', [update(2)]);
		expect((await store.listUpdates('board-a')).map((u) => [u.seq, u.name, u.personId])).toEqual([
			[1, 'Ada', null],
			[2, 'Person 2', 'p2']
		]);
		await store.close();
	});

	it('refuses any UPDATE of a named snapshot, even in SQL', async () => {
		const store = (await seeded(new SqliteStore(tempFile()))) as SqliteStore;
		await store.createNamedSnapshot(named('s1'));
		expect(() => store.db.prepare("UPDATE named_snapshots SET name = 'x'").run()).toThrow(
			/immutable/
		);
		expect((await store.getNamedSnapshot('board-a', 's1'))?.meta.name).toBe('Snapshot s1');
		await store.close();
	});

	it('keeps everything across a reopen of the same file', async () => {
		const file = tempFile();
		const first = await seeded(new SqliteStore(file));
		await first.appendUpdates('board-a', [update(2)]);
		await first.close();
		const second = new SqliteStore(file);
		expect((await second.loadDocument('board-a')).updates).toHaveLength(2);
		expect((await second.findToken('board-a', 'h-owner'))?.role).toBe('owner');
		await second.close();
	});

	it('rejects a whole batch when the database is full, keeping what was stored', async () => {
		const store = (await seeded(new SqliteStore(tempFile()))) as SqliteStore;
		const pages = store.db.pragma('page_count', { simple: true }) as number;
		store.db.pragma(`max_page_count = ${pages}`);
		const big = (n: number): UpdateToStore => ({ ...update(n), data: new Uint8Array(64 * 1024) });
		await expect(store.appendUpdates('board-a', [update(2), big(3), big(4)])).rejects.toThrow(
			/full/i
		);
		expect((await store.loadDocument('board-a')).lastSeq).toBe(1);
		await store.close();
	});
});

describe('postgres store', () => {
	it('records its schema version and migrates a database only once', async () => {
		const store = await postgresStore();
		expect(await store.schemaVersion()).toBe(PG_MIGRATIONS.length);
		const url = (await postgresServer!).url(`store_${databases}`);
		// Two more processes' worth of pools opening the same database at once: one migrates.
		const [a, b] = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
		opened.push(a, b);
		expect(await a.schemaVersion()).toBe(PG_MIGRATIONS.length);
		const [row] = await a.sql<
			Array<{ n: number }>
		>`SELECT count(*)::int AS n FROM riskboard_schema`;
		expect(row!.n).toBe(PG_MIGRATIONS.length);
	});

	it('numbers concurrent appends from several pools in commit order, without gaps', async () => {
		const first = (await seeded(await postgresStore())) as PostgresStore;
		const url = (await postgresServer!).url(`store_${databases}`);
		const others = await Promise.all([PostgresStore.open(url), PostgresStore.open(url)]);
		opened.push(...others);
		const writers = [first, ...others];
		const results = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				writers[i % 3]!.appendUpdates('board-a', [update(2 + (i % 50)), update(3 + (i % 50))])
			)
		);
		// Every batch of two got two consecutive numbers; together they are 2..121.
		expect([...results].sort((a, b) => a - b)).toEqual(
			Array.from({ length: 60 }, (_, i) => 3 + 2 * i)
		);
		const seqs = (await first.listUpdates('board-a')).map((u) => u.seq);
		expect(seqs).toEqual(Array.from({ length: 121 }, (_, i) => i + 1));
		expect((await first.loadDocument('board-a')).lastSeq).toBe(121);
	});

	it('appends a batch larger than one statement atomically', async () => {
		const store = await seeded(await postgresStore());
		const many = Array.from({ length: 9000 }, (_, i) => update(i % 250));
		expect(await store.appendUpdates('board-a', many)).toBe(9001);
		expect((await store.listUpdates('board-a', { afterSeq: 8999 })).map((u) => u.seq)).toEqual([
			9000, 9001
		]);
		await expect(store.appendUpdates('board-nope', [update(2)])).rejects.toThrow(/not exist/);
	});

	it('refuses any UPDATE of a named snapshot or of the update log, even in SQL', async () => {
		const store = (await seeded(await postgresStore())) as PostgresStore;
		await store.createNamedSnapshot(named('s1'));
		await expect(store.sql`UPDATE named_snapshots SET name = 'x'`).rejects.toThrow(/immutable/);
		await expect(store.sql`UPDATE updates SET role = 'owner'`).rejects.toThrow(/immutable/);
		expect((await store.getNamedSnapshot('board-a', 's1'))?.meta.name).toBe('Snapshot s1');
	});

	it('says "unavailable" (not a bug) while PostgreSQL is down, and works again after', async () => {
		const server = await startPostgres();
		try {
			const store = await seeded(await PostgresStore.open(server.url()));
			opened.push(store);
			await server.stop();
			const failure = await store.appendUpdates('board-a', [update(2)]).catch((e: unknown) => e);
			expect(isStorageUnavailable(failure)).toBe(true);
			await expect(store.ping!()).rejects.toThrow();
			await server.start();
			expect(await store.appendUpdates('board-a', [update(2)])).toBe(2);
			await store.ping!();
		} finally {
			await server.dispose();
		}
	}, 60_000);
});
