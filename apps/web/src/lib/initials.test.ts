import { describe, expect, it } from 'vitest';
import { initials } from './initials.ts';

describe('initials', () => {
	it('takes the first letters of the first and last words', () => {
		expect(initials('Priya Nair')).toBe('PN');
		expect(initials('Anna Maria de la Cruz')).toBe('AC');
	});

	it('uses one letter for a single word', () => {
		expect(initials('cher')).toBe('C');
	});

	it('ignores surrounding and repeated spaces', () => {
		expect(initials('  tom   becker ')).toBe('TB');
	});

	it('keeps astral characters whole', () => {
		expect(initials('😀 Smile')).toBe('😀S');
	});

	it('leaves out a role or team in brackets and stray punctuation', () => {
		expect(initials('Dana Whitfield (TPM)')).toBe('DW');
		expect(initials('Tom Becker [QA]')).toBe('TB');
		expect(initials('Lena Okafor (Security')).toBe('LO');
		expect(initials('Marco – Silva')).toBe('MS');
		expect(initials('(TPM)')).toBe('?');
	});

	it('shows a question mark for a blank name', () => {
		expect(initials('   ')).toBe('?');
	});
});
