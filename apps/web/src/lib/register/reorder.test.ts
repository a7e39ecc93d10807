import { describe, expect, it } from 'vitest';
import { placementForDrop, placementForStep } from './reorder.ts';

const ids = ['a', 'b', 'c', 'd'];

describe('placementForStep', () => {
	it('moves one visible row up or down', () => {
		expect(placementForStep(ids, 'c', -1)).toEqual({ before: 'b' });
		expect(placementForStep(ids, 'c', 1)).toEqual({ after: 'd' });
	});

	it('does nothing at the edges or for unknown rows', () => {
		expect(placementForStep(ids, 'a', -1)).toBeNull();
		expect(placementForStep(ids, 'd', 1)).toBeNull();
		expect(placementForStep(ids, 'x', 1)).toBeNull();
	});
});

describe('placementForDrop', () => {
	it('places before or after the target row', () => {
		expect(placementForDrop(ids, 'a', 'c', 'after')).toEqual({ after: 'c' });
		expect(placementForDrop(ids, 'd', 'b', 'before')).toEqual({ before: 'b' });
	});

	it('ignores drops that keep the order', () => {
		expect(placementForDrop(ids, 'b', 'b', 'before')).toBeNull();
		expect(placementForDrop(ids, 'b', 'c', 'before')).toBeNull();
		expect(placementForDrop(ids, 'b', 'a', 'after')).toBeNull();
		expect(placementForDrop(ids, 'x', 'a', 'after')).toBeNull();
	});
});
