/**
 * "just now", "5 minutes ago", "yesterday", "3 weeks ago": how long ago a moment was, in the
 * browser's language. Older than a year shows the date instead.
 */
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['minute', 60],
	['hour', 60 * 60],
	['day', 24 * 60 * 60],
	['week', 7 * 24 * 60 * 60],
	['month', 30 * 24 * 60 * 60]
];

export function relativeTime(iso: string, now = Date.now(), locale?: string): string {
	const then = Date.parse(iso);
	if (Number.isNaN(then)) return '';
	const seconds = Math.round((now - then) / 1000);
	if (seconds < 60) return 'just now';
	if (seconds >= 365 * 24 * 60 * 60) {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(then);
	}
	const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	let unit = UNITS[0]!;
	for (const candidate of UNITS) if (seconds >= candidate[1]) unit = candidate;
	return format.format(-Math.floor(seconds / unit[1]), unit[0]);
}
