import { describe, expect, it } from 'vitest';
import type { RiskHistoryEntry } from '$lib/api/history';
import { groupHistory, historyValue } from './history-format';

const entry = (over: Partial<RiskHistoryEntry>): RiskHistoryEntry => ({
	seq: 1,
	at: '2025-01-15T09:00:00.000Z',
	by: 'Alice',
	role: 'editor',
	key: 'R-1',
	field: 'likelihood',
	label: 'Likelihood',
	before: 2,
	after: 4,
	...over
});

describe('groupHistory', () => {
	it('groups one update of one person into one row, keeping the server order', () => {
		const groups = groupHistory([
			entry({ seq: 5, by: 'Bob', field: 'likelihood', label: 'Likelihood' }),
			entry({ seq: 5, by: 'Bob', field: 'score', label: 'Score', before: 6, after: 12 }),
			entry({ seq: 3, field: 'title', label: 'Title', before: 'Vendor', after: 'Vendor slips' }),
			entry({ seq: 1, field: '*', label: 'Risk', before: null, after: 'Vendor' })
		]);
		expect(
			groups.map((g) => [g.who, g.kind, g.lines.map((l) => `${l.label} ${l.before} → ${l.after}`)])
		).toEqual([
			['Bob', 'changed', ['Likelihood 2 → 4', 'Score 6 → 12']],
			['Alice', 'changed', ['Title Vendor → Vendor slips']],
			['Alice', 'added', []]
		]);
	});

	it('names unknown authors honestly and tells removal from addition', () => {
		const groups = groupHistory([
			entry({ seq: 9, by: null, role: 'system', field: '*', before: 'Vendor', after: null }),
			entry({ seq: 8, by: null })
		]);
		expect(groups.map((g) => [g.who, g.kind])).toEqual([
			['The server', 'removed'],
			['Someone', 'changed']
		]);
	});
});

describe('historyValue', () => {
	it('shows nothing as a dash, lists joined, long text cut', () => {
		expect(historyValue(null)).toBe('—');
		expect(historyValue([])).toBe('—');
		expect(historyValue(['a', 'b'])).toBe('a, b');
		expect(historyValue('x'.repeat(100))).toHaveLength(60);
	});
});
