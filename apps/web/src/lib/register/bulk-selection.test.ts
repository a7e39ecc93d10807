import { describe, expect, it } from 'vitest';
import { NO_SELECTION, pick, pickAll, pickedShown } from './bulk-selection.ts';

const ids = ['a', 'b', 'c', 'd', 'e'];
const picked = (selection: { picked: ReadonlySet<string> }) => [...selection.picked].sort();

describe('bulk selection', () => {
	it('toggles a row and makes it the anchor', () => {
		const one = pick(NO_SELECTION, ids, 'b');
		expect(picked(one)).toEqual(['b']);
		expect(one.anchor).toBe('b');
		expect(picked(pick(one, ids, 'b'))).toEqual([]);
	});

	it('adds a Shift range from the anchor, either way', () => {
		const start = pick(NO_SELECTION, ids, 'b');
		expect(picked(pick(start, ids, 'd', { range: true }))).toEqual(['b', 'c', 'd']);
		const back = pick(pick(NO_SELECTION, ids, 'd'), ids, 'a', { range: true });
		expect(picked(back)).toEqual(['a', 'b', 'c', 'd']);
		// Without an anchor a range is a toggle.
		expect(picked(pick(NO_SELECTION, ids, 'c', { range: true }))).toEqual(['c']);
	});

	it('picks everything shown, and acts only on picked rows still shown, in shown order', () => {
		const all = pickAll(NO_SELECTION, ['e', 'a']);
		expect(picked(all)).toEqual(['a', 'e']);
		const mixed = pick(pick(NO_SELECTION, ids, 'd'), ids, 'a');
		expect(pickedShown(mixed, ['d', 'c', 'a'])).toEqual(['d', 'a']);
		expect(pickedShown(mixed, ['b', 'c'])).toEqual([]);
	});
});
