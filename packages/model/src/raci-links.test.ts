import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, deleteAction } from './actions.ts';
import { diffMatrix } from './diff-raci.ts';
import { BoardError } from './errors.ts';
import { raciMarkdown } from './export-markdown.ts';
import { RACI_LINKED_RISKS_COLUMN, raciTable } from './export-tables.ts';
import { addLegacyRaciRow } from './fuzz-harness.ts';
import { addMatrix, addRaciRow, deleteRaciRow } from './raci.ts';
import {
	activitiesLinkedTo,
	linkRaciActivity,
	raciRowLinks,
	unlinkRaciActivity
} from './raci-links.ts';
import { readBoard } from './read.ts';
import { addRisk, deleteRisk, moveRisk } from './risks.ts';
import { fork, newBoard, sync } from './test-support.ts';
import { undoScope } from './undo.ts';
import type { RaciRow } from './types.ts';

function setup() {
	const doc = newBoard('Apollo');
	const r1 = addRisk(doc, { title: 'Vendor slips' }).id;
	const r2 = addRisk(doc, { title: '=HYPERLINK("x")' }).id;
	const actionId = addAction(doc, { riskId: r1, text: 'Second supplier' });
	const matrixId = addMatrix(doc, { name: 'Launch' });
	const ship = addRaciRow(doc, { matrixId, text: 'Ship it' });
	const test = addRaciRow(doc, { matrixId, text: 'Test it' });
	return { doc, r1, r2, actionId, matrixId, ship, test };
}

const linksOf = (doc: Y.Doc, rowId: string) =>
	readBoard(doc)
		.matrices.flatMap((m) => m.rows)
		.find((row) => row.id === rowId)?.links;

describe('RACI activity links', () => {
	it('links and unlinks risks and actions as a set', () => {
		const { doc, r1, r2, actionId, matrixId, ship, test } = setup();
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r2, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: actionId, kind: 'action' });
		// Register order, not link order.
		expect(linksOf(doc, ship)).toEqual({ riskIds: [r1, r2], actionIds: [actionId] });
		expect(linksOf(doc, test)).toEqual({ riskIds: [], actionIds: [] });
		moveRisk(doc, { id: r2, before: r1 });
		expect(linksOf(doc, ship)?.riskIds).toEqual([r2, r1]);
		unlinkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1 });
		unlinkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1 });
		expect(linksOf(doc, ship)).toEqual({ riskIds: [r2], actionIds: [actionId] });
	});

	it('refuses unknown rows and targets, and targets of the other kind, writing nothing', () => {
		const { doc, r1, actionId, matrixId, ship } = setup();
		let updates = 0;
		doc.on('update', () => updates++);
		const link = (input: Partial<Parameters<typeof linkRaciActivity>[1]>) => () =>
			linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1, kind: 'risk', ...input });
		expect(link({ targetId: 'nope' })).toThrow(BoardError);
		expect(link({ targetId: actionId })).toThrow(/Unknown risk/);
		expect(link({ kind: 'action' })).toThrow(/Unknown mitigation action/);
		expect(link({ kind: 'person' as never })).toThrow(/Link kind/);
		expect(link({ rowId: 'nope' })).toThrow(/Unknown RACI row/);
		expect(link({ matrixId: 'nope' })).toThrow(/Unknown matrix/);
		expect(() => unlinkRaciActivity(doc, { matrixId, rowId: 'nope', targetId: r1 })).toThrow(
			BoardError
		);
		expect(updates).toBe(0);
	});

	it('merges concurrent links and unlinks of one row', () => {
		const { doc, r1, r2, actionId, matrixId, ship } = setup();
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1, kind: 'risk' });
		const peer = fork(doc);
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r2, kind: 'risk' });
		linkRaciActivity(peer, { matrixId, rowId: ship, targetId: actionId, kind: 'action' });
		unlinkRaciActivity(peer, { matrixId, rowId: ship, targetId: r1 });
		sync(doc, peer);
		expect(linksOf(doc, ship)).toEqual({ riskIds: [r2], actionIds: [actionId] });
		expect(JSON.stringify(readBoard(peer))).toBe(JSON.stringify(readBoard(doc)));
	});

	it('gives rows made before links existed their links map on the first link', () => {
		const { doc, r1, matrixId } = setup();
		addLegacyRaciRow(doc, matrixId, 'Old row');
		const old = readBoard(doc).matrices[0]!.rows.at(-1)!;
		expect(old.links).toEqual({ riskIds: [], actionIds: [] });
		unlinkRaciActivity(doc, { matrixId, rowId: old.id, targetId: r1 });
		linkRaciActivity(doc, { matrixId, rowId: old.id, targetId: r1, kind: 'risk' });
		expect(linksOf(doc, old.id)?.riskIds).toEqual([r1]);
	});

	it('drops links to deleted risks and actions; undoing the delete brings them back', () => {
		const { doc, r1, r2, actionId, matrixId, ship } = setup();
		const me = { who: 'me' };
		const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([me]) });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r2, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: actionId, kind: 'action' });
		deleteAction(doc, actionId);
		deleteRisk(doc, r1, { origin: me });
		expect(linksOf(doc, ship)).toEqual({ riskIds: [r2], actionIds: [] });
		expect(activitiesLinkedTo(readBoard(doc), r1)).toEqual([]);
		undo.undo();
		expect(linksOf(doc, ship)?.riskIds).toEqual([r1, r2]);
		// A dangling link can still be removed.
		unlinkRaciActivity(doc, { matrixId, rowId: ship, targetId: actionId });
	});

	it('lists the activities linked to a risk or action, in matrix and row order', () => {
		const { doc, r1, actionId, matrixId, ship, test } = setup();
		const other = addMatrix(doc, { name: 'Cutover' });
		const rollback = addRaciRow(doc, { matrixId: other, text: 'Roll back' });
		linkRaciActivity(doc, { matrixId: other, rowId: rollback, targetId: r1, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: test, targetId: r1, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: test, targetId: actionId, kind: 'action' });
		const board = readBoard(doc);
		expect(activitiesLinkedTo(board, r1)).toEqual([
			{ matrixId, matrixName: 'Launch', rowId: ship, rowText: 'Ship it' },
			{ matrixId, matrixName: 'Launch', rowId: test, rowText: 'Test it' },
			{ matrixId: other, matrixName: 'Cutover', rowId: rollback, rowText: 'Roll back' }
		]);
		expect(activitiesLinkedTo(board, actionId).map((a) => a.rowId)).toEqual([test]);
		deleteRaciRow(doc, { matrixId, rowId: test });
		expect(activitiesLinkedTo(readBoard(doc), actionId)).toEqual([]);
	});

	it('reads rows of snapshots taken before links existed as having none', () => {
		const row = { id: 'r', text: 'Old', order: 'a0' } as RaciRow;
		expect(raciRowLinks(row)).toEqual({ riskIds: [], actionIds: [] });
		const board = readBoard(newBoard());
		const matrix = {
			id: 'm',
			name: 'M',
			preset: 'RACI' as const,
			order: 'a0',
			rows: [row],
			columns: [],
			cells: {}
		};
		expect(activitiesLinkedTo({ ...board, matrices: [matrix] }, 'x')).toEqual([]);
		expect(diffMatrix(matrix, matrix).changeCount).toBe(0);
		expect(raciTable(matrix, board).header).toEqual(['Activity']);
	});
});

