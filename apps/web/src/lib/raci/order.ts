/**
 * Where a dragged row or column lands, as a `Placement` next to the item it was dropped on (not
 * an index), so the move stays right while others edit the same list.
 */
import type { Placement } from '@riskboard/model';

/**
 * The placement that puts `dragged` before or after `target` in `ids`, or null when that is
 * where it already is (or either id is unknown).
 */
export function dropPlacement(
	ids: readonly string[],
	dragged: string,
	target: string,
	side: 'before' | 'after'
): Placement | null {
	const from = ids.indexOf(dragged);
	const to = ids.indexOf(target);
	if (from < 0 || to < 0 || dragged === target) return null;
	if (side === 'before' && ids[to - 1] === dragged) return null;
	if (side === 'after' && ids[to + 1] === dragged) return null;
	return side === 'before' ? { before: target } : { after: target };
}

/** Moves one step up/left (-1) or down/right (+1): a placement next to the neighbour, or null. */
export function stepPlacement(ids: readonly string[], id: string, delta: -1 | 1): Placement | null {
	const index = ids.indexOf(id);
	const neighbour = index < 0 ? undefined : ids[index + delta];
	if (neighbour === undefined) return null;
	return delta < 0 ? { before: neighbour } : { after: neighbour };
}
