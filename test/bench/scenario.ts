/**
 * One scenario: N stock clients in one room on one server; one writer appends `edits` characters
 * to a risk's description (a Y.Text, so the document stays small); the other N - 1 receive them.
 * Per edit we measure the time from the writer's local change until every receiver has it.
 */
import { addRisk, getRiskText, getSchemaVersion, initBoard } from '@riskboard/model';
import * as Y from 'yjs';
import { waitFor } from '../utils/wait.ts';
import { benchBoardSeed } from './board.ts';
import { connectBenchClient, type BenchClient } from './clients.ts';
import { cpuSeconds, peakRssMiB, rssMiB } from './proc.ts';
import { startServerOf, type BenchServer, type ServerKind } from './servers.ts';
import { median, percentile } from './stats.ts';
import { withTimeout, yieldToLoop } from './time.ts';

export type Mode = 'sequence' | 'burst';

export interface ScenarioSpec {
	n: number;
	mode: Mode;
	edits: number;
	/** Risks on the realistic board the edits run on (board.ts); 0 = the empty board. */
	board: number;
}

export interface ScenarioResult extends ScenarioSpec {
	server: ServerKind;
	/** How many runs this result summarises (each number is the median over them). */
	runs: number;
	receivers: number;
	latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
	/** From the first local edit until the last edit reached the last receiver. */
	wallMs: number;
	/** edits × receivers / wall time. */
	deliveriesPerSecond: number;
	/** Server CPU (user + system) during the edit phase. */
	serverCpuSeconds: number;
	/** serverCpuSeconds per edit delivered to every receiver, in microseconds. */
	serverCpuPerEditUs: number;
	/** Server RSS after the board was loaded and every client synced, before the edits. */
	serverLoadedRssMiB: number;
	/** Server CPU while the N clients connected and synced (not in the table). */
	serverSetupCpuSeconds: number;
	/** VmHWM of the server process (started fresh for this scenario). */
	serverPeakRssMiB: number;
	/** VmRSS right after the server started, before any client. */
	serverIdleRssMiB: number;
	/** CPU of this (client) process during the edit phase; it shares the 2 cores with the server. */
	clientCpuSeconds: number;
	/** Storage transactions Riskboard committed during the edit phase (null for the peer). */
	batchesCommitted: number | null;
	/** Client reconnects during the edit phase (should be 0). */
	reconnects: number;
	setupMs: number;
	/** Min and max over the runs a summary covers (absent on a single run). */
	ranges?: Record<'p50' | 'p99' | 'deliveriesPerSecond' | 'serverCpuPerEditUs', [number, number]>;
}

const range = (values: number[]): [number, number] => [Math.min(...values), Math.max(...values)];

/** In burst mode the writer yields to the event loop after this many edits. */
export const BURST_YIELD_EVERY = 10;
const CONNECT_BATCH = 25;
const CONNECT_TIMEOUT_MS = 30_000;
/** An edit phase fails when no edit completes for this long. */
const STALL_TIMEOUT_MS = 20_000;
const EDIT_PHASE_TIMEOUT_MS = 120_000;

/** Starts a fresh server, runs the scenario on it, stops it. */
export async function runOnFreshServer(
	kind: ServerKind,
	spec: ScenarioSpec
): Promise<ScenarioResult> {
	const server = await startServerOf(kind);
	try {
		return await runScenario(server, spec);
	} finally {
		await server.stop();
	}
}

