import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../../../test/utils/postgres.ts';
import { copyToPostgres, digestTables, TABLES } from './copy-to-postgres.ts';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { BoardStore, UpdateToStore } from './types.ts';

let postgres: TestPostgres;
let dir: string;
beforeAll(async () => {
	postgres = await startPostgres();
	dir = mkdtempSync(join(tmpdir(), 'riskboard-copy-'));
}, 60_000);
afterAll(async () => {
	await postgres.dispose();
	rmSync(dir, { recursive: true, force: true });
}, 60_000);

const update = (n: number, personId: string | null = null): UpdateToStore => ({
	data: new Uint8Array([n, n + 1, 0, 255]),
	role: n === 1 ? 'system' : 'editor',
	connectionId: `c${n}`,
	tokenId: n === 1 ? null : 'tok-editor',
	name: n === 1 ? null : `Person ${n}`,
	personId,
	at: 1_700_000_000_000 + n
});

async function fill(store: BoardStore): Promise<void> {
	for (const id of ['board-a', 'board-b']) {
		await store.createBoard({
			board: { id, title: `Title ${id}`, createdAt: '2026-01-01T00:00:00.000Z' },
			tokens: ['owner', 'editor', 'viewer'].map((role) => ({
				id: `${id}-${role}`,
				boardId: id,
				role: role as 'owner',
				hash: `hash-${id}-${role}`,
				label: `${role} link`,
				createdAt: '2026-01-01T00:00:00.000Z',
				lastUsedAt: role === 'editor' ? '2026-01-02T10:00:00.000Z' : null,
				revokedAt: role === 'viewer' ? '2026-01-02T00:00:00.000Z' : null
			})),
			initialUpdate: update(1)
		});
	}
	await store.appendUpdates('board-a', [update(2, 'p1'), update(3), update(4, 'p2')]);
	await store.writeSnapshot('board-a', { data: new Uint8Array([9, 9, 9]), throughSeq: 3 });
	await store.quarantineUpdates('board-a', [{ seq: 3, reason: 'bad struct' }]);
	await store.putIdempotency(
		{
			boardId: 'board-a',
			tokenId: 'board-a-editor',
			key: 'k-1',
			requestHash: 'h',
			status: 201,
			body: '{"ok":true}',
			createdAt: Date.now()
		},
		0
	);
	// Imports: one preview, and two committed (listed newest first: creation order must survive).
	for (const id of ['i1', 'i2', 'i3']) {
		await store.createImport(
			{
				id,
				boardId: 'board-a',
				filename: `${id}.csv`,
				format: 'csv',
				createdAt: '2026-01-03T00:00:00.000Z',
				createdBy: 'Ada',
				tokenId: 'board-a-owner',
				status: 'preview',
				expiresAt: 4_000_000_000_000,
				file: new Uint8Array([1, 2, 3, 0, 255]),
				state: `{"import":"${id}"}`,
				result: null,
				committedAt: null,
				undoneAt: null
			},
			{ maxPreviewBytes: 1_000_000, now: 0 }
		);
	}
	for (const id of ['i3', 'i1']) {
		await store.transitionImport('board-a', id, 'preview', 'committed', {
			file: new Uint8Array(),
			state: '{}',
			result: `{"created":["${id}"]}`,
			committedAt: '2026-01-04T00:00:00.000Z',
			expiresAt: null
		});
	}
	for (const [id, throughSeq] of [
		['s1', 2],
		['s2', null],
		['s3', 4]
	] as const) {
		await store.createNamedSnapshot({
			meta: {
				id,
				boardId: 'board-a',
				name: `Snapshot ${id}`,
				author: 'Ada',
				role: 'editor',
				createdAt: '2026-01-03T00:00:00.000Z',
				scope: 'board',
				matrixId: null,
				digest: `digest-${id}`
			},
			boardJson: `{"id":"${id}"}`,
			state: new Uint8Array([1, 2, 3]),
			throughSeq
		});
	}
}

describe('copy-to-postgres', () => {
	it('copies every table, checks counts and digests, and the copy serves the same boards', async () => {
		const sqlite = new SqliteStore(join(dir, 'a.sqlite'));
		await fill(sqlite);
		const target = await PostgresStore.open(await postgres.createDatabase('copy_a'));
		try {
			const report = await copyToPostgres(sqlite, target);
			expect(report.ok).toBe(true);
			expect(report.tables.map((t) => [t.table, t.postgresRows])).toEqual([
				['boards', 2],
				['tokens', 6],
				['updates', 5],
				['snapshots', 1],
				['named_snapshots', 3],
				['quarantined_updates', 1],
				['idempotency_keys', 1],
				['imports', 3]
			]);
			expect(report.tables.map((t) => t.table)).toEqual(TABLES.map((t) => t.name));
			for (const board of ['board-a', 'board-b']) {
				expect(await target.getBoard(board)).toEqual(await sqlite.getBoard(board));
				expect(await target.loadDocument(board)).toEqual(await sqlite.loadDocument(board));
				expect(await target.listUpdates(board)).toEqual(await sqlite.listUpdates(board));
				expect(await target.listNamedSnapshots(board)).toEqual(
					await sqlite.listNamedSnapshots(board)
				);
				expect(await target.listQuarantined(board)).toEqual(await sqlite.listQuarantined(board));
			}
			expect(await target.getNamedSnapshot('board-a', 's2')).toEqual(
				await sqlite.getNamedSnapshot('board-a', 's2')
			);
			expect(await target.listTokens('board-a')).toEqual(await sqlite.listTokens('board-a'));
			expect(await target.getIdempotency('board-a', 'board-a-editor', 'k-1', 0)).toEqual(
				await sqlite.getIdempotency('board-a', 'board-a-editor', 'k-1', 0)
			);
			expect(await target.listImports('board-a')).toEqual(await sqlite.listImports('board-a'));
			expect((await target.listImports('board-a')).map((i) => i.id)).toEqual(['i3', 'i1']);
			for (const id of ['i1', 'i2']) {
				expect(await target.getImport('board-a', id, 0)).toEqual(
					await sqlite.getImport('board-a', id, 0)
				);
			}
			expect(await target.findToken('board-a', 'hash-board-a-viewer')).toEqual(
				await sqlite.findToken('board-a', 'hash-board-a-viewer')
			);
			// The log goes on after the copied sequence numbers.
			expect(await target.appendUpdates('board-a', [update(5)])).toBe(5);
			expect(await target.appendUpdates('board-b', [update(5)])).toBe(2);
			// A second copy into the same (no longer empty) database is refused, copying nothing.
			await expect(copyToPostgres(sqlite, target)).rejects.toThrow(/already holds 2 boards/);
		} finally {
			await sqlite.close();
			await target.close();
		}
	});

	it('reports a table whose rows differ', async () => {
		const sqlite = new SqliteStore(join(dir, 'b.sqlite'));
		await fill(sqlite);
		const target = await PostgresStore.open(await postgres.createDatabase('copy_b'));
		try {
			expect((await copyToPostgres(sqlite, target)).ok).toBe(true);
			// Something changes the source after the copy: the check (run again) must see it.
			await sqlite.appendUpdates('board-b', [update(7)]);
			const checks = await digestTables(sqlite, target);
			expect(checks.find((t) => t.table === 'updates')).toMatchObject({
				ok: false,
				sqliteRows: 6,
				postgresRows: 5
			});
			expect(checks.filter((t) => !t.ok).map((t) => t.table)).toEqual(['updates']);
		} finally {
			await sqlite.close();
			await target.close();
		}
	});
});
