/**
 * Start-up and many boards (issue 15), Riskboard beside the reference @y/websocket-server, each
 * row repeated (BENCH_START_RUNS, default 5) with the median and range:
 * - start → `/healthz` answers (the peer: its first HTTP answer), measured from spawning `node`;
 *   Riskboard as built (`node apps/server/dist/main.js`), through `node scripts/start.mjs` (what
 *   `pnpm start` runs, without pnpm's own start-up) and, for comparison, the TypeScript sources
 *   under the tsx loader (how it started before the bundle);
 * - idle RSS of the listening process one second after it answered;
 * - 1,000 boards visited: server CPU while a stock client opens each board, syncs and leaves (50
 *   at a time; Riskboard's boards exist beforehand and each visit loads one from SQLite; the peer
 *   keeps nothing, so its rooms start empty).
 * Run: `npx tsx test/bench/startup.ts` (part of `pnpm bench`); writes results/startup.json.
 */
import { SYNC_PATH } from '@riskboard/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServerBundle, createBoard, removeDir, tempDataDir } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { connectBenchClient } from './clients.ts';
import { cpuSeconds, rssMiB } from './proc.ts';
import { median } from './stats.ts';

const RUNS = Number(process.env.BENCH_START_RUNS || 5);
const VISITS = Number(process.env.BENCH_VISITS || 1000);
const VISIT_BATCH = 50;
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const RESULTS_FILE = fileURLToPath(new URL('./results/startup.json', import.meta.url));

type Kind = 'bundle' | 'start.mjs' | 'tsx' | 'peer';
const LABEL: Record<Kind, string> = {
	bundle: 'Riskboard `node apps/server/dist/main.js`',
	'start.mjs': 'Riskboard `node scripts/start.mjs` (= `pnpm start` minus pnpm)',
	tsx: 'Riskboard sources under tsx (before the bundle)',
	peer: '@y/websocket-server'
};

function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const s = createServer();
		s.once('error', rej);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address() as { port: number };
			s.close(() => res(port));
		});
	});
}

interface Started {
	child: ChildProcess;
	url: string;
	startMs: number;
	dataDir: string | null;
	stop(): Promise<void>;
}

