import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from './board.ts';
import { BoardError } from './errors.ts';
import { readBoard } from './read.ts';
import { buildAgenda } from './review-agenda.ts';
import { addRisk } from './risks.ts';
import { updateSettings } from './settings.ts';
import { boardToday, dateIn, dayOf, isTimeZone } from './time-zone.ts';

// 2026-03-10T20:30Z: already the 11th in Auckland (UTC+13), still the 10th in Los Angeles (UTC−7).
const INSTANT = new Date('2026-03-10T20:30:00Z');

function board(timeZone: string): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: timeZone, timeZone });
	return doc;
}

describe('time zones', () => {
	it('knows IANA zones and refuses anything else', () => {
		for (const zone of ['UTC', 'Pacific/Auckland', 'America/Los_Angeles', 'Asia/Kolkata']) {
			expect(isTimeZone(zone)).toBe(true);
		}
		for (const bad of ['', 'Mars/Olympus', 'UTC+25', 42, null, 'x'.repeat(65)]) {
			expect(isTimeZone(bad)).toBe(false);
		}
	});

	it('computes the calendar day of an instant per zone', () => {
		expect(dateIn('Pacific/Auckland', INSTANT)).toBe('2026-03-11');
		expect(dateIn('America/Los_Angeles', INSTANT)).toBe('2026-03-10');
		expect(dateIn('UTC', INSTANT)).toBe('2026-03-10');
		expect(dayOf('Asia/Kolkata', '2026-12-31T19:00:00.000Z')).toBe('2027-01-01');
	});

	it('gives two boards in different zones a different "today" at the same instant', () => {
		const auckland = readBoard(board('Pacific/Auckland'), { today: '2026-01-01' });
		const angeles = readBoard(board('America/Los_Angeles'), { today: '2026-01-01' });
		expect(boardToday(auckland, INSTANT)).toBe('2026-03-11');
		expect(boardToday(angeles, INSTANT)).toBe('2026-03-10');
	});

	it('measures overdue and review-due against the board day, and the agenda too', () => {
		const doc = board('Pacific/Auckland');
		const { id } = addRisk(doc, {
			title: 'Due on the 10th',
			dueDate: '2026-03-10',
			nextReviewDate: '2026-03-11'
		});
		const today = boardToday(readBoard(doc, { today: '2026-01-01' }), INSTANT);
		const risk = readBoard(doc, { today }).risks[0]!;
		expect(risk.overdue).toBe(true);
		expect(risk.reviewDue).toBe(true);
		expect(buildAgenda(readBoard(doc, { today }), { mode: 'due', today })).toEqual([id]);
		updateSettings(doc, { timeZone: 'America/Los_Angeles' });
		const there = boardToday(readBoard(doc, { today: '2026-01-01' }), INSTANT);
		expect(there).toBe('2026-03-10');
		expect(readBoard(doc, { today: there }).risks[0]!.overdue).toBe(false);
		expect(buildAgenda(readBoard(doc, { today: there }), { mode: 'due', today: there })).toEqual(
			[]
		);
	});

	it('keeps the zone a board was created with; refuses unknown zones', () => {
		expect(readBoard(board('Asia/Kolkata')).settings.timeZone).toBe('Asia/Kolkata');
		const plain = new Y.Doc();
		initBoard(plain, { title: 'Plain' });
		expect(readBoard(plain).settings.timeZone).toBe('UTC');
		expect(() => initBoard(new Y.Doc(), { title: 'x', timeZone: 'Mars/Olympus' })).toThrow(
			BoardError
		);
		expect(() => updateSettings(plain, { timeZone: 'Nowhere' })).toThrow(/IANA/);
	});
});
