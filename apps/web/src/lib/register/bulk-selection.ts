/**
 * Which rows one person has picked for a bulk edit, and how clicks and keys change that: a plain
 * toggle, a Shift range from the last row picked (the anchor), a Ctrl/Cmd toggle, everything shown
 * (Ctrl/Cmd+A). Pure, over the ids of the rows as shown (filtered and sorted), so "all" and a
 * range mean what the person sees.
 */

/** A selection: the picked ids and the row a Shift range starts from. */
export interface Selection {
	picked: ReadonlySet<string>;
	anchor: string | null;
}

/** Nothing picked. */
export const NO_SELECTION: Selection = { picked: new Set(), anchor: null };

/**
 * The selection after a click or key on the row `id` of `ids` (the shown order): with `range`
 * (Shift) every row from the anchor to `id` is added; otherwise `id` is toggled and becomes the
 * anchor.
 */
export function pick(
	selection: Selection,
	ids: readonly string[],
	id: string,
	options: { range?: boolean } = {}
): Selection {
	const picked = new Set(selection.picked);
	const from = selection.anchor === null ? -1 : ids.indexOf(selection.anchor);
	const to = ids.indexOf(id);
	if (to < 0) return selection;
	if (options.range && from >= 0) {
		const [start, end] = from < to ? [from, to] : [to, from];
		for (const rowId of ids.slice(start, end + 1)) picked.add(rowId);
		return { picked, anchor: selection.anchor };
	}
	if (picked.has(id)) picked.delete(id);
	else picked.add(id);
	return { picked, anchor: id };
}

/** Every shown row picked (Ctrl/Cmd+A); the anchor stays. */
export function pickAll(selection: Selection, ids: readonly string[]): Selection {
	return { picked: new Set(ids), anchor: selection.anchor ?? ids[0] ?? null };
}

/** What `pickedShown` returns while nothing is picked: one array, so nothing re-renders. */
const NONE_PICKED: readonly string[] = [];

/** The picked ids that are still shown, in the shown order: what a bulk edit changes. */
export function pickedShown(selection: Selection, ids: readonly string[]): readonly string[] {
	if (selection.picked.size === 0) return NONE_PICKED;
	return ids.filter((id) => selection.picked.has(id));
}
