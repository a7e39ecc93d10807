/**
 * An oversize edit from the stock client: one edit of 5 MiB, over the default 4 MiB
 * `MAX_MESSAGE_BYTES`. Before issue 9 the server closed it with 1009, which the stock client
 * retries: it re-uploaded the 5 MiB about twice a second forever. Figure: reconnect attempts
 * within 20 s of the edit (target 0).
 */
import { connectSynced } from '../utils/clients.ts';
import { createBoard, removeDir, spawnServer, tempDataDir } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { count, metric, report } from './common.ts';

const WATCH_MS = count(20_000, 5_000);
const dataDir = tempDataDir('riskboard-soak-oversize-');
const server = await spawnServer({ dataDir });
const board = await createBoard(server.url, 'Oversize');
const bystander = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
const client = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
let attempts = 0;
client.provider.on('status', ({ status }: { status: string }) => {
	if (status === 'connecting') attempts++;
});
client.doc.getMap('meta').set('blob', 'x'.repeat(5 * 1024 * 1024));
await waitFor(() => client.closes.length > 0, { what: 'closed', timeoutMs: 10_000 });
const code = client.closes[0]!.code;
const watchUntil = Date.now() + WATCH_MS;
// Watching for an absence: a bounded observation window is the only way to see "no retry".
await waitFor(() => Date.now() >= watchUntil, {
	timeoutMs: WATCH_MS + 5_000,
	what: 'watch window'
});
const rejected = await metric(server.url, 'riskboard_frames_rejected_total');
const bystanderOk = bystander.closes.length === 0 && bystander.provider.synced;
client.destroy();
bystander.destroy();
await server.stop('SIGTERM');
removeDir(dataDir);
report(
	'oversize edit',
	[
		{
			name: `reconnects in ${WATCH_MS / 1000} s`,
			value: attempts,
			target: '0',
			met: attempts === 0,
			must: true
		},
		{ name: 'close code', value: code, target: '4413', met: code === 4413, must: true },
		{
			name: 'bystander unaffected',
			value: bystanderOk,
			target: 'yes',
			met: bystanderOk,
			must: true
		}
	],
	{ 'frames rejected': rejected }
);
process.exit();
