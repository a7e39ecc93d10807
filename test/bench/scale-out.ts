/**
 * `tsx bench/scale-out.ts` (part of `pnpm bench`): cross-process fan-out. One writer and N - 1
 * receivers (stock y-websocket clients in this process) split round-robin over three server
 * processes on one PostgreSQL and one Redis (all started here, on loopback); beside it the same
 * run on one process (PostgreSQL, no Redis) and on one process with SQLite. Per edit: the time
 * from the writer's local change until every receiver has it, and separately until every
 * receiver on another process than the writer's has it. Sequence mode: the next edit after the
 * previous one reached everyone; burst mode: all edits at once (yielding every 10).
 *
 * BENCH_EDITS (default 500), BENCH_REPEATS (default 3). Prints a Markdown table of medians over
 * the repeats, with the range in brackets.
 */
import { addRisk, getRiskText } from '@riskboard/model';
import type * as Y from 'yjs';
import { startPostgres } from '../utils/postgres.ts';
import { startRedis } from '../utils/redis.ts';
import {
	createBoard,
	removeDir,
	spawnServer,
	tempDataDir,
	type ChildServer
} from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { connectBenchClient, type BenchClient } from './clients.ts';
import { cpuSeconds } from './proc.ts';
import { median, percentile } from './stats.ts';
import { yieldToLoop } from './time.ts';
import { SYNC_PATH } from '@riskboard/protocol';

const EDITS = Number(process.env.BENCH_EDITS || 500);
const REPEATS = Number(process.env.BENCH_REPEATS || 3);
const CLIENTS = [12, 50];
const MODES = ['sequence', 'burst'] as const;
type Setup = '3 processes, PostgreSQL + Redis' | '1 process, PostgreSQL' | '1 process, SQLite';
const SETUPS: Setup[] = [
	'3 processes, PostgreSQL + Redis',
	'1 process, PostgreSQL',
	'1 process, SQLite'
];

interface Run {
	setup: Setup;
	mode: (typeof MODES)[number];
	n: number;
	all: { p50: number; p95: number; p99: number };
	cross: { p50: number; p95: number; p99: number } | null;
	deliveriesPerSecond: number;
	cpuPerProcess: number[];
}

async function measure(
	servers: ChildServer[],
	setup: Setup,
	mode: Run['mode'],
	n: number
): Promise<Run> {
	const board = await createBoard(servers[0]!.url, `bench ${setup} ${mode} ${n}`);
	const target = (s: ChildServer) => ({
		serverUrl: `${s.wsUrl}${SYNC_PATH}`,
		room: board.id,
		params: { token: board.tokens.editor }
	});
	const clients: BenchClient[] = [];
	try {
		const writer = connectBenchClient(target(servers[0]!));
		clients.push(writer);
		await waitFor(() => writer.provider.synced, { timeoutMs: 30_000, what: 'writer sync' });
		const { id } = addRisk(writer.doc, { title: 'bench' });
		const text = getRiskText(writer.doc, id, 'description');
		const receivers: Array<{ text: Y.Text; cross: boolean }> = [];
		for (let i = 1; i < n; i++) {
			const server = servers[i % servers.length]!;
			const client = connectBenchClient(target(server));
			clients.push(client);
			await waitFor(
				() => {
					if (!client.provider.synced) return null;
					try {
						return getRiskText(client.doc, id, 'description');
					} catch {
						return null;
					}
				},
				{ timeoutMs: 30_000, what: 'receiver sync' }
			).then((t) => receivers.push({ text: t, cross: server !== servers[0] }));
		}
		const sentAt = new Float64Array(EDITS);
		const allAt = new Float64Array(EDITS);
		const crossAt = new Float64Array(EDITS);
		const left = new Int32Array(EDITS).fill(receivers.length);
		const crossCount = receivers.filter((r) => r.cross).length;
		const crossLeft = new Int32Array(EDITS).fill(crossCount);
		const reached = new Int32Array(receivers.length);
		let done = 0;
		const edit = (k: number) => {
			sentAt[k] = performance.now();
			text.insert(text.length, 'x');
		};
		const cpu0 = servers.map((s) => cpuSeconds(s.pid));
		const finished = new Promise<void>((resolve) => {
			receivers.forEach((r, i) => {
				r.text.observe(() => {
					const have = Math.min(r.text.length, EDITS);
					const t = performance.now();
					for (let k = reached[i]!; k < have; k++) {
						if (r.cross && --crossLeft[k]! === 0) crossAt[k] = t;
						if (--left[k]! === 0) {
							allAt[k] = t;
							done = k + 1;
							if (done === EDITS) resolve();
							else if (mode === 'sequence') setImmediate(() => edit(done));
						}
					}
					reached[i] = have;
				});
			});
		});
		if (mode === 'sequence') edit(0);
		else {
			for (let k = 0; k < EDITS; k++) {
				edit(k);
				if ((k + 1) % 10 === 0) await yieldToLoop();
			}
		}
		await Promise.race([
			finished,
			new Promise((_, reject) => setTimeout(() => reject(new Error(`stalled at ${done}`)), 120_000))
		]);
		const cpu = servers.map((s, i) => cpuSeconds(s.pid) - cpu0[i]!);
		const stats = (end: Float64Array) => {
			const values = Array.from(end, (t, k) => t - sentAt[k]!).sort((a, b) => a - b);
			return {
				p50: percentile(values, 50),
				p95: percentile(values, 95),
				p99: percentile(values, 99)
			};
		};
		const wall = allAt[EDITS - 1]! - sentAt[0]!;
		return {
			setup,
			mode,
			n,
			all: stats(allAt),
			cross: crossCount > 0 ? stats(crossAt) : null,
			deliveriesPerSecond: (EDITS * receivers.length) / (wall / 1000),
			cpuPerProcess: cpu
		};
	} finally {
		for (const client of clients) client.destroy();
	}
}

