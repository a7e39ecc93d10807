/**
 * Frame fuzz: many editor connections on one board send random, truncated, bit-flipped, spliced
 * and replayed frames (made from the board's real traffic) while bystanders keep editing through
 * the stock `y-websocket` client and a viewer watches. Counts what issue 9 lists: server crashes,
 * room resets seen by bystanders, boards that fail to load (during the run, and from storage
 * after a restart), divergence between what clients were sent and what was stored, and the p99
 * delay of a bystander's edit at the viewer.
 */
import { addRisk, readBoard, setBoardTitle, updateRisk } from '@riskboard/model';
import { encodeSyncStep2, encodeUpdate } from '@riskboard/protocol';
import * as Y from 'yjs';
import { mutate, prng } from '../../apps/server/src/sync/room-fuzz.ts';
import {
	connectClient,
	connectSynced,
	openRaw,
	type RawSocket,
	type TestClient
} from '../utils/clients.ts';
import {
	createBoard,
	removeDir,
	spawnServer,
	tempDataDir,
	type ChildServer
} from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { count, metric, percentile, report, sleep } from './common.ts';

const FRAMES = count(100_000, 3_000);
const ATTACKERS = 32;
const BYSTANDERS = 4;
const random = prng(Number(process.env.SOAK_SEED ?? 9));

const dataDir = tempDataDir('riskboard-soak-fuzz-');
const env = {
	RATE_LIMIT_PER_SECOND: '0',
	COMPACT_EVERY: '200',
	ROOM_GRACE_MS: '2000',
	LOG_LEVEL: 'info'
};
let server: ChildServer = await spawnServer({ dataDir, env });
let crashes = 0;
let expectedExit = false;
const watchExit = (s: ChildServer) =>
	void s.exited.then(() => {
		if (!expectedExit) crashes++;
	});
watchExit(server);
const board = await createBoard(server.url, 'Frame fuzz');

function stateOf(doc: Y.Doc): string {
	return JSON.stringify(readBoard(doc)) + Buffer.from(Y.encodeStateVector(doc)).toString('hex');
}

// Bystanders edit for real; everything they send is also the attackers' raw material.
const valid: Uint8Array[] = [];
const bystanders: TestClient[] = [];
for (let i = 0; i < BYSTANDERS; i++) {
	const client = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
	client.doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === client.provider) return;
		valid.push(update);
		if (valid.length > 400) valid.splice(0, valid.length - 400);
	});
	bystanders.push(client);
}
const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
const riskIds: string[] = [];
for (const client of bystanders) riskIds.push(addRisk(client.doc, { title: 'seed risk' }).id);

// Probes: a bystander retitles the board; the viewer notes when it sees each title.
const probeSent = new Map<string, number>();
const delays: number[] = [];
observer.doc.getMap('meta').observe(() => {
	const title = String(observer.doc.getMap('meta').get('title') ?? '');
	const sent = probeSent.get(title);
	if (sent !== undefined) {
		delays.push(performance.now() - sent);
		probeSent.delete(title);
	}
});
let probe = 0;
const probes = setInterval(() => {
	const title = `probe ${++probe}`;
	probeSent.set(title, performance.now());
	setBoardTitle(bystanders[0]!.doc, title);
}, 50);
const edits = setInterval(() => {
	const client = bystanders[1 + Math.floor(random() * (BYSTANDERS - 1))]!;
	try {
		if (random() < 0.3) riskIds.push(addRisk(client.doc, { title: `risk ${riskIds.length}` }).id);
		else {
			const id = riskIds[Math.floor(random() * riskIds.length)]!;
			updateRisk(client.doc, id, { likelihood: 1 + Math.floor(random() * 5) });
		}
	} catch {
		// an attacker's accepted write may have reshaped the risk; editing goes on
	}
}, 10);

