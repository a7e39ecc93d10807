import { describe, expect, it } from 'vitest';
import { addAction, updateAction } from './actions.ts';
import { setBoardTitle } from './board.ts';
import { diffBoards } from './diff.ts';
import { diffMatrix } from './diff-raci.ts';
import { addPerson, removePerson, updatePerson } from './people.ts';
import {
	addMatrix,
	addRaciColumn,
	addRaciRow,
	deleteMatrix,
	deleteRaciRow,
	removeRaciColumn,
	renameMatrix,
	setRaciCell,
	setRaciRowText
} from './raci.ts';
import { readBoard } from './read.ts';
import { addRisk, deleteRisk, setRiskText, updateRisk } from './risks.ts';
import { renameCategory } from './settings.ts';
import { NOW, newBoard } from './test-support.ts';

const TODAY = '2025-01-15';
const read = (doc: ReturnType<typeof newBoard>) => readBoard(doc, { today: TODAY });

function setup() {
	const doc = newBoard('Apollo');
	const ada = addPerson(doc, { name: 'Ada', team: 'Eng' });
	const bob = addPerson(doc, { name: 'Bob', team: 'QA' });
	const categoryId = read(doc).settings.categories[0]!.id;
	const r1 = addRisk(doc, {
		title: 'Vendor slips',
		ownerId: ada,
		likelihood: 2,
		impact: 3,
		now: NOW
	});
	const r2 = addRisk(doc, { title: 'Key person leaves', categoryId, now: NOW });
	const matrixId = addMatrix(doc, { name: 'Launch' });
	const rowShip = addRaciRow(doc, { matrixId, text: 'Ship it' });
	const rowTest = addRaciRow(doc, { matrixId, text: 'Test it' });
	const colAda = addRaciColumn(doc, { matrixId, personId: ada });
	const colBob = addRaciColumn(doc, { matrixId, personId: bob });
	setRaciCell(doc, { matrixId, rowId: rowShip, colId: colAda, letters: ['A', 'R'] });
	setRaciCell(doc, { matrixId, rowId: rowTest, colId: colBob, letters: ['R'] });
	return { doc, ada, bob, categoryId, r1, r2, matrixId, rowShip, rowTest, colAda, colBob };
}

describe('diffBoards', () => {
	it('reports nothing for identical boards', () => {
		const { doc } = setup();
		const diff = diffBoards(read(doc), read(doc));
		expect(diff.changeCount).toBe(0);
		expect(diff).toMatchObject({
			titleChanged: null,
			risks: { added: [], removed: [], changed: [] },
			people: { added: [], removed: [], changed: [] },
			matrices: { added: [], removed: [], changed: [] }
		});
	});

	it('lists risks added, removed and changed field by field in human values', () => {
		const { doc, bob, r1, r2 } = setup();
		const before = read(doc);
		updateRisk(doc, r1.id, { ownerId: bob, likelihood: 4, tags: ['vendor'] }, { now: NOW });
		setRiskText(doc, { riskId: r1.id, field: 'title', value: 'Vendor slips badly' });
		deleteRisk(doc, r2.id);
		const r3 = addRisk(doc, { title: 'New risk', likelihood: 5, impact: 5, now: NOW });
		setBoardTitle(doc, 'Apollo 2');
		const diff = diffBoards(before, read(doc));
		expect(diff.titleChanged).toEqual({ before: 'Apollo', after: 'Apollo 2' });
		expect(diff.risks.added).toEqual([
			{
				id: r3.id,
				key: 'R-3',
				title: 'New risk',
				status: 'Open',
				owner: null,
				score: 25,
				band: 'critical'
			}
		]);
		expect(diff.risks.removed.map((r) => [r.key, r.title])).toEqual([['R-2', 'Key person leaves']]);
		expect(diff.risks.changed).toEqual([
			{
				id: r1.id,
				key: 'R-1',
				title: 'Vendor slips badly',
				changes: [
					{ field: 'title', label: 'Title', before: 'Vendor slips', after: 'Vendor slips badly' },
					{ field: 'owner', label: 'Owner', before: 'Ada', after: 'Bob' },
					{ field: 'likelihood', label: 'Likelihood', before: 2, after: 4 },
					{ field: 'score', label: 'Score', before: 6, after: 12 },
					{ field: 'band', label: 'Band', before: 'Medium', after: 'High' },
					{ field: 'tags', label: 'Tags', before: [], after: ['vendor'] }
				]
			}
		]);
		// 1 title + 1 added + 1 removed + 6 fields
		expect(diff.changeCount).toBe(9);
	});

	it('shows a renamed person or category once, not as a change on every risk using them', () => {
		const { doc, ada, categoryId } = setup();
		const before = read(doc);
		updatePerson(doc, ada, { name: 'Ada L.' });
		renameCategory(doc, categoryId, 'Tech');
		const diff = diffBoards(before, read(doc));
		expect(diff.people.changed).toEqual([
			{
				id: ada,
				name: 'Ada L.',
				changes: [{ field: 'name', label: 'Name', before: 'Ada', after: 'Ada L.' }]
			}
		]);
		expect(diff.risks.changed).toEqual([]);
		// The matrix column carries the person's name, so the matrix reports the rename too.
		expect(diff.matrices.changed[0]!.columnsRenamed).toEqual([
			expect.objectContaining({ before: 'Ada', after: 'Ada L.' })
		]);
	});

	it('reports people added and removed, and owners who left', () => {
		const { doc, ada, r1 } = setup();
		const before = read(doc);
		const cy = addPerson(doc, { name: 'Cy' });
		removePerson(doc, ada);
		const diff = diffBoards(before, read(doc));
		expect(diff.people.added).toEqual([{ id: cy, name: 'Cy', team: '' }]);
		expect(diff.people.removed).toEqual([{ id: ada, name: 'Ada', team: 'Eng' }]);
		expect(diff.risks.changed).toEqual([
			{
				id: r1.id,
				key: 'R-1',
				title: 'Vendor slips',
				changes: [{ field: 'owner', label: 'Owner', before: 'Ada', after: null }]
			}
		]);
	});

	it('reports mitigation action changes on the risks they belong to', () => {
		const { doc, r1 } = setup();
		const action = addAction(doc, { riskId: r1.id, text: 'Second source', now: NOW });
		const before = read(doc);
		updateAction(doc, action, { status: 'Done', progress: 100 }, { now: NOW });
		const [change] = diffBoards(before, read(doc)).risks.changed;
		expect(change!.changes).toEqual([
			{
				field: 'actions',
				label: 'Mitigation actions',
				before: ['Second source [Planned, 0%]'],
				after: ['Second source [Done, 100%]']
			}
		]);
	});

	it('reports matrices added, removed and changed', () => {
		const { doc, matrixId } = setup();
		const gone = addMatrix(doc, { name: 'Old' });
		const before = read(doc);
		deleteMatrix(doc, gone);
		const added = addMatrix(doc, { name: 'New' });
		renameMatrix(doc, matrixId, 'Launch v2');
		const diff = diffBoards(before, read(doc));
		expect(diff.matrices.added).toEqual([{ id: added, name: 'New' }]);
		expect(diff.matrices.removed).toEqual([{ id: gone, name: 'Old' }]);
		expect(diff.matrices.changed.map((m) => m.renamed)).toEqual([
			{ before: 'Launch', after: 'Launch v2' }
		]);
		expect(diff.changeCount).toBe(3);
	});
});

