import type { Review } from '@riskboard/model';
import { describe, expect, it } from 'vitest';
import { formatClock, isFacilitator, shownItem, stepPlacement } from './review-ui';

describe('formatClock', () => {
	it('shows minutes and seconds, hours from an hour on', () => {
		expect(formatClock(0)).toBe('0:00');
		expect(formatClock(65.9)).toBe('1:05');
		expect(formatClock(3723)).toBe('1:02:03');
	});

	it('treats negative and non-finite values as zero', () => {
		expect(formatClock(-5)).toBe('0:00');
		expect(formatClock(Number.NaN)).toBe('0:00');
	});
});

describe('stepPlacement', () => {
	const ids = ['a', 'b', 'c'];
	it('places before the previous or after the next item', () => {
		expect(stepPlacement(ids, 'b', -1)).toEqual({ before: 'a' });
		expect(stepPlacement(ids, 'b', 1)).toEqual({ after: 'c' });
	});
	it('returns null at the ends and for unknown ids', () => {
		expect(stepPlacement(ids, 'a', -1)).toBeNull();
		expect(stepPlacement(ids, 'c', 1)).toBeNull();
		expect(stepPlacement(ids, 'x', 1)).toBeNull();
	});
});

describe('isFacilitator', () => {
	const self = { clientId: 7, name: 'Ana', self: true };
	const other = (clientId: number, name = 'Bo') => ({ clientId, name, self: false });
	const f = (name: string, clientId: number | null, personId: string | null = null) => ({
		name,
		clientId,
		personId,
		since: ''
	});
	it('matches by client id while that client is present', () => {
		expect(isFacilitator(f('Ana', 8), [self, other(8)])).toBe(false);
		expect(isFacilitator(f('Other', 7), [self])).toBe(true);
	});
	it('falls back to the name when the recorded client has left (a reload)', () => {
		expect(isFacilitator(f('Ana', 8), [self])).toBe(true);
		expect(isFacilitator(f('Bo', 8), [self])).toBe(false);
	});
	it('falls back to the name without a client id, and is false without a facilitator', () => {
		expect(isFacilitator(f('Ana', null), [self])).toBe(true);
		expect(isFacilitator(null, [self])).toBe(false);
		expect(isFacilitator(f('Ana', 7), [other(7, 'Ana')])).toBe(false);
	});
	it('after a reload, a facilitator who is a person on the board is that person, not the name', () => {
		const me = { ...self, personId: 'p-ana' };
		expect(isFacilitator(f('Ana', 8, 'p-ana'), [me])).toBe(true);
		expect(isFacilitator(f('Ana', 8, 'p-other'), [me])).toBe(false);
	});
});

describe('shownItem', () => {
	const review = {
		focusRiskId: 'b',
		agenda: [{ riskId: 'a' }, { riskId: 'b' }]
	} as unknown as Review;
	it('prefers the own pick when it is on the agenda, then the focus', () => {
		expect(shownItem(review, 'a')).toBe('a');
		expect(shownItem(review, 'zz')).toBe('b');
		expect(shownItem(review, null)).toBe('b');
	});
	it('falls back to the first item without a focus', () => {
		expect(shownItem({ ...review, focusRiskId: null }, null)).toBe('a');
		expect(shownItem({ ...review, focusRiskId: null, agenda: [] }, null)).toBeNull();
	});
});
