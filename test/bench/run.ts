/**
 * `pnpm bench`: sync latency and fan-out throughput of Riskboard next to the reference
 * `@y/websocket-server`, with the stock y-websocket client. Both servers run as child processes on
 * 127.0.0.1, one fresh process per scenario (Riskboard from its production bundle, plain node);
 * clients all live in this process. Every scenario runs on the empty board and on the realistic
 * 1,000-risk board (board.ts). Prints Markdown tables and writes test/bench/results/latest.json
 * and latest.md. Exits non-zero on failure.
 *
 * BENCH_MODE=full adds the Riskboard STORAGE=memory diagnostic and the curves (sequence p50 and
 * server CPU per edit on boards of 100 / 1,000 / 10,000 risks × N = 10 / 50 / 200).
 * BENCH_EDITS (default 500) and BENCH_REPEATS (default 3) override the edits per scenario and the
 * runs per scenario and server, e.g. `BENCH_EDITS=50 BENCH_REPEATS=1` for a quick try;
 * BENCH_ONLY=sequence (or burst, or curves) runs one part; BENCH_CPU_PROF=<dir> profiles the
 * Riskboard servers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildServerBundle } from '../utils/server.ts';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { clkTck } from './proc.ts';
import {
	boardCostTable,
	commitCostTable,
	curveTable,
	markdownTable,
	progressLine
} from './report.ts';
import {
	BURST_YIELD_EVERY,
	runOnFreshServer,
	summarise,
	type Mode,
	type ScenarioResult,
	type ScenarioSpec
} from './scenario.ts';
import { killAllServers, SERVER_LABEL, type ServerKind } from './servers.ts';

const FULL = process.env.BENCH_MODE === 'full';
const ONLY = process.env.BENCH_ONLY ?? '';
const EDITS = Number(process.env.BENCH_EDITS || 500);
/** Each scenario runs this many times per server (interleaved); tables show the medians. */
const REPEATS = Number(process.env.BENCH_REPEATS || 3);
const list = (value: string | undefined, fallback: number[]) =>
	value ? value.split(',').map(Number) : fallback;
const CLIENT_COUNTS = list(process.env.BENCH_NS, [10, 50, 200]);
const MODES: Mode[] = (['sequence', 'burst'] as const).filter((m) => !ONLY || ONLY === m);
/** The boards of the main tables: empty, and the realistic 1,000-risk board. */
const BOARDS = list(process.env.BENCH_BOARDS, [0, 1000]);
/** The curves (full mode): board sizes, and the edits per point. */
const CURVE_BOARDS = list(process.env.BENCH_CURVE_BOARDS, [100, 1000, 10_000]);
const CURVE_EDITS = Number(process.env.BENCH_CURVE_EDITS || 200);
/**
 * 200 clients each holding a 10,000-risk board (~10 MB of updates, ~100 MB of heap each) do not
 * fit this process; that point of the curve is left out unless BENCH_HUGE=1.
 */
const SKIP_CURVE = (board: number, n: number) =>
	board >= 10_000 && n >= 200 && process.env.BENCH_HUGE !== '1';
/** Riskboard and the peer; Riskboard with STORAGE=memory isolates the cost of the SQLite commit. */
const KINDS: ServerKind[] = FULL
	? ['riskboard', 'peer', 'riskboard-memory']
	: ['riskboard', 'peer'];
/** The whole run is stopped (children killed) after this long. */
const RUN_DEADLINE_MS = (FULL ? 90 : 25) * 60_000;
const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const SUMMARY_FILE = fileURLToPath(new URL('./results/latest.md', import.meta.url));

function plan(): ScenarioSpec[] {
	const specs: ScenarioSpec[] = [];
	if (ONLY !== 'curves') {
		for (const board of BOARDS)
			for (const mode of MODES)
				for (const n of CLIENT_COUNTS) specs.push({ n, mode, edits: EDITS, board });
	}
	if (FULL || ONLY === 'curves') {
		for (const board of CURVE_BOARDS)
			for (const n of CLIENT_COUNTS) {
				if (SKIP_CURVE(board, n) || (BOARDS.includes(board) && ONLY !== 'curves')) continue;
				specs.push({ n, mode: 'sequence', edits: CURVE_EDITS, board });
			}
	}
	return specs;
}

