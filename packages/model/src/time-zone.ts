/**
 * The one rule for "today": a board's calendar day is the day in the board's time zone (a board
 * setting, an IANA name such as `Pacific/Auckland`), never the server's UTC nor a browser's local
 * time. Due and overdue flags, review-due, the review agenda, export and minutes dates and "since
 * the last review" all take their day from here, in the browser and on the server alike.
 */

/** The zone of boards made before time zones existed when the server names none. */
export const DEFAULT_TIME_ZONE = 'UTC';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached `en-CA` formatter (its dates read `YYYY-MM-DD`) for `timeZone`; throws if unknown. */
function formatter(timeZone: string): Intl.DateTimeFormat {
	let format = formatters.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		formatters.set(timeZone, format);
	}
	return format;
}

/** True for a time zone this runtime knows (IANA names such as `Europe/Berlin`, or `UTC`). */
export function isTimeZone(value: unknown): value is string {
	if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
	try {
		formatter(value);
		return true;
	} catch {
		return false;
	}
}

/** The calendar day (`YYYY-MM-DD`) of the instant `at` in `timeZone`. */
export function dateIn(timeZone: string, at: Date): string {
	const parts = formatter(timeZone).formatToParts(at);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
	return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The calendar day of an ISO timestamp (`createdAt`, `endedAt`, …) in `timeZone`. */
export function dayOf(timeZone: string, iso: string): string {
	return dateIn(timeZone, new Date(iso));
}

/** "Today" for a board: the day it is now (or at `now`) in the board's time zone. */
export function boardToday(board: { settings: { timeZone: string } }, now = new Date()): string {
	return dateIn(board.settings.timeZone, now);
}
