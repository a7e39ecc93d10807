/**
 * kill -9 during bursts: per trial a writer bursts edits, a viewer receives them, the server is
 * killed with SIGKILL at a random moment and restarted on the same data. Counts the edits the
 * viewer had received that the restarted server does not have (by state vector: every struct
 * the viewer held must be stored). Target 0.
 */
import { addRisk, updateRisk } from '@riskboard/model';
import * as Y from 'yjs';
import { prng } from '../../apps/server/src/sync/room-fuzz.ts';
import { connectSynced } from '../utils/clients.ts';
import { createBoard, removeDir, spawnServer, tempDataDir } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { count, report } from './common.ts';

const TRIALS = count(1_000, 8);
const random = prng(Number(process.env.SOAK_SEED ?? 91));
const dataDir = tempDataDir('riskboard-soak-kill-');
let server = await spawnServer({ dataDir });
const port = server.port;
const board = await createBoard(server.url, 'Kill -9');

/** Structs `reference` holds that `doc` lacks (0 when doc contains reference). */
function missing(doc: Y.Doc, reference: Y.Doc): number {
	const have = Y.decodeStateVector(Y.encodeStateVector(doc));
	let lacking = 0;
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(reference))) {
		lacking += Math.max(0, clock - (have.get(client) ?? 0));
	}
	return lacking;
}

let lost = 0;
let trialsWithLoss = 0;
let received = 0;
const started = Date.now();
for (let trial = 0; trial < TRIALS; trial++) {
	const writer = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
	const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
	const { id } = addRisk(writer.doc, { title: `trial ${trial}` });
	let stop = false;
	const burst = (async () => {
		for (let i = 0; !stop && i < 50_000; i++) {
			updateRisk(writer.doc, id, { likelihood: 1 + (i % 5), impact: 1 + ((i >> 2) % 5) });
			if (i % 3 === 0) await new Promise((r) => setTimeout(r, 0));
		}
	})();
	const base = Y.encodeStateVector(viewer.doc);
	// Kill once the viewer holds a random amount of the burst (the writer's clock as it sees it).
	const target = 20 + Math.floor(random() * 2000);
	const writerId = writer.doc.clientID;
	await waitFor(() => Y.getState(viewer.doc.store, writerId) >= target, {
		what: 'viewer receiving the burst',
		timeoutMs: 30_000
	});
	process.kill(server.pid, 'SIGKILL');
	await server.exited;
	stop = true;
	await burst;
	const had = new Y.Doc();
	Y.applyUpdate(had, Y.encodeStateAsUpdate(viewer.doc));
	received += Y.getState(had.store, writerId) - (Y.decodeStateVector(base).get(writerId) ?? 0);
	writer.destroy();
	viewer.destroy();
	server = await spawnServer({ dataDir, port });
	const fresh = await connectSynced(server.wsUrl, board.id, board.tokens.owner);
	const lacking = missing(fresh.doc, had);
	fresh.destroy();
	had.destroy();
	lost += lacking;
	if (lacking > 0) trialsWithLoss++;
	if ((trial + 1) % Math.max(1, Math.floor(TRIALS / 10)) === 0) {
		process.stdout.write(`  ${trial + 1} trials, ${lost} lost\n`);
	}
}
await server.stop('SIGTERM');
removeDir(dataDir);
report(
	'kill -9 during bursts',
	[
		{ name: 'trials', value: TRIALS, target: `${count(1_000, 8)}`, met: true },
		{
			name: 'received edits missing after restart',
			value: lost,
			target: '0',
			met: lost === 0,
			must: true
		},
		{
			name: 'trials with a loss',
			value: trialsWithLoss,
			target: '0',
			met: trialsWithLoss === 0,
			must: true
		}
	],
	{
		'wall time': `${((Date.now() - started) / 1000).toFixed(0)} s`,
		'writer changes (Yjs clocks) the viewer had received before a kill, in all': received
	}
);
process.exit();
