/**
 * What every soak run shares: its scale (`SOAK_SCALE=full` for the counts in issue 9, `ci` for a
 * short run that still exercises every path), and how it reports. Each run prints a table of its
 * figures with their targets and ends with one line, `<run>: <figure> …`, the figure the issue
 * names. A run exits non-zero when a correctness target (a count that must be 0, "all
 * converged") is missed; timing targets are printed as met or missed, never asserted, because
 * this machine's two cores are shared and noisy (performance is measured, not asserted).
 */
export type Scale = 'ci' | 'full';

// A soak stopped by a signal still runs its 'exit' handlers, which kill the servers it spawned.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export const SCALE: Scale = process.env.SOAK_SCALE === 'full' ? 'full' : 'ci';

/** `full` at SOAK_SCALE=full, else `ci`; `SOAK_COUNT` overrides both (for exploring). */
export function count(full: number, ci: number): number {
	const override = Number(process.env.SOAK_COUNT);
	if (Number.isInteger(override) && override > 0) return override;
	return SCALE === 'full' ? full : ci;
}

export interface Figure {
	name: string;
	value: number | string | boolean;
	/** What counts as met, for the table (e.g. `0`, `≤ 100 ms`). */
	target: string;
	met: boolean;
	/** A correctness target: missing it fails the run. */
	must?: boolean;
}

/** Prints the figures as a table and the closing line; sets the exit code when a must fails. */
export function report(
	run: string,
	figures: Figure[],
	details: Record<string, unknown> = {}
): void {
	const show = (v: Figure['value']) =>
		typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(1)) : String(v);
	console.log(`\n## ${run} (${SCALE} scale)`);
	for (const [key, value] of Object.entries(details)) console.log(`- ${key}: ${String(value)}`);
	console.log('\n| figure | value | target | |');
	console.log('|---|---:|---|---|');
	for (const f of figures) {
		console.log(`| ${f.name} | ${show(f.value)} | ${f.target} | ${f.met ? 'met' : 'MISSED'} |`);
	}
	const failed = figures.filter((f) => f.must && !f.met);
	if (failed.length > 0) process.exitCode = 1;
	console.log(`${run}: ${figures.map((f) => `${f.name} ${show(f.value)}`).join(', ')}`);
}

/** Nearest-rank percentile of an unsorted list (NaN when empty). */
export function percentile(values: number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads one counter or gauge (summed over labels) from a server's /metrics text. */
export async function metric(url: string, name: string): Promise<number> {
	const text = await (await fetch(`${url}/metrics`)).text();
	let sum = 0;
	for (const line of text.split('\n')) {
		if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) {
			sum += Number(line.slice(line.lastIndexOf(' ') + 1));
		}
	}
	return sum;
}
