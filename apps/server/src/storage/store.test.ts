import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from './memory.ts';
import { SqliteStore } from './sqlite.ts';
import type { BoardStore, TokenRecord, UpdateToStore } from './types.ts';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

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
	at: 1000 + byte
});

const token = (role: TokenRecord['role'], hash: string): TokenRecord => ({
	id: `tok-${role}`,
	boardId: 'board-a',
	role,
	hash,
	createdAt: '2026-01-01T00:00:00.000Z',
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

// The same contract for every implementation, so rooms can rely on it whatever the backend.
describe.each([
	['memory', () => new MemoryStore()],
	['sqlite', () => new SqliteStore(tempFile())]
])('%s store', (_name, make) => {
	it('creates a board with its tokens and initial update', async () => {
		const store = await seeded(make());
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
			updates: [new Uint8Array([1, 1])],
			lastSeq: 1,
			updatesSinceSnapshot: 1
		});
		await store.close();
	});

	it('appends in order with authors, and loads snapshot plus the log after it', async () => {
		const store = await seeded(make());
		expect(await store.appendUpdates('board-a', [update(2), update(3)])).toBe(3);
		await store.writeSnapshot('board-a', { data: new Uint8Array([9]), throughSeq: 2 });
		expect(await store.appendUpdates('board-a', [update(4)])).toBe(4);
		const load = await store.loadDocument('board-a');
		expect(load.snapshot).toEqual(new Uint8Array([9]));
		expect(load.updates).toEqual([new Uint8Array([3, 3]), new Uint8Array([4, 4])]);
		expect(load.lastSeq).toBe(4);
		const history = await store.listUpdates('board-a', { afterSeq: 1 });
		expect(history.map((u) => [u.seq, u.role, u.connectionId, u.at])).toEqual([
			[2, 'editor', 'c2', 1002],
			[3, 'editor', 'c3', 1003],
			[4, 'editor', 'c4', 1004]
		]);
		await store.close();
	});

	it('never moves a snapshot backwards', async () => {
		const store = await seeded(make());
		await store.appendUpdates('board-a', [update(2), update(3)]);
		await store.writeSnapshot('board-a', { data: new Uint8Array([7]), throughSeq: 3 });
		await store.writeSnapshot('board-a', { data: new Uint8Array([6]), throughSeq: 2 });
		expect((await store.loadDocument('board-a')).snapshot).toEqual(new Uint8Array([7]));
		await store.close();
	});
});

describe('sqlite store', () => {
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