// Attackers: editor links sending mutated frames; a closed one reconnects.
let sent = 0;
let loadFailures = 0;
const attackers: Array<RawSocket | null> = new Array(ATTACKERS).fill(null);
const open = (i: number) => {
	const raw = openRaw(server.wsUrl, board.id, board.tokens.editor);
	attackers[i] = raw;
	void raw.closed.then(() => {
		if (attackers[i] === raw) attackers[i] = null;
	});
	return raw;
};
const started = Date.now();
let nextLoadCheck = FRAMES / 10;
while (sent < FRAMES) {
	for (let i = 0; i < ATTACKERS && sent < FRAMES; i++) {
		const raw = attackers[i] ?? open(i);
		if (raw.ws.readyState !== raw.ws.OPEN) continue;
		const payload = valid.length > 0 ? mutate(random, valid) : new Uint8Array([0, 0]);
		const wrap = random();
		raw.send(wrap < 0.8 ? encodeUpdate(payload) : wrap < 0.9 ? encodeSyncStep2(payload) : payload);
		sent++;
	}
	if (sent >= nextLoadCheck) {
		nextLoadCheck += FRAMES / 10;
		// The board must stay loadable for a newcomer throughout.
		const fresh = connectClient(server.wsUrl, board.id, board.tokens.viewer);
		try {
			await waitFor(() => fresh.provider.synced, { timeoutMs: 10_000, what: 'newcomer sync' });
		} catch {
			loadFailures++;
		}
		fresh.destroy();
		process.stdout.write(`  ${sent} frames, ${delays.length} probes\n`);
	}
	await sleep(1);
}
const attackMs = Date.now() - started;
for (const raw of attackers) raw?.ws.terminate();
clearInterval(probes);
clearInterval(edits);

// Quiet: everyone converges; then a newcomer and, after a restart, the stored board must agree.
const resetsSeen = [...bystanders, observer].flatMap((c) => c.closes).length;
let divergence = 0;
try {
	await waitFor(() => bystanders.every((c) => stateOf(c.doc) === stateOf(observer.doc)), {
		timeoutMs: 20_000,
		what: 'bystanders converge'
	});
} catch {
	divergence++;
}
const expected = stateOf(observer.doc);
const rejected = await metric(server.url, 'riskboard_frames_rejected_total');
const quarantined = await metric(server.url, 'riskboard_updates_quarantined_total');
const roomResets = await metric(server.url, 'riskboard_room_resets_total');
const storageErrors = await metric(server.url, 'riskboard_storage_errors_total');
const newcomer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
if (stateOf(newcomer.doc) !== expected) divergence++;
newcomer.destroy();
for (const c of [...bystanders, observer]) c.destroy();
expectedExit = true;
await server.stop('SIGTERM');
expectedExit = false;
server = await spawnServer({ dataDir, env, port: server.port });
watchExit(server);
const reloaded = connectClient(server.wsUrl, board.id, board.tokens.viewer);
try {
	await waitFor(() => reloaded.provider.synced, { timeoutMs: 20_000, what: 'reload' });
	if (stateOf(reloaded.doc) !== expected) divergence++;
} catch {
	loadFailures++;
}
reloaded.destroy();
expectedExit = true;
await server.stop('SIGTERM');
removeDir(dataDir);

const p99 = percentile(delays, 99);
report(
	'frame fuzz',
	[
		{ name: 'frames', value: sent, target: `${FRAMES}`, met: sent >= FRAMES },
		{ name: 'crashes', value: crashes, target: '0', met: crashes === 0, must: true },
		{
			name: 'room resets seen by others',
			value: resetsSeen + roomResets,
			target: '0',
			met: resetsSeen + roomResets === 0,
			must: true
		},
		{
			name: 'boards failing to load',
			value: loadFailures,
			target: '0',
			met: loadFailures === 0,
			must: true
		},
		{
			name: 'stored-vs-relayed divergence',
			value: divergence,
			target: '0',
			met: divergence === 0,
			must: true
		},
		{ name: 'bystander edit p99 ms', value: p99, target: '≤ 100', met: p99 <= 100 }
	],
	{
		'attack time': `${(attackMs / 1000).toFixed(1)} s, ${ATTACKERS} attacker connections, ${BYSTANDERS} editing bystanders, 1 viewer`,
		'frames rejected by the server': rejected,
		'stored updates quarantined': quarantined,
		'storage errors': storageErrors,
		'bystander edit delay p50 / p99 / max ms': `${percentile(delays, 50).toFixed(1)} / ${p99.toFixed(1)} / ${Math.max(...delays).toFixed(1)} (${delays.length} probes)`
	}
);
process.exit();
