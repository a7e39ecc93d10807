import { describe, expect, it } from 'vitest';
import { timeZoneOptions } from './time-zones';

describe('timeZoneOptions', () => {
	it('lists UTC first, then every known zone once, keeping the current one', () => {
		expect(timeZoneOptions('Europe/Berlin', ['Pacific/Auckland', 'Europe/Berlin'])).toEqual([
			'UTC',
			'Europe/Berlin',
			'Pacific/Auckland'
		]);
		expect(timeZoneOptions('Etc/GMT+5', ['Pacific/Auckland'])).toEqual([
			'UTC',
			'Etc/GMT+5',
			'Pacific/Auckland'
		]);
	});

	it("defaults to this runtime's zones", () => {
		const all = timeZoneOptions('UTC');
		expect(all[0]).toBe('UTC');
		expect(all).toContain('America/Los_Angeles');
	});
});
