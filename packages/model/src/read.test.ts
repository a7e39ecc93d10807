import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addAction, linkAction } from './actions.ts';
import { addPerson, removePerson } from './people.ts';
import {
	addMatrix,
	addRaciColumn,
	addRaciRow,
	deleteRaciRow,
	removeRaciColumn,
	setRaciCell
} from './raci.ts';
import { readBoard, readRisksById } from './read.ts';
import { addRisk, deleteRisk, updateRisk } from './risks.ts';
import { roots } from './schema.ts';
import { addCategory, removeCategory } from './settings.ts';
import { fork, newBoard, sync } from './test-support.ts';

const today = '2025-01-15';

describe('readBoard', () => {
	it('reads an empty, uninitialised document with defaults', () => {
		const board = readBoard(new Y.Doc(), { today });
		expect(board).toMatchObject({
			schemaVersion: 0,
			title: '',
			risks: [],
			people: [],
			matrices: []
		});
		expect(board.settings.scoreBands).toEqual({ low: 4, medium: 9, high: 16 });
	});

	it('nulls owners who were removed and categories that no longer exist', () => {
		const doc = newBoard();
		const ada = addPerson(doc, { name: 'Ada' });
		const legal = addCategory(doc, { name: 'Legal' });
		const { id } = addRisk(doc, { title: 'r', ownerId: ada, categoryId: legal });
		addAction(doc, { riskId: id, ownerId: ada });
		removePerson(doc, ada);
		removeCategory(doc, legal);
		const board = readBoard(doc, { today });
		expect(board.risks[0]).toMatchObject({ ownerId: null, categoryId: null });
		expect(board.actions[0]?.ownerId).toBeNull();
	});

	it('drops action links to risks deleted concurrently', () => {
		const doc = newBoard();
		const a = addRisk(doc, { title: 'a' }).id;
		const b = addRisk(doc, { title: 'b' }).id;
		const x = addAction(doc, { riskId: a });
		const peer = fork(doc);
		deleteRisk(doc, b);
		linkAction(peer, { actionId: x, riskId: b });
		const y = addAction(peer, { riskId: b });
		sync(doc, peer);
		const board = readBoard(doc, { today });
		expect(board.actions.find((action) => action.id === x)?.riskIds).toEqual([a]);
		// An action created on a risk deleted meanwhile is kept, unlinked, rather than lost.
		expect(board.actions.find((action) => action.id === y)?.riskIds).toEqual([]);
		expect(board.risks.map((risk) => risk.actionIds)).toEqual([[x]]);
	});

	it('drops RACI columns of removed people and cells of rows and columns deleted concurrently', () => {
		const doc = newBoard();
		const ada = addPerson(doc, { name: 'Ada' });
		const bob = addPerson(doc, { name: 'Bob' });
		const matrixId = addMatrix(doc, { name: 'M' });
		const row = addRaciRow(doc, { matrixId, text: 'r' });
		const colAda = addRaciColumn(doc, { matrixId, personId: ada });
		const colBob = addRaciColumn(doc, { matrixId, personId: bob });
		const colTeam = addRaciColumn(doc, { matrixId, team: 'QA' });
		setRaciCell(doc, { matrixId, rowId: row, colId: colAda, letters: ['A'] });
		const peer = fork(doc);
		removePerson(doc, ada);
		removeRaciColumn(doc, { matrixId, colId: colTeam });
		const other = addRaciRow(doc, { matrixId, text: 'other' });
		setRaciCell(peer, { matrixId, rowId: row, colId: colTeam, letters: ['R'] });
		setRaciCell(peer, { matrixId, rowId: row, colId: colBob, letters: ['C'] });
		deleteRaciRow(peer, { matrixId, rowId: row });
		sync(doc, peer);
		const matrix = readBoard(doc, { today }).matrices[0];
		expect(matrix?.columns.map((column) => column.id)).toEqual([colBob]);
		expect(matrix?.rows.map((r) => r.id)).toEqual([other]);
		expect(matrix?.cells).toEqual({ [other]: {} });
	});

	it('reads malformed values from foreign peers as defaults', () => {
		const doc = newBoard();
		const { id } = addRisk(doc, { title: 'r' });
		const risk = roots(doc).risks.get(id) as Y.Map<unknown>;
		risk.set('likelihood', 9);
		risk.set('status', 'Exploded');
		risk.set('dueDate', 'soon');
		roots(doc).risks.set('junk', 'not a map');
		const board = readBoard(doc, { today });
		expect(board.risks).toHaveLength(1);
		expect(board.risks[0]).toMatchObject({ likelihood: null, status: 'Open', dueDate: null });
	});

	it('is deterministic whatever order updates arrive in', () => {
		const base = newBoard();
		const peers = [fork(base), fork(base), fork(base)];
		peers.forEach((peer, index) => {
			const { id } = addRisk(peer, { title: `p${index}`, tags: [`t${index}`, 'shared'] });
			updateRisk(peer, id, { likelihood: index + 1, impact: 3 });
			addPerson(peer, { name: `Person ${index}` });
		});
		const forward = fork(base);
		const backward = fork(base);
		for (const peer of peers) Y.applyUpdate(forward, Y.encodeStateAsUpdate(peer));
		for (const peer of [...peers].reverse()) Y.applyUpdate(backward, Y.encodeStateAsUpdate(peer));
		expect(JSON.stringify(readBoard(forward, { today }))).toBe(
			JSON.stringify(readBoard(backward, { today }))
		);
	});

	it('flags overdue and review-due risks against today, but not closed ones', () => {
		const doc = newBoard();
		addRisk(doc, { title: 'a', dueDate: '2025-01-14', nextReviewDate: '2025-01-15' });
		addRisk(doc, { title: 'b', dueDate: '2025-01-15', nextReviewDate: '2025-01-16' });
		addRisk(doc, {
			title: 'c',
			dueDate: '2025-01-01',
			nextReviewDate: '2025-01-01',
			status: 'Closed',
			closedReason: 'done'
		});
		const flags = readBoard(doc, { today }).risks.map((r) => [r.overdue, r.reviewDue]);
		expect(flags).toEqual([
			[true, true],
			[false, false],
			[false, false]
		]);
		expect(() => readBoard(doc, { today: 'tomorrow' })).toThrow(/today/);
	});

	it('reads a few risks by id exactly as readBoard does, with only their actions', () => {
		const doc = newBoard();
		const ada = addPerson(doc, { name: 'Ada' });
		const a = addRisk(doc, { title: 'A', ownerId: ada, likelihood: 2, impact: 4 }).id;
		const b = addRisk(doc, { title: 'B' }).id;
		const onA = addAction(doc, { riskId: a, text: 'For A' });
		addAction(doc, { riskId: b, text: 'For B' });
		linkAction(doc, { actionId: onA, riskId: b });
		const set = readRisksById(doc, [a, 'missing'], { today });
		const board = readBoard(doc, { today });
		expect([...set.risks.keys()]).toEqual([a]);
		expect(set.risks.get(a)).toEqual(board.risks.find((risk) => risk.id === a));
		expect(set.actions.map((action) => action.text)).toEqual(['For A']);
		expect(set.actions[0]).toEqual(board.actions.find((action) => action.id === onA));
		expect(set.people).toEqual(board.people);
	});
});
