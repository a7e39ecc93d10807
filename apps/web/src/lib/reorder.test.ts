import { describe, expect, it } from 'vitest';
import { placementForStep } from './reorder.ts';

describe('placementForStep', () => {
	const ids = ['a', 'b', 'c'];

	it('moves up before the previous item', () => {
		expect(placementForStep(ids, 1, -1)).toEqual({ before: 'a' });
	});

	it('moves down after the next item', () => {
		expect(placementForStep(ids, 1, 1)).toEqual({ after: 'c' });
	});

	it('does nothing at either end or for an unknown index', () => {
		expect(placementForStep(ids, 0, -1)).toBeNull();
		expect(placementForStep(ids, 2, 1)).toBeNull();
		expect(placementForStep(ids, -1, 1)).toBeNull();
		expect(placementForStep(ids, 5, -1)).toBeNull();
	});
});
