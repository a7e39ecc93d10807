/**
 * Real servers for cross-package tests: in this process (fast, inspectable) or as a child process
 * (for restarts and SIGKILL). Both listen on 127.0.0.1 on a free port and use a real SQLite file
 * in a fresh temporary directory unless told otherwise.
 */
import { loadConfig, startServer, type RunningServer } from '@riskboard/server';
import type { CreateBoardResponse } from '@riskboard/protocol';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const SERVER_MAIN = join(root, 'apps/server/src/main.ts');

export function tempDataDir(prefix = 'riskboard-test-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export interface TestServer extends RunningServer {
	dataDir: string;
	wsUrl: string;
	/** Stops the server and deletes its data directory. */
	dispose(): Promise<void>;
}

/** Starts the real server in this process. `env` uses the same names as production. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
	const dataDir = env.DATA_DIR ?? tempDataDir();
	const config = loadConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		LOG_LEVEL: 'silent',
		WEB_DIR: '',
		ROOM_GRACE_MS: '50',
		// Suites create many boards from 127.0.0.1; the creation limit has its own test.
		CREATE_RATE_LIMIT: '0',
		...env,
		DATA_DIR: dataDir
	});
	const server = await startServer(config);
	return {
		...server,
		dataDir,
		wsUrl: server.url.replace(/^http/, 'ws'),
		async dispose() {
			await server.close();
			if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

export interface ChildServer {
	url: string;
	wsUrl: string;
	port: number;
	pid: number;
	child: ChildProcess;
	/** Resolves with the exit code or signal once the process has exited. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `apps/server/src/main.ts` as a child process and waits for its "listening" log line
 * (logged at `info`, so `LOG_LEVEL` must stay at `info` or `debug`). A server that does not
 * listen within `startTimeoutMs` is killed and the promise rejects.
 */
export async function spawnServer(options: {
	dataDir: string;
	port?: number;
	env?: Record<string, string>;
	startTimeoutMs?: number;
	/**
	 * Run the production bundle (`apps/server/dist/main.js`, built by `buildServerBundle`) with
	 * plain node instead of the TypeScript sources under tsx.
	 */
	bundle?: boolean;
	/** Extra node options (for example `--cpu-prof`). */
	nodeArgs?: string[];
}): Promise<ChildServer> {
	const entry = options.bundle ? ['dist/main.js'] : ['--import', 'tsx', SERVER_MAIN];
	const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
		cwd: join(root, 'apps/server'),
		env: {
			...process.env,
			PORT: String(options.port ?? 0),
			HOST: '127.0.0.1',
			DATA_DIR: options.dataDir,
			WEB_DIR: '',
			LOG_LEVEL: 'info',
			ROOM_GRACE_MS: '50',
			CREATE_RATE_LIMIT: '0',
			...options.env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stderr = '';
	child.stderr!.on('data', (chunk) => (stderr += chunk));
	// A test or soak that dies must not leave its server running.
	const reap = () => child.kill('SIGKILL');
	process.once('exit', reap);
	child.once('exit', () => process.off('exit', reap));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
		child.once('exit', (code, signal) => res({ code, signal }))
	);
	const startTimeoutMs = options.startTimeoutMs ?? 30_000;
	const url = await new Promise<string>((res, rej) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			rej(new Error(`server did not listen within ${startTimeoutMs} ms: ${stderr}`));
		}, startTimeoutMs);
		const lines = createInterface({ input: child.stdout! });
		lines.on('line', (line) => {
			try {
				const entry = JSON.parse(line) as { msg?: string; url?: string };
				if (entry.msg === 'listening' && entry.url) {
					clearTimeout(timer);
					res(entry.url);
				}
			} catch {
				// not a log line
			}
		});
		void exited.then(({ code }) => {
			clearTimeout(timer);
			rej(new Error(`server exited early (${code}): ${stderr}`));
		});
	});
	const port = Number(new URL(url).port);
	return {
		url,
		wsUrl: url.replace(/^http/, 'ws'),
		port,
		pid: child.pid!,
		child,
		exited,
		async stop(signal = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
			await exited;
		}
	};
}

/** Bundles the server (`apps/server/build.mjs`) so `spawnServer({ bundle: true })` runs it. */
export function buildServerBundle(): void {
	const result = spawnSync(process.execPath, [join(root, 'apps/server/build.mjs')], {
		stdio: 'inherit'
	});
	if (result.status !== 0) throw new Error(`server bundle failed (${result.status})`);
}

/** Creates a board through the REST API. */
export async function createBoard(url: string, title = 'Test board'): Promise<CreateBoardResponse> {
	const response = await fetch(`${url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title })
	});
	if (response.status !== 201)
		throw new Error(`create board: ${response.status} ${await response.text()}`);
	return (await response.json()) as CreateBoardResponse;
}

/** Removes a directory made by tempDataDir. */
export function removeDir(dir: string): void {
	rmSync(dir, { recursive: true, force: true });
}
