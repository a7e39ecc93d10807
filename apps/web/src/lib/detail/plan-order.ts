/**
 * Announcing a move in a risk's plan: where an action ends up after a `Placement` (the moves
 * themselves come from `DragReorder` and `$lib/reorder`).
 */
import type { Placement } from '@riskboard/model';

/** The new index of `id` after `placement`, for announcing "moved to position 2 of 5". */
export function positionAfter(ids: readonly string[], id: string, placement: Placement): number {
	const rest = ids.filter((other) => other !== id);
	if (placement.before != null) return rest.indexOf(placement.before);
	if (placement.after != null) return rest.indexOf(placement.after) + 1;
	return rest.length;
}
