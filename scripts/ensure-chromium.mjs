#!/usr/bin/env node
// Browser tests use the system Chromium (Playwright cannot download browsers on closed networks).
// Uses CHROMIUM_PATH or /usr/bin/chromium; installs Debian's `chromium` with apt when missing and
// running as root; otherwise explains what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!process.env.CHROMIUM_PATH && isRoot && hasApt) {
	console.log('Installing Chromium for the browser tests (apt-get install chromium)…');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	const install =
		update.status === 0 &&
		spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
	if (install && install.status === 0 && existsSync(path)) process.exit(0);
}
console.error(
	`Chromium not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install chromium) ` +
		'or set CHROMIUM_PATH to a Chromium or Chrome binary.'
);
process.exit(1);
