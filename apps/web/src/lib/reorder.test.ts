import { describe, expect, it } from 'vitest';
import { dropPlacement, placementForStep, stepPlacement } from './reorder.ts';

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

describe('by id', () => {
	const ids = ['a', 'b', 'c', 'd'];

	describe('stepPlacement (register rows)', () => {
		it('moves one visible row up or down', () => {
			expect(stepPlacement(ids, 'c', -1)).toEqual({ before: 'b' });
			expect(stepPlacement(ids, 'c', 1)).toEqual({ after: 'd' });
		});

		it('does nothing at the edges or for unknown rows', () => {
			expect(stepPlacement(ids, 'a', -1)).toBeNull();
			expect(stepPlacement(ids, 'd', 1)).toBeNull();
			expect(stepPlacement(ids, 'x', 1)).toBeNull();
		});
	});

	describe('dropPlacement (register rows)', () => {
		it('places before or after the target row', () => {
			expect(dropPlacement(ids, 'a', 'c', 'after')).toEqual({ after: 'c' });
			expect(dropPlacement(ids, 'd', 'b', 'before')).toEqual({ before: 'b' });
		});

		it('ignores drops that keep the order', () => {
			expect(dropPlacement(ids, 'b', 'b', 'before')).toBeNull();
			expect(dropPlacement(ids, 'b', 'c', 'before')).toBeNull();
			expect(dropPlacement(ids, 'b', 'a', 'after')).toBeNull();
			expect(dropPlacement(ids, 'x', 'a', 'after')).toBeNull();
		});
	});

	describe('dropPlacement (RACI rows and columns)', () => {
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

	describe('stepPlacement (RACI rows and columns)', () => {
		it('moves next to the neighbour and stops at the ends', () => {
			expect(stepPlacement(ids, 'b', -1)).toEqual({ before: 'a' });
			expect(stepPlacement(ids, 'b', 1)).toEqual({ after: 'c' });
			expect(stepPlacement(ids, 'a', -1)).toBeNull();
			expect(stepPlacement(ids, 'd', 1)).toBeNull();
		});
	});
});