describe('RACI links in diffs and exports', () => {
	it('reports links added and removed per activity, labelled by risk key or action text', () => {
		const { doc, r1, r2, actionId, matrixId, ship } = setup();
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1, kind: 'risk' });
		const before = readBoard(doc);
		unlinkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1 });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r2, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: actionId, kind: 'action' });
		const added = addRaciRow(doc, { matrixId, text: 'New' });
		linkRaciActivity(doc, { matrixId, rowId: added, targetId: r1, kind: 'risk' });
		moveRisk(doc, { id: r2, before: r1 });
		const after = readBoard(doc);
		const diff = diffMatrix(before.matrices[0]!, after.matrices[0]!, { before, after });
		expect(diff.linksChanged).toEqual([
			{
				rowId: ship,
				row: 'Ship it',
				added: [
					{ id: r2, kind: 'risk', label: 'R-2' },
					{ id: actionId, kind: 'action', label: 'Second supplier' }
				],
				removed: [{ id: r1, kind: 'risk', label: 'R-1' }]
			},
			{ rowId: added, row: 'New', added: [{ id: r1, kind: 'risk', label: 'R-1' }], removed: [] }
		]);
		expect(diff.changeCount).toBe(1 + 4);
		// Without the boards, links are labelled by id.
		expect(
			diffMatrix(before.matrices[0]!, after.matrices[0]!).linksChanged[0]?.removed[0]?.label
		).toBe(r1);
	});

	it('adds a Linked risks column only when an activity is linked to a live risk', () => {
		const { doc, r1, r2, actionId, matrixId, ship, test } = setup();
		linkRaciActivity(doc, { matrixId, rowId: test, targetId: actionId, kind: 'action' });
		let board = readBoard(doc);
		expect(raciTable(board.matrices[0]!, board).header).toEqual(['Activity']);
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r2, kind: 'risk' });
		linkRaciActivity(doc, { matrixId, rowId: ship, targetId: r1, kind: 'risk' });
		board = readBoard(doc);
		const table = raciTable(board.matrices[0]!, board);
		expect(table.header).toEqual(['Activity', RACI_LINKED_RISKS_COLUMN]);
		expect(table.rows).toEqual([
			['Ship it', 'R-1, R-2'],
			['Test it', '']
		]);
		// Without the board there are no keys to show.
		expect(raciTable(board.matrices[0]!).header).toEqual(['Activity']);
		expect(raciMarkdown(board, board.matrices[0]!)).toContain('| Ship it | R-1, R-2 |');
	});
});
