#!/usr/bin/env node
// `pnpm start`: build the web app when it is missing or older than its sources (for example after
// a pull), then run the server (web app, REST API and sync endpoint on one port). Data goes to
// ./data unless DATA_DIR says otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = process.env.npm_execpath;
const runPnpm = (args, options) =>
	pnpm && /\.c?js$/.test(pnpm)
		? spawnSync(process.execPath, [pnpm, ...args], options)
		: spawnSync('pnpm', args, options);

/** Newest modification time of a file or of anything below a folder. */
function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = 0;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

// Everything the web build is made from, including the workspace packages it bundles.
const sources = [
	'apps/web/src',
	'apps/web/static',
	'apps/web/package.json',
	'apps/web/svelte.config.js',
	'apps/web/vite.config.ts',
	'packages/model/src',
	'packages/protocol/src',
	'pnpm-lock.yaml'
].map((path) => join(root, path));
const built = join(root, 'apps/web/build/index.html');
const stale = !existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs;

if (stale) {
	console.log('Building the web app…');
	const build = runPnpm(['--filter', '@riskboard/web', 'build'], { cwd: root, stdio: 'inherit' });
	if (build.error) {
		console.error(`Could not run pnpm to build the web app (${build.error.message}).`);
		console.error('Start the app with: npx -y pnpm@12.21.0 start');
	}
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const env = { ...process.env, DATA_DIR: process.env.DATA_DIR ?? join(root, 'data') };
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
	cwd: join(root, 'apps/server'),
	env,
	stdio: 'inherit'
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
