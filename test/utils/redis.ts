/**
 * A throwaway Redis for tests: `redis-server` as a child process on 127.0.0.1 and a free port,
 * nothing persisted (`--save '' --appendonly no`), its working directory a fresh temporary one,
 * stopped by its pid. `pause`/`resume` send SIGSTOP/SIGCONT (a Redis that hangs); `restart` stops
 * and starts it on the same port (a Redis that lost everything). `scripts/ensure-services.mjs`
 * installs `redis-server`.
 *
 * Uses Node built-ins only, so the server's own unit tests can import it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres.ts';

export interface TestRedis {
	port: number;
	/** `redis://127.0.0.1:PORT`. */
	url: string;
	readonly pid: number | null;
	stop(signal?: NodeJS.Signals): Promise<void>;
	start(): Promise<void>;
	/** Stops and starts again on the same port, empty. */
	restart(): Promise<void>;
	pause(): void;
	resume(): void;
	dispose(): Promise<void>;
}

export async function startRedis(options: { port?: number } = {}): Promise<TestRedis> {
	const dir = mkdtempSync(join(tmpdir(), 'riskboard-redis-'));
	const port = options.port ?? (await freePort());
	let child: ChildProcess | null = null;
	let exited: Promise<void> = Promise.resolve();

	const start = async (): Promise<void> => {
		let out = '';
		const server = spawn(
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--dir',
				dir
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] }
		);
		child = server;
		server.stdout!.on('data', (chunk) => (out = (out + chunk).slice(-20_000)));
		server.stderr!.on('data', (chunk) => (out = (out + chunk).slice(-20_000)));
		const reap = () => server.kill('SIGKILL');
		process.once('exit', reap);
		exited = new Promise((resolve) =>
			server.once('exit', () => {
				process.off('exit', reap);
				if (child === server) child = null;
				resolve();
			})
		);
		const deadline = Date.now() + 15_000;
		while (!out.includes('Ready to accept connections')) {
			if (!child) throw new Error(`redis-server exited while starting: ${out}`);
			if (Date.now() > deadline) {
				server.kill('SIGKILL');
				throw new Error(`redis-server did not start within 15 s: ${out}`);
			}
			await new Promise((r) => setTimeout(r, 20));
		}
	};

	const signal = (name: NodeJS.Signals): void => {
		const running = child as ChildProcess | null;
		if (running) process.kill(running.pid!, name);
	};

	const stop = async (name: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
		const running = child as ChildProcess | null;
		if (!running) return;
		// A paused server cannot act on SIGTERM; let it run so it can stop.
		process.kill(running.pid!, 'SIGCONT');
		process.kill(running.pid!, name);
		await exited;
	};

	await start();
	return {
		port,
		url: `redis://127.0.0.1:${port}`,
		get pid() {
			return (child as ChildProcess | null)?.pid ?? null;
		},
		stop,
		start,
		async restart() {
			await stop();
			await start();
		},
		pause: () => signal('SIGSTOP'),
		resume: () => signal('SIGCONT'),
		async dispose() {
			await stop();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
