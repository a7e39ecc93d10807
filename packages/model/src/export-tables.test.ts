import { describe, expect, it } from 'vitest';
import { addAction, updateAction } from './actions.ts';
import { raciMarkdown, registerMarkdown } from './export-markdown.ts';
import { registerJson } from './export-json.ts';
import {
	REGISTER_COLUMNS,
	heatMap,
	heatMapTable,
	raciChecksTable,
	raciLegendTable,
	raciTable,
	registerTable
} from './export-tables.ts';
import { addPerson } from './people.ts';
import { addMatrix, addRaciColumn, addRaciRow, setRaciCell } from './raci.ts';
import { readBoard } from './read.ts';
import { addRisk } from './risks.ts';
import { scopeBoard } from './snapshot.ts';
import { NOW, newBoard } from './test-support.ts';

function setup() {
	const doc = newBoard('Apollo');
	const ada = addPerson(doc, { name: 'Ada', team: 'Eng' });
	const board0 = readBoard(doc);
	const technical = board0.settings.categories[0]!.id;
	const risk = addRisk(doc, {
		title: 'Vendor slips',
		description: 'Cause → event\n→ effect',
		ownerId: ada,
		categoryId: technical,
		likelihood: 4,
		impact: 5,
		residualLikelihood: 2,
		residualImpact: 2,
		dueDate: '2025-01-01',
		tags: ['vendor', 'q1'],
		links: ['https://example.com/T-1'],
		response: 'Mitigate',
		now: NOW
	});
	addRisk(doc, { title: 'Unscored', now: NOW });
	addRisk(doc, {
		title: 'Old',
		status: 'Closed',
		closedReason: 'done',
		likelihood: 1,
		impact: 1,
		now: NOW
	});
	const action = addAction(doc, { riskId: risk.id, text: 'Second source', ownerId: ada, now: NOW });
	updateAction(doc, action, { status: 'Done', progress: 100 }, { now: NOW });
	addAction(doc, { riskId: risk.id, text: 'Weekly call', dueDate: '2025-01-10', now: NOW });
	const matrixId = addMatrix(doc, { name: 'Launch', preset: 'RASCI' });
	const ship = addRaciRow(doc, { matrixId, text: 'Ship it' });
	const test = addRaciRow(doc, { matrixId, text: 'Test it' });
	const colAda = addRaciColumn(doc, { matrixId, personId: ada });
	const colQa = addRaciColumn(doc, { matrixId, team: 'QA' });
	setRaciCell(doc, { matrixId, rowId: ship, colId: colAda, letters: ['A', 'R'] });
	setRaciCell(doc, { matrixId, rowId: ship, colId: colQa, letters: ['S', 'I'] });
	setRaciCell(doc, { matrixId, rowId: test, colId: colQa, letters: ['R'] });
	return { doc, board: readBoard(doc, { today: '2025-01-15' }), matrixId };
}

