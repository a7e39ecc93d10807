/**
 * Where a mitigation action goes in a risk's plan when it is moved with the keyboard or dropped
 * on another action, as the `Placement` the model's `moveAction` takes (next to a sibling, so
 * concurrent moves by others stay valid). One-step moves use `stepPlacement` from `$lib/reorder`.
 */
import type { Placement } from '@riskboard/model';

/** To the top (`first`) or the bottom of `ids`; null when it is there already. */
export function edgePlacement(
	ids: readonly string[],
	id: string,
	edge: 'first' | 'last'
): Placement | null {
	if (!ids.includes(id) || ids.length < 2) return null;
	if (edge === 'first') return ids[0] === id ? null : { before: ids[0]! };
	return ids.at(-1) === id ? null : { after: ids.at(-1)! };
}

/** Dropping `id` on `targetId` puts it where the target is (the target shifts toward the gap). */
export function dropOnto(ids: readonly string[], id: string, targetId: string): Placement | null {
	const from = ids.indexOf(id);
	const to = ids.indexOf(targetId);
	if (from < 0 || to < 0 || from === to) return null;
	return from < to ? { after: targetId } : { before: targetId };
}

/** The new index of `id` after `placement`, for announcing "moved to position 2 of 5". */
export function positionAfter(ids: readonly string[], id: string, placement: Placement): number {
	const rest = ids.filter((other) => other !== id);
	if (placement.before != null) return rest.indexOf(placement.before);
	if (placement.after != null) return rest.indexOf(placement.after) + 1;
	return rest.length;
}