const sameSpec = (a: ScenarioSpec, b: ScenarioSpec) =>
	a.mode === b.mode && a.n === b.n && a.board === b.board;

function notes(results: ScenarioResult[]): string[] {
	const idle = (kind: ServerKind) => {
		const values = results.filter((r) => r.server === kind).map((r) => r.serverIdleRssMiB);
		return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} MiB`;
	};
	const at = (server: ServerKind, mode: Mode, n: number) =>
		results.find((r) => r.server === server && r.mode === mode && r.n === n && r.board === 0);
	const largest = Math.max(...CLIENT_COUNTS);
	let clientHeavy = true;
	const share = (['riskboard', 'peer'] as const)
		.map((kind) => {
			const r = at(kind, 'sequence', largest);
			if (!r) return '';
			if (r.clientCpuSeconds <= r.serverCpuSeconds) clientHeavy = false;
			return (
				`${SERVER_LABEL[kind]}: server ${r.serverCpuSeconds.toFixed(2)} CPU s, clients ` +
				`${r.clientCpuSeconds.toFixed(2)} CPU s, in ${(r.wallMs / 1000).toFixed(2)} s`
			);
		})
		.filter(Boolean)
		.join('; ');
	const reconnects = results.reduce((sum, r) => sum + r.reconnects, 0);
	return [
		`- Machine: ${availableParallelism()} cores, Node ${process.version}. The server under test and ` +
			`this process (all N clients, including the writer) share those cores; scenarios run one at ` +
			`a time, each ${REPEATS}× per server, interleaved with the server order rotating; every ` +
			`number is the median of the ${REPEATS} runs (all runs are in latest.json). Sequence mode at ` +
			`N=${largest}: ${share}` +
			(clientHeavy
				? '; the client process needs more CPU than the server, so these latencies measure it ' +
					'as much as the server.'
				: '.'),
		`- Latency: from the writer's local change (one character appended to a risk's description ` +
			`Y.Text) until the last of the N − 1 receivers has it. Deliveries/s = edits × (N − 1) / wall ` +
			`time. Sequence: the next edit starts once the previous one reached everyone. Burst: all ` +
			`edits as fast as possible, yielding to the event loop every ${BURST_YIELD_EVERY}.`,
		`- Server CPU: utime + stime from /proc/<pid>/stat over the edit phase only (CLK_TCK ` +
			`${clkTck()}, so 0.01 s resolution). Peak RSS: VmHWM of a fresh server process per run ` +
			`(includes start-up and client connection). Idle RSS right after start: Riskboard ` +
			`${idle('riskboard')} (the production bundle under plain node, as \`pnpm start\` runs it), peer ` +
			`${idle('peer')} (plain node).`,
		`- Riskboard: fresh SQLite DATA_DIR per run (WAL, synchronous=FULL; each batch is ` +
			`committed before it is relayed), RATE_LIMIT_PER_SECOND=0 (no throttling), LOG_LEVEL=info ` +
			`(spawnServer waits for the info-level "listening" line; nothing else is logged at info ` +
			`during a scenario). Peer: ${SERVER_LABEL.peer} 0.1.1 in memory, no persistence.`,
		`- Clients: stock y-websocket WebsocketProvider with ws, disableBc: true, and presence off ` +
			`(local awareness state null) so only document updates are measured. Client reconnects ` +
			`during edit phases: ${reconnects}.`
	];
}

