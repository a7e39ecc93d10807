/** Roles a capability token can carry, from most to least powerful. */
export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Whether a connection holding `role` may change the board. */
export function canWrite(role: Role): boolean {
	return role === 'owner' || role === 'editor';
}

/** Board ids are random, URL-safe and 22 characters long (128 bits, base64url). */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
/** Capability tokens are 43 base64url characters (256 bits). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isBoardId(value: string): boolean {
	return BOARD_ID_PATTERN.test(value);
}

export function isToken(value: string): boolean {
	return TOKEN_PATTERN.test(value);
}

/** Longest board title the API accepts, in characters. */
export const MAX_TITLE_LENGTH = 200;

/** The websocket path prefix; the board id follows: `/sync/:boardId?token=…`. */
export const SYNC_PATH = '/sync';
