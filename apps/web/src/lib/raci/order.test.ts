import { describe, expect, it } from 'vitest';
import { dropPlacement, stepPlacement } from './order.ts';

const ids = ['a', 'b', 'c', 'd'];

describe('dropPlacement', () => {
	it('places next to the drop target', () => {
		expect(dropPlacement(ids, 'a', 'c', 'after')).toEqual({ after: 'c' });
		expect(dropPlacement(ids, 'd', 'b', 'before')).toEqual({ before: 'b' });
	});

	it('is null when nothing would move', () => {
		expect(dropPlacement(ids, 'b', 'b', 'before')).toBeNull();
		expect(dropPlacement(ids, 'b', 'c', 'before')).toBeNull();
		expect(dropPlacement(ids, 'c', 'b', 'after')).toBeNull();
		expect(dropPlacement(ids, 'x', 'b', 'after')).toBeNull();
	});
});

describe('stepPlacement', () => {
	it('moves next to the neighbour and stops at the ends', () => {
		expect(stepPlacement(ids, 'b', -1)).toEqual({ before: 'a' });
		expect(stepPlacement(ids, 'b', 1)).toEqual({ after: 'c' });
		expect(stepPlacement(ids, 'a', -1)).toBeNull();
		expect(stepPlacement(ids, 'd', 1)).toBeNull();
	});
});
