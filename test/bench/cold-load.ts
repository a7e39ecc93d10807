/**
 * Cold loads (issue 15): boards of 100 / 1,000 / 10,000 realistic risks (about 100 KB, 1 MB and
 * 10 MB of Yjs state) stored by a Riskboard server (production bundle, SQLite), unloaded, then
 * opened again. Per size, medians and ranges over BENCH_COLD_TRIALS (default 5) cold opens:
 * - server's part: from the websocket upgrade (client `open`) until the last byte of the server's
 *   sync step 2 (a raw client that sends an empty sync step 1 at once);
 * - content complete at a stock y-websocket client (its document holds the whole board), beside
 *   the floor: Yjs applying those same bytes in this process, alone;
 * - meanwhile, a new connection to another (loaded, small) board: from opening the socket until
 *   its sync step 2 (the upgrade waits too while the server is busy), worst over the trials, beside the same connection with no load going on (baseline);
 * - memory per loaded room: the server's RSS growth per room with 3 rooms of that size loaded.
 * The reference @y/websocket-server keeps documents only in memory (no persistence here), so it
 * has no cold load to compare; the floor is the comparison.
 * Run: `npx tsx test/bench/cold-load.ts` (part of `pnpm bench`); writes results/cold-load.json.
 */
import { encodeSyncStep1, MessageType, SYNC_PATH } from '@riskboard/protocol';
import * as decoding from 'lib0/decoding';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
	buildServerBundle,
	createBoard,
	removeDir,
	spawnServer,
	tempDataDir,
	type ChildServer
} from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { benchBoardSeed } from './board.ts';
import { connectBenchClient, type BenchClient } from './clients.ts';
import { rssMiB } from './proc.ts';
import { median } from './stats.ts';

const SIZES = (process.env.BENCH_COLD_SIZES ?? '100,1000,10000').split(',').map(Number);
const TRIALS = Number(process.env.BENCH_COLD_TRIALS || 5);
const RESULTS_FILE = fileURLToPath(new URL('./results/cold-load.json', import.meta.url));

interface Board {
	id: string;
	token: string;
	url: string;
}

type Target = { serverUrl: string; room: string; params: Record<string, string> };

const target = (server: ChildServer, board: Board): Target => ({
	serverUrl: `${server.wsUrl}${SYNC_PATH}`,
	room: board.id,
	params: { token: board.token }
});

async function newBoard(server: ChildServer, title: string): Promise<Board> {
	const created = await createBoard(server.url, title);
	return {
		id: created.id,
		token: created.tokens.editor,
		url: `${server.wsUrl}${SYNC_PATH}/${created.id}?token=${created.tokens.editor}`
	};
}

async function roomsLoaded(server: ChildServer): Promise<number> {
	const text = await (await fetch(`${server.url}/metrics`)).text();
	return Number(/^riskboard_rooms_loaded (\d+)/m.exec(text)?.[1] ?? NaN);
}

/** Writes the seed through a stock client and waits until a second client has all of it. */
async function fill(server: ChildServer, board: Board, seed: Uint8Array[]): Promise<Uint8Array> {
	const writer = connectBenchClient(target(server, board));
	try {
		await waitFor(() => writer.provider.synced, { what: 'writer sync', timeoutMs: 30_000 });
		for (const update of seed) {
			Y.applyUpdate(writer.doc, update, 'seed');
			await new Promise((resolve) => setImmediate(resolve));
		}
		const expected = Y.encodeStateVector(writer.doc);
		const checker = connectBenchClient(target(server, board));
		try {
			await waitFor(
				() =>
					checker.provider.synced &&
					Buffer.from(Y.encodeStateVector(checker.doc)).equals(Buffer.from(expected)),
				{ what: 'the board to be stored', timeoutMs: 300_000 }
			);
		} finally {
			checker.destroy();
		}
		return Y.encodeStateAsUpdate(writer.doc);
	} finally {
		writer.destroy();
	}
}

/** Raw client: upgrade → the last byte of the server's sync step 2. */
function rawOpen(board: Board): Promise<{ openMs: number; step2Ms: number; bytes: number }> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const ws = new WebSocket(board.url);
		ws.binaryType = 'nodebuffer';
		let opened = 0;
		const timer = setTimeout(() => {
			ws.terminate();
			reject(new Error('no sync step 2 within 120 s'));
		}, 120_000);
		ws.on('open', () => {
			opened = performance.now();
			ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
		});
		ws.on('message', (data: Buffer) => {
			// y-protocols framing: message type Sync (0), then sync type Step2 (1).
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== MessageType.Sync) return;
			if (decoding.readVarUint(decoder) !== 1) return;
			const at = performance.now();
			clearTimeout(timer);
			ws.close();
			resolve({ openMs: opened - started, step2Ms: at - opened, bytes: data.length });
		});
		ws.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

async function waitUnloaded(server: ChildServer, loadedBefore: number): Promise<void> {
	await waitFor(async () => (await roomsLoaded(server)) <= loadedBefore, {
		what: 'the room to unload',
		timeoutMs: 60_000
	});
}

interface SizeResult {
	risks: number;
	stateBytes: number;
	serverPartMs: { p50: number; min: number; max: number };
	contentCompleteMs: { p50: number; min: number; max: number };
	floorApplyMs: number;
	otherBoardWorstMs: number;
	otherBoardBaselineMs: number;
	rssPerRoomMiB: number;
}

const spread = (values: number[]) => ({
	p50: median(values),
	min: Math.min(...values),
	max: Math.max(...values)
});

