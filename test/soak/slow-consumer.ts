/**
 * Slow consumers: a client that stops reading while a writer pushes 75 MiB through the room,
 * and a client that syncs a 10 MB board (one sync step 2 frame larger than the backlog limit).
 * Figures: the server's RSS growth, the time from the first relayed byte until the paused client
 * is cut, and whether the 10 MB client syncs without being cut.
 */
import { readBoard } from '@riskboard/model';
import { encodeUpdate } from '@riskboard/protocol';
import * as Y from 'yjs';
import { rssMiB } from '../bench/proc.ts';
import { connectClient, connectSynced, openRaw } from '../utils/clients.ts';
import { createBoard, removeDir, spawnServer, tempDataDir } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { count, metric, report, sleep } from './common.ts';

const RELAY_MIB = count(75, 24);
const BIG_BOARD_MB = 10;
const CHUNK = 256 * 1024;
/**
 * `n` updates of CHUNK bytes each under a settings key nobody reads. With `overwrite`, every one
 * replaces the last (the board stays small: what is relayed is not kept); without, they add up.
 */
function chunkUpdates(doc: Y.Doc, n: number, overwrite: boolean): Uint8Array[] {
	const out: Uint8Array[] = [];
	const settings = doc.getMap('settings');
	for (let i = 0; i < n; i++) {
		const before = Y.encodeStateVector(doc);
		settings.set(overwrite ? 'soak' : `soak-${i}`, String(i % 10).repeat(CHUNK));
		out.push(Y.encodeStateAsUpdate(doc, before));
	}
	return out;
}

/**
 * 75 MiB through a room on a fresh server, with a reader that reads (the baseline: what the
 * traffic itself costs) or one that stopped reading. Returns the RSS growth and when the paused
 * reader was cut (ms after the first relayed byte).
 */
async function relayRun(pausedReader: boolean) {
	const dataDir = tempDataDir('riskboard-soak-slow-');
	const server = await spawnServer({ dataDir, env: { RATE_LIMIT_PER_SECOND: '0' } });
	const board = await createBoard(server.url, 'Slow consumer');
	const writer = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
	const reader = pausedReader
		? null
		: await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
	const paused = pausedReader ? openRaw(server.wsUrl, board.id, board.tokens.viewer) : null;
	if (paused) {
		await paused.opened;
		// Answer the server's sync step 1 so relays start, then stop reading.
		paused.send(new Uint8Array([0, 0, 1, 0]));
		await sleep(200);
		(paused.ws as unknown as { _socket: { pause(): void } })._socket.pause();
	}
	await sleep(100);
	const rssBefore = rssMiB(server.pid);
	let peakRss = rssBefore;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(server.pid))), 20);
	const cut = () => metric(server.url, 'riskboard_connections_cut_total');
	const source = new Y.Doc();
	Y.applyUpdate(source, Y.encodeStateAsUpdate(writer.doc));
	const started = performance.now();
	let cutAt: number | null = null;
	const updates = chunkUpdates(source, Math.ceil((RELAY_MIB * 1024 * 1024) / CHUNK), true);
	for (const update of updates) {
		Y.applyUpdate(writer.doc, update);
		await sleep(0);
		if (paused && cutAt === null && (await cut()) > 0) cutAt = performance.now();
	}
	if (reader) {
		const writerId = writer.doc.clientID;
		await waitFor(
			() => Y.getState(reader.doc.store, writerId) >= Y.getState(source.store, writerId),
			{
				what: 'reader received everything',
				timeoutMs: 30_000
			}
		);
	}
	if (paused && cutAt === null) {
		await waitFor(async () => (await cut()) > 0, {
			what: 'paused client cut',
			timeoutMs: 10_000
		}).catch(() => {});
		if ((await cut()) > 0) cutAt = performance.now();
	}
	const connections = await metric(server.url, 'riskboard_connections');
	clearInterval(sampler);
	writer.destroy();
	reader?.destroy();
	paused?.ws.terminate();
	await server.stop('SIGTERM');
	removeDir(dataDir);
	return {
		growth: peakRss - rssBefore,
		rssBefore,
		peakRss,
		cutMs: cutAt === null ? null : cutAt - started,
		connections,
		relayedMiB: (updates.length * CHUNK) / 1024 / 1024
	};
}

const baseline = await relayRun(false);
const slow = await relayRun(true);
const cutAt = slow.cutMs;

// 2. A reader syncing a 10 MB board in one frame.
const dataDir = tempDataDir('riskboard-soak-slow-');
const server = await spawnServer({ dataDir, env: { RATE_LIMIT_PER_SECOND: '0' } });
const big = await createBoard(server.url, 'Ten megabytes');
const filler = await connectSynced(server.wsUrl, big.id, big.tokens.editor);
const bigSource = new Y.Doc();
Y.applyUpdate(bigSource, Y.encodeStateAsUpdate(filler.doc));
for (const update of chunkUpdates(bigSource, Math.ceil((BIG_BOARD_MB * 1e6) / CHUNK), false)) {
	filler.provider.ws!.send(encodeUpdate(update));
	Y.applyUpdate(filler.doc, update, filler.provider);
	await sleep(5);
}
await sleep(500);
const size = Y.encodeStateAsUpdate(filler.doc).length;
filler.destroy();
const cutBeforeBig = await metric(server.url, 'riskboard_connections_cut_total');
const reader = connectClient(server.wsUrl, big.id, big.tokens.viewer);
let bigSynced = false;
try {
	await waitFor(() => reader.provider.synced, { timeoutMs: 30_000, what: '10 MB sync' });
	bigSynced =
		readBoard(reader.doc).title === 'Ten megabytes' &&
		Y.encodeStateAsUpdate(reader.doc).length >= size * 0.99;
} catch {
	// not synced in time: reported below
}
const bigCut = (await metric(server.url, 'riskboard_connections_cut_total')) > cutBeforeBig;
reader.destroy();
await server.stop('SIGTERM');
removeDir(dataDir);

const cutMs = cutAt ?? Number.POSITIVE_INFINITY;
const growth = slow.growth - baseline.growth;
report(
	'slow consumer',
	[
		{
			name: 'server RSS growth MiB (beyond the baseline)',
			value: growth,
			target: '≤ 16',
			met: growth <= 16
		},
		{ name: 'paused client cut after ms', value: cutMs, target: '≤ 1000', met: cutMs <= 1000 },
		{
			name: 'paused client cut',
			value: cutAt !== null,
			target: 'yes',
			met: cutAt !== null,
			must: true
		},
		{
			name: '10 MB client synced, not cut',
			value: bigSynced && !bigCut,
			target: 'yes',
			met: bigSynced && !bigCut,
			must: true
		}
	],
	{
		relayed: `${slow.relayedMiB.toFixed(0)} MiB in updates of ${CHUNK / 1024} KiB, each replacing the last`,
		'server RSS before / peak MiB, with a paused reader': `${slow.rssBefore.toFixed(0)} / ${slow.peakRss.toFixed(0)}`,
		'server RSS before / peak MiB, baseline (a reader that reads)': `${baseline.rssBefore.toFixed(0)} / ${baseline.peakRss.toFixed(0)}`,
		'connections left after the cut (the writer only)': slow.connections,
		'big board state': `${(size / 1e6).toFixed(1)} MB`
	}
);
process.exit();
