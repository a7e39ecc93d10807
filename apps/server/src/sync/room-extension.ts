/**
 * The seam between a room's protocol and durability (room.ts) and everything else that reacts to
 * a board's life: domain rules (board-rules.ts), and later cross-process fan-out and per-board
 * leases. Like Hocuspocus's extensions, each one is a set of optional hooks; unlike them, hooks
 * are synchronous, so none can hold a commit or a relay open by awaiting.
 *
 * One batch's life, and where each hook runs:
 * 1. Updates arrive, pass the integrity check and are applied; the tick's updates form a batch.
 * 2. `beforeCommit(changes)` — extensions in order. This is the point *before domain fixes*:
 *    board-rules writes its fixes (risk-key renumbering) here, into the same batch, so they are
 *    committed and relayed with the updates that caused them. An extension listed before
 *    board-rules runs first (a lease check belongs there); a hook that throws fails the batch like
 *    a failed commit: nothing is stored or relayed, the room closes with 4503, clients resend.
 * 3. The batch is committed to the `BoardStore` (one transaction).
 * 4. `afterCommit(commit)` — the batch is durable: it is the point *after commit* (publish it to
 *    other processes here). Runs before the local relay, gets the merged update the relay sends,
 *    must not throw and must not block (start asynchronous work and return).
 * 5. The batch is relayed to the room's connections, then save requests and sync step 1 answers.
 * Writes made by a hook outside step 2 (attendance in `afterCommit`) go into the next batch.
 *
 * With several processes on one board (scale-out, `scale/`), the room's peer publishes each batch
 * at step 4 (before the `afterCommit` hooks) and applies other processes' commits, which reach the
 * extensions as `remoteCommitted`. Single-writer duties (migrations, risk-key fixes) belong to the
 * process holding the board's lease: an extension asks `room.leads()` before them, and
 * `leaseGained` tells it when this process takes over, so it can catch up on what waited.
 */
import type * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { UpdateAuthor, UpdateToStore } from '../storage/types.ts';
import type { Connection } from './connection.ts';

/** What a room offers its extensions. */
export interface RoomContext {
	readonly id: string;
	readonly doc: Y.Doc;
	readonly connections: ReadonlySet<Connection>;
	readonly log: Logger;
	/**
	 * Whether this process runs the board's single-writer duties: true on a single process, else
	 * while it holds the board's lease (scale/pg-leases.ts).
	 */
	leads(): boolean;
	/**
	 * A server write: runs `fn`, capturing the document updates it causes under `author`, into the
	 * batch being prepared (inside `beforeCommit`) or the next one. If `fn` throws, nothing of it
	 * is batched and the error propagates.
	 */
	write(author: UpdateAuthor, fn: () => void): void;
}

/** A batch that has been committed: its updates as stored, and what the relay sends. */
export interface CommittedBatch {
	updates: readonly UpdateToStore[];
	/** The batch's updates merged into one (the bytes every other connection receives). */
	merged: Uint8Array;
	/** The sequence number of the batch's last update in the board's log. */
	lastSeq: number;
	changes: DocChanges;
}

/** The hooks one extension has for one room (every hook is optional). */
export interface RoomHooks {
	/** Once, after the stored document is in and before anyone is greeted (migrations). */
	loaded?(): void;
	/** Per batch, before it is committed; may write fixes into it (step 2 above). */
	beforeCommit?(changes: DocChanges): void;
	/** Per batch, after it is committed and before it is relayed (step 4 above). */
	afterCommit?(commit: CommittedBatch): void;
	/**
	 * Another process's committed batch was applied (scale-out; `changes` is what it changed). Runs
	 * before it is relayed here; writes go into this process's next batch. Must not throw.
	 */
	remoteCommitted?(changes: DocChanges): void;
	/** This process took over the board's lease (its holder went away); the room is ready. */
	leaseGained?(): void;
	/** A connection's presence name or person changed (never per presence move). */
	identityChanged?(connection: Connection): void;
}

/** Makes an extension's hooks for one room; called once per loaded room. */
export type RoomExtension = (room: RoomContext) => RoomHooks;

type YType = Y.AbstractType<unknown>;

/**
 * What a batch changed, by root: which of a root map's own entries were set or deleted, and which
 * roots were changed at any depth. Collected from the transactions the batch's updates made (Yjs
 * `transaction.changed`), so its cost is per changed type, never per board size.
 */
export class DocChanges {
	#keys = new Map<string, Set<string>>();
	#touched = new Set<string>();

	/** Entries of the root `name` itself that were added, replaced or deleted. */
	keysOf(name: string): ReadonlySet<string> {
		return this.#keys.get(name) ?? EMPTY;
	}

	/** Whether anything at or below the root `name` changed. */
	touched(name: string): boolean {
		return this.#touched.has(name);
	}

	/** Whether any of the roots `names` had one of its own entries changed. */
	anyKeysOf(names: readonly string[]): boolean {
		return names.some((name) => this.#keys.has(name));
	}

	/** Adds what one transaction changed; `rootName` names a root type of the document. */
	record(transaction: Y.Transaction, rootName: (type: YType) => string | undefined): void {
		for (const [type, keys] of transaction.changed) {
			let root = type as YType;
			while (root._item !== null) root = root._item.parent as YType;
			const name = rootName(root);
			if (name === undefined) continue;
			this.#touched.add(name);
			if (root !== type) continue;
			let set = this.#keys.get(name);
			if (!set) this.#keys.set(name, (set = new Set()));
			for (const key of keys) if (key !== null) set.add(key);
		}
	}

	/** Adds everything `other` recorded. */
	merge(other: DocChanges): void {
		for (const name of other.#touched) this.#touched.add(name);
		for (const [name, keys] of other.#keys) {
			const set = this.#keys.get(name);
			if (set) for (const key of keys) set.add(key);
			else this.#keys.set(name, new Set(keys));
		}
	}
}

const EMPTY: ReadonlySet<string> = new Set();

/** Names a document's root types (roots are registered lazily, so unknown ones are looked up). */
export function rootNamer(doc: Y.Doc): (type: YType) => string | undefined {
	const names = new Map<YType, string>();
	return (type) => {
		let name = names.get(type);
		if (name === undefined) {
			for (const [key, root] of doc.share) if (root === type) name = key;
			if (name !== undefined) names.set(type, name);
		}
		return name;
	};
}