async function start(kind: Kind, timeoutMs = 30_000): Promise<Started> {
	const port = await freePort();
	const dataDir = kind === 'peer' ? null : tempDataDir('riskboard-start-');
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		LOG_LEVEL: 'warn',
		ROOM_GRACE_MS: '50',
		CREATE_RATE_LIMIT: '0',
		RATE_LIMIT_PER_SECOND: '0',
		...(dataDir ? { DATA_DIR: dataDir } : {})
	};
	const args: Record<Kind, { cwd: string; argv: string[] }> = {
		bundle: { cwd: join(root, 'apps/server'), argv: ['dist/main.js'] },
		'start.mjs': { cwd: root, argv: ['scripts/start.mjs'] },
		tsx: { cwd: join(root, 'apps/server'), argv: ['--import', 'tsx', 'src/main.ts'] },
		peer: { cwd: join(root, 'test'), argv: [join(root, 'test/bench/peer-server.mjs')] }
	};
	const t0 = performance.now();
	const profile = process.env.BENCH_CPU_PROF && kind === 'bundle';
	const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
	const child = spawn(process.execPath, [...nodeArgs, ...args[kind].argv], {
		cwd: args[kind].cwd,
		env,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	const probe = kind === 'peer' ? '/' : '/healthz';
	await waitFor(
		async () => {
			if (child.exitCode !== null) throw new Error(`${kind} exited (${child.exitCode})`);
			return (await fetch(url + probe)).ok;
		},
		{ what: `${kind} to answer`, timeoutMs, intervalMs: 2 }
	);
	const startMs = performance.now() - t0;
	const exited = new Promise<void>((res) => child.once('exit', () => res()));
	return {
		child,
		url,
		startMs,
		dataDir,
		async stop() {
			if (child.exitCode === null) child.kill('SIGTERM');
			await exited;
			if (dataDir) removeDir(dataDir);
		}
	};
}

/** Server CPU seconds for VISITS stock clients, VISIT_BATCH at a time, each open → synced → gone. */
async function visits(kind: Kind): Promise<number> {
	const server = await start(kind);
	try {
		const targets: Array<{ serverUrl: string; room: string; params: Record<string, string> }> = [];
		for (let i = 0; i < VISITS; i++) {
			if (kind === 'peer') {
				targets.push({
					serverUrl: server.url.replace('http', 'ws'),
					room: `board-${i}`,
					params: {}
				});
			} else {
				const board = await createBoard(server.url, `Board ${i}`);
				targets.push({
					serverUrl: `${server.url.replace('http', 'ws')}${SYNC_PATH}`,
					room: board.id,
					params: { token: board.tokens.editor }
				});
			}
		}
		// Let the creation settle (boards created are loaded once and unloaded after the grace).
		await new Promise((res) => setTimeout(res, 1000));
		const cpu0 = cpuSeconds(server.child.pid!);
		for (let i = 0; i < targets.length; i += VISIT_BATCH) {
			const clients = targets.slice(i, i + VISIT_BATCH).map((t) => connectBenchClient(t));
			await waitFor(() => clients.every((c) => c.provider.synced), {
				what: `visits ${i}..`,
				timeoutMs: 60_000
			});
			for (const c of clients) c.destroy();
		}
		await new Promise((res) => setTimeout(res, 500));
		return cpuSeconds(server.child.pid!) - cpu0;
	} finally {
		await server.stop();
	}
}

const spread = (values: number[]) => ({
	p50: median(values),
	min: Math.min(...values),
	max: Math.max(...values)
});

async function main(): Promise<void> {
	buildServerBundle();
	const kinds: Kind[] = ['bundle', 'start.mjs', 'tsx', 'peer'];
	// Warm-up, not measured: start.mjs builds the web app first when its build is stale.
	if (!process.env.BENCH_VISITS_ONLY) await (await start('start.mjs', 600_000)).stop();
	const startMs: Record<Kind, number[]> = { bundle: [], 'start.mjs': [], tsx: [], peer: [] };
	const rss: Record<Kind, number[]> = { bundle: [], 'start.mjs': [], tsx: [], peer: [] };
	for (let run = 0; run < (process.env.BENCH_VISITS_ONLY ? 0 : RUNS); run++) {
		for (const kind of kinds) {
			const server = await start(kind);
			startMs[kind].push(server.startMs);
			await new Promise((res) => setTimeout(res, 1000));
			rss[kind].push(rssMiB(server.child.pid!));
			await server.stop();
		}
	}
	const visitCpu: Record<'bundle' | 'peer', number[]> = { bundle: [], peer: [] };
	for (let run = 0; run < Math.min(RUNS, 3); run++) {
		visitCpu.bundle.push(await visits('bundle'));
		visitCpu.peer.push(await visits('peer'));
	}
	const f = (s: { p50: number; min: number; max: number }, d = 0) =>
		`${s.p50.toFixed(d)} (${s.min.toFixed(d)}–${s.max.toFixed(d)})`;
	const rows = [
		'| server | start → first answer ms p50 (range) | idle RSS MiB p50 (range) |',
		'|---|---:|---:|',
		...kinds.map((k) => `| ${LABEL[k]} | ${f(spread(startMs[k]))} | ${f(spread(rss[k]))} |`),
		'',
		`| ${VISITS.toLocaleString('en-US')} boards visited | server CPU s p50 (range) |`,
		'|---|---:|',
		`| Riskboard (bundle, SQLite) | ${f(spread(visitCpu.bundle), 2)} |`,
		`| @y/websocket-server (in memory, empty rooms) | ${f(spread(visitCpu.peer), 2)} |`
	];
	console.log(`\n### Start-up and many boards (${RUNS} runs)\n\n${rows.join('\n')}\n`);
	mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
	writeFileSync(
		RESULTS_FILE,
		JSON.stringify(
			{ at: new Date().toISOString(), startMs, rss, visitCpu, table: rows },
			null,
			'\t'
		)
	);
}

await main();
process.exit(0);
