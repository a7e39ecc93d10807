import { describe, expect, it } from 'vitest';
import { findHeaderRow, normaliseKey, suggestField, suggestMapping } from './fields.ts';

describe('header matching', () => {
	it('reads the synonyms registers use, ignoring case, spaces, underscores and accents', () => {
		expect(suggestField('Risk Name')).toBe('title');
		expect(suggestField('  RISK_TITLE ')).toBe('title');
		expect(suggestField('Cause / Event / Effect')).toBe('description');
		expect(suggestField('Probability')).toBe('likelihood');
		expect(suggestField('P')).toBe('likelihood');
		expect(suggestField('Severity')).toBe('impact');
		expect(suggestField('Assigned to')).toBe('owner');
		expect(suggestField('Réaction')).toBe('response');
		expect(suggestField('Risk_type')).toBe('category');
		expect(suggestField('Target Date')).toBe('dueDate');
		expect(suggestField('Next review')).toBe('nextReviewDate');
		expect(suggestField('Last Reviewed')).toBe('lastReviewed');
		expect(suggestField('Warning signs')).toBe('trigger');
		expect(suggestField('Reaction_details')).toBe('mitigation');
		expect(suggestField('Residual likelihood')).toBe('residualLikelihood');
		expect(suggestField('Ticket')).toBe('links');
		expect(suggestField('Risk ID')).toBe('sourceId');
		expect(suggestField('Colour')).toBeNull();
		expect(suggestField('')).toBeNull();
		expect(normaliseKey('Ówner_Náme')).toBe('ownername');
	});

	it('maps each field from the first column naming it and ignores the rest', () => {
		expect(suggestMapping(['ID', 'Title', 'Risk', 'Notes', 'Impact'])).toEqual([
			'sourceId',
			'title',
			null,
			null,
			'impact'
		]);
	});

	it('finds the header row below a title block', () => {
		const rows = [
			['Project Phoenix — risk register', null, null],
			['Printed 2026-03-01', null, null],
			[null, null, null],
			['Risk ID', 'Risk', 'Owner'],
			['R-1', 'Vendor late', 'Ada']
		];
		expect(findHeaderRow(rows)).toBe(3);
		expect(
			findHeaderRow([
				['a', 'b'],
				['1', '2']
			])
		).toBe(0);
		expect(findHeaderRow([[null], ['']])).toBe(-1);
	});
});
