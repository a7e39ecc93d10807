import { addRisk, initBoard, readBoard } from '@riskboard/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startRedis, type TestRedis } from '../../../../test/utils/redis.ts';
import { createLogger } from '../log.ts';
import { Metrics } from '../metrics.ts';
import { MemoryStore } from '../storage/memory.ts';
import { RoomManager } from '../sync/rooms.ts';
import { RedisFanout } from './redis-fanout.ts';

// Two "processes" in one: two room managers with their own fan-out, on one store and one real
// Redis. A third writer appends to the store directly, as a process whose stream append was lost.
let redis: TestRedis;
beforeAll(async () => {
	redis = await startRedis();
}, 30_000);
afterAll(async () => {
	await redis.dispose();
});

async function until(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 5000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((r) => setTimeout(r, 10));
	}
}

describe('redis fan-out', () => {
	it('relays commits to the other process, and reads a gap in the sequence from the store', async () => {
		const store = new MemoryStore();
		const log = createLogger('silent');
		const seed = new Y.Doc();
		initBoard(seed, { title: 'Fan-out' });
		await store.createBoard({
			board: { id: 'board-f', title: 'Fan-out', createdAt: '2026-01-01T00:00:00.000Z' },
			tokens: [],
			initialUpdate: {
				data: Y.encodeStateAsUpdate(seed),
				role: 'system',
				connectionId: 'server',
				tokenId: null,
				name: null,
				at: 1
			}
		});
		const processes = await Promise.all(
			['a', 'b'].map(async () => {
				const metrics = new Metrics();
				const fanout = await RedisFanout.start({ url: redis.url, store, log, metrics });
				const rooms = new RoomManager({
					store,
					metrics,
					log,
					compactEvery: 1000,
					graceMs: 60_000,
					peers: fanout
				});
				return { metrics, fanout, rooms };
			})
		);
		const [a, b] = processes as [(typeof processes)[0], (typeof processes)[0]];
		try {
			for (const p of [a, b]) await p.rooms.read('board-f', () => null);
			const risks = () => readBoard(b.rooms.get('board-f')!.doc).risks.map((r) => r.title);

			// A commits: B gets it over the stream.
			await a.rooms.write('board-f', (doc) => addRisk(doc, { title: 'from A' }));
			await until(() => risks().includes('from A'));
			expect(b.metrics.get('riskboard_fanout_applied_total')).toBe(1);

			// A third process commits without a stream entry; A's next commit comes after it.
			const third = new Y.Doc();
			Y.applyUpdate(third, Y.encodeStateAsUpdate(a.rooms.get('board-f')!.doc));
			const before = Y.encodeStateVector(third);
			addRisk(third, { title: 'lost entry' });
			await store.appendUpdates('board-f', [
				{
					data: Y.encodeStateAsUpdate(third, before),
					role: 'editor',
					connectionId: 'c',
					tokenId: null,
					name: null,
					at: 2
				}
			]);
			await a.rooms.write('board-f', (doc) => addRisk(doc, { title: 'after the gap' }));
			// B sees seq 4 after 2: it waits, then reads 3 (and 4) from the store, in order.
			await until(() => risks().includes('after the gap'));
			expect(risks()).toContain('lost entry');
			expect(b.metrics.get('riskboard_fanout_catchups_total', { reason: 'gap' })).toBe(1);
			expect(b.rooms.get('board-f')!.lastSeq).toBe(4);
			// A, the writer, also fills the gap before its own commit.
			await until(() => a.rooms.get('board-f')!.lastSeq === 4);
			expect(readBoard(a.rooms.get('board-f')!.doc).risks.map((r) => r.title)).toContain(
				'lost entry'
			);
		} finally {
			for (const p of processes) {
				await p.rooms.closeAll();
				await p.fanout.close();
			}
		}
	});
});
