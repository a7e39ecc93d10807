/**
 * Row windowing for the register: with a fixed row height only the rows in view (plus some
 * overscan) are rendered, so 1,000 risks cost the DOM of ~40.
 */

export interface WindowInput {
	/** Scroll offset of the body (pixels from its first row). */
	scrollTop: number;
	/** Height of the visible body area in pixels. */
	viewportHeight: number;
	rowHeight: number;
	count: number;
	/** Extra rows rendered above and below the visible ones. */
	overscan?: number;
}

/** Half-open index range [start, end) of the rows to render. */
export function visibleRange(input: WindowInput): { start: number; end: number } {
	const { rowHeight, count } = input;
	const overscan = input.overscan ?? 8;
	if (count === 0 || rowHeight <= 0) return { start: 0, end: 0 };
	const top = Math.max(0, input.scrollTop);
	const first = Math.floor(top / rowHeight);
	const last = Math.ceil((top + Math.max(0, input.viewportHeight)) / rowHeight);
	return {
		start: Math.min(count, Math.max(0, first - overscan)),
		end: Math.min(count, last + overscan)
	};
}

/**
 * The scroll offset that brings row `index` fully into view, or null when it already is.
 * Scrolls the least: to align the row's top or its bottom with the viewport.
 */
export function scrollToReveal(
	index: number,
	input: { scrollTop: number; viewportHeight: number; rowHeight: number }
): number | null {
	const top = index * input.rowHeight;
	const bottom = top + input.rowHeight;
	if (top < input.scrollTop) return top;
	if (bottom > input.scrollTop + input.viewportHeight)
		return Math.max(0, bottom - input.viewportHeight);
	return null;
}

/**
 * `previous` when `next` holds the same ids in the same order, else `next`: a derived list of ids
 * that keeps its identity while only the rows' contents change (typing in a title), so what is
 * derived from it is not rebuilt for every keystroke on a long register.
 */
export function sameIdsOr(previous: readonly string[], next: readonly string[]): readonly string[] {
	if (next.length !== previous.length) return next;
	for (let i = 0; i < next.length; i++) if (next[i] !== previous[i]) return next;
	return previous;
}

/** A `sameIdsOr` that remembers the last list it returned: `keep(ids)` inside a `$derived`. */
export function idsKeeper(): (next: readonly string[]) => readonly string[] {
	let last: readonly string[] = [];
	return (next) => (last = sameIdsOr(last, next));
}
