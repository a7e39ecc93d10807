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
