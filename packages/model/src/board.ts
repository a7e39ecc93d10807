import type * as Y from 'yjs';
import { BoardError } from './errors.ts';
import { getSchemaVersion, migrateBoard } from './migrations.ts';
import { ROOT, roots, setIfChanged, write } from './schema.ts';
import { isTimeZone } from './time-zone.ts';
import type { WriteOptions } from './types.ts';
import { requireName } from './validate.ts';

/**
 * Initialises a new board: meta (title, createdAt, schemaVersion) and default settings (with
 * `timeZone`, default UTC), at the current SCHEMA_VERSION, in one update. Called once, by the
 * server, when a board is created; throws a `BoardError` if the document is already initialised
 * or the time zone is unknown.
 */
export function initBoard(
	doc: Y.Doc,
	input: { title: string; timeZone?: string | undefined } & WriteOptions
): void {
	const title = requireName(input.title, 'Board title');
	if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) {
		throw new BoardError('timeZone must be an IANA time zone such as Europe/Berlin');
	}
	if (getSchemaVersion(doc) !== 0) throw new BoardError('This board is already initialised');
	migrateBoard(doc, { ...input, title });
}

/** Sets the board title (trimmed, 1–200 characters). */
export function setBoardTitle(doc: Y.Doc, title: string, options?: WriteOptions): void {
	const value = requireName(title, 'Board title');
	write(doc, options, () => setIfChanged(roots(doc).meta, 'title', value));
}

/**
 * Calls `fn` once after every transaction that changed the board, local or remote. Returns the
 * unsubscribe function. Several roots changed in one transaction still give one call.
 */
export function observeBoard(doc: Y.Doc, fn: () => void): () => void {
	let last: Y.Transaction | undefined;
	const handler = (_events: unknown, transaction: Y.Transaction) => {
		if (transaction === last) return;
		last = transaction;
		fn();
	};
	const types = Object.values(ROOT).map((name) => doc.getMap(name));
	for (const type of types) type.observeDeep(handler);
	return () => {
		for (const type of types) type.unobserveDeep(handler);
	};
}
