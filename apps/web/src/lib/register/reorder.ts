/**
 * Where a moved row goes in the shared register order, expressed as the model's `Placement`
 * relative to the rows this person sees (which may be filtered).
 */
import type { Placement } from '@riskboard/model';

/**
 * The placement that moves `id` one visible row up (`-1`) or down (`+1`), or null at the edge
 * or when `id` is not listed.
 */
export function placementForStep(
	ids: readonly string[],
	id: string,
	step: -1 | 1
): Placement | null {
	const index = ids.indexOf(id);
	const neighbour = index < 0 ? undefined : ids[index + step];
	if (neighbour === undefined) return null;
	return step < 0 ? { before: neighbour } : { after: neighbour };
}

/**
 * The placement for dropping `id` on the row `targetId`, above or below its middle; null when
 * that would not change the visible order.
 */
export function placementForDrop(
	ids: readonly string[],
	id: string,
	targetId: string,
	side: 'before' | 'after'
): Placement | null {
	if (id === targetId) return null;
	const from = ids.indexOf(id);
	const target = ids.indexOf(targetId);
	if (from < 0 || target < 0) return null;
	if (side === 'before' && target === from + 1) return null;
	if (side === 'after' && target === from - 1) return null;
	return side === 'before' ? { before: targetId } : { after: targetId };
}