describe('diffMatrix', () => {
	it('reports rows, columns and cells, with cells of added and removed rows', () => {
		const { doc, matrixId, rowShip, rowTest, colAda, colBob, bob } = setup();
		const before = read(doc).matrices[0]!;
		setRaciCell(doc, { matrixId, rowId: rowShip, colId: colAda, letters: ['A'] });
		setRaciCell(doc, { matrixId, rowId: rowShip, colId: colBob, letters: ['R'] });
		setRaciRowText(doc, { matrixId, rowId: rowShip, value: 'Ship v1' });
		deleteRaciRow(doc, { matrixId, rowId: rowTest });
		const rowDocs = addRaciRow(doc, { matrixId, text: 'Write docs' });
		setRaciCell(doc, { matrixId, rowId: rowDocs, colId: colBob, letters: ['A', 'R'] });
		const colQa = addRaciColumn(doc, { matrixId, team: 'QA' });
		removeRaciColumn(doc, { matrixId, colId: colAda });
		const after = read(doc).matrices[0]!;
		const diff = diffMatrix(before, after);
		expect(diff.rowsAdded).toEqual([{ id: rowDocs, text: 'Write docs' }]);
		expect(diff.rowsRemoved).toEqual([{ id: rowTest, text: 'Test it' }]);
		expect(diff.rowsRenamed).toEqual([{ id: rowShip, before: 'Ship it', after: 'Ship v1' }]);
		expect(diff.columnsAdded).toEqual([{ id: colQa, kind: 'team', label: 'QA' }]);
		expect(diff.columnsRemoved).toEqual([{ id: colAda, kind: 'person', label: 'Ada' }]);
		expect(
			diff.cellsChanged.map((c) => [c.row, c.column, c.before.join(''), c.after.join('')])
		).toEqual([
			['Ship v1', 'Bob', '', 'R'],
			['Ship v1', 'Ada', 'RA', ''],
			['Write docs', 'Bob', '', 'RA'],
			['Test it', 'Bob', 'R', '']
		]);
		expect(diff.changeCount).toBe(9);
		expect(bob).toBeTruthy();
	});

	it('is deterministic and empty for equal matrices', () => {
		const { doc } = setup();
		const matrix = read(doc).matrices[0]!;
		const diff = diffMatrix(matrix, JSON.parse(JSON.stringify(matrix)) as typeof matrix);
		expect(diff.changeCount).toBe(0);
		expect(JSON.stringify(diffMatrix(matrix, matrix))).toBe(JSON.stringify(diff));
	});
});
