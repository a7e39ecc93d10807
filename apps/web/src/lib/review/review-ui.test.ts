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
	const self = { clientId: 7, name: 'Ana' };
	it('matches by client id when the review knows it', () => {
		expect(isFacilitator({ name: 'Ana', clientId: 8, since: '' }, self)).toBe(false);
		expect(isFacilitator({ name: 'Other', clientId: 7, since: '' }, self)).toBe(true);
	});
	it('falls back to the name, and is false without a facilitator', () => {
		expect(isFacilitator({ name: 'Ana', clientId: null, since: '' }, self)).toBe(true);
		expect(isFacilitator(null, self)).toBe(false);
		expect(isFacilitator({ name: 'Ana', clientId: 7, since: '' }, null)).toBe(false);
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
