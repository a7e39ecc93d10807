/**
 * The two servers under test, each a child process on 127.0.0.1 with a free port: Riskboard
 * (`spawnServer`, fresh SQLite DATA_DIR) and the reference `@y/websocket-server` (peer-server.mjs,
 * in memory). A fresh process per scenario, so the lifetime peak RSS (VmHWM) is per scenario.
 */
import { SYNC_PATH } from '@riskboard/protocol';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
	createBoard,
	removeDir,
	spawnServer,
	tempDataDir,
	type ChildServer
} from '../utils/server.ts';
import { withTimeout } from './time.ts';

/** `riskboard-memory` (STORAGE=memory) is a diagnostic: Riskboard without the SQLite commit. */
export type ServerKind = 'riskboard' | 'riskboard-memory' | 'peer';

export const SERVER_LABEL: Record<ServerKind, string> = {
	riskboard: 'Riskboard',
	'riskboard-memory': 'Riskboard (STORAGE=memory)',
	peer: '@y/websocket-server'
};

/** Where a y-websocket provider connects: `new WebsocketProvider(serverUrl, room, doc, { params })`. */
export interface RoomTarget {
	serverUrl: string;
	room: string;
	params: Record<string, string>;
}

export interface BenchServer {
	kind: ServerKind;
	pid: number;
	/** Resolves when the process exits, whenever that is. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	/** Warning and error lines the server printed (Riskboard logs JSON lines; the peer plain text). */
	complaints: string[];
	/** Riskboard's `riskboard_batches_committed_total` (one storage transaction each); null for the peer. */
	batchesCommitted(): Promise<number | null>;
	/** A room (Riskboard: a new board and its editor token) for one scenario. */
	newRoom(name: string): Promise<RoomTarget>;
	/** Stops the process (SIGTERM, then SIGKILL after a grace period) and removes its temp files. */
	stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 10_000;
const PEER_SCRIPT = fileURLToPath(new URL('./peer-server.mjs', import.meta.url));
const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Pids of every server this process started and has not yet seen exit. */
const live = new Set<number>();

/** Last resort (deadline, signal): SIGKILL every server still running, by pid. */
export function killAllServers(): void {
	for (const pid of live) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}
	live.clear();
}

function track(pid: number, exited: Promise<unknown>): void {
	live.add(pid);
	void exited.then(() => live.delete(pid));
}

async function stopProcess(
	pid: number,
	exited: Promise<unknown>,
	isRunning: () => boolean
): Promise<void> {
	if (isRunning()) process.kill(pid, 'SIGTERM');
	try {
		await withTimeout(exited, STOP_GRACE_MS, `pid ${pid} to exit after SIGTERM`);
	} catch {
		if (isRunning()) process.kill(pid, 'SIGKILL');
		await withTimeout(exited, STOP_GRACE_MS, `pid ${pid} to exit after SIGKILL`);
	}
}

/** Collects warn/error JSON log lines from Riskboard's stdout and anything on stderr. */
function collectComplaints(server: ChildServer): string[] {
	const complaints: string[] = [];
	createInterface({ input: server.child.stdout! }).on('line', (line) => {
		if (/"level":"(warn|error)"/.test(line)) complaints.push(line);
	});
	server.child.stderr!.on('data', (chunk: Buffer) => complaints.push(chunk.toString().trim()));
	return complaints;
}

/**
 * Node options for the next Riskboard servers: BENCH_CPU_PROF=<dir> profiles each one (written
 * when it stops) — how the before/after profiles were taken.
 */
function profileArgs(): string[] {
	const dir = process.env.BENCH_CPU_PROF;
	return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

export async function startRiskboard(storage: 'sqlite' | 'memory'): Promise<BenchServer> {
	const dataDir = tempDataDir('riskboard-bench-');
	let server: ChildServer;
	try {
		server = await spawnServer({
			dataDir,
			// The production bundle, plain node (run.ts builds it first), as `pnpm start` runs it.
			bundle: process.env.BENCH_SOURCES !== '1',
			nodeArgs: profileArgs(),
			env: {
				// spawnServer waits for the "listening" line, which is logged at info; the only other
				// info lines are "board created" and "stopped" (per-connection lines are debug), so
				// this logs as little as warn would during a scenario.
				LOG_LEVEL: 'info',
				// 0 disables the per-connection token bucket: the writer must not be throttled.
				RATE_LIMIT_PER_SECOND: '0',
				STORAGE: storage
			},
			startTimeoutMs: START_TIMEOUT_MS
		});
	} catch (error) {
		removeDir(dataDir);
		throw error;
	}
	track(server.pid, server.exited);
	const complaints = collectComplaints(server);
	const isRunning = () => server.child.exitCode === null && server.child.signalCode === null;
	return {
		kind: storage === 'sqlite' ? 'riskboard' : 'riskboard-memory',
		pid: server.pid,
		exited: server.exited,
		complaints,
		async batchesCommitted() {
			const response = await withTimeout(fetch(`${server.url}/metrics`), 10_000, 'metrics');
			const match = /^riskboard_batches_committed_total (\d+)$/m.exec(await response.text());
			if (!match) throw new Error('riskboard_batches_committed_total missing from /metrics');
			return Number(match[1]);
		},
		async newRoom(name) {
			const board = await withTimeout(createBoard(server.url, name), 10_000, 'board creation');
			return {
				serverUrl: `${server.wsUrl}${SYNC_PATH}`,
				room: board.id,
				params: { token: board.tokens.editor }
			};
		},
		async stop() {
			try {
				await stopProcess(server.pid, server.exited, isRunning);
			} finally {
				removeDir(dataDir);
			}
		}
	};
}

export async function startPeer(): Promise<BenchServer> {
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
	// No LevelDB persistence and no HTTP callbacks: the stock in-memory relay.
	delete env.YPERSISTENCE;
	delete env.CALLBACK_URL;
	const child = spawn(process.execPath, [PEER_SCRIPT], {
		cwd: TEST_DIR,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const pid = child.pid!;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
		child.once('exit', (code, signal) => res({ code, signal }))
	);
	track(pid, exited);
	const isRunning = () => child.exitCode === null && child.signalCode === null;
	const complaints: string[] = [];
	child.stderr.on('data', (chunk: Buffer) => complaints.push(chunk.toString().trim()));
	const lines = createInterface({ input: child.stdout });
	let url: string;
	try {
		url = await withTimeout(
			new Promise<string>((res, rej) => {
				lines.on('line', (line) => {
					try {
						const entry = JSON.parse(line) as { msg?: string; url?: string };
						if (entry.msg === 'listening' && entry.url) res(entry.url);
					} catch {
						complaints.push(line);
					}
				});
				void exited.then(({ code }) =>
					rej(new Error(`peer server exited early (${code}): ${complaints.join('\n')}`))
				);
			}),
			START_TIMEOUT_MS,
			'the peer server to start listening'
		);
	} catch (error) {
		await stopProcess(pid, exited, isRunning);
		throw error;
	}
	const wsUrl = url.replace(/^http/, 'ws');
	return {
		kind: 'peer',
		pid,
		exited,
		complaints,
		batchesCommitted: async () => null,
		async newRoom(name) {
			// The peer's room is the URL path; it ignores the query string.
			return { serverUrl: wsUrl, room: name, params: {} };
		},
		stop: () => stopProcess(pid, exited, isRunning)
	};
}

export function startServerOf(kind: ServerKind): Promise<BenchServer> {
	if (kind === 'peer') return startPeer();
	return startRiskboard(kind === 'riskboard' ? 'sqlite' : 'memory');
}
