import { describe, expect, it } from 'vitest';
import {
	activeFilterCount,
	filterRisks,
	isFiltered,
	searchMatches,
	searchTerms,
	toggled
} from './filter.ts';
import { sampleBoard } from './test-board.ts';
import { EMPTY_FILTERS, UNSET, type RegisterFilters } from './types.ts';

const { board, people, vendor } = sampleBoard();
const titles = (filters: Partial<RegisterFilters>) =>
	filterRisks(board, { ...EMPTY_FILTERS, ...filters }).map((r) => r.title);

describe('filterRisks', () => {
	it('keeps everything without filters, in register order', () => {
		expect(titles({})).toEqual([
			'Vendor API late',
			'Load test environment shared',
			'Certification slips',
			'Unscored idea'
		]);
	});

	it('has no matches to compute for a query without words (every risk is shown)', () => {
		expect(searchMatches(board, '  ')).toBeNull();
		expect(searchMatches(board, 'vendor')?.size).toBe(1);
	});

	it('searches key, title, description and tags, every word, any case', () => {
		expect(titles({ search: 'VENDOR' })).toEqual(['Vendor API late']);
		expect(titles({ search: 'integration' })).toEqual(['Vendor API late']);
		expect(titles({ search: 'api late' })).toEqual(['Vendor API late']);
		expect(titles({ search: 'r-3' })).toEqual(['Certification slips']);
		expect(titles({ search: 'api shared' })).toEqual([]);
	});

	it('searches every field through the model: owner, category and action text too', () => {
		expect(titles({ search: 'ada' })).toEqual(['Load test environment shared']); // owner Ada
		expect(titles({ search: 'technical' })).toEqual(['Load test environment shared']);
		expect(titles({ search: 'book lab' })).toEqual(['Certification slips']); // its action
	});

	it('narrows by owner and category, with "not set" as a choice', () => {
		expect(titles({ ownerIds: [people.ada] })).toEqual(['Load test environment shared']);
		expect(titles({ ownerIds: [UNSET] })).toEqual(['Certification slips', 'Unscored idea']);
		expect(titles({ categoryIds: [vendor, UNSET] })).toEqual([
			'Vendor API late',
			'Certification slips',
			'Unscored idea'
		]);
	});

	it('narrows by status and band (unscored risks have no band)', () => {
		expect(titles({ statuses: ['Closed'] })).toEqual([]);
		expect(titles({ bands: ['critical', 'medium'] })).toEqual([
			'Vendor API late',
			'Certification slips'
		]);
	});

	it('keeps overdue due dates, reviews due and overdue actions', () => {
		expect(titles({ overdueOnly: true })).toEqual([
			'Vendor API late',
			'Certification slips',
			'Unscored idea'
		]);
	});

	it('narrows to a heat-map cell, inherent or residual', () => {
		expect(titles({ cell: { mode: 'inherent', likelihood: 3, impact: 3 } })).toEqual([
			'Certification slips'
		]);
		expect(titles({ cell: { mode: 'residual', likelihood: 3, impact: 3 } })).toEqual([]);
	});

	it('leaves closed risks out of a heat-map cell, as the heat map does', () => {
		const open = board.risks.find((r) => r.title === 'Certification slips')!;
		const closed = { ...open, id: 'closed', status: 'Closed' as const, closedReason: 'done' };
		const cell = { mode: 'inherent' as const, likelihood: 3, impact: 3 };
		const shown = filterRisks({ ...board, risks: [open, closed] }, { ...EMPTY_FILTERS, cell });
		expect(shown.map((r) => r.id)).toEqual([open.id]);
	});
});

describe('filter helpers', () => {
	it('counts active filters and tells when anything narrows', () => {
		expect(activeFilterCount(EMPTY_FILTERS)).toBe(0);
		expect(isFiltered(EMPTY_FILTERS)).toBe(false);
		expect(isFiltered({ ...EMPTY_FILTERS, search: '  ' })).toBe(false);
		expect(isFiltered({ ...EMPTY_FILTERS, search: 'x' })).toBe(true);
		const some: RegisterFilters = {
			...EMPTY_FILTERS,
			statuses: ['Open'],
			overdueOnly: true,
			cell: { mode: 'inherent', likelihood: 1, impact: 1 }
		};
		expect(activeFilterCount(some)).toBe(3);
	});

	it('splits search words and toggles list members', () => {
		expect(searchTerms('  Foo   bar ')).toEqual(['foo', 'bar']);
		expect(toggled(['a', 'b'], 'a')).toEqual(['b']);
		expect(toggled(['a'], 'c')).toEqual(['a', 'c']);
	});
});
