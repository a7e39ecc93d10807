import { describe, expect, it } from 'vitest';
import { checkRaci } from './raci-check.ts';
import type { RaciLetter, RaciMatrix } from './types.ts';

/** A plain matrix: rows r0…, person columns c0…, cells given as 'row:col' → letters. */
function matrix(
	rowCount: number,
	columnCount: number,
	cells: Record<string, RaciLetter[]>
): RaciMatrix {
	const rows = Array.from({ length: rowCount }, (_, i) => ({
		id: `r${i}`,
		text: `Row ${i}`,
		order: `a${i}`,
		links: { riskIds: [], actionIds: [] }
	}));
	const columns = Array.from({ length: columnCount }, (_, i) => ({
		id: `c${i}`,
		kind: 'person' as const,
		personId: `p${i}`,
		team: null,
		label: `Person ${i}`,
		order: `a${i}`
	}));
	const grid: RaciMatrix['cells'] = {};
	for (const row of rows) grid[row.id] = {};
	for (const [key, letters] of Object.entries(cells)) {
		const [rowId, colId] = key.split(':') as [string, string];
		(grid[rowId] as Record<string, RaciLetter[]>)[colId] = letters;
	}
	return { id: 'm', name: 'M', preset: 'RACI', order: 'a0', rows, columns, cells: grid };
}

const codes = (issues: { code: string }[] | undefined) => issues?.map((issue) => issue.code);

describe('checkRaci', () => {
	it('passes a well-formed matrix', () => {
		const result = checkRaci(matrix(1, 2, { 'r0:c0': ['A'], 'r0:c1': ['R'] }));
		expect(result).toEqual({
			rows: { r0: [] },
			columns: { c0: [], c1: [] },
			errorCount: 0,
			warningCount: 0
		});
	});

	it('accepts A and R in one cell', () => {
		const result = checkRaci(matrix(1, 1, { 'r0:c0': ['R', 'A'] }));
		expect(result.errorCount).toBe(0);
	});

	it('flags a row with no A', () => {
		const result = checkRaci(matrix(1, 1, { 'r0:c0': ['R'] }));
		expect(codes(result.rows.r0)).toEqual(['no-accountable']);
		expect(result.rows.r0?.[0]).toMatchObject({ severity: 'error' });
		expect(result.errorCount).toBe(1);
	});

	it('flags a row with two As, naming the columns', () => {
		const result = checkRaci(matrix(1, 2, { 'r0:c0': ['A', 'R'], 'r0:c1': ['A'] }));
		expect(codes(result.rows.r0)).toEqual(['multiple-accountable']);
		expect(result.rows.r0?.[0]?.message).toContain('Person 0, Person 1');
	});

	it('flags a row with no R', () => {
		const result = checkRaci(matrix(1, 2, { 'r0:c0': ['A'], 'r0:c1': ['C', 'I'] }));
		expect(codes(result.rows.r0)).toEqual(['no-responsible']);
	});

	it('flags an empty row twice and counts errors across rows', () => {
		const result = checkRaci(matrix(2, 1, { 'r0:c0': ['A', 'R'] }));
		expect(codes(result.rows.r1)).toEqual(['no-accountable', 'no-responsible']);
		expect(result.errorCount).toBe(2);
	});

	it('warns about an idle column', () => {
		const result = checkRaci(matrix(1, 2, { 'r0:c0': ['A', 'R'] }));
		expect(codes(result.columns.c1)).toEqual(['idle-column']);
		expect(result.columns.c1?.[0]).toMatchObject({ severity: 'warning' });
		expect(result.warningCount).toBe(1);
	});

	it('warns when a column holds A on more than maxAccountable rows', () => {
		const cells: Record<string, RaciLetter[]> = {};
		for (let i = 0; i < 6; i++) cells[`r${i}:c0`] = ['A', 'R'];
		expect(codes(checkRaci(matrix(6, 1, cells)).columns.c0)).toEqual(['too-many-accountable']);
		expect(checkRaci(matrix(6, 1, cells), { maxAccountable: 6 }).warningCount).toBe(0);
		const five = Object.fromEntries(Object.entries(cells).slice(0, 5));
		expect(checkRaci(matrix(5, 1, five)).warningCount).toBe(0);
		expect(checkRaci(matrix(5, 1, five), { maxAccountable: 4 }).columns.c0?.[0]?.message).toMatch(
			/Accountable for 5 activities \(more than 4\)/
		);
	});
});
