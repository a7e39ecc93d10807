/**
 * `pnpm bench`: sync latency and fan-out throughput of Riskboard next to the reference
 * `@y/websocket-server`, with the stock y-websocket client. Both servers run as child processes on
 * 127.0.0.1, one fresh process per scenario; clients all live in this process. Prints one
 * Markdown table per mode and writes test/bench/results/latest.json. Exits non-zero on failure.
 *
 * BENCH_EDITS (default 500) and BENCH_REPEATS (default 3) override the edits per scenario and the
 * runs per scenario and server, e.g. `BENCH_EDITS=50 BENCH_REPEATS=1` for a quick try.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { clkTck } from './proc.ts';
import { commitCostTable, markdownTable, progressLine } from './report.ts';
import {
	BURST_YIELD_EVERY,
	runOnFreshServer,
	summarise,
	type Mode,
	type ScenarioResult,
	type ScenarioSpec
} from './scenario.ts';
import { killAllServers, SERVER_LABEL, type ServerKind } from './servers.ts';

const EDITS = Number(process.env.BENCH_EDITS || 500);
/** Each scenario runs this many times per server (interleaved); tables show the medians. */
const REPEATS = Number(process.env.BENCH_REPEATS || 3);
const CLIENT_COUNTS = [10, 50, 200];
const MODES: Mode[] = ['sequence', 'burst'];
/** Scenarios that run fewer edits than EDITS (to keep the run short); the table says so. */
const REDUCED: Partial<Record<`${Mode}-${number}`, number>> = {};
/** Riskboard and the peer; Riskboard with STORAGE=memory isolates the cost of the SQLite commit. */
const KINDS: ServerKind[] = ['riskboard', 'peer', 'riskboard-memory'];
/** The whole run is stopped (children killed) after this long. */
const RUN_DEADLINE_MS = 10 * 60_000;
const RESULTS_FILE = fileURLToPath(new URL('./results/latest.json', import.meta.url));

function plan(): ScenarioSpec[] {
	const specs: ScenarioSpec[] = [];
	for (const mode of MODES) {
		for (const n of CLIENT_COUNTS) {
			specs.push({ n, mode, edits: Math.min(EDITS, REDUCED[`${mode}-${n}`] ?? EDITS) });
		}
	}
	return specs;
}

function notes(results: ScenarioResult[]): string[] {
	const idle = (kind: ServerKind) => {
		const values = results.filter((r) => r.server === kind).map((r) => r.serverIdleRssMiB);
		return `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} MiB`;
	};
	const at = (server: ServerKind, mode: Mode, n: number) =>
		results.find((r) => r.server === server && r.mode === mode && r.n === n);
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
			`${idle('riskboard')} (runs under the tsx loader, as \`pnpm start\` does), peer ` +
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
	const specs = plan();
	const runs: ScenarioResult[] = [];
	console.log(
		`Riskboard sync benchmark: ${specs.length} scenarios × ${KINDS.length} servers × ${REPEATS} ` +
			`runs, ${EDITS} edits each`
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
			results.push(
				summarise(runs.filter((r) => r.server === kind && r.mode === spec.mode && r.n === spec.n))
			);
		}
	}

	const output: string[] = [];
	for (const mode of MODES) {
		const { table, footnotes } = markdownTable(mode, results, EDITS);
		output.push(`### ${mode} mode`, '', table, '', ...footnotes, ...(footnotes.length ? [''] : []));
	}
	output.push(
		'### Cost of commit-before-relay (diagnostic)',
		'',
		'Riskboard as above next to the same server with STORAGE=memory (same batching and relay, ' +
			'no SQLite transaction or fsync). "commits" = storage transactions during the edit phase.',
		'',
		commitCostTable(results),
		''
	);
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
	console.log(`Results written to ${RESULTS_FILE}`);
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
