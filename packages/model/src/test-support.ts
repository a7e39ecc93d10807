/** Helpers for this package's tests only (not exported from index.ts). */
import * as Y from 'yjs';
import { initBoard } from './board.ts';

/** A fixed clock for deterministic timestamps. */
export const NOW = new Date('2025-01-15T09:00:00.000Z');

/** A fresh, initialised board document. */
export function newBoard(title = 'Test board'): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title, now: NOW });
	return doc;
}

/** A second peer holding the same state as `doc`. */
export function fork(doc: Y.Doc): Y.Doc {
	const peer = new Y.Doc();
	Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
	return peer;
}

/** Exchanges all state between the documents, so they end identical. */
export function sync(...docs: Y.Doc[]): void {
	for (const from of docs) {
		for (const to of docs) {
			if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
		}
	}
}
