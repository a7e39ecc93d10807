/**
 * Thrown for every rejected call: bad input (out-of-range score, unknown status, missing closed
 * reason) or a reference to something that does not exist on this board. Callers can tell a
 * user's mistake from a bug with `instanceof BoardError`; nothing is written when it is thrown.
 */
export class BoardError extends Error {
	override name = 'BoardError';
}
