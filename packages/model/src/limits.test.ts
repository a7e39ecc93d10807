import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, getActionText } from './actions.ts';
import { initBoard } from './board.ts';
import { MAX_TEXT_LENGTH, MAX_TITLE_LENGTH, maxTextLength } from './limits.ts';
import { addMatrix, addRaciRow } from './raci.ts';
import { addRisk, getRiskText, setRiskText } from './risks.ts';

function board() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Limits' });
	return doc;
}

describe('text limits', () => {
	it('gives titles and activities the short limit, long texts the long one', () => {
		expect(maxTextLength({ kind: 'risk', field: 'title' })).toBe(MAX_TITLE_LENGTH);
		expect(maxTextLength({ kind: 'raci-row' })).toBe(MAX_TITLE_LENGTH);
		expect(maxTextLength({ kind: 'risk', field: 'description' })).toBe(MAX_TEXT_LENGTH);
		expect(maxTextLength({ kind: 'action' })).toBe(MAX_TEXT_LENGTH);
		expect(maxTextLength({ kind: 'review-notes' })).toBe(MAX_TEXT_LENGTH);
	});

	it('refuses an over-long value before writing anything, and accepts one at the limit', () => {
		const doc = board();
		const before = Y.encodeStateVector(doc);
		expect(() => addRisk(doc, { title: 'x'.repeat(MAX_TITLE_LENGTH + 1) })).toThrow(
			/at most 500 characters; this change would make it 501/
		);
		expect(() =>
			addRisk(doc, { title: 'ok', description: 'd'.repeat(MAX_TEXT_LENGTH + 1) })
		).toThrow(/description can hold at most 20,000/);
		expect(Y.encodeStateVector(doc)).toEqual(before);
		const { id } = addRisk(doc, { title: 't'.repeat(MAX_TITLE_LENGTH) });
		const long = 'y'.repeat(MAX_TEXT_LENGTH);
		setRiskText(doc, { riskId: id, field: 'description', value: long });
		expect(getRiskText(doc, id, 'description').length).toBe(MAX_TEXT_LENGTH);
		expect(() => setRiskText(doc, { riskId: id, field: 'contingency', value: long + 'z' })).toThrow(
			/contingency can hold at most/
		);
		expect(() => addAction(doc, { riskId: id, text: long + 'z' })).toThrow(/An action can hold/);
		expect(getActionText(doc, addAction(doc, { riskId: id, text: long })).length).toBe(
			MAX_TEXT_LENGTH
		);
		const matrixId = addMatrix(doc, { name: 'M' });
		expect(() => addRaciRow(doc, { matrixId, text: 'r'.repeat(501) })).toThrow(/An activity/);
	});
});
