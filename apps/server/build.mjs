#!/usr/bin/env node
// `pnpm --filter @riskboard/server build`: bundles the server (and the workspace packages it
// imports) into plain JavaScript in dist/, so production starts with `node dist/main.js` and no
// TypeScript loader. better-sqlite3 stays external (a native module, loaded from node_modules);
// everything else is inlined. Code split: the XLSX writers load on first use, and the scale-out
// parts (postgres, ioredis: storage/postgres.ts, scale/) only when DATABASE_URL / REDIS_URL are set.
// The import parser's worker thread is an entry of its own (dist/parse-worker.js); chunks sit
// beside the entries (a flat dist/), so `new URL('./parse-worker.js', import.meta.url)` finds it
// from whichever chunk the parse pool lands in.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist');
rmSync(outdir, { recursive: true, force: true });
await build({
	entryPoints: {
		main: join(here, 'src/main.ts'),
		'parse-worker': join(here, 'src/import/parse-worker.ts')
	},
	outdir,
	bundle: true,
	splitting: true,
	platform: 'node',
	format: 'esm',
	target: 'node20.19',
	outExtension: { '.js': '.js' },
	chunkNames: '[name]-[hash]',
	external: ['better-sqlite3'],
	sourcemap: 'linked',
	// Bundled CommonJS dependencies (ws, exceljs …) call require(); give ES modules one.
	banner: {
		js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
	},
	logLevel: 'warning'
});
