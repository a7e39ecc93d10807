/**
 * Spreadsheet-style movement in the RACI grid: arrows move one cell, Home/End go to the row's
 * ends, Ctrl/⌘+Home/End to the grid's corners, PageUp/PageDown to the first/last row. Positions
 * are clamped, never wrapped, like a spreadsheet.
 */

export interface GridPosition {
	row: number;
	col: number;
}

/** The position a key moves to from `at`, or null when the key is not a movement key. */
export function moveInGrid(
	at: GridPosition,
	key: string,
	size: { rows: number; cols: number },
	modifiers: { ctrl?: boolean } = {}
): GridPosition | null {
	if (size.rows === 0 || size.cols === 0) return null;
	const lastRow = size.rows - 1;
	const lastCol = size.cols - 1;
	const clamp = (row: number, col: number): GridPosition => ({
		row: Math.min(lastRow, Math.max(0, row)),
		col: Math.min(lastCol, Math.max(0, col))
	});
	switch (key) {
		case 'ArrowUp':
			return clamp(at.row - 1, at.col);
		case 'ArrowDown':
			return clamp(at.row + 1, at.col);
		case 'ArrowLeft':
			return clamp(at.row, at.col - 1);
		case 'ArrowRight':
			return clamp(at.row, at.col + 1);
		case 'Home':
			return modifiers.ctrl ? clamp(0, 0) : clamp(at.row, 0);
		case 'End':
			return modifiers.ctrl ? clamp(lastRow, lastCol) : clamp(at.row, lastCol);
		case 'PageUp':
			return clamp(0, at.col);
		case 'PageDown':
			return clamp(lastRow, at.col);
		default:
			return null;
	}
}
