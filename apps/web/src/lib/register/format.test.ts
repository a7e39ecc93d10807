import { describe, expect, it } from 'vitest';
import { formatUpdated, parseTags } from './format.ts';

describe('parseTags', () => {
	it('splits on commas, trims and drops empty and repeated tags', () => {
		expect(parseTags(' api, vendor,,api , ')).toEqual(['api', 'vendor']);
		expect(parseTags('')).toEqual([]);
	});
});

describe('formatUpdated', () => {
	const now = new Date(2025, 2, 10, 15, 0);

	it('shows the time today, the day this year, the full date before', () => {
		expect(formatUpdated(new Date(2025, 2, 10, 9, 5).toISOString(), now, 'en-GB')).toBe('09:05');
		expect(formatUpdated(new Date(2025, 0, 3, 9).toISOString(), now, 'en-GB')).toBe('3 Jan');
		expect(formatUpdated(new Date(2023, 6, 1).toISOString(), now, 'en-GB')).toBe('1 Jul 2023');
		expect(formatUpdated('nonsense', now)).toBe('');
	});
});
