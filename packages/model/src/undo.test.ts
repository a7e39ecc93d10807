import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board.ts';
import { readBoard } from './read.ts';
import { addRisk, getRiskText, updateRisk } from './risks.ts';
import { undoScope } from './undo.ts';

describe('undoScope', () => {
	it('undoes only the tracked origin, and never frees a risk number', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Undo' });
		const mine = { who: 'me' };
		const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([mine]) });
		const first = addRisk(doc, { title: 'theirs' });
		addRisk(doc, { title: 'mine' });
		const { id } = addRisk(doc, { title: 'mine too', origin: mine });
		getRiskText(doc, first.id, 'title').insert(0, 'still ');
		updateRisk(doc, first.id, { likelihood: 3 }, { origin: mine });
		undo.undo();
		expect(readBoard(doc).risks.find((r) => r.id === first.id)!.likelihood).toBeNull();
		undo.undo();
		expect(readBoard(doc).risks.map((r) => r.title)).toEqual(['still theirs', 'mine']);
		const next = addRisk(doc, { title: 'after undo' });
		expect(next.key).toBe('R-4');
		undo.redo();
		expect(readBoard(doc).risks.find((r) => r.id === id)?.key).toBe('R-3');
	});
});
