/**
 * Where an item goes when it moves one step up or down a shared ordered list (people,
 * categories): a `Placement` relative to its neighbour, which the model turns into an order key.
 * Placing relative to the neighbour (not by index) keeps the move right under concurrent edits.
 */
import type { Placement } from '@riskboard/model';

/** The placement that moves `ids[index]` one step by `delta`, or null at either end. */
export function placementForStep(
	ids: readonly string[],
	index: number,
	delta: -1 | 1
): Placement | null {
	const neighbour = ids[index + delta];
	if (index < 0 || index >= ids.length || neighbour === undefined) return null;
	return delta < 0 ? { before: neighbour } : { after: neighbour };
}

/** The placement that moves `id` one step by `delta` (-1 up/left, +1 down/right), or null. */
export function stepPlacement(ids: readonly string[], id: string, delta: -1 | 1): Placement | null {
	return placementForStep(ids, ids.indexOf(id), delta);
}

/**
 * The placement that puts `dragged` before or after `target` (where it was dropped), or null
 * when that is where it already is or either id is unknown.
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

/** The placement that puts `id` first or last in `ids`; null when it is there already. */
export function edgePlacement(
	ids: readonly string[],
	id: string,
	edge: 'first' | 'last'
): Placement | null {
	if (!ids.includes(id) || ids.length < 2) return null;
	if (edge === 'first') return ids[0] === id ? null : { before: ids[0]! };
	return ids.at(-1) === id ? null : { after: ids.at(-1)! };
}
