import { describe, expect, it } from 'vitest';
import type { BoardSettings, RaciMatrix } from '@riskboard/model';
import { checkMatrix, listProblems, problemSummary, shortIssueLabel } from './checks.ts';

const matrix: RaciMatrix = {
	id: 'm',
	name: 'Launch',
	preset: 'RACI',
	order: 'a0',
	rows: [
		{ id: 'r1', text: 'Plan', order: 'a0', links: { riskIds: [], actionIds: [] } },
		{ id: 'r2', text: '', order: 'a1', links: { riskIds: [], actionIds: [] } }
	],
	columns: [
		{ id: 'c1', kind: 'person', personId: 'p1', team: null, label: 'Ana', order: 'a0' },
		{ id: 'c2', kind: 'team', personId: null, team: 'QA', label: 'QA', order: 'a1' },
		{ id: 'c3', kind: 'person', personId: 'p3', team: null, label: 'Bo', order: 'a2' }
	],
	cells: {
		r1: { c1: ['R', 'A'], c2: ['A'] },
		r2: { c1: ['A'], c2: ['R'] }
	}
};

const settings = { raciMaxAccountable: 1 } as BoardSettings;

describe('RACI problems', () => {
	it('uses the board threshold and lists findings rows first, then columns', () => {
		const result = checkMatrix(matrix, settings);
		const problems = listProblems(matrix, result);
		expect(problems.map((p) => [p.on, p.label, p.issue.code])).toEqual([
			['row', 'Plan', 'multiple-accountable'],
			['column', 'Ana', 'too-many-accountable'],
			['column', 'Bo', 'idle-column']
		]);
		expect(problemSummary(result)).toBe('3 problems · 1 error, 2 warnings');
	});

	it('summarises a clean matrix and labels untitled rows', () => {
		expect(problemSummary({ errorCount: 0, warningCount: 0 })).toBe('No problems');
		expect(problemSummary({ errorCount: 2, warningCount: 0 })).toBe('2 problems · 2 errors');
		const empty = { ...matrix, cells: {} };
		const problems = listProblems(empty, checkMatrix(empty, settings));
		expect(problems.find((p) => p.id === 'r2')?.label).toBe('Untitled activity');
	});

	it('has a short label for every issue code', () => {
		const codes = ['no-accountable', 'multiple-accountable', 'no-responsible'] as const;
		expect(codes.map((code) => shortIssueLabel({ code, severity: 'error', message: '' }))).toEqual([
			'No A',
			'Several A',
			'No R'
		]);
	});
});