export async function runScenario(
	server: BenchServer,
	spec: ScenarioSpec
): Promise<ScenarioResult> {
	const idleRss = rssMiB(server.pid);
	const died = server.exited.then(({ code, signal }) => {
		throw new Error(
			`${server.kind} server exited during the scenario (code ${code}, signal ${signal}):\n` +
				server.complaints.slice(-5).join('\n')
		);
	});
	died.catch(() => {});
	const clients: BenchClient[] = [];
	try {
		const setupStart = performance.now();
		const setupCpu0 = cpuSeconds(server.pid);
		const target = await server.newRoom(
			`bench-${server.kind}-${spec.mode}-${spec.n}-${spec.board}`
		);

		const writer = connectBenchClient(target);
		clients.push(writer);
		await Promise.race([
			died,
			waitFor(() => writer.provider.synced, {
				timeoutMs: CONNECT_TIMEOUT_MS,
				what: `${server.kind}: writer sync`
			})
		]);
		// Riskboard boards are initialised by the server; the peer starts from an empty document.
		if (getSchemaVersion(writer.doc) === 0) {
			initBoard(writer.doc, { title: 'Benchmark' });
		}
		// The realistic board, one message per seeding transaction, before the benchmark risk (so a
		// receiver that has that risk has the whole board: the server relays in order).
		if (spec.board > 0) {
			for (const update of await benchBoardSeed(spec.board)) {
				Y.applyUpdate(writer.doc, update, 'seed');
				await yieldToLoop();
			}
		}
		const { id: riskId } = addRisk(writer.doc, { title: 'Benchmark risk' });
		const writerText = getRiskText(writer.doc, riskId, 'description');
		const base = writerText.length;

		const receivers: Array<{ client: BenchClient; text: Y.Text }> = [];
		for (let i = 1; i < spec.n; i += CONNECT_BATCH) {
			const batch: BenchClient[] = [];
			for (let j = i; j < Math.min(spec.n, i + CONNECT_BATCH); j++) {
				const client = connectBenchClient(target);
				clients.push(client);
				batch.push(client);
			}
			const texts = await Promise.race([
				died,
				waitFor(
					() => {
						const found: Y.Text[] = [];
						for (const client of batch) {
							if (!client.provider.synced) return null;
							const text = riskText(client.doc, riskId);
							if (!text || text.length !== base) return null;
							found.push(text);
						}
						return found;
					},
					{
						timeoutMs: CONNECT_TIMEOUT_MS + spec.board * 10,
						what: `${server.kind}: clients ${i}.. to sync the risk`
					}
				)
			]);
			batch.forEach((client, k) => receivers.push({ client, text: texts[k]! }));
		}
		const setupMs = performance.now() - setupStart;
		const setupCpu = cpuSeconds(server.pid) - setupCpu0;
		const loadedRss = rssMiB(server.pid);

		const batches0 = await server.batchesCommitted();
		const closes0 = clients.reduce((sum, c) => sum + c.closes, 0);
		const clientCpu0 = process.cpuUsage();
		const cpu0 = cpuSeconds(server.pid);
		const timing = await Promise.race([
			died,
			editPhase(writerText, base, receivers, spec, server.kind)
		]);
		const serverCpu = cpuSeconds(server.pid) - cpu0;
		const clientCpu = process.cpuUsage(clientCpu0);
		const reconnects = clients.reduce((sum, c) => sum + c.closes, 0) - closes0;
		const peakRss = peakRssMiB(server.pid);
		const batches1 = await server.batchesCommitted();

		const latencies = Array.from(timing.doneAt, (done, k) => done - timing.sentAt[k]!).sort(
			(a, b) => a - b
		);
		const wallMs = timing.doneAt[spec.edits - 1]! - timing.sentAt[0]!;
		const receiverCount = spec.n - 1;
		return {
			...spec,
			server: server.kind,
			runs: 1,
			receivers: receiverCount,
			latencyMs: {
				p50: percentile(latencies, 50),
				p95: percentile(latencies, 95),
				p99: percentile(latencies, 99),
				max: latencies[latencies.length - 1]!,
				mean: latencies.reduce((a, b) => a + b, 0) / latencies.length
			},
			wallMs,
			deliveriesPerSecond: (spec.edits * receiverCount) / (wallMs / 1000),
			serverCpuSeconds: serverCpu,
			serverCpuPerEditUs: (serverCpu / spec.edits) * 1e6,
			serverLoadedRssMiB: loadedRss,
			serverSetupCpuSeconds: setupCpu,
			serverPeakRssMiB: peakRss,
			serverIdleRssMiB: idleRss,
			clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
			batchesCommitted: batches0 === null || batches1 === null ? null : batches1 - batches0,
			reconnects,
			setupMs
		};
	} finally {
		for (const client of clients) client.destroy();
	}
}

function riskText(doc: Y.Doc, riskId: string): Y.Text | null {
	try {
		return getRiskText(doc, riskId, 'description');
	} catch {
		return null;
	}
}

interface Timing {
	sentAt: Float64Array;
	doneAt: Float64Array;
}

/**
 * The measured part. Each receiver observes its Y.Text and counts how many appended characters it
 * has; an edit is complete when the last receiver reaches it (receivers see edits in order, so
 * edits complete in order). Cost per receiver per update: one `performance.now()` and a loop over
 * the newly arrived edits.
 */
