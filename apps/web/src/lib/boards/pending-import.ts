/**
 * A file chosen on the home page ("Create a board from a spreadsheet"), handed to the new
 * board's register, which opens the import panel with it. Memory only: a reload forgets it.
 */
let pending: { boardId: string; file: File } | null = null;

/** Remembers `file` for the board about to open. */
export function setPendingImport(boardId: string, file: File): void {
	pending = { boardId, file };
}

/** The file waiting for `boardId`, once (it is forgotten as it is taken). */
export function takePendingImport(boardId: string): File | null {
	if (pending?.boardId !== boardId) return null;
	const { file } = pending;
	pending = null;
	return file;
}
