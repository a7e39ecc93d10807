import { describe, expect, it } from 'vitest';
import { addPerson, readBoard, setRiskText, updateRisk, addRisk } from '../index.ts';
import { newBoard } from '../test-support.ts';
import { applyImport, ImportRejected, undoImport } from './apply.ts';
import { buildImportPlan, planSummaryText } from './plan.ts';
import type { ImportTable } from './types.ts';

const table: ImportTable = {
	headers: [
		'Risk ID',
		'Risk Title',
		'Probability',
		'Severity',
		'Owner',
		'Status',
		'Due',
		'Mitigation',
		'Type'
	],
	rows: [
		{
			line: 2,
			cells: [
				'R-1',
				'Vendor late',
				'High',
				'Low',
				'ada lovelace',
				'In progress',
				'25/09/2026',
				'Weekly call',
				'Legal'
			]
		},
		{
			line: 3,
			cells: [
				'R-2',
				'Key person leaves',
				'Medium',
				'High',
				'Grace Hopper',
				'Done',
				'01/10/2026',
				'',
				'Resource'
			]
		},
		{ line: 5, cells: ['R-3', '', 'Low', 'Purple', 'Ada Lovelace', 'Open', 'soon', '', ''] },
		{ line: 6, cells: ['R-4', '=HYPERLINK("http://evil")', 'Low', 'Low', '', 'Open', '', '', ''] }
	]
};

function board() {
	const doc = newBoard();
	addPerson(doc, { name: 'Ada Lovelace', email: 'ada@example.com' });
	return doc;
}

describe('the import plan', () => {
	it('maps columns and values, names each error with its line and column, and counts', () => {
		const doc = board();
		const plan = buildImportPlan(readBoard(doc), table);
		expect(plan.columns.map((c) => c.field)).toEqual([
			'sourceId',
			'title',
			'likelihood',
			'impact',
			'owner',
			'status',
			'dueDate',
			'mitigation',
			'category'
		]);
		expect(plan.values.likelihood).toEqual({ High: 5, Medium: 3, Low: 1 });
		expect(plan.values.status).toEqual({ 'In progress': 'Mitigating', Done: 'Closed' });
		const ada = readBoard(doc).people[0]!.id;
		expect(plan.values.owner).toEqual({
			'ada lovelace': ada,
			'Grace Hopper': { new: 'Grace Hopper' },
			'Ada Lovelace': ada
		});
		expect(plan.dateOrder).toBe('dmy');
		expect(plan.rows[0]!.risk).toMatchObject({
			sourceId: 'R-1',
			title: 'Vendor late',
			likelihood: 5,
			impact: 1,
			ownerId: ada,
			status: 'Mitigating',
			dueDate: '2026-09-25',
			mitigation: { text: 'Weekly call' }
		});
		expect(plan.rows[1]!.risk).toMatchObject({
			status: 'Closed',
			closedReason: 'Imported as closed'
		});
		expect(plan.rows[2]!.errors).toEqual([
			{ column: 'Risk Title', message: 'title is empty' },
			{ column: 'Severity', message: 'impact “Purple” is not mapped to a level 1–5' },
			{ column: 'Due', message: 'due date “soon” is not a date' }
		]);
		// Formula-looking text is literal text.
		expect(plan.rows[3]!.risk.title).toBe('=HYPERLINK("http://evil")');
		expect(plan.summary).toMatchObject({ total: 4, valid: 3, invalid: 1, duplicates: 0, add: 3 });
		expect(plan.newPeople).toEqual(['Grace Hopper']);
		expect(plan.newCategories).toEqual(['Legal']);
		expect(planSummaryText(plan)).toBe(
			'3 risks will be added, 1 row has errors, 1 person and 1 category will be created'
		);
	});

	it('says a score outside 1–5 is outside, and lets a value mapping fix it', () => {
		const doc = board();
		const t: ImportTable = {
			headers: ['Title', 'Likelihood'],
			rows: [1, 2, 3, 4, 5, 2, 3, 4, 1, 7].map((v, i) => ({ line: i + 2, cells: [`Risk ${i}`, v] }))
		};
		const plan = buildImportPlan(readBoard(doc), t);
		expect(plan.rows[9]!.errors).toEqual([
			{ column: 'Likelihood', message: 'likelihood 7 is outside 1–5' }
		]);
		expect(plan.values.likelihood).toEqual({ '7': null });
		const fixed = buildImportPlan(readBoard(doc), t, { values: { likelihood: { '7': 5 } } });
		expect(fixed.rows[9]!.errors).toEqual([]);
		expect(fixed.rows[9]!.risk.likelihood).toBe(5);
	});

	it('creates one person for spellings that differ only in case and accents', () => {
		const doc = board();
		const t: ImportTable = {
			headers: ['Title', 'Owner'],
			rows: [
				{ line: 2, cells: ['A', 'Zoë Müller'] },
				{ line: 3, cells: ['B', 'zoe muller'] }
			]
		};
		const plan = buildImportPlan(readBoard(doc), t);
		expect(plan.values.owner).toEqual({
			'Zoë Müller': { new: 'Zoë Müller' },
			'zoe muller': { new: 'Zoë Müller' }
		});
		expect(plan.newPeople).toEqual(['Zoë Müller']);
	});

	it('asks for the date order when every date could be either', () => {
		const doc = board();
		const t: ImportTable = {
			headers: ['Title', 'Due'],
			rows: [{ line: 2, cells: ['A', '05/06/2026'] }]
		};
		const plan = buildImportPlan(readBoard(doc), t);
		expect(plan.dateOrderNeeded).toBe(true);
		expect(plan.rows[0]!.errors[0]!.message).toMatch(/choose the date order/);
		const chosen = buildImportPlan(readBoard(doc), t, { dateOrder: 'mdy' });
		expect(chosen.rows[0]!.risk.dueDate).toBe('2026-05-06');
	});

	it('reports a title over the model limit, no title column, and a field mapped twice', () => {
		const doc = board();
		const t: ImportTable = {
			headers: ['Title', 'Name'],
			rows: [{ line: 2, cells: ['x'.repeat(501), 'a'] }]
		};
		const plan = buildImportPlan(readBoard(doc), t);
		expect(plan.rows[0]!.errors[0]!.message).toBe('title is 501 characters; at most 500');
		const twice = buildImportPlan(readBoard(doc), t, { mapping: { 1: 'title' } });
		expect(twice.problems[0]).toMatch(/title is mapped from two columns/);
		const none = buildImportPlan(readBoard(doc), t, { mapping: { 0: null } });
		expect(none.problems[0]).toMatch(/No column is mapped to the title/);
	});
});

