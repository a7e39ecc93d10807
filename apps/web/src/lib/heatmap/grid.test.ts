import { DEFAULT_SCORE_BANDS, type Risk } from '@riskboard/model';
import { describe, expect, it } from 'vitest';
import {
	cellFromKey,
	cellKey,
	buildHeatGrid,
	cellOf,
	describeCell,
	isFilteredCell,
	scorePatch,
	stepCell,
	toggleCellFilter
} from './grid.ts';

function risk(id: string, fields: Partial<Risk> = {}): Risk {
	return {
		id,
		key: `R-${id}`,
		keyNumber: Number(id),
		title: `Risk ${id}`,
		description: '',
		trigger: '',
		contingency: '',
		categoryId: null,
		ownerId: null,
		status: 'Open',
		closedReason: null,
		response: null,
		likelihood: null,
		impact: null,
		score: null,
		band: null,
		residualLikelihood: null,
		residualImpact: null,
		residualScore: null,
		residualBand: null,
		nextReviewDate: null,
		dueDate: null,
		lastReviewed: null,
		sourceId: null,
		overdue: false,
		reviewDue: false,
		tags: [],
		links: [],
		order: 'a0',
		createdAt: '',
		updatedAt: '',
		actionIds: [],
		actionRollup: { done: 0, total: 0, overdue: 0 },
		...fields
	};
}

describe('buildHeatGrid', () => {
	const risks = [
		risk('1', { likelihood: 5, impact: 1, residualLikelihood: 2, residualImpact: 1 }),
		risk('2', { likelihood: 5, impact: 1 }),
		risk('3', { likelihood: 2, impact: 4, status: 'Closed', closedReason: 'done' }),
		risk('4', { likelihood: 1, impact: 5 }),
		risk('5')
	];

	it('puts likelihood 5 on the top row and impact 1 on the left', () => {
		const grid = buildHeatGrid(risks, 'inherent', DEFAULT_SCORE_BANDS);
		expect(grid.rows.map((row) => row[0]!.likelihood)).toEqual([5, 4, 3, 2, 1]);
		expect(grid.rows[0]!.map((cell) => cell.impact)).toEqual([1, 2, 3, 4, 5]);
		expect(grid.rows[0]![0]!.risks.map((r) => r.key)).toEqual(['R-1', 'R-2']);
		expect(grid.rows[4]![4]!.risks.map((r) => r.key)).toEqual(['R-4']);
		expect(grid.max).toBe(2);
	});

	it('leaves closed risks out and counts the unscored ones', () => {
		const inherent = buildHeatGrid(risks, 'inherent', DEFAULT_SCORE_BANDS);
		expect(inherent.rows[3]![3]!.risks).toEqual([]);
		expect(inherent.unscored).toBe(1);
		const residual = buildHeatGrid(risks, 'residual', DEFAULT_SCORE_BANDS);
		expect(residual.rows[3]![0]!.risks.map((r) => r.id)).toEqual(['1']);
		expect(residual.unscored).toBe(3);
	});

	it('bands each cell with the board’s bounds', () => {
		const def = buildHeatGrid([], 'inherent', DEFAULT_SCORE_BANDS);
		// likelihood 2 × impact 2 = 4: low by default, medium when low ends at 3
		expect(def.rows[3]![1]!.band).toBe('low');
		expect(def.rows[0]![4]!.band).toBe('critical');
		const strict = buildHeatGrid([], 'inherent', { low: 3, medium: 6, high: 12 });
		expect(strict.rows[3]![1]!.band).toBe('medium');
		expect(strict.rows[2]![4]!.band).toBe('critical');
	});
});

describe('cells', () => {
	it('reads the inherent or residual pair', () => {
		const r = risk('1', { likelihood: 3, impact: 4, residualLikelihood: 1 });
		expect(cellOf(r, 'inherent')).toEqual({ likelihood: 3, impact: 4 });
		expect(cellOf(r, 'residual')).toBeNull();
	});

	it('patches the pair of the mode', () => {
		expect(scorePatch('inherent', { likelihood: 2, impact: 3 })).toEqual({
			likelihood: 2,
			impact: 3
		});
		expect(scorePatch('residual', { likelihood: 2, impact: 3 })).toEqual({
			residualLikelihood: 2,
			residualImpact: 3
		});
	});

	it('steps to neighbours and stops at the edges', () => {
		const corner = { likelihood: 5, impact: 1 };
		expect(stepCell(corner, 'ArrowUp')).toEqual(corner);
		expect(stepCell(corner, 'ArrowLeft')).toEqual(corner);
		expect(stepCell(corner, 'ArrowDown')).toEqual({ likelihood: 4, impact: 1 });
		expect(stepCell(corner, 'ArrowRight')).toEqual({ likelihood: 5, impact: 2 });
		expect(stepCell(corner, 'Tab')).toBeNull();
	});

	it('toggles the register filter per mode', () => {
		const cell = { likelihood: 4, impact: 2 };
		const on = toggleCellFilter(null, 'inherent', cell);
		expect(on).toEqual({ mode: 'inherent', likelihood: 4, impact: 2 });
		expect(isFilteredCell(on, 'inherent', cell)).toBe(true);
		expect(isFilteredCell(on, 'residual', cell)).toBe(false);
		expect(toggleCellFilter(on, 'inherent', cell)).toBeNull();
		expect(toggleCellFilter(on, 'residual', cell)).toEqual({ ...on, mode: 'residual' });
		expect(toggleCellFilter(on, 'inherent', { likelihood: 1, impact: 1 })).toEqual({
			mode: 'inherent',
			likelihood: 1,
			impact: 1
		});
	});

	it('describes a cell with the board’s labels', () => {
		const labels = { likelihood: ['a', 'b', 'c', 'Likely', 'e'], impact: ['v', 'w', 'Moderate'] };
		expect(describeCell({ likelihood: 4, impact: 3 }, labels, DEFAULT_SCORE_BANDS)).toBe(
			'likelihood 4 Likely, impact 3 Moderate, score 12 High'
		);
	});
});

describe('cellKey', () => {
	it('names a cell as a drag target and reads it back', () => {
		expect(cellFromKey(cellKey({ likelihood: 4, impact: 2 }))).toEqual({
			likelihood: 4,
			impact: 2
		});
		expect(cellFromKey('6:1')).toBeNull();
		expect(cellFromKey('')).toBeNull();
	});
});
