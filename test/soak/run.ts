/**
 * `pnpm soak`: every soak run of issue 9, one after another, each in its own process (so one
 * run's memory and sockets do not blur the next one's figures). `SOAK_SCALE=full` runs the
 * counts the issue names; the default (`ci`) runs small counts that still cross every path.
 * Exits non-zero when any run missed a correctness target.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const RUNS = ['frame-fuzz', 'kill9', 'slow-consumer', 'room-churn', 'reconnect-storm', 'oversize'];
const only = process.argv.slice(2);
let failed = 0;
for (const run of RUNS.filter((r) => only.length === 0 || only.includes(r))) {
	const started = Date.now();
	const result = spawnSync(
		process.execPath,
		['--expose-gc', '--import', 'tsx', join(here, `${run}.ts`)],
		{ stdio: 'inherit', env: process.env }
	);
	console.log(`(${run}: ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status})`);
	if (result.status !== 0) failed++;
}
if (failed > 0) {
	console.error(`${failed} soak run(s) missed a correctness target`);
	process.exit(1);
}
