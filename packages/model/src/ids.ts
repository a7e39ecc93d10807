const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ID_LENGTH = 12;

interface RandomSource {
	getRandomValues<T extends Uint8Array>(array: T): T;
}

/**
 * A new random, URL-safe id (12 characters of `[A-Za-z0-9_-]`, 72 bits). Uses
 * `globalThis.crypto.getRandomValues`, present in browsers and Node ≥ 20, so the model needs no
 * Node import. Ids never contain `:`, which RACI cell keys use as a separator.
 */
export function newId(): string {
	// Looked up on every call (not at import) so tests can stub `crypto` for reproducible ids.
	const source = (globalThis as unknown as { crypto?: RandomSource }).crypto;
	if (!source) throw new Error('globalThis.crypto.getRandomValues is required to create ids');
	const bytes = source.getRandomValues(new Uint8Array(ID_LENGTH));
	let id = '';
	for (const byte of bytes) id += ID_ALPHABET[byte & 63];
	return id;
}
