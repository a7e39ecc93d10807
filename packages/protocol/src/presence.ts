/**
 * Presence (y-protocols awareness) as the web client publishes it: `{ user: { name, color },
 * focus }` per client id. The server reads a connection's display name from it to record who
 * wrote each update, and attendance during a review; both sides read it through `presenceName`.
 */

/** Longest display name the server records, in characters (longer names are cut). */
export const MAX_DISPLAY_NAME = 100;

/**
 * The display name in a presence state: `user.name` trimmed and cut to MAX_DISPLAY_NAME
 * characters; null when there is none (no state, no user, not a string, or only spaces).
 */
export function presenceName(state: unknown): string | null {
	if (typeof state !== 'object' || state === null) return null;
	const user = (state as { user?: unknown }).user;
	if (typeof user !== 'object' || user === null) return null;
	const name = (user as { name?: unknown }).name;
	if (typeof name !== 'string') return null;
	const trimmed = [...name.trim()].slice(0, MAX_DISPLAY_NAME).join('').trim();
	return trimmed === '' ? null : trimmed;
}
