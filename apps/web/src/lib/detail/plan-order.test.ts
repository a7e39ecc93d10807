import { describe, expect, it } from 'vitest';
import { positionAfter } from './plan-order.ts';
import { edgePlacement, stepPlacement } from '$lib/reorder';

const ids = ['a', 'b', 'c', 'd'];

describe('plan order', () => {
	it('steps next to the neighbour and stops at the ends', () => {
		expect(stepPlacement(ids, 'b', -1)).toEqual({ before: 'a' });
		expect(stepPlacement(ids, 'b', 1)).toEqual({ after: 'c' });
		expect(stepPlacement(ids, 'a', -1)).toBeNull();
		expect(stepPlacement(ids, 'd', 1)).toBeNull();
		expect(stepPlacement(ids, 'x', 1)).toBeNull();
	});

	it('moves to the top or bottom', () => {
		expect(edgePlacement(ids, 'c', 'first')).toEqual({ before: 'a' });
		expect(edgePlacement(ids, 'b', 'last')).toEqual({ after: 'd' });
		expect(edgePlacement(ids, 'a', 'first')).toBeNull();
		expect(edgePlacement(['a'], 'a', 'last')).toBeNull();
	});

	it('tells the new position', () => {
		expect(positionAfter(ids, 'a', { after: 'c' })).toBe(2);
		expect(positionAfter(ids, 'd', { before: 'a' })).toBe(0);
		expect(positionAfter(ids, 'b', { after: 'd' })).toBe(3);
	});
});
