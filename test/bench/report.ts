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
		rows.push(
			`| | ranges | ${ms(rb.ranges?.p50[0] ?? rb.latencyMs.p50)}–${ms(rb.ranges?.p50[1] ?? rb.latencyMs.p50)} p50 | ` +
				`${ms(peer.ranges?.p50[0] ?? peer.latencyMs.p50)}–${ms(peer.ranges?.p50[1] ?? peer.latencyMs.p50)} p50 | ` +
				`${rate(rb.ranges?.deliveriesPerSecond[0] ?? 0)}–${rate(rb.ranges?.deliveriesPerSecond[1] ?? 0)} | ` +
				`${rate(peer.ranges?.deliveriesPerSecond[0] ?? 0)}–${rate(peer.ranges?.deliveriesPerSecond[1] ?? 0)} | | | | | | | |`
		);
	}
	return { table: rows.join('\n'), footnotes };
}

const range = (r: ScenarioResult, key: 'p50' | 'p99' | 'serverCpuPerEditUs') => {
	const span = r.ranges?.[key];
	return span && span[0] !== span[1] ? ` (${ms(span[0])}–${ms(span[1])})` : '';
};

/** Sequence p50 on the realistic board beside the empty one, per server and N. */
export function boardCostTable(results: ScenarioResult[]): string | null {
	const rows = [
		'| N | server | empty p50 ms (range) | 1,000 risks p50 ms (range) | ratio | empty CPU µs/edit | 1,000 risks CPU µs/edit |',
		'|---:|---|---:|---:|---:|---:|---:|'
	];
	const seq = results.filter((r) => r.mode === 'sequence');
	for (const big of seq.filter((r) => r.board === 1000)) {
		const empty = seq.find((r) => r.board === 0 && r.n === big.n && r.server === big.server);
		if (!empty) continue;
		rows.push(
			`| ${big.n} | ${big.server} | ${ms(empty.latencyMs.p50)}${range(empty, 'p50')} | ` +
				`${ms(big.latencyMs.p50)}${range(big, 'p50')} | ${ratio(big.latencyMs.p50, empty.latencyMs.p50)} | ` +
				`${ms(empty.serverCpuPerEditUs)} | ${ms(big.serverCpuPerEditUs)} |`
		);
	}
	return rows.length > 2 ? rows.join('\n') : null;
}

/** Sequence p50 / server CPU per edit for each board size × N, Riskboard beside the peer. */
export function curveTable(results: ScenarioResult[]): string | null {
	const seq = results.filter((r) => r.mode === 'sequence' && r.board > 0);
	const boards = [...new Set(seq.map((r) => r.board))].sort((a, b) => a - b);
	const ns = [...new Set(seq.map((r) => r.n))].sort((a, b) => a - b);
	if (boards.length < 2) return null;
	const rows = [
		`| risks | ${ns.map((n) => `N=${n} Riskboard p50 ms · CPU µs/edit | N=${n} peer`).join(' | ')} |`,
		`|---:|${ns.map(() => '---:|---:').join('|')}|`
	];
	const cell = (r: ScenarioResult | undefined) =>
		r ? `${ms(r.latencyMs.p50)} · ${ms(r.serverCpuPerEditUs)}` : '—';
	for (const board of boards) {
		const at = (n: number, server: string) =>
			seq.find((r) => r.board === board && r.n === n && r.server === server);
		rows.push(
			`| ${board.toLocaleString('en-US')} | ${ns.map((n) => `${cell(at(n, 'riskboard'))} | ${cell(at(n, 'peer'))}`).join(' | ')} |`
		);
	}
	return rows.join('\n');
}

/** One line per scenario and server, for the progress log. */
export function progressLine(r: ScenarioResult): string {
	return (
		`  ${r.server.padEnd(16)} ${r.mode.padEnd(8)} N=${String(r.n).padEnd(3)} board=${r.board} edits=${r.edits}: ` +
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
