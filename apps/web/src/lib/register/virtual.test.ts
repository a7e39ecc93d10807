import { describe, expect, it } from 'vitest';
import { idsKeeper, sameIdsOr, scrollToReveal, visibleRange } from './virtual.ts';

describe('visibleRange', () => {
	const base = { rowHeight: 40, viewportHeight: 400, overscan: 5 };

	it('renders the rows in view plus overscan, clamped to the list', () => {
		expect(visibleRange({ ...base, scrollTop: 0, count: 1000 })).toEqual({ start: 0, end: 15 });
		expect(visibleRange({ ...base, scrollTop: 4000, count: 1000 })).toEqual({
			start: 95,
			end: 115
		});
		expect(visibleRange({ ...base, scrollTop: 39_900, count: 1000 })).toEqual({
			start: 992,
			end: 1000
		});
	});

	it('handles short and empty lists and odd input', () => {
		expect(visibleRange({ ...base, scrollTop: 0, count: 3 })).toEqual({ start: 0, end: 3 });
		expect(visibleRange({ ...base, scrollTop: 0, count: 0 })).toEqual({ start: 0, end: 0 });
		expect(visibleRange({ ...base, scrollTop: -50, count: 10 })).toEqual({ start: 0, end: 10 });
		expect(visibleRange({ ...base, scrollTop: 5000, count: 10 })).toEqual({ start: 10, end: 10 });
	});
});

describe('scrollToReveal', () => {
	const view = { rowHeight: 40, viewportHeight: 200 };

	it('scrolls the least to show a row, or not at all', () => {
		expect(scrollToReveal(2, { ...view, scrollTop: 0 })).toBeNull();
		expect(scrollToReveal(5, { ...view, scrollTop: 0 })).toBe(40);
		expect(scrollToReveal(1, { ...view, scrollTop: 200 })).toBe(40);
		expect(scrollToReveal(0, { ...view, scrollTop: 10 })).toBe(0);
	});
});

describe('sameIdsOr / idsKeeper', () => {
	it('keeps the previous list while the ids and their order are the same', () => {
		const previous = ['a', 'b'];
		expect(sameIdsOr(previous, ['a', 'b'])).toBe(previous);
		const reordered = ['b', 'a'];
		expect(sameIdsOr(previous, reordered)).toBe(reordered);
		expect(sameIdsOr(previous, ['a'])).toEqual(['a']);
	});

	it('remembers what it returned', () => {
		const keep = idsKeeper();
		const first = keep(['x', 'y']);
		expect(keep(['x', 'y'])).toBe(first);
		expect(keep(['y'])).toEqual(['y']);
	});
});
