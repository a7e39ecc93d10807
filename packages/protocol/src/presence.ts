/**
 * Presence (y-protocols awareness) as the web client publishes it: `{ user: { name, color,
 * personId? }, focus }` per client id. `personId` is the person on the board's people list the
 * page chose to be ("Who are you?"); a viewer not on the list has a name only. The server reads a
 * connection's name and person from it to record who wrote each update, and attendance during a
 * review; both sides read it through `presenceName` and `presencePersonId`.
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

/** Longest person id accepted in a presence state, in characters (model ids are 12). */
export const MAX_PERSON_ID = 64;

/**
 * The person id in a presence state: `user.personId` when it is a string of 1–64 letters,
 * digits, `_` or `-`; null otherwise. Whether that person is on the board is for the reader to
 * check against the document (the model's `isPerson`).
 */
export function presencePersonId(state: unknown): string | null {
	if (typeof state !== 'object' || state === null) return null;
	const user = (state as { user?: unknown }).user;
	if (typeof user !== 'object' || user === null) return null;
	const id = (user as { personId?: unknown }).personId;
	return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}
