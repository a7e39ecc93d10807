import { createHash, randomBytes } from 'node:crypto';

/** A new random id: 16 bytes (128 bits), base64url, 22 characters — used for boards. */
export function newBoardId(): string {
	return randomBytes(16).toString('base64url');
}

/** A short random id for connections and token rows (not secret). */
export function newShortId(): string {
	return randomBytes(9).toString('base64url');
}

/** A new capability token: 32 bytes (256 bits), base64url, 43 characters. Shown once. */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token: its SHA-256, hex. Tokens are random, so no salt is needed. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
