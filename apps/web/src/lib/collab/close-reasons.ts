/**
 * Why a board cannot be opened, whether the server said so by closing the socket (a terminal
 * close code) or by answering a REST request with an error status.
 */
import { CloseCode, LINK_REVOKED_REASON } from '@riskboard/protocol';

export type ClosedReason =
	| 'revoked'
	| 'unauthorized'
	| 'forbidden'
	| 'not-found'
	| 'bad-message'
	| 'too-large'
	| 'rate-limited'
	| 'closed';

/**
 * Maps a terminal websocket close code (and its reason: a revoked link shares 4401 with an
 * unknown one and says `link revoked`) to a reason.
 */
export function reasonForCloseCode(code: number, reason = ''): ClosedReason {
	switch (code) {
		case CloseCode.Unauthorized:
			return reason === LINK_REVOKED_REASON ? 'revoked' : 'unauthorized';
		case CloseCode.Forbidden:
			return 'forbidden';
		case CloseCode.NotFound:
			return 'not-found';
		case CloseCode.BadMessage:
			return 'bad-message';
		case CloseCode.MessageTooLarge:
			return 'too-large';
		case CloseCode.RateLimited:
			return 'rate-limited';
		default:
			return 'closed';
	}
}

/**
 * Maps a REST error status (and its error code) to a reason, or null for errors that a retry may
 * fix.
 */
export function reasonForHttpStatus(status: number, code = ''): ClosedReason | null {
	if (status === 401) return code === 'token_revoked' ? 'revoked' : 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'not-found';
	if (status === 429) return 'rate-limited';
	return null;
}

/** What to tell people, in a heading and a sentence. */
export const CLOSED_MESSAGES: Readonly<Record<ClosedReason, { title: string; detail: string }>> = {
	revoked: {
		title: 'This link was revoked — ask the board’s owner for a new one',
		detail:
			'The board’s owner took this link back, so it no longer opens the board. Changes the server confirmed before are safe.'
	},
	unauthorized: {
		title: 'This link is not valid',
		detail: 'The link is incomplete or mistyped. Ask the board owner for a new link.'
	},
	forbidden: {
		title: 'Access to this board was withdrawn',
		detail: 'This link does not allow what was attempted. Ask the board owner for a new link.'
	},
	'not-found': {
		title: 'Board not found',
		detail: 'There is no board at this address. It may have been deleted.'
	},
	'bad-message': {
		title: 'The server closed the connection',
		detail: 'It could not understand a message from this browser. Reload the page to try again.'
	},
	'too-large': {
		title: 'A change was too large to save',
		detail:
			'The server refused a change bigger than it accepts (for example a very large paste). Reload the page: changes the server already confirmed are safe.'
	},
	'rate-limited': {
		title: 'Too many changes at once',
		detail: 'The server stopped this connection. Reload the page to continue.'
	},
	closed: {
		title: 'The server closed the connection',
		detail: 'Reload the page to try again.'
	}
};
