/**
 * How the detail panel writes links and timestamps. Links are only made clickable when they are
 * http(s): the model validates links on write, but a document can come from anywhere.
 */

/** The URL if it is an absolute http(s) URL, else null (never render other schemes as links). */
export function safeHttpUrl(value: string): string | null {
	try {
		const url = new URL(value);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
	} catch {
		return null;
	}
}

/** A typed link as people paste it: trimmed, `https://` added to a bare host like `jira.acme.io/X`. */
export function normaliseLinkInput(raw: string): string {
	const value = raw.trim();
	if (value === '' || /^[a-z][a-z0-9+.-]*:/i.test(value)) return value;
	return /^[\w-]+(\.[\w-]+)+(\/|$)/.test(value) ? `https://${value}` : value;
}

/** A short form of a link for display: host and path, without the scheme and trailing slash. */
export function linkLabel(url: string): string {
	const safe = safeHttpUrl(url);
	if (!safe) return url;
	const { host, pathname, search, hash } = new URL(safe);
	const rest = `${pathname}${search}${hash}`.replace(/\/$/, '');
	return `${host}${rest}`;
}

/** "12 Mar 2025, 14:05" in the reader's locale; '' for a missing or malformed timestamp. */
export function formatTimestamp(iso: string, locale?: string): string {
	const date = new Date(iso);
	if (!iso || Number.isNaN(date.getTime())) return '';
	return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
