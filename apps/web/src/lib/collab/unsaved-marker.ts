/**
 * Remembers, per board, that this device holds changes the server has not acknowledged yet.
 * The changes themselves live in IndexedDB (y-indexeddb); this flag lets the next session say
 * "Saving…" instead of "All changes saved" until the server confirms it has them.
 */
const key = (boardId: string) => `riskboard:unsaved:${boardId}`;

export function hasUnsavedChanges(boardId: string): boolean {
	try {
		return localStorage.getItem(key(boardId)) === '1';
	} catch {
		return false;
	}
}

export function markUnsavedChanges(boardId: string, unsaved: boolean): void {
	try {
		if (unsaved) localStorage.setItem(key(boardId), '1');
		else localStorage.removeItem(key(boardId));
	} catch {
		// storage full or disabled: the in-memory state is still right for this session
	}
}
