/** Operational counters, exposed at /metrics in the Prometheus text format. */
export type Labels = Record<string, string>;

interface Metric {
	type: 'counter' | 'gauge';
	help: string;
	values: Map<string, number>;
}

export class Metrics {
	#metrics = new Map<string, Metric>();

	constructor() {
		this.#define('riskboard_rooms_loaded', 'gauge', 'Board rooms currently loaded in memory');
		this.#define('riskboard_connections', 'gauge', 'Open websocket connections');
		this.#define('riskboard_boards_created_total', 'counter', 'Boards created');
		this.#define('riskboard_links_revoked_total', 'counter', 'Board links revoked');
		this.#define('riskboard_updates_stored_total', 'counter', 'Yjs updates durably stored');
		this.#define('riskboard_batches_committed_total', 'counter', 'Storage commits (one per batch)');
		this.#define('riskboard_messages_received_total', 'counter', 'Websocket messages received');
		this.#define(
			'riskboard_frames_rejected_total',
			'counter',
			'Websocket frames rejected, by reason'
		);
		this.#define(
			'riskboard_connections_refused_total',
			'counter',
			'Connections refused, by reason'
		);
		this.#define(
			'riskboard_rest_rate_limited_total',
			'counter',
			'REST requests refused with 429, by limit (boards, create)'
		);
		this.#define(
			'riskboard_csp_reports_total',
			'counter',
			'Content-Security-Policy violations browsers reported, by directive'
		);
		this.#define('riskboard_storage_errors_total', 'counter', 'Storage operations that failed');
		this.#define('riskboard_snapshots_created_total', 'counter', 'Named snapshots taken');
		this.#define('riskboard_imports_total', 'counter', 'Imports committed');
		this.#define('riskboard_exports_total', 'counter', 'Exports served, by kind and format');
		this.#define(
			'riskboard_updates_quarantined_total',
			'counter',
			'Stored updates set aside because they could not be applied on load'
		);
		this.#define(
			'riskboard_snapshots_rejected_total',
			'counter',
			'Compaction snapshots that did not apply on load (the log was replayed instead)'
		);
		this.#define(
			'riskboard_room_resets_total',
			'counter',
			'Rooms dropped because an update failed after passing the structural check (expected 0)'
		);
		this.#define(
			'riskboard_connections_cut_total',
			'counter',
			'Connections terminated because too much was queued for them (slow consumers)'
		);
		this.#define(
			'riskboard_updates_before_sync_total',
			'counter',
			"Edits that arrived before their client's sync answer and built on what it brings (left to it)"
		);
		// Scale-out (scale/redis-fanout.ts): only move when REDIS_URL is set.
		this.#define('riskboard_redis_up', 'gauge', 'Whether Redis answers (1) or not (0)');
		this.#define(
			'riskboard_fanout_published_total',
			'counter',
			'Committed batches appended to their board stream'
		);
		this.#define(
			'riskboard_fanout_publish_failures_total',
			'counter',
			'Stream appends that failed (other processes catch up from the store)'
		);
		this.#define(
			'riskboard_fanout_applied_total',
			'counter',
			"Other processes' stream entries applied and relayed here"
		);
		this.#define(
			'riskboard_fanout_duplicates_total',
			'counter',
			'Stream entries this process already held (not relayed again)'
		);
		this.#define(
			'riskboard_fanout_catchups_total',
			'counter',
			'Catch-ups from the store that found updates, by reason (gap, start, reconnect, head, poll, read)'
		);
		this.#define(
			'riskboard_lease_changes_total',
			'counter',
			'Per-board leases this process acquired, lost or released'
		);
		this.#define(
			'riskboard_fanout_stream_lag_ms',
			'gauge',
			'Age of the last stream entry read when it was read, in ms'
		);
	}

	#define(name: string, type: Metric['type'], help: string): void {
		this.#metrics.set(name, { type, help, values: new Map() });
	}

	#metric(name: string): Metric {
		const metric = this.#metrics.get(name);
		if (!metric) throw new Error(`unknown metric ${name}`);
		return metric;
	}

	inc(name: string, labels: Labels = {}, by = 1): void {
		const key = labelKey(labels);
		const values = this.#metric(name).values;
		values.set(key, (values.get(key) ?? 0) + by);
	}

	set(name: string, value: number, labels: Labels = {}): void {
		this.#metric(name).values.set(labelKey(labels), value);
	}

	get(name: string, labels: Labels = {}): number {
		return this.#metric(name).values.get(labelKey(labels)) ?? 0;
	}

	render(): string {
		const lines: string[] = [];
		for (const [name, metric] of this.#metrics) {
			lines.push(`# HELP ${name} ${metric.help}`, `# TYPE ${name} ${metric.type}`);
			if (metric.values.size === 0) lines.push(`${name} 0`);
			for (const [key, value] of metric.values) lines.push(`${name}${key} ${value}`);
		}
		return lines.join('\n') + '\n';
	}
}

function labelKey(labels: Labels): string {
	const entries = Object.entries(labels);
	if (entries.length === 0) return '';
	const body = entries
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
		.join(',');
	return `{${body}}`;
}