async function main(): Promise<void> {
	const started = Date.now();
	if (process.env.BENCH_SOURCES !== '1') buildServerBundle();
	const specs = plan();
	const runs: ScenarioResult[] = [];
	console.log(
		`Riskboard sync benchmark: ${specs.length} scenarios × ${KINDS.length} servers × ${REPEATS} ` +
			`runs (${FULL ? 'full' : 'quick'} mode)`
	);
	let turn = 0;
	for (let round = 1; round <= REPEATS; round++) {
		console.log(`Round ${round} of ${REPEATS}`);
		for (const spec of specs) {
			// Rotate who goes first, so no server always runs right after another's teardown.
			const order = KINDS.map((_, k) => KINDS[(turn + k) % KINDS.length]!);
			turn++;
			for (const kind of order) {
				const result = await runOnFreshServer(kind, spec);
				runs.push(result);
				console.log(progressLine(result));
			}
		}
	}
	const results: ScenarioResult[] = [];
	for (const spec of specs) {
		for (const kind of KINDS) {
			results.push(summarise(runs.filter((r) => r.server === kind && sameSpec(r, spec))));
		}
	}

	const output: string[] = [];
	for (const board of BOARDS) {
		for (const mode of MODES) {
			const rows = results.filter((r) => r.board === board && r.edits === EDITS);
			if (!rows.some((r) => r.mode === mode)) continue;
			const { table, footnotes } = markdownTable(mode, rows, EDITS);
			const title =
				board === 0 ? 'empty board' : `realistic board, ${board.toLocaleString('en-US')} risks`;
			output.push(`### ${mode} mode, ${title}`, '', table, '', ...footnotes);
			output.push(...(footnotes.length ? [''] : []));
		}
	}
	const boardCost = boardCostTable(results);
	if (boardCost) {
		output.push(
			'### Per-edit work against board size (sequence p50, 1,000-risk board / empty board)',
			'',
			boardCost,
			''
		);
	}
	const curves = curveTable(results);
	if (curves) {
		output.push(
			'### Curves: sequence p50 ms and server CPU µs per edit against board size',
			'',
			curves,
			'',
			`Points on boards other than the main tables' run ${CURVE_EDITS} edits.` +
				(CURVE_BOARDS.some((b) => CLIENT_COUNTS.some((n) => SKIP_CURVE(b, n)))
					? ' 10,000 risks × N = 200 is left out (200 client documents of ~10 MB do not fit ' +
						'this process; BENCH_HUGE=1 runs it).'
					: ''),
			''
		);
	}
	if (KINDS.includes('riskboard-memory')) {
		output.push(
			'### Cost of commit-before-relay (diagnostic)',
			'',
			'Riskboard as above next to the same server with STORAGE=memory (same batching and relay, ' +
				'no SQLite transaction or fsync). "commits" = storage transactions during the edit phase.',
			'',
			commitCostTable(results.filter((r) => r.board === 0)),
			''
		);
	}
	output.push('Notes:', ...notes(results));
	const durationS = (Date.now() - started) / 1000;
	output.push('', `Total run time: ${durationS.toFixed(0)} s.`);
	console.log('\n' + output.join('\n'));

	mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
	writeFileSync(
		RESULTS_FILE,
		JSON.stringify(
			{
				startedAt: new Date(started).toISOString(),
				durationSeconds: durationS,
				machine: { cores: availableParallelism(), node: process.version, clkTck: clkTck() },
				editsPerScenario: EDITS,
				repeats: REPEATS,
				burstYieldEvery: BURST_YIELD_EVERY,
				notes: notes(results),
				results,
				runs
			},
			null,
			'\t'
		) + '\n'
	);
	writeFileSync(SUMMARY_FILE, `# Riskboard sync benchmark\n\n${output.join('\n')}\n`);
	console.log(`Results written to ${RESULTS_FILE} and ${SUMMARY_FILE}`);
}

const deadline = setTimeout(() => {
	console.error(`bench failed: the run exceeded ${RUN_DEADLINE_MS / 60_000} minutes; stopping.`);
	killAllServers();
	process.exit(1);
}, RUN_DEADLINE_MS);
deadline.unref();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		console.error(`bench interrupted (${signal}); stopping servers.`);
		killAllServers();
		process.exit(130);
	});
}

// Each stock provider adds a process 'exit' listener; 200 of them are expected here.
process.setMaxListeners(0);

try {
	await main();
	process.exitCode = 0;
} catch (error) {
	console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`);
	process.exitCode = 1;
} finally {
	killAllServers();
}
// Destroyed providers leave nothing that matters running; do not wait on stray timers.
process.exit(process.exitCode);
