#!/usr/bin/env node
// `pnpm start`: build the web app if it has not been built, then run the server (web app, REST
// API and sync endpoint on one port). Data goes to ./data unless DATA_DIR says otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pnpm = process.env.npm_execpath;
const runPnpm = (args, options) =>
	pnpm && /\.c?js$/.test(pnpm)
		? spawnSync(process.execPath, [pnpm, ...args], options)
		: spawnSync('pnpm', args, options);

if (!existsSync(join(root, 'apps/web/build/index.html'))) {
	console.log('Building the web app (first start)…');
	const build = runPnpm(['--filter', '@riskboard/web', 'build'], { cwd: root, stdio: 'inherit' });
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
