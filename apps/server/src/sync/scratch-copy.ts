/**
 * The scratch copy a room's REST writes run on first, so that a write the model refuses half-way
 * never touches the room. Made on the first write (a full copy costs ~190 ms on a 1 MB board),
 * then kept in step with every update the room applies, and dropped after a minute without
 * writes (an idle room does not hold its document twice) or when a write threw (it may hold part
 * of the refused write).
 */
import * as random from 'lib0/random';
import * as Y from 'yjs';

/** A room's scratch copy is dropped after this long without a REST write. */
const IDLE_MS = 60_000;

export class ScratchCopy {
	/** The Yjs client id REST writes are made under; one per room, never a connection's. */
	readonly clientId = random.uint32();
	#room: Y.Doc;
	#copy: { doc: Y.Doc; idle: ReturnType<typeof setTimeout> } | null = null;

	constructor(room: Y.Doc) {
		this.#room = room;
	}

	/** Applies an update the room applied that did not come from this copy. */
	follow(update: Uint8Array): void {
		if (this.#copy) Y.applyUpdate(this.#copy.doc, update);
	}

	/**
	 * Runs `fn` on the copy and returns its result and the updates it made; if `fn` throws, the
	 * copy is dropped and the error rethrown (the room was never touched).
	 */
	run<T>(fn: (doc: Y.Doc) => T): { result: T; changes: Uint8Array[] } {
		const doc = this.#doc();
		const changes: Uint8Array[] = [];
		const collect = (update: Uint8Array) => changes.push(update);
		doc.on('update', collect);
		try {
			return { result: fn(doc), changes };
		} catch (error) {
			this.drop();
			throw error;
		} finally {
			doc.off('update', collect);
		}
	}

	drop(): void {
		if (!this.#copy) return;
		clearTimeout(this.#copy.idle);
		this.#copy.doc.destroy();
		this.#copy = null;
	}

	#doc(): Y.Doc {
		if (this.#copy) {
			this.#copy.idle.refresh();
			return this.#copy.doc;
		}
		const doc = new Y.Doc({ gc: this.#room.gc });
		doc.clientID = this.clientId;
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.#room));
		const idle = setTimeout(() => this.drop(), IDLE_MS);
		idle.unref?.();
		this.#copy = { doc, idle };
		return doc;
	}
}