describe('commit and undo', () => {
	it('refuses a file with invalid rows unless told to skip them, then imports exactly the valid ones', () => {
		const doc = board();
		const plan = buildImportPlan(readBoard(doc), table);
		expect(() => applyImport(doc, plan)).toThrow(ImportRejected);
		expect(readBoard(doc).risks).toHaveLength(0);
		const result = applyImport(doc, plan, { skipInvalid: true });
		expect(result).toMatchObject({ created: 3, updated: 0, skipped: 0 });
		const after = readBoard(doc);
		expect(after.risks.map((r) => r.title)).toEqual([
			'Vendor late',
			'Key person leaves',
			'=HYPERLINK("http://evil")'
		]);
		expect(after.people.map((p) => p.name)).toEqual(['Ada Lovelace', 'Grace Hopper']);
		expect(after.settings.categories.map((c) => c.name)).toContain('Legal');
		expect(after.actions.map((a) => a.text)).toEqual(['Weekly call']);
		expect(after.risks[0]!.sourceId).toBe('R-1');
	});

	it('writes everything in one update', () => {
		const doc = board();
		const plan = buildImportPlan(readBoard(doc), table);
		let updates = 0;
		doc.on('update', () => updates++);
		applyImport(doc, plan, { skipInvalid: true });
		expect(updates).toBe(1);
	});

	it('re-import skips or updates matching risks by source id, never deleting', () => {
		const doc = board();
		applyImport(doc, buildImportPlan(readBoard(doc), table), { skipInvalid: true });
		const again: ImportTable = {
			headers: ['Risk ID', 'Title', 'Likelihood'],
			rows: [
				{ line: 2, cells: ['r-1', 'Vendor very late', 2] },
				{ line: 3, cells: ['R-9', 'New one', 3] }
			]
		};
		const skip = buildImportPlan(readBoard(doc), again);
		expect(skip.summary).toMatchObject({ duplicates: 1, add: 1, skip: 1 });
		const update = buildImportPlan(readBoard(doc), again, { duplicates: 'update' });
		const result = applyImport(doc, update, { duplicates: 'update' });
		expect(result).toMatchObject({ created: 1, updated: 1, skipped: 0 });
		const risk = readBoard(doc).risks.find((r) => r.sourceId === 'R-1')!;
		expect(risk).toMatchObject({ title: 'Vendor very late', likelihood: 2, impact: 1 });
		// Undo puts the replaced values back and removes the new risk.
		const undone = undoImport(doc, result.undo);
		expect(undone).toMatchObject({ removed: 1, restored: 1, kept: [] });
		expect(readBoard(doc).risks.find((r) => r.sourceId === 'R-1')).toMatchObject({
			title: 'Vendor late',
			likelihood: 5
		});
		expect(readBoard(doc).risks).toHaveLength(3);
	});

	it('undo removes what it created and keeps a risk someone edited since, saying so', () => {
		const doc = board();
		const before = readBoard(doc);
		addRisk(doc, { title: 'Already here' });
		const result = applyImport(doc, buildImportPlan(readBoard(doc), table), { skipInvalid: true });
		const [first, second] = result.riskIds;
		updateRisk(doc, second!, { impact: 2 });
		const undone = undoImport(doc, result.undo);
		expect(undone.removed).toBe(2);
		expect(undone.kept).toEqual([
			expect.objectContaining({
				kind: 'risk',
				id: second,
				riskId: second,
				reason: expect.stringMatching(/changed after the import/)
			}),
			expect.objectContaining({ kind: 'person', reason: 'Grace Hopper is still used on the board' })
		]);
		const after = readBoard(doc);
		expect(after.risks.map((r) => r.title)).toEqual(['Already here', 'Key person leaves']);
		expect(after.risks.some((r) => r.id === first)).toBe(false);
		expect(after.actions).toHaveLength(0);
		expect(after.settings.categories.map((c) => c.name)).not.toContain('Legal');
		expect(before.people).toHaveLength(1);
		setRiskText(doc, { riskId: second!, field: 'title', value: 'still editable' });
	});
});
