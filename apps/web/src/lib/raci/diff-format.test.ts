import { describe, expect, it } from 'vitest';
import { changeCountLabel, formatDiffValue, formatLetters } from './diff-format.ts';

describe('diff values', () => {
	it('prints values, lists and empties', () => {
		expect(formatDiffValue(null)).toBe('—');
		expect(formatDiffValue('')).toBe('—');
		expect(formatDiffValue(12)).toBe('12');
		expect(formatDiffValue(['a', 'b'])).toBe('a, b');
		expect(formatDiffValue([])).toBe('—');
		expect(formatDiffValue('Open')).toBe('Open');
	});

	it('prints letters like the exports do', () => {
		expect(formatLetters(['R', 'A'])).toBe('R/A');
		expect(formatLetters([])).toBe('—');
	});

	it('counts changes', () => {
		expect(changeCountLabel(0)).toBe('No changes');
		expect(changeCountLabel(1)).toBe('1 change');
		expect(changeCountLabel(3)).toBe('3 changes');
	});
});
