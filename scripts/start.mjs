#!/usr/bin/env node
// `pnpm start`: build the web app and the server bundle when either is missing or older than its
// sources (for example after a pull), then run the server (web app, REST API and sync endpoint on
// one port) in this process: plain JavaScript from apps/server/dist, no TypeScript loader. Data goes
// to ./data unless DATA_DIR says otherwise. Without pnpm: `node scripts/start.mjs`, or, once built,
// `node apps/server/dist/main.js` (then DATA_DIR defaults to ./data of the working directory).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/** Whether `output` is missing or older than anything in `inputs`. */
const isStale = (output, inputs) =>
	!existsSync(output) ||
	Math.max(...inputs.map((path) => newest(join(root, path)))) > statSync(output).mtimeMs;

const shared = ['packages/model/src', 'packages/protocol/src', 'pnpm-lock.yaml'];
const serverBundle = join(root, 'apps/server/dist/main.js');
if (isStale(serverBundle, ['apps/server/src', 'apps/server/build.mjs', ...shared])) {
	console.log('Bundling the server…');
	const build = spawnSync(process.execPath, [join(root, 'apps/server/build.mjs')], {
		stdio: 'inherit'
	});
	if (build.status !== 0) process.exit(build.status ?? 1);
}

// Everything the web build is made from, including the workspace packages it bundles.
const webSources = [
	'apps/web/src',
	'apps/web/static',
	'apps/web/package.json',
	'apps/web/svelte.config.js',
	'apps/web/vite.config.ts',
	...shared
];
if (isStale(join(root, 'apps/web/build/index.html'), webSources)) {
	console.log('Building the web app…');
	const build = runPnpm(['--filter', '@riskboard/web', 'build'], { cwd: root, stdio: 'inherit' });
	if (build.error) {
		console.error(`Could not run pnpm to build the web app (${build.error.message}).`);
		console.error('Start the app with: npx -y pnpm@12.21.0 start');
	}
	if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.DATA_DIR ??= join(root, 'data');
// The bundle's entry reads the environment, listens and handles SIGINT/SIGTERM itself.
await import(pathToFileURL(serverBundle).href);
