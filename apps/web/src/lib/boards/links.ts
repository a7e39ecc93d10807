/**
 * Board links. The capability token travels in the URL fragment (`#token=…`), which browsers
 * never send to the server, so it stays out of access logs and Referer headers.
 */
import { isToken } from '@riskboard/protocol';

/** A shareable link: `${origin}/b/${id}#token=${token}`. */
export function shareLink(origin: string, id: string, token: string): string {
	return `${origin}/b/${encodeURIComponent(id)}#token=${token}`;
}

/**
 * Reads the token from a location hash such as `#token=abc`. Returns `missing` when there is
 * none and `invalid` when it is present but not a well-formed token.
 */
export function readTokenFromHash(
	hash: string
): { kind: 'token'; token: string } | { kind: 'missing' } | { kind: 'invalid' } {
	const params = new URLSearchParams(hash.replace(/^#/, ''));
	const token = params.get('token');
	if (token === null || token === '') return { kind: 'missing' };
	return isToken(token) ? { kind: 'token', token } : { kind: 'invalid' };
}
