/**
 * Reconnect storm: 2,000 clients run the web app's own reconnect code (`jitterReconnects` from
 * `apps/web/src/lib/collab/reconnect.ts` on the y-websocket provider, as the board page does)
 * against a server that restarts. A tenth of them edit while it is down. Figures: the p99 time
 * from the server listening again until a client is synced, and whether every client converged
 * on the same board as a newcomer sees it.
 */
import { addRisk } from '@riskboard/model';
import { SYNC_PATH } from '@riskboard/protocol';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { jitterReconnects } from '../../apps/web/src/lib/collab/reconnect.ts';
import { connectSynced } from '../utils/clients.ts';
import { createBoard, removeDir, spawnServer, tempDataDir } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { count, percentile, report, sleep } from './common.ts';

// Every y-websocket provider adds a process 'exit' listener.
process.setMaxListeners(0);
const CLIENTS = count(2_000, 150);
const dataDir = tempDataDir('riskboard-soak-storm-');
const env = { RATE_LIMIT_PER_SECOND: '0', KEEPALIVE_MS: '0' };
let server = await spawnServer({ dataDir, env });
const port = server.port;
const board = await createBoard(server.url, 'Reconnect storm');

interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	stop: () => void;
	syncedAt: number | null;
}
const clients: Client[] = [];
for (let i = 0; i < CLIENTS; i++) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${server.wsUrl}${SYNC_PATH}`, board.id, doc, {
		params: { token: board.tokens.editor },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	// No presence: with 2,000 clients its fan-out (each renewal to everyone, every 15 s) would be
	// the load under test instead of the reconnects.
	provider.awareness.setLocalState(null);
	const client: Client = { doc, provider, stop: jitterReconnects(provider), syncedAt: null };
	provider.on('sync', (synced: boolean) => {
		if (synced) client.syncedAt = performance.now();
	});
	clients.push(client);
	if (i % 100 === 99)
		await waitFor(() => clients.every((c) => c.provider.synced), { timeoutMs: 60_000 });
}
await waitFor(() => clients.every((c) => c.provider.synced), {
	timeoutMs: 60_000,
	what: 'all connected'
});
process.stdout.write(`  ${CLIENTS} clients synced; restarting the server\n`);

for (const c of clients) c.syncedAt = null;
await server.stop('SIGTERM');
process.stdout.write('  server stopped\n');
// While it is down, a tenth of the clients edit (kept locally, resent on reconnect).
for (let i = 0; i < CLIENTS; i += 10) addRisk(clients[i]!.doc, { title: `offline ${i}` });
server = await spawnServer({ dataDir, env, port });
const upAt = performance.now();
let converged = false;
try {
	await waitFor(() => clients.every((c) => c.syncedAt !== null), {
		timeoutMs: 120_000,
		what: 'every client resynced'
	});
	const newcomer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
	const expected = Buffer.from(Y.encodeStateVector(newcomer.doc)).toString('hex');
	const offline = CLIENTS / 10;
	await waitFor(
		() =>
			clients.every((c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('hex') === expected),
		{ timeoutMs: 30_000, what: 'convergence' }
	).catch(async () => {
		// Edits made offline may still be arriving; compare once more with a fresh newcomer.
		await sleep(1000);
	});
	const again = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
	const final = Buffer.from(Y.encodeStateVector(again.doc)).toString('hex');
	const risks = again.doc.getMap('risks').size;
	converged =
		risks >= Math.floor(offline) &&
		clients.every((c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('hex') === final);
	newcomer.destroy();
	again.destroy();
} catch (error) {
	console.error(String(error));
}
const resync = clients.filter((c) => c.syncedAt !== null).map((c) => c.syncedAt! - upAt);
for (const c of clients) {
	c.stop();
	c.provider.destroy();
}
await server.stop('SIGTERM');
removeDir(dataDir);
const p99 = percentile(resync, 99) / 1000;
report(
	'reconnect storm',
	[
		{ name: 'clients', value: CLIENTS, target: `${count(2_000, 150)}`, met: true },
		{ name: 'resync p99 s', value: p99, target: '≤ 10', met: p99 <= 10 },
		{
			name: 'resynced',
			value: resync.length,
			target: `${CLIENTS}`,
			met: resync.length === CLIENTS,
			must: true
		},
		{
			name: 'converged',
			value: converged ? 'all' : 'no',
			target: 'all',
			met: converged,
			must: true
		}
	],
	{
		'resync p50 / p90 / max s': `${(percentile(resync, 50) / 1000).toFixed(2)} / ${(percentile(resync, 90) / 1000).toFixed(2)} / ${(Math.max(...resync) / 1000).toFixed(2)}, from the restarted server listening`,
		'edits made while the server was down': Math.ceil(CLIENTS / 10)
	}
);
process.exit();
