import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import {
	DEFAULT_REVIEW_CADENCE,
	addDays,
	cadenceNextReview,
	readReviewCadence,
	validateReviewCadence
} from './review-cadence.ts';
import { readBoard } from './read.ts';
import { updateSettings } from './settings.ts';
import { newBoard } from './test-support.ts';

describe('review cadence', () => {
	it('defaults: critical and high 90 days, medium 180, low 360', () => {
		expect(DEFAULT_REVIEW_CADENCE).toEqual({ critical: 90, high: 90, medium: 180, low: 360 });
		expect(readBoard(newBoard()).settings.reviewCadence).toEqual(DEFAULT_REVIEW_CADENCE);
	});

	it('gives each band its next review date; unscored follows critical; null is no cadence', () => {
		const cadence = { critical: 30, high: 90, medium: 180, low: null };
		expect(cadenceNextReview('2025-03-01', 'critical', cadence)).toBe('2025-03-31');
		expect(cadenceNextReview('2025-03-01', 'high', cadence)).toBe('2025-05-30');
		expect(cadenceNextReview('2025-03-01', 'medium', cadence)).toBe('2025-08-28');
		expect(cadenceNextReview('2025-03-01', 'low', cadence)).toBeNull();
		expect(cadenceNextReview('2025-03-01', null, cadence)).toBe('2025-03-31');
		expect(addDays('2024-12-31', 60)).toBe('2025-03-01');
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
	});

	it('is editable in the settings, validated as a whole', () => {
		const doc = newBoard();
		updateSettings(doc, { reviewCadence: { critical: 14, high: 60, medium: null, low: 365 } });
		expect(readBoard(doc).settings.reviewCadence).toEqual({
			critical: 14,
			high: 60,
			medium: null,
			low: 365
		});
		const bad = { critical: 0, high: 60, medium: 90, low: 365 };
		expect(() => updateSettings(doc, { reviewCadence: bad })).toThrow(/reviewCadence.critical/);
		expect(() => validateReviewCadence({ critical: 1, high: 1, medium: 1 })).toThrow(BoardError);
		expect(() => validateReviewCadence({ critical: 1.5, high: 1, medium: 1, low: 1 })).toThrow(
			/critical/
		);
		expect(readBoard(doc).settings.reviewCadence.critical).toBe(14);
		expect(readReviewCadence('nonsense')).toEqual(DEFAULT_REVIEW_CADENCE);
	});
});
