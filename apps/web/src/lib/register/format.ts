/** Display helpers for register cells. */

/** Tags typed as "a, b,c" → ['a', 'b', 'c'] (trimmed, empty and repeated ones dropped). */
export function parseTags(text: string): string[] {
	const seen = new Set<string>();
	for (const part of text.split(',')) {
		const tag = part.trim();
		if (tag) seen.add(tag);
	}
	return [...seen];
}

/**
 * A compact "when" for the Updated column: the time for today, "Mon 3" within the year, else the
 * date. `now` defaults to the current time; both in this browser's time zone.
 */
export function formatUpdated(iso: string, now: Date = new Date(), locale?: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return '';
	if (date.toDateString() === now.toDateString())
		return date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
	if (date.getFullYear() === now.getFullYear())
		return date.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
	return date.toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });
}
