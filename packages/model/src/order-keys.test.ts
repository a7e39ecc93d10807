import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import { compareOrdered, orderKeyFor, sortOrdered, type Ordered } from './order-keys.ts';

/** Places `id` and returns the resulting id order. */
function place(list: Ordered[], id: string, placement: Parameters<typeof orderKeyFor>[1]) {
	const order = orderKeyFor(list, { ...placement, self: id });
	const next = [...list.filter((item) => item.id !== id), { id, order }];
	return sortOrdered(next).map((item) => item.id);
}

const abc: Ordered[] = [
	{ id: 'a', order: 'a0' },
	{ id: 'b', order: 'a1' },
	{ id: 'c', order: 'a2' }
];

describe('compareOrdered', () => {
	it('sorts by key, then id, with code-unit comparison', () => {
		const items = [
			{ id: 'z', order: 'a1' },
			{ id: 'b', order: 'a1' },
			{ id: 'q', order: 'Zz' },
			{ id: 'a', order: 'a1V' }
		];
		expect(sortOrdered(items).map((item) => item.id)).toEqual(['q', 'b', 'z', 'a']);
		expect(compareOrdered({ id: 'x', order: 'a0' }, { id: 'x', order: 'a0' })).toBe(0);
	});
});

describe('orderKeyFor', () => {
	it('appends by default and places first with after: null', () => {
		expect(orderKeyFor([])).toBe('a0');
		expect(place(abc, 'n', {})).toEqual(['a', 'b', 'c', 'n']);
		expect(place(abc, 'n', { before: null })).toEqual(['a', 'b', 'c', 'n']);
		expect(place(abc, 'n', { after: null })).toEqual(['n', 'a', 'b', 'c']);
	});

	it('places right after or before an anchor', () => {
		expect(place(abc, 'n', { after: 'a' })).toEqual(['a', 'n', 'b', 'c']);
		expect(place(abc, 'n', { before: 'a' })).toEqual(['n', 'a', 'b', 'c']);
		expect(place(abc, 'n', { before: 'c' })).toEqual(['a', 'b', 'n', 'c']);
	});

	it('moves an item that is already in the list', () => {
		expect(place(abc, 'a', { after: 'c' })).toEqual(['b', 'c', 'a']);
		expect(place(abc, 'c', { after: null })).toEqual(['c', 'a', 'b']);
		expect(place(abc, 'b', { after: 'a' })).toEqual(['a', 'b', 'c']);
	});

	it('never throws on tied keys: places after / before the whole tie group', () => {
		const tied: Ordered[] = [
			{ id: 'a', order: 'a0' },
			{ id: 't1', order: 'a1' },
			{ id: 't2', order: 'a1' },
			{ id: 't3', order: 'a1' },
			{ id: 'z', order: 'a2' }
		];
		expect(place(tied, 'n', { after: 't1' })).toEqual(['a', 't1', 't2', 't3', 'n', 'z']);
		expect(place(tied, 'n', { after: 't3' })).toEqual(['a', 't1', 't2', 't3', 'n', 'z']);
		expect(place(tied, 'n', { before: 't3' })).toEqual(['a', 'n', 't1', 't2', 't3', 'z']);
		expect(place(tied, 'n', { before: 't1' })).toEqual(['a', 'n', 't1', 't2', 't3', 'z']);
		// The tie group at either end of the list.
		const allTied = tied.map((item) => ({ ...item, order: 'a1' }));
		expect(place(allTied, 'n', { after: 'a' }).at(-1)).toBe('n');
		expect(place(allTied, 'n', { before: 'z' })[0]).toBe('n');
		// Moving a member of the tie group within it.
		expect(place(tied, 't3', { after: 't1' })).toEqual(['a', 't1', 't2', 't3', 'z']);
		expect(place(tied, 't1', { before: 't3' })).toEqual(['a', 't1', 't2', 't3', 'z']);
	});

	it('keeps working after many inserts at the same spot', () => {
		let list: Ordered[] = [
			{ id: 'x', order: 'a0' },
			{ id: 'y', order: 'a1' }
		];
		for (let i = 0; i < 200; i++) {
			list = [...list, { id: `n${i}`, order: orderKeyFor(list, { after: 'x' }) }];
		}
		const ids = sortOrdered(list).map((item) => item.id);
		expect(ids[0]).toBe('x');
		expect(ids[1]).toBe('n199');
		expect(ids.at(-1)).toBe('y');
	});

	it('rejects an anchor that is not in the list', () => {
		expect(() => orderKeyFor(abc, { after: 'nope' })).toThrow(BoardError);
		expect(() => orderKeyFor(abc, { before: 'nope' })).toThrow(BoardError);
		// The item itself cannot be its own anchor.
		expect(() => orderKeyFor(abc, { after: 'a', self: 'a' })).toThrow(BoardError);
	});
});

describe('orderKeyFor with missing keys', () => {
	// Seen in the fuzz: a peer that gets an overwrite's delete before its new value briefly has
	// an item with no order key at all.
	const broken: Ordered[] = [
		{ id: 'gone', order: '' },
		{ id: 'junk', order: ' not a key' },
		{ id: 'a', order: 'a0' },
		{ id: 'b', order: 'a1' }
	];

	it('ignores siblings without a valid key', () => {
		expect(orderKeyFor(broken)).toBe('a2');
		expect(orderKeyFor(broken, { after: null })).toBe('Zz');
		expect(place(broken, 'n', { after: 'a' }).slice(-3)).toEqual(['a', 'n', 'b']);
	});

	it('treats an anchor without a valid key as the start of the list', () => {
		expect(orderKeyFor(broken, { after: 'gone' })).toBe('Zz');
		expect(orderKeyFor(broken, { before: 'junk' })).toBe('Zz');
	});
});
