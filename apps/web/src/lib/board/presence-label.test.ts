import { describe, expect, it } from 'vitest';
import { describeFocus, presenceLabel } from './presence-label.ts';

const board = {
	risks: [{ id: 'r1', key: 'R-3' }],
	actions: [
		{ id: 'a1', riskIds: ['r1'] },
		{ id: 'a2', riskIds: [] }
	]
} as unknown as Parameters<typeof describeFocus>[1];

describe('describeFocus', () => {
	it('names a risk field by the risk key', () => {
		expect(describeFocus('risk:r1:description', board)).toBe('R-3 description');
		expect(describeFocus('risk:r1:contingency', board)).toBe('R-3 contingency plan');
	});

	it('names an action by its first risk', () => {
		expect(describeFocus('action:a1:text', board)).toBe('a mitigation action of R-3');
		expect(describeFocus('action:a2:text', board)).toBe('a mitigation action');
	});

	it('names a RACI activity', () => {
		expect(describeFocus('raci:m1:row:r9', board)).toBe('a RACI activity');
	});

	it('says nothing for no focus or something that no longer exists', () => {
		expect(describeFocus(null, board)).toBe('');
		expect(describeFocus('risk:gone:title', board)).toBe('');
		expect(describeFocus('bogus', board)).toBe('');
	});
});

describe('presenceLabel', () => {
	it('marks this person and says what others edit', () => {
		expect(presenceLabel({ name: 'Priya', self: true, focus: null }, board)).toBe('Priya (you)');
		expect(presenceLabel({ name: 'Tom', self: false, focus: 'risk:r1:title' }, board)).toBe(
			'Tom — editing R-3 title'
		);
	});
});
