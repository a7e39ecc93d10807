/**
 * Cross-site websocket hijacking defence: a browser always sends `Origin`, and it must be this
 * server's own origin or one configured in ALLOWED_ORIGINS. Requests without `Origin` come from
 * non-browser tools (the y-websocket provider in Node, curl); their token authenticates them.
 */
export function isAllowedOrigin(
	origin: string | undefined,
	host: string | undefined,
	allowed: readonly string[]
): boolean {
	if (origin === undefined) return true;
	if (allowed.includes(origin)) return true;
	try {
		const url = new URL(origin);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
	} catch {
		return false;
	}
}
