import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import { addPerson } from './people.ts';
import {
	addMatrix,
	addRaciColumn,
	addRaciRow,
	deleteMatrix,
	deleteRaciRow,
	getRaciRowText,
	moveMatrix,
	moveRaciColumn,
	moveRaciRow,
	removeRaciColumn,
	renameMatrix,
	setRaciCell,
	setRaciRowText
} from './raci.ts';
import { checkRaci } from './raci-check.ts';
import { readBoard } from './read.ts';
import { fork, newBoard, sync } from './test-support.ts';

function setup(preset: 'RACI' | 'RASCI' = 'RACI') {
	const doc = newBoard();
	const ada = addPerson(doc, { name: 'Ada', team: 'Eng' });
	const bob = addPerson(doc, { name: 'Bob' });
	const matrixId = addMatrix(doc, { name: 'Launch', preset });
	const row = addRaciRow(doc, { matrixId, text: 'Ship it' });
	const colAda = addRaciColumn(doc, { matrixId, personId: ada });
	const colBob = addRaciColumn(doc, { matrixId, personId: bob });
	return { doc, matrixId, row, colAda, colBob, ada, bob };
}

const matrixOf = (doc: Parameters<typeof readBoard>[0]) => readBoard(doc).matrices[0];

describe('RACI edits', () => {
	it('creates matrices, rows and columns in order', () => {
		const { doc, matrixId, row, colAda, colBob } = setup();
		const second = addRaciRow(doc, { matrixId, text: 'Test it' });
		const team = addRaciColumn(doc, { matrixId, team: 'Eng' });
		const first = addRaciRow(doc, { matrixId, text: 'Plan it', after: undefined });
		moveRaciRow(doc, { matrixId, rowId: first, after: null });
		moveRaciColumn(doc, { matrixId, colId: team, before: colAda });
		const matrix = matrixOf(doc);
		expect(matrix).toMatchObject({ name: 'Launch', preset: 'RACI' });
		expect(matrix?.rows.map((r) => r.id)).toEqual([first, row, second]);
		expect(matrix?.columns.map((c) => [c.id, c.kind, c.label])).toEqual([
			[team, 'team', 'Eng'],
			[colAda, 'person', 'Ada'],
			[colBob, 'person', 'Bob']
		]);
	});

	it('treats a cell as a set of letters', () => {
		const { doc, matrixId, row, colAda } = setup();
		setRaciCell(doc, { matrixId, rowId: row, colId: colAda, letters: ['R', 'A', 'A'] });
		expect(matrixOf(doc)?.cells[row]?.[colAda]).toEqual(['R', 'A']);
		setRaciCell(doc, { matrixId, rowId: row, colId: colAda, letters: ['I'] });
		expect(matrixOf(doc)?.cells[row]?.[colAda]).toEqual(['I']);
		setRaciCell(doc, { matrixId, rowId: row, colId: colAda, letters: [] });
		expect(matrixOf(doc)?.cells[row]).toEqual({});
	});

	it('validates letters against the preset', () => {
		const { doc, matrixId, row, colAda } = setup();
		expect(() => setRaciCell(doc, { matrixId, rowId: row, colId: colAda, letters: ['S'] })).toThrow(
			/not in the RACI preset/
		);
		const rasci = setup('RASCI');
		setRaciCell(rasci.doc, {
			matrixId: rasci.matrixId,
			rowId: rasci.row,
			colId: rasci.colAda,
			letters: ['S']
		});
		expect(matrixOf(rasci.doc)?.cells[rasci.row]?.[rasci.colAda]).toEqual(['S']);
		expect(() => setRaciCell(doc, { matrixId, rowId: 'x', colId: colAda, letters: [] })).toThrow(
			BoardError
		);
	});

	it('merges concurrent toggles of different letters in one (new) cell', () => {
		const { doc, matrixId, row, colAda } = setup();
		const peer = fork(doc);
		setRaciCell(doc, { matrixId, rowId: row, colId: colAda, letters: ['R'] });
		setRaciCell(peer, { matrixId, rowId: row, colId: colAda, letters: ['A'] });
		sync(doc, peer);
		expect(matrixOf(doc)?.cells[row]?.[colAda]).toEqual(['R', 'A']);
		expect(matrixOf(peer)?.cells[row]?.[colAda]).toEqual(['R', 'A']);
	});

	it('turns two concurrent As on one row into a visible error, not an overwrite', () => {
		const { doc, matrixId, row, colAda, colBob } = setup();
		const peer = fork(doc);
		setRaciCell(doc, { matrixId, rowId: row, colId: colAda, letters: ['A', 'R'] });
		setRaciCell(peer, { matrixId, rowId: row, colId: colBob, letters: ['A'] });
		sync(doc, peer);
		const check = checkRaci(matrixOf(doc) as NonNullable<ReturnType<typeof matrixOf>>);
		expect(check.rows[row]?.map((issue) => issue.code)).toEqual(['multiple-accountable']);
	});

	it('deletes cells with their row or column', () => {
		const { doc, matrixId, row, colAda, colBob, ada } = setup();
		setRaciCell(doc, { matrixId, rowId: row, colId: colAda, letters: ['A'] });
		setRaciCell(doc, { matrixId, rowId: row, colId: colBob, letters: ['R'] });
		removeRaciColumn(doc, { matrixId, colId: colAda });
		expect(matrixOf(doc)?.cells[row]).toEqual({ [colBob]: ['R'] });
		// A column re-added for Ada starts empty.
		const again = addRaciColumn(doc, { matrixId, personId: ada });
		expect(matrixOf(doc)?.cells[row]?.[again]).toBeUndefined();
		deleteRaciRow(doc, { matrixId, rowId: row });
		expect(matrixOf(doc)?.cells).toEqual({});
	});

	it('edits row text in place; renames, moves and deletes matrices', () => {
		const { doc, matrixId, row } = setup();
		const text = getRaciRowText(doc, matrixId, row);
		setRaciRowText(doc, { matrixId, rowId: row, value: 'Ship v2' });
		expect(getRaciRowText(doc, matrixId, row)).toBe(text);
		expect(matrixOf(doc)?.rows[0]?.text).toBe('Ship v2');
		const other = addMatrix(doc, { name: 'Ops', preset: 'RASCI' });
		moveMatrix(doc, { id: other, after: null });
		renameMatrix(doc, matrixId, 'Launch v2');
		expect(readBoard(doc).matrices.map((m) => m.name)).toEqual(['Ops', 'Launch v2']);
		deleteMatrix(doc, other);
		expect(readBoard(doc).matrices.map((m) => m.id)).toEqual([matrixId]);
	});

	it('validates columns', () => {
		const { doc, matrixId, ada } = setup();
		expect(() => addRaciColumn(doc, { matrixId })).toThrow(/exactly one/);
		expect(() => addRaciColumn(doc, { matrixId, personId: ada, team: 'Eng' })).toThrow(
			/exactly one/
		);
		expect(() => addRaciColumn(doc, { matrixId, personId: ada })).toThrow(/already has a column/);
		expect(() => addRaciColumn(doc, { matrixId, personId: 'ghost' })).toThrow(/not on this board/);
		expect(() => addMatrix(doc, { name: 'x', preset: 'RAPID' as never })).toThrow(/preset/);
	});
});
