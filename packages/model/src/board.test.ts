import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { initBoard, observeBoard, setBoardTitle } from './board.ts';
import { BoardError } from './errors.ts';
import { getSchemaVersion, SCHEMA_VERSION } from './migrations.ts';
import { addPerson } from './people.ts';
import { readBoard } from './read.ts';
import { addRisk } from './risks.ts';
import {
	addCategory,
	moveCategory,
	removeCategory,
	renameCategory,
	updateSettings
} from './settings.ts';
import { NOW, fork, newBoard, sync } from './test-support.ts';

describe('initBoard', () => {
	it('writes meta and default settings at SCHEMA_VERSION in one update', () => {
		const doc = new Y.Doc();
		let updates = 0;
		doc.on('update', () => updates++);
		initBoard(doc, { title: '  Apollo  ', now: NOW });
		expect(updates).toBe(1);
		expect(getSchemaVersion(doc)).toBe(SCHEMA_VERSION);
		const board = readBoard(doc);
		expect(board.title).toBe('Apollo');
		expect(board.createdAt).toBe('2025-01-15T09:00:00.000Z');
		expect(board.settings.likelihoodLabels).toHaveLength(5);
	});

	it('refuses to initialise twice or without a title', () => {
		expect(() => initBoard(newBoard(), { title: 'again' })).toThrow(BoardError);
		expect(() => initBoard(new Y.Doc(), { title: ' ' })).toThrow(BoardError);
	});

	it('setBoardTitle trims and validates', () => {
		const doc = newBoard();
		setBoardTitle(doc, ' New name ');
		expect(readBoard(doc).title).toBe('New name');
		expect(() => setBoardTitle(doc, '')).toThrow(BoardError);
	});
});

describe('updateSettings', () => {
	it('changes labels, bands and the RACI threshold', () => {
		const doc = newBoard();
		updateSettings(doc, {
			likelihoodLabels: ['1', '2', '3', '4', '5'],
			scoreBands: { low: 3, medium: 8, high: 15 },
			raciMaxAccountable: 2
		});
		const { settings } = readBoard(doc);
		expect(settings.likelihoodLabels).toEqual(['1', '2', '3', '4', '5']);
		expect(settings.scoreBands).toEqual({ low: 3, medium: 8, high: 15 });
		expect(settings.raciMaxAccountable).toBe(2);
	});

	it('uses the board bands when deriving risk bands', () => {
		const doc = newBoard();
		addRisk(doc, { title: 'x', likelihood: 2, impact: 2 });
		expect(readBoard(doc).risks[0]?.band).toBe('low');
		updateSettings(doc, { scoreBands: { low: 3, medium: 8, high: 15 } });
		expect(readBoard(doc).risks[0]?.band).toBe('medium');
	});

	it('rejects bad values with clear errors', () => {
		const doc = newBoard();
		expect(() => updateSettings(doc, { impactLabels: ['a', 'b'] })).toThrow(/exactly 5/);
		expect(() => updateSettings(doc, { scoreBands: { low: 5, medium: 5, high: 9 } })).toThrow(
			/low < medium < high/
		);
		expect(() => updateSettings(doc, { scoreBands: { low: 4, medium: 9, high: 25 } })).toThrow(
			BoardError
		);
		expect(() => updateSettings(doc, { raciMaxAccountable: 0 })).toThrow(BoardError);
	});
});

describe('categories', () => {
	it('adds, renames, moves and removes', () => {
		const doc = newBoard();
		const id = addCategory(doc, { name: 'Legal' });
		renameCategory(doc, id, 'Legal & contracts');
		moveCategory(doc, { id, after: null });
		let names = readBoard(doc).settings.categories.map((c) => c.name);
		expect(names[0]).toBe('Legal & contracts');
		expect(names).toHaveLength(7);
		removeCategory(doc, id);
		names = readBoard(doc).settings.categories.map((c) => c.name);
		expect(names).not.toContain('Legal & contracts');
		expect(() => renameCategory(doc, id, 'x')).toThrow(BoardError);
	});
});

describe('observeBoard', () => {
	it('fires once per transaction, for local and remote changes, until unsubscribed', () => {
		const doc = newBoard();
		const peer = fork(doc);
		let calls = 0;
		const stop = observeBoard(doc, () => calls++);
		addRisk(doc, { title: 'touches risks and the key ledger' });
		expect(calls).toBe(1);
		addPerson(peer, { name: 'Ada' });
		sync(doc, peer);
		expect(calls).toBe(2);
		stop();
		addPerson(doc, { name: 'Bob' });
		expect(calls).toBe(2);
	});
});
