/**
 * The keyboard shortcuts for per-person undo and redo: Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and
 * Ctrl/Cmd+Y redo. They apply everywhere on the board, inside text fields too: the browser's own
 * input undo knows nothing of the shared text and would fight the board's history.
 */

/** The parts of a KeyboardEvent the decision needs (so it can be tested without a DOM). */
export interface ShortcutKey {
	key: string;
	ctrlKey: boolean;
	metaKey: boolean;
	shiftKey: boolean;
	altKey: boolean;
	isComposing?: boolean;
}

/** Which history command a key press asks for, if any. */
export function historyShortcut(event: ShortcutKey): 'undo' | 'redo' | null {
	if (event.isComposing || event.altKey || !(event.ctrlKey || event.metaKey)) return null;
	const key = event.key.toLowerCase();
	if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
	if (key === 'y' && !event.shiftKey) return 'redo';
	return null;
}
