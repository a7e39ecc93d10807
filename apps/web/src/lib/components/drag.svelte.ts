/**
 * The one drag helper (native HTML drag and drop, so a real pointer drag works). `DragDrop`
 * tracks what is dragged and which target (and which half of it) it is over, and hands the drop
 * to its owner: the heat map drops a risk on a cell (its keyboard alternative is the pick-up
 * mode in `$lib/heatmap/keyboard-move`). `DragReorder` is the reordering case, with its keyboard
 * alternative built in: register rows, RACI rows and columns, a risk's mitigation actions. It
 * shows where the item would land as a line on the target and hands `move` the `Placement`
 * next to it; on the handle, the arrow keys along the list's axis (and Home/End) move the item
 * one step (or to an end). Each kind has its own payload type, so a row never drops on a column
 * or into a text field.
 */
import { dropPlacement, edgePlacement, stepPlacement } from '$lib/reorder';
import type { Placement } from '@riskboard/model';

export type Side = 'before' | 'after';

export interface DragDropOptions {
	/** The drag payload type, unique to this kind of item. */
	type: string;
	/** Which half of a target counts as before: 'y' top/bottom, 'x' left/right. */
	axis?: 'x' | 'y';
	/** Called on a drop of `id` on `target`. */
	drop: (id: string, target: string, side: Side) => void;
}

export interface DragReorderOptions extends Omit<DragDropOptions, 'drop'> {
	/** The list's ids in their current order. */
	ids: () => readonly string[];
	/** Applies a move; the list re-renders from the document. */
	move: (id: string, placement: Placement) => void;
	/** Which keys `key` handles: 'arrows' on a handle, 'alt-arrows' where arrows also navigate. */
	keys?: 'arrows' | 'alt-arrows';
}

export class DragDrop {
	/** The id being dragged, if any. */
	dragging = $state<string | null>(null);
	/** The target it is over, and which half. */
	dropAt = $state<{ id: string; side: Side } | null>(null);
	#options: DragDropOptions;

	constructor(options: DragDropOptions) {
		this.#options = options;
	}

	/** Whether the dragged item is over `target`. */
	isOver(target: string): boolean {
		return this.dragging !== null && this.dropAt?.id === target;
	}

	/** Where the dragged item would land relative to `id`, for its drop line. */
	sideAt(id: string): Side | null {
		return this.dragging !== null && this.dropAt?.id === id ? this.dropAt.side : null;
	}

	/** Starts dragging `id` (a handle's `dragstart`); `image` is what the pointer carries. */
	start(event: DragEvent, id: string, image?: Element | null): void {
		if (!event.dataTransfer) return;
		event.dataTransfer.setData(this.#options.type, id);
		event.dataTransfer.effectAllowed = 'move';
		if (image) event.dataTransfer.setDragImage(image, 16, 16);
		this.dragging = id;
	}

	/** A target's `dragover`: accepts only this list's payload and tracks the side. */
	over(event: DragEvent, id: string): void {
		if (this.dragging === null || !event.dataTransfer?.types.includes(this.#options.type)) return;
		event.preventDefault();
		event.dataTransfer.dropEffect = 'move';
		const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
		const side: Side =
			this.#options.axis === 'x'
				? event.clientX < box.left + box.width / 2
					? 'before'
					: 'after'
				: event.clientY < box.top + box.height / 2
					? 'before'
					: 'after';
		if (this.dropAt?.id !== id || this.dropAt.side !== side) this.dropAt = { id, side };
	}

	/** A target's `drop`: hands the dragged item and the target to the owner. */
	drop(event: DragEvent): void {
		const { dragging, dropAt } = this;
		if (dragging === null || !dropAt) return;
		event.preventDefault();
		this.end();
		this.#options.drop(dragging, dropAt.id, dropAt.side);
	}

	/** A handle's `dragend` (also after a cancelled drag). */
	end(): void {
		this.dragging = null;
		this.dropAt = null;
	}
}

export class DragReorder extends DragDrop {
	#options: DragReorderOptions;

	constructor(options: DragReorderOptions) {
		super({
			...options,
			drop: (id, target, side) => {
				const placement = dropPlacement(options.ids(), id, target, side);
				if (placement) options.move(id, placement);
			}
		});
		this.#options = options;
	}

	/**
	 * The keyboard alternative, on the handle's `keydown`: one step along the axis, or to an end
	 * with Home/End. True when the key moved (or tried to move) the item.
	 */
	key(event: KeyboardEvent, id: string): boolean {
		const { axis = 'y', keys = 'arrows' } = this.#options;
		if (keys === 'alt-arrows' && !event.altKey) return false;
		const [back, forward] = axis === 'x' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowUp', 'ArrowDown'];
		const ids = this.#options.ids();
		let placement: Placement | null;
		if (event.key === back) placement = stepPlacement(ids, id, -1);
		else if (event.key === forward) placement = stepPlacement(ids, id, 1);
		else if (keys === 'arrows' && event.key === 'Home') placement = edgePlacement(ids, id, 'first');
		else if (keys === 'arrows' && event.key === 'End') placement = edgePlacement(ids, id, 'last');
		else return false;
		event.preventDefault();
		if (placement) this.#options.move(id, placement);
		return true;
	}
}
