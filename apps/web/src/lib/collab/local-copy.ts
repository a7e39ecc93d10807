/**
 * This device's copy of a board: the Yjs updates in IndexedDB (y-indexeddb) plus the marker for
 * changes the server has not acknowledged yet.
 */
import { clearDocument } from 'y-indexeddb';
import { markUnsavedChanges } from './unsaved-marker.ts';

/** The IndexedDB database that holds a board's updates. */
export function localCopyName(boardId: string): string {
	return `riskboard:${boardId}`;
}

/**
 * Deletes this device's copy of a board, unsaved changes included. IndexedDB finishes the
 * deletion once an open connection to the board (if any) has been destroyed.
 */
export function clearLocalCopy(boardId: string): void {
	markUnsavedChanges(boardId, false);
	void clearDocument(localCopyName(boardId)).catch(() => {
		// IndexedDB unavailable: there is no copy to delete
	});
}
