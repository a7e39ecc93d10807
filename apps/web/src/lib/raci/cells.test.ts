import { describe, expect, it } from 'vitest';
import {
	cycleCell,
	describeLetters,
	letterForKey,
	normalizeLetters,
	toggleLetter
} from './cells.ts';

describe('cycleCell', () => {
	it('steps empty → R → A → R/A → C → I → empty in RACI', () => {
		const seen: string[] = [];
		let letters: string[] = [];
		for (let i = 0; i < 6; i++) {
			letters = cycleCell(letters, 'RACI');
			seen.push(letters.join('/'));
		}
		expect(seen).toEqual(['R', 'A', 'R/A', 'C', 'I', '']);
	});

	it('includes S in RASCI', () => {
		expect(cycleCell(['R', 'A'], 'RASCI')).toEqual(['S']);
		expect(cycleCell(['S'], 'RASCI')).toEqual(['C']);
	});

	it('steps backwards', () => {
		expect(cycleCell([], 'RACI', -1)).toEqual(['I']);
		expect(cycleCell(['R'], 'RACI', -1)).toEqual([]);
	});

	it('reads letters in any order and carries on from a combination outside the cycle', () => {
		expect(cycleCell(['A', 'R'], 'RACI')).toEqual(['C']);
		expect(cycleCell(['C', 'I'], 'RACI')).toEqual(['I']);
	});
});

describe('letters', () => {
	it('maps keys to the preset letters only', () => {
		expect(letterForKey('a', 'RACI')).toBe('A');
		expect(letterForKey('S', 'RACI')).toBeNull();
		expect(letterForKey('s', 'RASCI')).toBe('S');
		expect(letterForKey('Enter', 'RACI')).toBeNull();
	});

	it('toggles one letter and keeps preset order', () => {
		expect(toggleLetter(['A'], 'R', 'RACI')).toEqual(['R', 'A']);
		expect(toggleLetter(['R', 'A'], 'A', 'RACI')).toEqual(['R']);
	});

	it('normalises order and drops foreign letters', () => {
		expect(normalizeLetters(['I', 'S', 'R', 'R'], 'RACI')).toEqual(['R', 'I']);
	});

	it('describes a cell for screen readers', () => {
		expect(describeLetters([])).toBe('empty');
		expect(describeLetters(['R', 'A'])).toBe('Responsible and Accountable');
	});
});
