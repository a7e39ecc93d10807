/**
 * A fresh production build of the web app for the browser benchmark (and the README
 * screenshot), in a temporary folder, so the server under test serves exactly the current code.
 * `BENCH_WEB_DIR` skips the build and uses an existing one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../apps/web');

/** Builds apps/web into a new temporary directory and returns it. */
export function buildWeb(): string {
	const existing = process.env.BENCH_WEB_DIR;
	if (existing) {
		if (!existsSync(join(existing, 'index.html'))) {
			throw new Error(`BENCH_WEB_DIR=${existing} has no index.html`);
		}
		return existing;
	}
	const out = mkdtempSync(join(tmpdir(), 'riskboard-bench-web-'));
	// Its own SvelteKit work folder (inside the app, where its imports resolve), so a build made
	// by someone else at the same time does not collide with this one.
	const kitDir = `.svelte-kit-bench-${process.pid}`;
	const require = createRequire(join(webDir, 'package.json'));
	const vitePackage = require.resolve('vite/package.json');
	const bin = (JSON.parse(readFileSync(vitePackage, 'utf8')) as { bin: Record<string, string> }).bin
		.vite!;
	const result = spawnSync(process.execPath, [join(dirname(vitePackage), bin), 'build'], {
		cwd: webDir,
		env: { ...process.env, WEB_BUILD_DIR: out, SVELTEKIT_OUT_DIR: kitDir },
		encoding: 'utf8'
	});
	rmSync(join(webDir, kitDir), { recursive: true, force: true });
	if (result.status !== 0 || !existsSync(join(out, 'index.html'))) {
		throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
	}
	return out;
}