describe('export tables', () => {
	it('writes the register with every field in human values, numbers as numbers', () => {
		const { board } = setup();
		const table = registerTable(board);
		expect(table.header).toEqual([...REGISTER_COLUMNS]);
		const row = Object.fromEntries(table.header.map((h, i) => [h, table.rows[0]![i]]));
		expect(row).toMatchObject({
			Key: 'R-1',
			Title: 'Vendor slips',
			Description: 'Cause → event\n→ effect',
			Category: 'Technical',
			Owner: 'Ada',
			Status: 'Open',
			'Closed reason': '',
			Response: 'Mitigate',
			Likelihood: 4,
			Impact: 5,
			Score: 20,
			Band: 'Critical',
			'Residual score': 4,
			'Residual band': 'Low',
			Due: '2025-01-01',
			Overdue: 'yes',
			'Review due': 'no',
			Tags: 'q1, vendor',
			Links: 'https://example.com/T-1',
			'Actions done': 1,
			'Actions total': 2,
			'Actions overdue': 1,
			'Mitigation actions':
				'Second source (Done, 100%, Ada)\nWeekly call (Planned, 0%, due 2025-01-10)'
		});
		expect(table.rows.map((r) => r[0])).toEqual(['R-1', 'R-2', 'R-3']);
		for (const r of table.rows) expect(r).toHaveLength(REGISTER_COLUMNS.length);
	});

	it('counts open risks on 5×5 heat maps, inherent and residual, with bands', () => {
		const { board } = setup();
		const inherent = heatMap(board, 'inherent');
		expect(inherent.counts[3]![4]).toBe(1);
		expect(inherent.counts.flat().reduce((a, b) => a + b)).toBe(1); // closed risk left out
		expect(inherent.unscored).toBe(1);
		expect(inherent.bands[4]![4]).toBe('critical');
		expect(inherent.bands[0]![0]).toBe('low');
		expect(heatMap(board, 'residual').counts[1]![1]).toBe(1);
		const table = heatMapTable(inherent);
		expect(table.header).toEqual([
			'Likelihood \\ Impact',
			'1 Negligible',
			'2 Minor',
			'3 Moderate',
			'4 Major',
			'5 Severe'
		]);
		expect(table.rows[0]).toEqual(['5 Almost certain', 0, 0, 0, 0, 0]);
		expect(table.rows[1]).toEqual(['4 Likely', 0, 0, 0, 0, 1]);
	});

	it('writes a RACI matrix, its legend and its check results', () => {
		const { board } = setup();
		const matrix = board.matrices[0]!;
		expect(raciTable(matrix)).toEqual({
			name: 'Launch',
			header: ['Activity', 'Ada', 'QA (team)'],
			rows: [
				['Ship it', 'R/A', 'S/I'],
				['Test it', '', 'R']
			]
		});
		expect(raciLegendTable('RASCI').rows.map((r) => r[0])).toEqual(['R', 'A', 'S', 'C', 'I']);
		expect(raciLegendTable('RACI').rows).toHaveLength(4);
		expect(raciChecksTable(matrix, { maxAccountable: 5 }).rows).toEqual([
			[
				'error',
				'Activity',
				'Test it',
				'No one is Accountable (A) for this activity',
				'no-accountable'
			]
		]);
	});

	it('renders Markdown for the register and a matrix', () => {
		const { board } = setup();
		const register = registerMarkdown(board, { subtitle: 'Snapshot "Q1" of 2025-01-15' });
		expect(register).toContain('# Apollo — risk register');
		expect(register).toContain('| Key | Title | Category | Owner |');
		expect(register).toContain(
			'| R-1 | Vendor slips | Technical | Ada | Open | Mitigate | 20 | Critical |'
		);
		expect(register).toContain('## Heat map (residual)');
		expect(register).toContain('1 open risk(s) not scored.');
		const raci = raciMarkdown(board, board.matrices[0]!);
		expect(raci).toContain(
			'| Activity | Ada | QA (team) |\n| :--- | :--- | :--- |\n| Ship it | R/A | S/I |'
		);
		expect(raci).toContain('## Legend (RASCI)');
		expect(raci).toContain('| error | Activity | Test it |');
	});

	it('exports the register as exact JSON with names instead of ids', () => {
		const { board } = setup();
		const json = registerJson(board);
		expect(json.format).toBe('riskboard-register/1');
		expect(json.risks[0]).toMatchObject({
			key: 'R-1',
			owner: 'Ada',
			category: 'Technical',
			band: 'Critical',
			actions: [
				{ text: 'Second source', owner: 'Ada', status: 'Done', progress: 100 },
				{ text: 'Weekly call', owner: null, overdue: true }
			]
		});
		expect(JSON.parse(JSON.stringify(json))).toEqual(json);
	});

	it('scopes a matrix snapshot to that matrix, people and settings', () => {
		const { board, matrixId } = setup();
		const scoped = scopeBoard(board, 'matrix', matrixId);
		expect(scoped.risks).toEqual([]);
		expect(scoped.matrices.map((m) => m.id)).toEqual([matrixId]);
		expect(scoped.people).toEqual(board.people);
		expect(scopeBoard(board, 'board', null)).toBe(board);
		expect(() => scopeBoard(board, 'matrix', 'nope')).toThrow(/not on this board/);
	});
});
