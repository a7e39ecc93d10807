/**
 * Tracks whether this client's local changes are durably stored on the server, using the
 * protocol's save acknowledgement: after local updates have been sent, a `SaveRequest(id)` frame
 * follows on the same socket; the server answers `Saved(id)` once everything it received before
 * that frame is committed. Frames on one socket are handled in order, so an acknowledged request
 * covers every change made before it was sent.
 *
 * Plain TypeScript (no runes, no Yjs) so it can be unit-tested with a fake socket;
 * `BoardConnection` wires it to the provider and mirrors `dirty` into runes state.
 */
import { encodeSaveRequest } from '@riskboard/protocol';

export interface SaveTrackerOptions {
	/** Sends one frame on the current socket; returns false when there is no open socket. */
	send: (frame: Uint8Array<ArrayBuffer>) => boolean;
	/** Called whenever `dirty` flips. */
	onDirtyChange?: (dirty: boolean) => void;
	/** Start dirty, e.g. when an earlier session left changes that were never acknowledged. */
	initiallyDirty?: boolean;
	/** Longest time between a local change and its save request while connected. */
	delayMs?: number;
}

export class SaveTracker {
	/** Local changes seen so far (a counter, not the changes themselves). */
	#changes = 0;
	/** Changes known to be stored. */
	#acknowledged = 0;
	/** Changes covered by a request sent on the current socket. */
	#requested = 0;
	/** Request ids are never reused, so an answer can never be mistaken for a newer request's. */
	#nextId = 1;
	/** Outstanding request id → changes it covers. */
	#inFlight = new Map<number, number>();
	#ready = false;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#wasDirty: boolean;
	#send: SaveTrackerOptions['send'];
	#onDirtyChange: SaveTrackerOptions['onDirtyChange'];
	#delayMs: number;

	constructor(options: SaveTrackerOptions) {
		this.#send = options.send;
		this.#onDirtyChange = options.onDirtyChange;
		this.#delayMs = options.delayMs ?? 100;
		if (options.initiallyDirty) this.#changes = 1;
		this.#wasDirty = this.dirty;
	}

	/** True while some local change has not been acknowledged by the server. */
	get dirty(): boolean {
		return this.#acknowledged < this.#changes;
	}

	/** Call after every local document change (after the provider has sent or queued it). */
	noteLocalChange(): void {
		this.#changes += 1;
		this.#emit();
		this.#schedule();
	}

	/**
	 * Call with true once the socket is open and the initial sync is done (so offline changes
	 * have gone out in the sync exchange), and with false when the socket closes: requests in
	 * flight on a closed socket are never answered, so they are forgotten and sent again.
	 */
	setReady(ready: boolean): void {
		if (ready === this.#ready) return;
		this.#ready = ready;
		if (ready) {
			this.#flush();
		} else {
			this.#cancelTimer();
			this.#inFlight.clear();
			this.#requested = this.#acknowledged;
		}
	}

	/** Call with the id of a `Saved` frame. Unknown and stale ids are ignored. */
	handleSaved(id: number): void {
		const covers = this.#inFlight.get(id);
		if (covers === undefined) return;
		for (const pending of this.#inFlight.keys()) {
			if (pending <= id) this.#inFlight.delete(pending);
		}
		this.#acknowledged = Math.max(this.#acknowledged, covers);
		this.#emit();
	}

	destroy(): void {
		this.#cancelTimer();
		this.#ready = false;
		this.#inFlight.clear();
	}

	#schedule(): void {
		if (!this.#ready || this.#timer !== null) return;
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#flush();
		}, this.#delayMs);
	}

	#flush(): void {
		this.#cancelTimer();
		if (!this.#ready || this.#requested >= this.#changes) return;
		const id = this.#nextId++;
		if (!this.#send(encodeSaveRequest(id))) return;
		this.#inFlight.set(id, this.#changes);
		this.#requested = this.#changes;
	}

	#cancelTimer(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}

	#emit(): void {
		const dirty = this.dirty;
		if (dirty === this.#wasDirty) return;
		this.#wasDirty = dirty;
		this.#onDirtyChange?.(dirty);
	}
}
