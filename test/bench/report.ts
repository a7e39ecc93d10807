/** Markdown tables: one per mode, a row per N, Riskboard and the peer side by side. */
import type { Mode, ScenarioResult } from './scenario.ts';

const ms = (v: number) =>
	Math.abs(v) < 10 ? v.toFixed(2) : Math.abs(v) < 100 ? v.toFixed(1) : v.toFixed(0);
const latencies = (r: ScenarioResult) =>
	`${ms(r.latencyMs.p50)} / ${ms(r.latencyMs.p95)} / ${ms(r.latencyMs.p99)}`;
const rate = (v: number) => Math.round(v).toLocaleString('en-US');
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

export function markdownTable(
	mode: Mode,
	results: ScenarioResult[],
	fullEdits: number
): { table: string; footnotes: string[] } {
	const rows: string[] = [
		'| N | edits | Riskboard p50 / p95 / p99 ms | peer p50 / p95 / p99 ms | Riskboard deliveries/s | peer deliveries/s | Riskboard CPU s | peer CPU s | Riskboard peak RSS MiB | peer peak RSS MiB | p50 RB/peer | p99 RB/peer | CPU RB/peer |',
		'|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|'
	];
	const footnotes: string[] = [];
	const ns = [...new Set(results.filter((r) => r.mode === mode).map((r) => r.n))].sort(
		(a, b) => a - b
	);
	for (const n of ns) {
		const rb = results.find((r) => r.mode === mode && r.n === n && r.server === 'riskboard');
		const peer = results.find((r) => r.mode === mode && r.n === n && r.server === 'peer');
		if (!rb || !peer) continue;
		let edits = String(rb.edits);
		if (rb.edits !== fullEdits) {
			edits += ' *';
			footnotes.push(
				`* ${mode}, N=${n}: ${rb.edits} edits instead of ${fullEdits}, to keep the run short.`
			);
		}
		rows.push(
			`| ${n} | ${edits} | ${latencies(rb)} | ${latencies(peer)} | ${rate(rb.deliveriesPerSecond)} | ` +
				`${rate(peer.deliveriesPerSecond)} | ${rb.serverCpuSeconds.toFixed(2)} | ` +
				`${peer.serverCpuSeconds.toFixed(2)} | ${rb.serverPeakRssMiB.toFixed(0)} | ` +
				`${peer.serverPeakRssMiB.toFixed(0)} | ${ratio(rb.latencyMs.p50, peer.latencyMs.p50)} | ` +
				`${ratio(rb.latencyMs.p99, peer.latencyMs.p99)} | ` +
				`${ratio(rb.serverCpuSeconds, peer.serverCpuSeconds)} |`
		);
	}
	return { table: rows.join('\n'), footnotes };
}

/** One line per scenario and server, for the progress log. */
export function progressLine(r: ScenarioResult): string {
	return (
		`  ${r.server.padEnd(16)} ${r.mode.padEnd(8)} N=${String(r.n).padEnd(3)} edits=${r.edits}: ` +
		`p50 ${ms(r.latencyMs.p50)} p99 ${ms(r.latencyMs.p99)} ms, ${rate(r.deliveriesPerSecond)} deliveries/s, ` +
		`server CPU ${r.serverCpuSeconds.toFixed(2)} s, client CPU ${r.clientCpuSeconds.toFixed(2)} s, ` +
		`peak RSS ${r.serverPeakRssMiB.toFixed(0)} MiB, wall ${(r.wallMs / 1000).toFixed(2)} s, ` +
		`setup ${(r.setupMs / 1000).toFixed(1)} s` +
		(r.batchesCommitted !== null ? `, ${r.batchesCommitted} commits` : '') +
		(r.reconnects > 0 ? `, ${r.reconnects} RECONNECTS` : '')
	);
}

/** Riskboard with SQLite next to Riskboard with STORAGE=memory: the price of commit-before-relay. */
export function commitCostTable(results: ScenarioResult[]): string {
	const rows: string[] = [
		'| mode | N | edits | commits (SQLite) | SQLite p50 / p95 / p99 ms | memory p50 / p95 / p99 ms | Δ p50 ms | Δ p99 ms | SQLite CPU s | memory CPU s |',
		'|---|---:|---:|---:|---|---|---:|---:|---:|---:|'
	];
	for (const rb of results.filter((r) => r.server === 'riskboard')) {
		const mem = results.find(
			(r) => r.server === 'riskboard-memory' && r.mode === rb.mode && r.n === rb.n
		);
		if (!mem) continue;
		rows.push(
			`| ${rb.mode} | ${rb.n} | ${rb.edits} | ${rb.batchesCommitted ?? 'n/a'} | ${latencies(rb)} | ` +
				`${latencies(mem)} | ${ms(rb.latencyMs.p50 - mem.latencyMs.p50)} | ` +
				`${ms(rb.latencyMs.p99 - mem.latencyMs.p99)} | ${rb.serverCpuSeconds.toFixed(2)} | ` +
				`${mem.serverCpuSeconds.toFixed(2)} |`
		);
	}
	return rows.join('\n');
}
