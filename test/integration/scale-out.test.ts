/**
 * Scale-out: three real server processes on one real PostgreSQL and one real Redis (each started
 * by this file on loopback, stopped by pid), stock y-websocket clients spread over them.
 */
import { addRisk, getRiskText, readBoard } from '@riskboard/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, connectSynced, type TestClient } from '../utils/clients.ts';
import { startPostgres, type TestPostgres } from '../utils/postgres.ts';
import { startRedis, type TestRedis } from '../utils/redis.ts';
import {
	createBoard,
	removeDir,
	spawnServer,
	tempDataDir,
	type ChildServer
} from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

/** REST requests per link per minute on these processes (shared through Redis). */
const REST_LIMIT = 30;
let postgres: TestPostgres;
let redis: TestRedis;
let servers: ChildServer[] = [];
const dirs: string[] = [];

async function startProcess(): Promise<ChildServer> {
	const dataDir = tempDataDir('riskboard-scale-');
	dirs.push(dataDir);
	return spawnServer({
		dataDir,
		// Three servers, PostgreSQL and Redis start at once on a shared 2-core machine.
		startTimeoutMs: 90_000,
		env: {
			DATABASE_URL: postgres.url(),
			REDIS_URL: redis.url,
			LOG_LEVEL: 'info',
			REST_RATE_LIMIT: String(REST_LIMIT)
		}
	});
}

