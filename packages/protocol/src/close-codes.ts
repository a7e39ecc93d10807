/**
 * Websocket close codes used by the sync server.
 *
 * The stock `y-websocket` client (3.x) stops reconnecting on codes 4400–4499 ("a decision that
 * reconnecting cannot fix", mirroring HTTP 4xx) and retries with backoff on every other code,
 * including 4500–4599 ("try again later"). Each code below is chosen with that in mind.
 */
export const CloseCode = {
	/** Normal closure (server shutdown uses GoingAway instead). */
	Normal: 1000,
	/** The server is shutting down or restarting; reconnect. */
	GoingAway: 1001,
	/** A text frame arrived; the protocol is binary only. Standard code, client retries. */
	UnsupportedData: 1003,
	/**
	 * A frame was larger than the hard cap (`WS_MAX_PAYLOAD_BYTES`), sent by `ws` itself before the
	 * frame was read. Frames between `MAX_MESSAGE_BYTES` and that cap get MessageTooLarge instead.
	 */
	MessageTooBig: 1009,
	/** The peer stopped answering pings. */
	Unresponsive: 4000,
	/** Malformed, truncated or unknown message, or an update Yjs cannot apply. Terminal. */
	BadMessage: 4400,
	/** Missing or unknown token. Terminal. */
	Unauthorized: 4401,
	/**
	 * The link was revoked by the board's owner: refused at the upgrade, and every live connection
	 * opened with it is closed with this code within seconds of the revocation. Terminal: the
	 * web app says so and stops reconnecting. Shares 4401 with Unauthorized (both: "this link
	 * does not open this board"); the close reason says which (`LINK_REVOKED_REASON`).
	 */
	LinkRevoked: 4401,
	/** The token's role does not allow this (a viewer writing). Terminal. */
	Forbidden: 4403,
	/** The board does not exist. Terminal. */
	NotFound: 4404,
	/**
	 * A frame was larger than `MAX_MESSAGE_BYTES`. Terminal: sending the same change again cannot
	 * succeed (the stock client would otherwise re-upload it forever after 1009).
	 */
	MessageTooLarge: 4413,
	/** The client sent more than the rate limit allows. Terminal: a well-behaved client never does. */
	RateLimited: 4429,
	/** Storage failed or the room is reloading; nothing acknowledged was lost: reconnect and resend. */
	StorageUnavailable: 4503
	// A client that stops reading gets no close code: its socket is terminated (no close frame
	// could get past the backlog); the stock client sees 1006 and reconnects.
} as const;

/** The close reason sent with LinkRevoked, so a client can tell it from an unknown token. */
export const LINK_REVOKED_REASON = 'link revoked';

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** True when the stock client will not try to reconnect after this code. */
export function isTerminalCloseCode(code: number): boolean {
	return code >= 4400 && code < 4500;
}
