/**
 * Per-person undo and redo: a Y.UndoManager that tracks only this person's origin, so undo never
 * reverts someone else's edit. Typing within `captureTimeout` ms is one step.
 */
import { undoScope } from '@riskboard/model';
import * as Y from 'yjs';

export class UndoHistory {
	#manager: Y.UndoManager;
	#canUndo = $state(false);
	#canRedo = $state(false);

	constructor(doc: Y.Doc, origin: object, captureTimeout = 500) {
		this.#manager = new Y.UndoManager(undoScope(doc), {
			// A plain Set read by Yjs, not state: nothing reactive depends on it.
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			trackedOrigins: new Set([origin]),
			captureTimeout
		});
		const refresh = () => {
			this.#canUndo = this.#manager.canUndo();
			this.#canRedo = this.#manager.canRedo();
		};
		this.#manager.on('stack-item-added', refresh);
		this.#manager.on('stack-item-popped', refresh);
		this.#manager.on('stack-cleared', refresh);
	}

	get canUndo(): boolean {
		return this.#canUndo;
	}

	get canRedo(): boolean {
		return this.#canRedo;
	}

	undo(): void {
		this.#manager.undo();
	}

	redo(): void {
		this.#manager.redo();
	}

	/** Ends the current step, so the next edit starts a new one (e.g. on blur). */
	stopCapturing(): void {
		this.#manager.stopCapturing();
	}

	destroy(): void {
		this.#manager.destroy();
	}
}