async function measureSize(server: ChildServer, other: Board, risks: number): Promise<SizeResult> {
	const seed = await benchBoardSeed(risks);
	const board = await newBoard(server, `cold ${risks}`);
	const state = await fill(server, board, seed);
	// The floor: Yjs applying the whole board in this process (what any client must spend).
	const floors: number[] = [];
	for (let i = 0; i < 3; i++) {
		const doc = new Y.Doc();
		const t = performance.now();
		Y.applyUpdate(doc, state);
		floors.push(performance.now() - t);
		doc.destroy();
	}
	const base = 1; // the other board stays loaded (its keeper client)
	await waitUnloaded(server, base);
	const baseline: number[] = [];
	for (let i = 0; i < TRIALS; i++) {
		const alone = await rawOpen(other);
		baseline.push(alone.openMs + alone.step2Ms);
	}

	const serverPart: number[] = [];
	const others: number[] = [];
	for (let i = 0; i < TRIALS; i++) {
		await waitUnloaded(server, base);
		const load = rawOpen(board);
		// A new connection to the other board a moment into the load.
		await new Promise((resolve) => setTimeout(resolve, 5));
		const meanwhile = rawOpen(other);
		const [loaded, side] = await Promise.all([load, meanwhile]);
		serverPart.push(loaded.step2Ms);
		// From `new WebSocket` on: the upgrade itself waits while the server's event loop is busy.
		others.push(side.openMs + side.step2Ms);
	}
	const complete: number[] = [];
	for (let i = 0; i < TRIALS; i++) {
		await waitUnloaded(server, base);
		const expected = Buffer.from(Y.encodeStateVectorFromUpdate(state));
		const t = performance.now();
		const client = connectBenchClient(target(server, board));
		try {
			await waitFor(
				() =>
					client.provider.synced && Buffer.from(Y.encodeStateVector(client.doc)).equals(expected),
				{ what: 'content complete', timeoutMs: 120_000, intervalMs: 1 }
			);
			complete.push(performance.now() - t);
		} finally {
			client.destroy();
		}
	}
	// Memory: three rooms of this size loaded at once (three boards, one client each).
	await waitUnloaded(server, base);
	const boards = [board];
	for (let i = 1; i < 3; i++) {
		const extra = await newBoard(server, `cold ${risks} #${i}`);
		await fill(server, extra, seed);
		boards.push(extra);
	}
	await waitUnloaded(server, base);
	await new Promise((resolve) => setTimeout(resolve, 500));
	const before = rssMiB(server.child.pid!);
	const holders: BenchClient[] = boards.map((b) => connectBenchClient(target(server, b)));
	try {
		await waitFor(() => holders.every((h) => h.provider.synced), {
			what: 'three rooms loaded',
			timeoutMs: 120_000
		});
		await new Promise((resolve) => setTimeout(resolve, 500));
		const after = rssMiB(server.child.pid!);
		return {
			risks,
			stateBytes: state.length,
			serverPartMs: spread(serverPart),
			contentCompleteMs: spread(complete),
			floorApplyMs: median(floors),
			otherBoardWorstMs: Math.max(...others),
			otherBoardBaselineMs: Math.max(...baseline),
			rssPerRoomMiB: (after - before) / boards.length
		};
	} finally {
		for (const h of holders) h.destroy();
	}
}

async function main(): Promise<void> {
	if (process.env.BENCH_SOURCES !== '1') buildServerBundle();
	const dataDir = tempDataDir('riskboard-cold-');
	const server = await spawnServer({
		dataDir,
		bundle: process.env.BENCH_SOURCES !== '1',
		env: { RATE_LIMIT_PER_SECOND: '0', LOG_LEVEL: 'info', ROOM_GRACE_MS: '50' }
	});
	if (process.env.BENCH_DEBUG) server.child.stderr!.pipe(process.stderr);
	const keepers: BenchClient[] = [];
	try {
		const other = await newBoard(server, 'the other board');
		keepers.push(connectBenchClient(target(server, other)));
		await waitFor(() => keepers[0]!.provider.synced, { what: 'keeper sync' });
		const results: SizeResult[] = [];
		for (const risks of SIZES) {
			const result = await measureSize(server, other, risks);
			results.push(result);
			console.log(JSON.stringify(result));
		}
		const f = (v: number) => (v < 10 ? v.toFixed(1) : v.toFixed(0));
		const rows = [
			'| risks | state | server part p50 (range) ms | content complete p50 (range) ms | floor: Yjs apply alone ms | floor + 100 ms met | other board worst ms (baseline) | RSS per loaded room MiB |',
			'|---:|---:|---:|---:|---:|:--:|---:|---:|',
			...results.map(
				(r) =>
					`| ${r.risks.toLocaleString('en-US')} | ${(r.stateBytes / 1024).toFixed(0)} KiB | ` +
					`${f(r.serverPartMs.p50)} (${f(r.serverPartMs.min)}–${f(r.serverPartMs.max)}) | ` +
					`${f(r.contentCompleteMs.p50)} (${f(r.contentCompleteMs.min)}–${f(r.contentCompleteMs.max)}) | ` +
					`${f(r.floorApplyMs)} | ${r.contentCompleteMs.p50 <= r.floorApplyMs + 100 ? 'yes' : 'no'} | ` +
					`${f(r.otherBoardWorstMs)} (${f(r.otherBoardBaselineMs)}) | ${r.rssPerRoomMiB.toFixed(1)} |`
			)
		];
		console.log(`\n### Cold load (${TRIALS} trials per size)\n\n${rows.join('\n')}\n`);
		mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
		writeFileSync(
			RESULTS_FILE,
			JSON.stringify(
				{ at: new Date().toISOString(), trials: TRIALS, results, table: rows },
				null,
				'\t'
			)
		);
	} finally {
		for (const k of keepers) k.destroy();
		await server.stop();
		removeDir(dataDir);
	}
}

await main();
process.exit(0);