async function main(): Promise<void> {
	const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
	const dirs: string[] = [];
	const spawn = async (env: Record<string, string>) => {
		const dataDir = tempDataDir('riskboard-bench-');
		dirs.push(dataDir);
		return spawnServer({ dataDir, env: { LOG_LEVEL: 'info', RATE_LIMIT_PER_SECOND: '0', ...env } });
	};
	const fleets: Record<Setup, ChildServer[]> = {
		'3 processes, PostgreSQL + Redis': await Promise.all(
			[0, 1, 2].map(() => spawn({ DATABASE_URL: postgres.url(), REDIS_URL: redis.url }))
		),
		'1 process, PostgreSQL': [await spawn({ DATABASE_URL: postgres.url() })],
		'1 process, SQLite': [await spawn({})]
	};
	const runs: Run[] = [];
	try {
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			for (const mode of MODES) {
				for (const n of CLIENTS) {
					// Rotate the order so no setup always runs first.
					const order = SETUPS.map((_, i) => SETUPS[(i + repeat) % SETUPS.length]!);
					for (const setup of order) {
						const run = await measure(fleets[setup], setup, mode, n);
						runs.push(run);
						console.error(
							`${setup} ${mode} N=${n}: all p50 ${run.all.p50.toFixed(1)} ms` +
								(run.cross ? `, cross p50 ${run.cross.p50.toFixed(1)} ms` : '')
						);
					}
				}
			}
		}
	} finally {
		for (const servers of Object.values(fleets)) await Promise.all(servers.map((s) => s.stop()));
		await Promise.all([postgres.dispose(), redis.dispose()]);
		for (const dir of dirs) removeDir(dir);
	}
	const cell = (values: number[], digits = 1) => {
		const sorted = [...values].sort((a, b) => a - b);
		return `${median(sorted).toFixed(digits)} [${sorted[0]!.toFixed(digits)}–${sorted.at(-1)!.toFixed(digits)}]`;
	};
	console.log(
		`\nCross-process fan-out, ${EDITS} edits, median [range] of ${REPEATS} runs (ms unless noted)\n`
	);
	console.log(
		'| setup | mode | N | all p50 | all p95 | all p99 | other-process p50 | other-process p99 | deliveries/s | CPU s per process |'
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|');
	for (const mode of MODES) {
		for (const n of CLIENTS) {
			for (const setup of SETUPS) {
				const group = runs.filter((r) => r.setup === setup && r.mode === mode && r.n === n);
				const cross = group.filter((r) => r.cross).map((r) => r.cross!);
				const cpu = group[0]!.cpuPerProcess.map((_, i) =>
					median(group.map((r) => r.cpuPerProcess[i]!)).toFixed(2)
				);
				console.log(
					`| ${setup} | ${mode} | ${n} | ${cell(group.map((r) => r.all.p50))} | ${cell(group.map((r) => r.all.p95))} | ${cell(group.map((r) => r.all.p99))} | ` +
						`${cross.length ? cell(cross.map((c) => c.p50)) : '–'} | ${cross.length ? cell(cross.map((c) => c.p99)) : '–'} | ` +
						`${cell(
							group.map((r) => r.deliveriesPerSecond),
							0
						)} | ${cpu.join(' / ')} |`
				);
			}
		}
	}
}

await main();
