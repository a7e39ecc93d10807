/**
 * Drag-and-drop reordering of a grid's rows or columns: what is being dragged, where it would
 * land (shown as a line on the target), and on drop the `Placement` next to the target, handed
 * to `onmove`. Rows only drop on rows and columns on columns.
 */
import { dropPlacement } from '$lib/reorder';
import type { Placement } from '@riskboard/model';

export type DragKind = 'row' | 'col';

export class GridDrag {
	dragging = $state<{ kind: DragKind; id: string } | null>(null);
	dropAt = $state<{ id: string; side: 'before' | 'after' } | null>(null);
	#ids: (kind: DragKind) => readonly string[];
	#onmove: (kind: DragKind, id: string, placement: Placement) => void;

	constructor(
		ids: (kind: DragKind) => readonly string[],
		onmove: (kind: DragKind, id: string, placement: Placement) => void
	) {
		this.#ids = ids;
		this.#onmove = onmove;
	}

	/** Where the dragged item would land relative to `id`, for its drop line. */
	sideAt(kind: DragKind, id: string): 'before' | 'after' | null {
		return this.dragging?.kind === kind && this.dropAt?.id === id ? this.dropAt.side : null;
	}

	start(event: DragEvent, kind: DragKind, id: string): void {
		this.dragging = { kind, id };
		event.dataTransfer?.setData('text/plain', id);
		if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
	}

	over(event: DragEvent, kind: DragKind, id: string, side: 'before' | 'after'): void {
		if (this.dragging?.kind !== kind) return;
		event.preventDefault();
		this.dropAt = { id, side };
	}

	drop(event: DragEvent, kind: DragKind, target: string): void {
		const { dragging, dropAt } = this;
		if (dragging?.kind !== kind || !dropAt) return;
		event.preventDefault();
		const placement = dropPlacement(this.#ids(kind), dragging.id, target, dropAt.side);
		if (placement) this.#onmove(kind, dragging.id, placement);
		this.end();
	}

	end(): void {
		this.dragging = null;
		this.dropAt = null;
	}
}
