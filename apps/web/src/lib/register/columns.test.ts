import { describe, expect, it } from 'vitest';
import { COLUMN_IDS, COLUMNS, gridTemplate, rowWidth, visibleColumns } from './columns.ts';

describe('columns', () => {
	it('lists every column once, in COLUMN_IDS order', () => {
		expect(COLUMNS.map((c) => c.id)).toEqual([...COLUMN_IDS]);
	});

	it('never hides key and title', () => {
		const ids = visibleColumns(['key', 'title', 'owner', 'nonsense']).map((c) => c.id);
		expect(ids.slice(0, 2)).toEqual(['key', 'title']);
		expect(ids).not.toContain('owner');
		expect(ids).toHaveLength(COLUMNS.length - 1);
	});

	it('builds the grid template and width with gutters', () => {
		const columns = visibleColumns(COLUMNS.filter((c) => c.hideable).map((c) => c.id));
		expect(gridTemplate(columns)).toBe('28px 76px 280px 40px');
		expect(rowWidth(columns)).toBe(28 + 76 + 280 + 40);
	});
});
