/**
 * Scale-out under failure: three real server processes behind a round-robin TCP balancer (no
 * stickiness), on one real PostgreSQL and one real Redis started by this file. During a burst of
 * edits from nine stock y-websocket clients, one process is killed with SIGKILL, Redis is
 * restarted, Redis is paused (SIGSTOP) for 10 s, PostgreSQL is restarted. Each time: every client
 * ends with every edit any client made, and PostgreSQL holds exactly what the clients hold.
 */
import { addRisk, getRiskText, readBoard } from '@riskboard/model';
import { PostgresStore } from '@riskboard/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { startBalancer, type Balancer } from '../utils/balancer.ts';
import { connectSynced, type TestClient } from '../utils/clients.ts';
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

let postgres: TestPostgres;
let redis: TestRedis;
let balancer: Balancer;
let store: PostgresStore;
const servers: ChildServer[] = [];
const dirs: string[] = [];

async function startProcess(port?: number): Promise<ChildServer> {
	const dataDir = tempDataDir('riskboard-scale-');
	dirs.push(dataDir);
	return spawnServer({
		dataDir,
		// Three servers, PostgreSQL and Redis start at once on a shared 2-core machine.
		startTimeoutMs: 90_000,
		...(port ? { port } : {}),
		env: { DATABASE_URL: postgres.url(), REDIS_URL: redis.url, LOG_LEVEL: 'info' }
	});
}

