#!/usr/bin/env node
// The storage and fan-out tests start their own throwaway PostgreSQL 15 and Redis (see
// test/utils/postgres.ts and test/utils/redis.ts); this makes sure the binaries are there.
// PostgreSQL is looked for on the PATH and in /usr/lib/postgresql/<version>/bin (where Debian puts
// it); Redis on the PATH. When one is missing and this runs as root on Debian/Ubuntu, it installs
// Debian's `postgresql` and `redis-server` with apt (as scripts/ensure-chromium.mjs does Chromium);
// otherwise it explains what to install. Nothing is started here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function onPath(name) {
	return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function hasPostgres() {
	if (process.env.PG_BIN) return existsSync(join(process.env.PG_BIN, 'initdb'));
	if (onPath('initdb') && onPath('postgres')) return true;
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return false;
	return readdirSync(root).some((v) => existsSync(join(root, v, 'bin/initdb')));
}

const hasRedis = () => onPath('redis-server');

const missing = [];
if (!hasPostgres()) missing.push('postgresql');
if (!hasRedis()) missing.push('redis-server');
if (missing.length === 0) process.exit(0);

const isRoot = process.getuid?.() === 0;
if (isRoot && onPath('apt-get')) {
	console.log(`Installing ${missing.join(' and ')} for the storage tests (apt-get install)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	const install =
		update.status === 0 &&
		spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
	if (install && install.status === 0 && hasPostgres() && hasRedis()) process.exit(0);
}
console.error(
	`Missing for the storage tests: ${missing.join(', ')}. Install them (Debian/Ubuntu: ` +
		`sudo apt-get install ${missing.join(' ')}), or set PG_BIN to a directory holding ` +
		'PostgreSQL 15 binaries (initdb, postgres).'
);
process.exit(1);