beforeAll(async () => {
	[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	// The first process migrates the empty database; the others find it done.
	servers = await Promise.all([startProcess(), startProcess(), startProcess()]);
}, 120_000);

afterAll(async () => {
	await Promise.all(servers.map((s) => s.stop()));
	await Promise.all([postgres?.dispose(), redis?.dispose()]);
	for (const dir of dirs) removeDir(dir);
}, 60_000);

const snapshot = (doc: Y.Doc) => JSON.stringify(readBoard(doc, { today: '2026-01-01' }));

async function metric(server: ChildServer, name: string): Promise<number> {
	const text = await (await fetch(`${server.url}/metrics`)).text();
	return text
		.split('\n')
		.filter((line) => line.startsWith(name))
		.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('three processes on one PostgreSQL and one Redis', () => {
	it('report PostgreSQL and Redis in /healthz', async () => {
		for (const server of servers) {
			const response = await fetch(`${server.url}/healthz`);
			expect(response.status).toBe(200);
			const health = (await response.json()) as {
				storage: string;
				storageOk: boolean;
				redis: { ok: boolean; instance: string };
			};
			expect(health).toMatchObject({ storage: 'postgres', storageOk: true, redis: { ok: true } });
		}
	});

	it('clients spread over the processes converge; an edit on A reaches a client on C', async () => {
		const [a, b, c] = servers as [ChildServer, ChildServer, ChildServer];
		const board = await createBoard(a.url, 'Scale-out');
		const clients: TestClient[] = await Promise.all(
			[a, b, c, a, b, c, a, b, c].map((s) => connectSynced(s.wsUrl, board.id, board.tokens.editor))
		);
		const onA = clients[0]!;
		const onC = clients[2]!;
		const appliedBefore = await metric(c, 'riskboard_fanout_applied_total');

		// An edit on A reaches C.
		const { id } = addRisk(onA.doc, { title: 'Vendor slips' });
		await waitFor(() => readBoard(onC.doc).risks.some((r) => r.id === id), {
			what: "A's risk on a client of C"
		});
		// It came over the stream, not by polling the store.
		expect(await metric(c, 'riskboard_fanout_applied_total')).toBeGreaterThan(appliedBefore);

		// Everyone types into that risk's title at once, on all three processes.
		clients.forEach((client, i) => getRiskText(client.doc, id, 'title').insert(0, `[${i}]`));
		await waitFor(() => new Set(clients.map((cl) => snapshot(cl.doc))).size === 1, {
			what: 'all nine boards equal',
			timeoutMs: 20_000
		});
		const title = readBoard(onC.doc).risks.find((r) => r.id === id)!.title;
		for (let i = 0; i < clients.length; i++) expect(title).toContain(`[${i}]`);

		// What every client holds is in PostgreSQL: a client arriving later on B, with every
		// process's room still loaded, and a REST read on C agree with the clients.
		const late = await connectSynced(b.wsUrl, board.id, board.tokens.viewer);
		await waitFor(() => snapshot(late.doc) === snapshot(onA.doc), { what: 'late client equal' });
		const exported = await fetch(`${c.url}/api/boards/${board.id}/export/register.json`, {
			headers: { authorization: `Bearer ${board.tokens.viewer}` }
		});
		expect(exported.status).toBe(200);
		expect(await exported.text()).toContain(JSON.stringify(title).slice(1, -1));
		for (const client of [...clients, late]) client.destroy();
	});

	it('two people add a risk offline on different processes loading the board at once: keys stay unique and stable', async () => {
		const [a, b, c] = servers as [ChildServer, ChildServer, ChildServer];
		const board = await createBoard(a.url, 'Keys across processes');
		// Two people open the board (each on another process), then go offline.
		const docs = await Promise.all(
			[a, b].map(async (server) => {
				const client = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
				const doc = new Y.Doc();
				Y.applyUpdate(doc, Y.encodeStateAsUpdate(client.doc));
				client.destroy();
				return doc;
			})
		);
		// No process has the board loaded any more.
		await waitFor(
			async () =>
				(await Promise.all(servers.map((s) => metric(s, 'riskboard_rooms_loaded ')))).every(
					(n) => n === 0
				),
			{ what: 'the board unloaded everywhere' }
		);
		// Offline, both add "the next" risk: both claim R-1.
		const ids = docs.map((doc, i) => addRisk(doc, { title: `offline ${i}` }).id);
		expect(docs.map((doc) => readBoard(doc).risks[0]!.key)).toEqual(['R-1', 'R-1']);
		// They come back at the same instant, to two different processes that load the board at once.
		const clients = [
			connectClient(a.wsUrl, board.id, board.tokens.editor, { doc: docs[0] }),
			connectClient(b.wsUrl, board.id, board.tokens.editor, { doc: docs[1] })
		];
		const watcher = await connectSynced(c.wsUrl, board.id, board.tokens.viewer);
		const keys = (doc: Y.Doc) =>
			ids.map((id) => readBoard(doc).risks.find((r) => r.id === id)?.key ?? null);
		await waitFor(
			() => {
				const seen = [...clients.map((cl) => cl.doc), watcher.doc].map((doc) =>
					JSON.stringify(keys(doc))
				);
				const first = keys(watcher.doc);
				return (
					new Set(seen).size === 1 &&
					first.every((k) => k !== null && /^R-\d+$/.test(k)) &&
					new Set(first).size === 2
				);
			},
			{ what: 'unique keys everywhere', timeoutMs: 15_000 }
		);
		const settled = keys(watcher.doc);
		// One keeps R-1 (the one committed first, as on one process), the other gets R-2.
		expect([...settled].sort()).toEqual(['R-1', 'R-2']);
		// Stable: nothing renumbers them again.
		await new Promise((r) => setTimeout(r, 1000));
		for (const doc of [...clients.map((cl) => cl.doc), watcher.doc])
			expect(keys(doc)).toEqual(settled);
		for (const client of [...clients, watcher]) client.destroy();
	});

	it('count REST requests of one link together: the limit holds across processes', async () => {
		const board = await createBoard(servers[0]!.url, 'Rate limits');
		const get = (server: ChildServer) =>
			fetch(`${server.url}/api/boards/${board.id}`, {
				headers: { authorization: `Bearer ${board.tokens.viewer}` }
			});
		// The link's allowance, spent round-robin on all three processes…
		for (let i = 0; i < REST_LIMIT; i++) expect((await get(servers[i % 3]!)).status).toBe(200);
		// …is spent everywhere (per-process counters would allow three times as many).
		for (const server of servers) {
			const refused = await get(server);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		}
	});
});