function editPhase(
	writerText: Y.Text,
	base: number,
	receivers: Array<{ text: Y.Text }>,
	spec: ScenarioSpec,
	kind: ServerKind
): Promise<Timing> {
	const { edits, mode } = spec;
	const sentAt = new Float64Array(edits);
	const doneAt = new Float64Array(edits);
	const remaining = new Int32Array(edits).fill(receivers.length);
	const reached = new Int32Array(receivers.length);
	let completed = 0;
	let lastProgress = performance.now();

	const edit = (k: number) => {
		sentAt[k] = performance.now();
		writerText.insert(writerText.length, 'x');
	};

	const work = new Promise<Timing>((resolve) => {
		const onComplete = (k: number, t: number) => {
			doneAt[k] = t;
			completed = k + 1;
			lastProgress = t;
			if (completed === edits) resolve({ sentAt, doneAt });
			else if (mode === 'sequence') setImmediate(() => edit(completed));
		};
		receivers.forEach(({ text }, r) => {
			text.observe(() => {
				const have = Math.min(text.length - base, edits);
				if (have <= reached[r]!) return;
				const t = performance.now();
				for (let k = reached[r]!; k < have; k++) {
					if (--remaining[k]! === 0) onComplete(k, t);
				}
				reached[r] = have;
			});
		});
	});

	const start = async () => {
		if (mode === 'sequence') {
			edit(0);
			return;
		}
		for (let k = 0; k < edits; k++) {
			edit(k);
			if ((k + 1) % BURST_YIELD_EVERY === 0) await yieldToLoop();
		}
	};

	let watchdog: ReturnType<typeof setInterval> | undefined;
	const stalled = new Promise<never>((_, reject) => {
		watchdog = setInterval(() => {
			if (performance.now() - lastProgress < STALL_TIMEOUT_MS) return;
			const behind = remaining[completed] ?? 0;
			reject(
				new Error(
					`${kind} ${mode} N=${spec.n}: no progress for ${STALL_TIMEOUT_MS} ms; edit ${completed} ` +
						`still missing at ${behind} of ${receivers.length} receivers`
				)
			);
		}, 500);
	});
	void start();
	return withTimeout(
		Promise.race([work, stalled]),
		EDIT_PHASE_TIMEOUT_MS,
		`${kind} ${mode} N=${spec.n}: ${edits} edits to reach every receiver`
	).finally(() => clearInterval(watchdog));
}

/** Summarises repeated runs of one scenario on one server: every number is the median of the runs. */
export function summarise(runs: ScenarioResult[]): ScenarioResult {
	const first = runs[0]!;
	const med = (pick: (r: ScenarioResult) => number) => median(runs.map(pick));
	return {
		...first,
		runs: runs.length,
		latencyMs: {
			p50: med((r) => r.latencyMs.p50),
			p95: med((r) => r.latencyMs.p95),
			p99: med((r) => r.latencyMs.p99),
			max: med((r) => r.latencyMs.max),
			mean: med((r) => r.latencyMs.mean)
		},
		wallMs: med((r) => r.wallMs),
		deliveriesPerSecond: med((r) => r.deliveriesPerSecond),
		serverCpuSeconds: med((r) => r.serverCpuSeconds),
		serverCpuPerEditUs: med((r) => r.serverCpuPerEditUs),
		serverLoadedRssMiB: med((r) => r.serverLoadedRssMiB),
		ranges: {
			p50: range(runs.map((r) => r.latencyMs.p50)),
			p99: range(runs.map((r) => r.latencyMs.p99)),
			deliveriesPerSecond: range(runs.map((r) => r.deliveriesPerSecond)),
			serverCpuPerEditUs: range(runs.map((r) => r.serverCpuPerEditUs))
		},
		serverSetupCpuSeconds: med((r) => r.serverSetupCpuSeconds),
		serverPeakRssMiB: med((r) => r.serverPeakRssMiB),
		serverIdleRssMiB: med((r) => r.serverIdleRssMiB),
		clientCpuSeconds: med((r) => r.clientCpuSeconds),
		batchesCommitted: first.batchesCommitted === null ? null : med((r) => r.batchesCommitted ?? 0),
		// Not a median: any reconnect in any run must show.
		reconnects: runs.reduce((sum, r) => sum + r.reconnects, 0),
		setupMs: med((r) => r.setupMs)
	};
}
