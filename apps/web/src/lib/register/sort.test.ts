import { describe, expect, it } from 'vitest';
import { nextSort, sortRisks, type SortContext } from './sort.ts';
import { sampleBoard } from './test-board.ts';
import type { RegisterSort } from './types.ts';

const { board } = sampleBoard();
const context: SortContext = {
	personName: (id) => board.people.find((p) => p.id === id)?.name,
	categoryName: (id) => board.settings.categories.find((c) => c.id === id)?.name
};
const keys = (sort: RegisterSort) => sortRisks(board.risks, sort, context).map((r) => r.key);

describe('sortRisks', () => {
	it('keeps or reverses the register order', () => {
		expect(keys({ key: 'order', direction: 'asc' })).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
		expect(keys({ key: 'order', direction: 'desc' })).toEqual(['R-4', 'R-3', 'R-2', 'R-1']);
	});

	it('sorts by score with unscored risks last in both directions', () => {
		expect(keys({ key: 'score', direction: 'desc' })).toEqual(['R-1', 'R-3', 'R-2', 'R-4']);
		expect(keys({ key: 'score', direction: 'asc' })).toEqual(['R-2', 'R-3', 'R-1', 'R-4']);
	});

	it('sorts by owner name and by category name, unset last', () => {
		expect(keys({ key: 'owner', direction: 'asc' })).toEqual(['R-2', 'R-1', 'R-3', 'R-4']);
		expect(keys({ key: 'category', direction: 'desc' })).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
	});

	it('sorts titles and dates, ties in register order', () => {
		expect(keys({ key: 'title', direction: 'asc' })).toEqual(['R-3', 'R-2', 'R-4', 'R-1']);
		expect(keys({ key: 'nextReviewDate', direction: 'asc' })).toEqual(['R-4', 'R-2', 'R-1', 'R-3']);
		expect(keys({ key: 'status', direction: 'asc' })).toEqual(['R-1', 'R-2', 'R-3', 'R-4']);
		expect(keys({ key: 'actions', direction: 'asc' })).toEqual(['R-3', 'R-1', 'R-2', 'R-4']);
	});
});

describe('nextSort', () => {
	it('cycles ascending, descending, register order', () => {
		let sort: RegisterSort = { key: 'order', direction: 'asc' };
		sort = nextSort(sort, 'title');
		expect(sort).toEqual({ key: 'title', direction: 'asc' });
		sort = nextSort(sort, 'title');
		expect(sort).toEqual({ key: 'title', direction: 'desc' });
		expect(nextSort(sort, 'title')).toEqual({ key: 'order', direction: 'asc' });
	});

	it('starts scores descending', () => {
		const sort = nextSort({ key: 'title', direction: 'asc' }, 'score');
		expect(sort).toEqual({ key: 'score', direction: 'desc' });
		expect(nextSort(sort, 'score')).toEqual({ key: 'score', direction: 'asc' });
	});
});
