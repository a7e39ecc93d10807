import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import { riskScore, riskScoreOrNull, scoreBand } from './scoring.ts';

describe('riskScore', () => {
	it('multiplies likelihood by impact over the whole 1–25 range', () => {
		expect(riskScore(1, 1)).toBe(1);
		expect(riskScore(3, 4)).toBe(12);
		expect(riskScore(5, 5)).toBe(25);
	});

	it('rejects values outside 1–5 and fractions', () => {
		for (const [l, i] of [
			[0, 3],
			[6, 3],
			[3, 2.5],
			[Number.NaN, 1]
		] as const) {
			expect(() => riskScore(l, i)).toThrow(BoardError);
		}
	});

	it('has a null-safe variant', () => {
		expect(riskScoreOrNull(null, 3)).toBeNull();
		expect(riskScoreOrNull(2, undefined)).toBeNull();
		expect(riskScoreOrNull(7, 1)).toBeNull();
		expect(riskScoreOrNull(2, 3)).toBe(6);
	});
});

describe('scoreBand', () => {
	it('puts the default band edges where the spec says (4/5, 9/10, 16/17)', () => {
		expect(scoreBand(1)).toBe('low');
		expect(scoreBand(4)).toBe('low');
		expect(scoreBand(5)).toBe('medium');
		expect(scoreBand(9)).toBe('medium');
		expect(scoreBand(10)).toBe('high');
		expect(scoreBand(16)).toBe('high');
		expect(scoreBand(17)).toBe('critical');
		expect(scoreBand(25)).toBe('critical');
	});

	it('uses custom bounds inclusively', () => {
		const bands = { low: 2, medium: 6, high: 12 };
		expect(scoreBand(2, bands)).toBe('low');
		expect(scoreBand(3, bands)).toBe('medium');
		expect(scoreBand(12, bands)).toBe('high');
		expect(scoreBand(13, bands)).toBe('critical');
	});

	it('rejects scores outside 1–25', () => {
		expect(() => scoreBand(0)).toThrow(BoardError);
		expect(() => scoreBand(26)).toThrow(BoardError);
		expect(() => scoreBand(4.5)).toThrow(BoardError);
	});
});
