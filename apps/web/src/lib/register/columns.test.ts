import { describe, expect, it } from 'vitest';
import {
	COLUMN_IDS,
	COLUMNS,
	DEFAULT_HIDDEN_COLUMNS,
	gridTemplate,
	rowWidth,
	visibleColumns
} from './columns.ts';

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
		expect(gridTemplate(columns)).toBe('28px 64px minmax(200px, 1fr) 40px');
		expect(rowWidth(columns)).toBe(28 + 64 + 200 + 40);
	});

	it('fits the default columns on a 1440 px screen (page padding, scrollbar and borders off)', () => {
		expect(rowWidth(visibleColumns(DEFAULT_HIDDEN_COLUMNS), 28)).toBeLessThanOrEqual(1440 - 80);
	});
});
