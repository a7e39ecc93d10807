/**
 * A throwaway PostgreSQL for tests: `initdb` into a fresh temporary directory, then the
 * `postgres` server as a child process on 127.0.0.1 and a free port (trust authentication, user
 * `riskboard`), stopped by its pid. PostgreSQL refuses to run as root, so as root both run as the
 * `postgres` system user (the directory is handed to that user). Binaries come from `PG_BIN`, the
 * PATH or /usr/lib/postgresql/<version>/bin; `scripts/ensure-services.mjs` installs them.
 *
 * Uses Node built-ins only, so the server's own unit tests can import it too.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free loopback TCP port (asked of the kernel, then released). */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** The directory holding `initdb` and `postgres`. */
export function postgresBin(): string {
	if (process.env.PG_BIN) return process.env.PG_BIN;
	const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
	if (which.status === 0 && which.stdout.trim()) {
		const found = spawnSync('readlink', ['-f', which.stdout.trim()], { encoding: 'utf8' });
		return join(found.stdout.trim(), '..');
	}
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin/initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) {
		throw new Error('PostgreSQL not found: run `node scripts/ensure-services.mjs` or set PG_BIN');
	}
	return join(root, versions[0]!, 'bin');
}

/** uid/gid to run PostgreSQL as: the `postgres` user when we are root, else ourselves. */
function runAs(): { uid: number; gid: number } | null {
	if (process.getuid?.() !== 0) return null;
	const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
	if (uid.status !== 0 || gid.status !== 0) {
		throw new Error('running as root needs a `postgres` system user to run PostgreSQL as');
	}
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function accepts(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = new Socket();
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
		socket.connect(port, '127.0.0.1');
	});
}

export interface TestPostgres {
	port: number;
	dir: string;
	/** `postgres://riskboard@127.0.0.1:PORT/riskboard` (or another database on the same server). */
	url(database?: string): string;
	/** The server's pid while it runs. */
	readonly pid: number | null;
	/** Creates an empty database and returns its URL. */
	createDatabase(name: string): Promise<string>;
	/** Stops the server (fast shutdown by default: SIGINT; `SIGKILL` for a crash). */
	stop(signal?: NodeJS.Signals): Promise<void>;
	/** Starts it again on the same port and data directory. */
	start(): Promise<void>;
	/** Stops it and deletes the data directory. */
	dispose(): Promise<void>;
}

/**
 * Starts a fresh PostgreSQL. The throwaway cluster is not fsynced (`initdb --no-sync`, and
 * `fsync=off` unless `fsync: true`): commits are still transactional and survive a restart or a
 * kill of PostgreSQL (the OS keeps the written pages); only a crash of the machine could lose
 * them, which no test simulates. On the shared 2-core machine a fsyncing shutdown checkpoint of a
 * cluster with many test databases took over 10 s.
 */
export async function startPostgres(
	options: { port?: number; fsync?: boolean } = {}
): Promise<TestPostgres> {
	const bin = postgresBin();
	const user = runAs();
	const dir = mkdtempSync(join(tmpdir(), 'riskboard-pg-'));
	if (user) chownSync(dir, user.uid, user.gid);
	const data = join(dir, 'data');
	const spawnOptions = user ? { uid: user.uid, gid: user.gid } : {};
	const init = spawnSync(
		join(bin, 'initdb'),
		['-D', data, '-U', 'riskboard', '--auth=trust', '--no-sync', '-E', 'UTF8', '--no-locale'],
		{ encoding: 'utf8', ...spawnOptions }
	);
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const port = options.port ?? (await freePort());
	let child: ChildProcess | null = null;
	let exited: Promise<void> = Promise.resolve();
	let log = '';

	const start = async (): Promise<void> => {
		log = '';
		const server = spawn(
			join(bin, 'postgres'),
			[
				'-D',
				data,
				'-p',
				String(port),
				'-h',
				'127.0.0.1',
				'-k',
				dir,
				'-c',
				'max_connections=200',
				'-c',
				'shared_buffers=32MB',
				'-c',
				`fsync=${options.fsync ? 'on' : 'off'}`
			],
			{ stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions }
		);
		child = server;
		server.stdout!.on('data', (chunk) => (log += chunk));
		server.stderr!.on('data', (chunk) => (log = (log + chunk).slice(-20_000)));
		const reap = () => server.kill('SIGKILL');
		process.once('exit', reap);
		exited = new Promise((resolve) =>
			server.once('exit', () => {
				process.off('exit', reap);
				if (child === server) child = null;
				resolve();
			})
		);
		const deadline = Date.now() + 30_000;
		while (!log.includes('ready to accept connections') || !(await accepts(port))) {
			if (!child) throw new Error(`postgres exited while starting: ${log}`);
			if (Date.now() > deadline) {
				server.kill('SIGKILL');
				throw new Error(`postgres did not start within 30 s: ${log}`);
			}
			await new Promise((r) => setTimeout(r, 25));
		}
	};

	const stop = async (signal: NodeJS.Signals = 'SIGINT'): Promise<void> => {
		const running = child as ChildProcess | null;
		if (!running) return;
		process.kill(running.pid!, signal);
		await exited;
	};

	const psql = (sql: string): void => {
		const result = spawnSync(
			join(bin, 'psql'),
			['-h', '127.0.0.1', '-p', String(port), '-U', 'riskboard', '-d', 'postgres', '-c', sql],
			{ encoding: 'utf8' }
		);
		if (result.status !== 0) throw new Error(`psql failed: ${result.stderr}`);
	};

	await start();
	psql('CREATE DATABASE riskboard');
	const url = (database = 'riskboard') => `postgres://riskboard@127.0.0.1:${port}/${database}`;
	return {
		port,
		dir,
		url,
		get pid() {
			return (child as ChildProcess | null)?.pid ?? null;
		},
		async createDatabase(name) {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
			psql(`CREATE DATABASE ${name}`);
			return url(name);
		},
		stop,
		start,
		async dispose() {
			await stop('SIGINT');
			rmSync(dir, { recursive: true, force: true });
		}
	};
}
