/**
 * How the risk history reads: entries of one stored update by one person form one group ("Bob
 * changed Likelihood 2 → 4, Score 6 → 12"), newest first; values as the diff shows them.
 */
import type { RiskHistoryEntry } from '$lib/api/history';

/** Longest value shown in a line; the full value is in the line's title. */
const MAX_VALUE = 60;

/** One person's changes in one update. */
export interface HistoryGroup {
	key: string;
	/** Who: the display name, or a fallback for unknown authors and the server. */
	who: string;
	at: string;
	/** `added` / `removed` for the risk itself, else `changed` with its lines. */
	kind: 'added' | 'removed' | 'changed';
	lines: Array<{ label: string; before: string; after: string; full: string }>;
}

/** A value as one line shows it: `—` for nothing, lists joined, long text cut. */
export function historyValue(value: RiskHistoryEntry['before']): string {
	if (value === null || value === '') return '—';
	const text = Array.isArray(value) ? (value.length === 0 ? '—' : value.join(', ')) : String(value);
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > MAX_VALUE ? `${flat.slice(0, MAX_VALUE - 1)}…` : flat;
}

function who(entry: RiskHistoryEntry): string {
	if (entry.by !== null) return entry.by;
	return entry.role === 'system' ? 'The server' : 'Someone';
}

/** Groups entries (newest first, as the server sends them) by update and author. */
export function groupHistory(entries: readonly RiskHistoryEntry[]): HistoryGroup[] {
	const groups: HistoryGroup[] = [];
	for (const entry of entries) {
		const last = groups.at(-1);
		const key = `${entry.seq}:${entry.by ?? ''}:${entry.role}`;
		if (entry.field === '*') {
			groups.push({
				key: `${key}:*`,
				who: who(entry),
				at: entry.at,
				kind: entry.after === null ? 'removed' : 'added',
				lines: []
			});
			continue;
		}
		const line = {
			label: entry.label,
			before: historyValue(entry.before),
			after: historyValue(entry.after),
			full: `${entry.label}: ${String(entry.before ?? '—')} → ${String(entry.after ?? '—')}`
		};
		if (last && last.key === key && last.kind === 'changed') last.lines.push(line);
		else groups.push({ key, who: who(entry), at: entry.at, kind: 'changed', lines: [line] });
	}
	return groups;
}
