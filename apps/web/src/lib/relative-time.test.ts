import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time.ts';

const now = Date.parse('2025-03-10T12:00:00Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('relativeTime', () => {
	it('says "just now" within a minute', () => {
		expect(relativeTime(ago(20), now, 'en')).toBe('just now');
	});

	it('picks the largest whole unit', () => {
		expect(relativeTime(ago(5 * 60), now, 'en')).toBe('5 minutes ago');
		expect(relativeTime(ago(3 * 3600 + 100), now, 'en')).toBe('3 hours ago');
		expect(relativeTime(ago(26 * 3600), now, 'en')).toBe('yesterday');
		expect(relativeTime(ago(15 * 86400), now, 'en')).toBe('2 weeks ago');
		expect(relativeTime(ago(65 * 86400), now, 'en')).toBe('2 months ago');
	});

	it('shows the date after a year, and nothing for a bad timestamp', () => {
		expect(relativeTime('2023-01-05T00:00:00Z', now, 'en')).toBe('Jan 5, 2023');
		expect(relativeTime('not a date', now, 'en')).toBe('');
	});
});
