import { describe, expect, it } from 'vitest';
import {
	excelSerialDate,
	inferDateOrder,
	levelOf,
	numericScale,
	readDate,
	readNumber,
	suggestResponse,
	suggestStatus,
	suggestTextScale
} from './values.ts';

const nums = (...values: string[]) => values.map((v) => readNumber(v)!);

describe('scales', () => {
	it('keeps 1–5 as is and spreads 1–3, 1–4, 1–10 and percentages onto 1–5 in order', () => {
		expect(numericScale(nums('1', '3', '5'))).toEqual({ kind: 'five' });
		const three = numericScale(nums('1', '2', '3', '2', '1', '3'));
		expect(numericScale(nums('4', '3', '2'))).toEqual({ kind: 'five' });
		expect(three).toEqual({ kind: 'levels', max: 3 });
		expect([1, 2, 3].map((v) => levelOf({ value: v, percent: false }, three))).toEqual([1, 3, 5]);
		const four = numericScale(nums('1', '2', '3', '4', '1', '2', '3', '4'));
		expect([1, 2, 3, 4].map((v) => levelOf({ value: v, percent: false }, four))).toEqual([
			1, 2, 4, 5
		]);
		const ten = numericScale(nums('1', '7', '9', '10', '2'));
		expect(ten).toEqual({ kind: 'levels', max: 10 });
		expect(levelOf({ value: 10, percent: false }, ten)).toBe(5);
		expect(levelOf({ value: 1, percent: false }, ten)).toBe(1);
		const percent = numericScale(nums('10%', '50%', '90%'));
		expect(percent).toEqual({ kind: 'percent' });
		expect(nums('10%', '50%', '90%').map((n) => levelOf(n, percent))).toEqual([1, 3, 5]);
	});

	it('treats one stray value above 5 in a 1–5 column as an error, not a 1–10 scale', () => {
		const scale = numericScale(nums('1', '2', '3', '4', '5', '3', '2', '4', '1', '7'));
		expect(scale).toEqual({ kind: 'five' });
		expect(levelOf({ value: 7, percent: false }, scale)).toBeNull();
	});

	it('maps text scales in order, the board labels first', () => {
		expect(suggestTextScale(['Low', 'Medium', 'High'], [])).toEqual({ Low: 1, Medium: 3, High: 5 });
		expect(suggestTextScale(['very low', 'HIGH', 'Very High'], [])).toEqual({
			'very low': 1,
			HIGH: 4,
			'Very High': 5
		});
		expect(suggestTextScale(['Rare', 'Almost certain'], [])).toEqual({
			Rare: 1,
			'Almost certain': 5
		});
		expect(suggestTextScale(['Negligible', 'Severe'], [])).toEqual({ Negligible: 1, Severe: 5 });
		expect(suggestTextScale(['Insignificant', 'Catastrophic'], [])).toEqual({
			Insignificant: 1,
			Catastrophic: 5
		});
		const labels = ['Tiny', 'Small', 'Some', 'Big', 'Huge'];
		expect(suggestTextScale(['Big', 'Tiny'], labels)).toEqual({ Big: 4, Tiny: 1 });
		expect(suggestTextScale(['Purple'], [])).toEqual({ Purple: null });
	});
});

describe('statuses and responses', () => {
	it('reads the usual words', () => {
		expect(suggestStatus('In progress')).toBe('Mitigating');
		expect(suggestStatus('done')).toBe('Closed');
		expect(suggestStatus('Resolved')).toBe('Closed');
		expect(suggestStatus('Monitoring')).toBe('Watching');
		expect(suggestStatus('Purple')).toBeNull();
		expect(suggestResponse('Reduce')).toBe('Mitigate');
		expect(suggestResponse('share')).toBe('Transfer');
		expect(suggestResponse('Tolerate')).toBe('Accept');
	});
});

describe('dates', () => {
	it('reads ISO, year-first slashes, dotted and slashed dates and Excel serials', () => {
		expect(readDate('2026-09-12', null)).toEqual({ date: '2026-09-12' });
		expect(readDate('2026-09-12T00:00:00Z', null)).toEqual({ date: '2026-09-12' });
		expect(readDate('2026/9/12', null)).toEqual({ date: '2026-09-12' });
		expect(readDate('12.09.2026', null)).toEqual({ date: '2026-09-12' });
		expect(readDate('12/09/2026', 'dmy')).toEqual({ date: '2026-09-12' });
		expect(readDate('09/12/2026', 'mdy')).toEqual({ date: '2026-09-12' });
		expect(readDate('25/09/2026', null)).toEqual({ date: '2026-09-25' });
		expect(readDate('05/06/2026', null)).toEqual({ error: 'ambiguous' });
		expect(readDate('31/02/2026', 'dmy')).toEqual({ error: 'invalid' });
		expect(readDate('next week', null)).toEqual({ error: 'invalid' });
		expect(readDate('46277', null)).toEqual({ date: '2026-09-12' });
		expect(excelSerialDate(3)).toBeNull();
	});

	it('infers the day/month order from the whole column', () => {
		expect(inferDateOrder(['01/02/2026', '25/03/2026'])).toBe('dmy');
		expect(inferDateOrder(['01/02/2026', '03/25/2026'])).toBe('mdy');
		expect(inferDateOrder(['01/02/2026', '03/04/2026'])).toBe('ambiguous');
		expect(inferDateOrder(['13/02/2026', '03/25/2026'])).toBe('conflict');
		expect(inferDateOrder(['2026-01-01'])).toBeNull();
	});
});