beforeAll(async () => {
	[postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	servers.push(...(await Promise.all([startProcess(), startProcess(), startProcess()])));
	balancer = await startBalancer(servers.map((s) => s.port));
	store = await PostgresStore.open(postgres.url(), { max: 2 });
}, 120_000);

afterAll(async () => {
	await store?.close();
	await balancer?.close();
	await Promise.all(servers.map((s) => s.stop()));
	await Promise.all([postgres?.dispose(), redis?.dispose()]);
	for (const dir of dirs) removeDir(dir);
}, 60_000);

const snapshot = (doc: Y.Doc) => JSON.stringify(readBoard(doc, { today: '2026-01-01' }));

/** The board as PostgreSQL holds it: its compaction snapshot and log, applied to a fresh doc. */
async function stored(boardId: string): Promise<Y.Doc> {
	const load = await store.loadDocument(boardId);
	const doc = new Y.Doc();
	if (load.snapshot) Y.applyUpdate(doc, load.snapshot);
	for (const update of load.updates) Y.applyUpdate(doc, update.data);
	return doc;
}

async function connections(server: ChildServer): Promise<number> {
	const text = await (await fetch(`${server.url}/metrics`)).text();
	const line = text.split('\n').find((l) => l.startsWith('riskboard_connections '));
	return Number(line?.split(' ')[1] ?? 0);
}

/**
 * Nine clients through the balancer (three per process), one risk; then each client appends
 * `count` markers to the risk's description every `intervalMs`, `disrupt` running meanwhile.
 * Resolves when the burst is over, every client holds every marker and all boards are equal.
 */
async function burstThrough(options: {
	count: number;
	intervalMs: number;
	disrupt: () => Promise<void>;
	settleMs?: number;
}): Promise<{ clients: TestClient[]; boardId: string; markers: string[] }> {
	const board = await createBoard(servers[0]!.url, 'Failure');
	const clients: TestClient[] = [];
	for (let i = 0; i < 9; i++) {
		clients.push(await connectSynced(balancer.wsUrl, board.id, board.tokens.editor));
	}
	const live = servers.filter((s) => s.child.exitCode === null && s.child.signalCode === null);
	for (const server of live) expect(await connections(server)).toBeGreaterThan(0);
	const { id } = addRisk(clients[0]!.doc, { title: 'Burst' });
	await waitFor(() => clients.every((c) => readBoard(c.doc).risks.length === 1));
	const markers: string[] = [];
	const writers = clients.map(async (client, ci) => {
		for (let k = 0; k < options.count; k++) {
			const marker = `<${ci}.${k}>`;
			markers.push(marker);
			const text = getRiskText(client.doc, id, 'description');
			text.insert(text.length, marker);
			await new Promise((r) => setTimeout(r, options.intervalMs));
		}
	});
	await Promise.all([...writers, options.disrupt()]);
	const holdsAll = (doc: Y.Doc) => {
		const description = readBoard(doc).risks[0]?.description ?? '';
		return markers.every((m) => description.includes(m));
	};
	await waitFor(
		() =>
			clients.every((c) => holdsAll(c.doc)) &&
			new Set(clients.map((c) => snapshot(c.doc))).size === 1,
		{ what: 'every client holding every edit', timeoutMs: options.settleMs ?? 30_000 }
	).catch(async (error: unknown) => {
		// Say who lacks what, and what the processes counted, before failing.
		const pg = readBoard(await stored(board.id)).risks[0]?.description ?? '';
		const lacking = (text: string) => markers.filter((m) => !text.includes(m)).join('');
		console.error('postgres lacks', lacking(pg));
		for (const [i, c] of clients.entries()) {
			const text = readBoard(c.doc).risks[0]?.description ?? '';
			console.error(`client ${i}`, c.provider.wsconnected, JSON.stringify(c.closes), lacking(text));
		}
		throw error;
	});
	// Nothing a client holds is missing from the log (the sync answers wait for the commit).
	await waitFor(async () => snapshot(await stored(board.id)) === snapshot(clients[0]!.doc), {
		what: 'PostgreSQL holding what the clients hold',
		timeoutMs: 10_000
	});
	expect(holdsAll(await stored(board.id))).toBe(true);
	return { clients, boardId: board.id, markers };
}

describe('scale-out under failure', () => {
	it('SIGKILL of one process mid-burst: its clients move to the others, nothing is lost', async () => {
		const victim = servers[1]!;
		const { clients } = await burstThrough({
			count: 30,
			intervalMs: 20,
			disrupt: async () => {
				await new Promise((r) => setTimeout(r, 200));
				await victim.stop('SIGKILL');
			}
		});
		// The killed process's clients were cut off and are connected again (elsewhere).
		const moved = clients.filter((c) => c.closes.length > 0);
		expect(moved.length).toBeGreaterThanOrEqual(3);
		expect(moved.every((c) => c.provider.wsconnected)).toBe(true);
		for (const client of clients) client.destroy();
		// Back on its port for the next tests.
		servers[1] = await startProcess(victim.port);
	});

	it('Redis restarted mid-burst: nothing is lost and every process catches up', async () => {
		const { clients } = await burstThrough({
			count: 30,
			intervalMs: 20,
			disrupt: async () => {
				await new Promise((r) => setTimeout(r, 200));
				await redis.restart();
			}
		});
		for (const client of clients) client.destroy();
		// Live fan-out works again afterwards.
		await waitFor(
			async () => {
				const answers = await Promise.all(servers.map((s) => fetch(`${s.url}/healthz`)));
				const bodies = (await Promise.all(answers.map((a) => a.json()))) as Array<{
					redis: { ok: boolean };
				}>;
				return bodies.every((b) => b.redis.ok);
			},
			{ what: 'every process seeing Redis again' }
		);
	});

	it('Redis paused (SIGSTOP) for 10 s mid-burst: processes keep serving, then catch up', async () => {
		const { clients } = await burstThrough({
			count: 40,
			intervalMs: 100,
			disrupt: async () => {
				await new Promise((r) => setTimeout(r, 300));
				redis.pause();
				try {
					await new Promise((r) => setTimeout(r, 10_000));
				} finally {
					redis.resume();
				}
			}
		});
		for (const client of clients) client.destroy();
	}, 90_000);

	it('PostgreSQL restarted mid-burst: writes refused with 4503 meanwhile, nothing lost', async () => {
		const { clients } = await burstThrough({
			count: 30,
			intervalMs: 30,
			disrupt: async () => {
				await new Promise((r) => setTimeout(r, 200));
				await postgres.stop();
				await new Promise((r) => setTimeout(r, 1500));
				await postgres.start();
			},
			// Back within seconds (Postgres.js's default reconnect backoff once made it 17 s).
			settleMs: 8000
		});
		expect(clients.some((c) => c.closes.some((close) => close.code === 4503))).toBe(true);
		for (const client of clients) client.destroy();
	}, 90_000);
});
