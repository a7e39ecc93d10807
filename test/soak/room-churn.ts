/**
 * Room churn: boards are opened (a client connects, the room loads) and closed (it leaves, the
 * room unloads) over and over. Figure: the server's heap after a full GC, at the end against
 * after a warm-up. The server runs in this process (run with `node --expose-gc`).
 */
import { CloseCode } from '@riskboard/protocol';
import { openRaw } from '../utils/clients.ts';
import type { CreateBoardResponse } from '@riskboard/protocol';
import { createBoard, startTestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { count, report } from './common.ts';

const CYCLES = count(10_000, 600);
const WARMUP = Math.min(1000, Math.floor(CYCLES / 5));
const BOARDS = 20;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const server = await startTestServer({ ROOM_GRACE_MS: '0', RATE_LIMIT_PER_SECOND: '0' });
const boards: CreateBoardResponse[] = [];
for (let i = 0; i < BOARDS; i++) boards.push(await createBoard(server.url, `Churn ${i}`));

function heapMiB(): number {
	gc!();
	gc!();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function cycle(i: number): Promise<void> {
	const board = boards[i % BOARDS]!;
	const raw = openRaw(server.wsUrl, board.id, board.tokens.editor);
	// The room has loaded once it greets with sync step 1.
	await waitFor(() => raw.frames.length > 0, { what: 'greeting', timeoutMs: 10_000 });
	raw.ws.close(CloseCode.Normal);
	await raw.closed;
}

const started = Date.now();
let baseline = 0;
for (let i = 0; i < CYCLES; i++) {
	await cycle(i);
	if (i + 1 === WARMUP) {
		await waitFor(() => server.rooms.size === 0, { what: 'rooms unloaded' });
		baseline = heapMiB();
	}
	if ((i + 1) % Math.floor(CYCLES / 10) === 0) process.stdout.write(`  ${i + 1} cycles\n`);
}
await waitFor(() => server.rooms.size === 0, { what: 'rooms unloaded' });
const end = heapMiB();
const growth = ((end - baseline) / baseline) * 100;
const loaded = server.rooms.size;
await server.dispose();
report(
	'room churn',
	[
		{ name: 'cycles', value: CYCLES, target: `${count(10_000, 600)}`, met: true },
		{ name: 'heap growth after GC %', value: growth, target: '≤ 10', met: growth <= 10 },
		{ name: 'rooms left loaded', value: loaded, target: '0', met: loaded === 0, must: true }
	],
	{
		'heap after warm-up / at the end MiB': `${baseline.toFixed(1)} / ${end.toFixed(1)} (after ${WARMUP} warm-up cycles)`,
		'wall time': `${((Date.now() - started) / 1000).toFixed(0)} s over ${BOARDS} boards`
	}
);
process.exit();
