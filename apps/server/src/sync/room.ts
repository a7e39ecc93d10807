import { BOARD_ROOTS, isPerson } from '@riskboard/model';
import {
	canWrite,
	CloseCode,
	decodeClientMessage,
	encodeAwareness,
	encodeRoundEvent,
	encodeSaved,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	exhaustiveSwitchError,
	presenceName,
	presencePersonId,
	ProtocolError,
	type RoundEvent
} from '@riskboard/protocol';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import {
	PEER_ORIGIN,
	type BoardLease,
	type BoardPeer,
	type PeerRoom,
	type RoomLeases,
	type RoomPeers
} from '../scale/peers.ts';
import { StorageUnavailableError } from '../storage/errors.ts';
import type { BoardStore, UpdateAuthor, UpdateToStore } from '../storage/types.ts';
import { decodeAwarenessUpdate, encodeAwarenessEntries } from './awareness.ts';
import { boardRules } from './board-rules.ts';
import { ClientOwners } from './client-owners.ts';
import type { Connection } from './connection.ts';
import {
	DocChanges,
	rootNamer,
	type CommittedBatch,
	type RoomContext,
	type RoomExtension,
	type RoomHooks
} from './room-extension.ts';
import { ScratchCopy } from './scratch-copy.ts';
import { checkUpdate, UpdateRejected } from './update-check.ts';
import { isRedundantUpdate } from './yjs-updates.ts';

export interface RoomDeps {
	store: BoardStore;
	metrics: Metrics;
	log: Logger;
	compactEvery: number;
	/** The zone a board gets when a migration finds none (the server's `TZ`); UTC by default. */
	timeZone?: string;
	/**
	 * What reacts to the room's life (room-extension.ts), in order; by default the board's domain
	 * rules (`boardRules({ timeZone })`: migrations, risk keys, attendance).
	 */
	extensions?: readonly RoomExtension[];
	/** The other server processes sharing the board (scale-out, `scale/`); none by default. */
	peers?: RoomPeers;
	/**
	 * Per-board leases (scale-out): only the holder compacts, and extensions ask `leads` before
	 * single-writer duties (board-rules: risk keys, migrations). Without them this process is the
	 * board's single writer.
	 */
	leases?: RoomLeases;
}

/** Awareness client ids one connection may claim (a tab has one; leave room for reconnect churn). */
const MAX_AWARENESS_IDS = 4;
/** Largest awareness state accepted per client, in characters of JSON. */
const MAX_AWARENESS_STATE = 16 * 1024;

/** Unloading compacts once this many updates follow the snapshot … */
const UNLOAD_COMPACT_UPDATES = 16;
/** … or once snapshot and log together hold this many bytes (and the log is not empty). */
const UNLOAD_COMPACT_BYTES = 64 * 1024;
/** How long a load waits for its early sync step 2 answers to leave before building the doc. */
const DRAIN_WAIT_MS = 100;

const SYSTEM: UpdateAuthor = { role: 'system', connectionId: 'server', tokenId: null, name: null };
const LOAD_ORIGIN = Symbol('load');
const SERVER_WRITE = Symbol('server write');

/** Updates applied to the room's document but not yet committed, and who waits on them. */
class Batch {
	readonly updates: UpdateToStore[] = [];
	readonly senders = new Set<Connection | null>();
	readonly callbacks: Array<() => void> = [];
	/** What the batch's updates changed, by root (for the extensions). */
	readonly changes = new DocChanges();
}

type RoomState = 'loading' | 'ready' | 'closed';

/**
 * One loaded board: its Y.Doc, awareness and connections.
 *
 * The durability rule: an update is applied to the document when it arrives, collected into the
 * current batch, committed to storage at the end of the tick (one transaction for everything that
 * arrived in it), and only then relayed (merged, encoded once) and acknowledged. Answers to a
 * client's sync step 1 also wait for the commit, so no client ever holds an edit the log lacks.
 * If a commit fails, every client is disconnected with 4503 and the room is dropped: clients keep
 * their unacknowledged edits and resend them when they reconnect to a freshly loaded room.
 */
export class Room implements PeerRoom {
	readonly id: string;
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Set<Connection>();
	/** Resolves when the room has loaded (or rejects when it could not). */
	readonly ready: Promise<void>;
	#deps: RoomDeps;
	#state: RoomState = 'loading';
	#queue: Array<[Connection, Uint8Array]> = [];
	#current: Batch | null = null;
	#inFlight: Batch | null = null;
	#capture: Uint8Array[] | null = null;
	/** Where the transactions of the write being captured record what they changed. */
	#tracking: DocChanges | null = null;
	/** The batch extensions may still write into (during `beforeCommit`). */
	#preparing: Batch | null = null;
	#hooks: RoomHooks[];
	#lastSeq = 0;
	#sinceSnapshot = 0;
	/** Bytes of the stored snapshot plus the log after it (what a load reads). */
	#storedBytes = 0;
	#compacting = false;
	#awarenessDirty = new Set<number>();
	#awarenessOwners = new Map<number, Connection>();
	/** Who may write or speak under each Yjs client id (see client-owners.ts). */
	#owners = new ClientOwners();
	/** What REST writes run on first (see scratch-copy.ts). */
	#scratch: ScratchCopy;
	#onClosed: (room: Room) => void;
	/** This room's link to other processes (scale/peers.ts); null on a single process. */
	#peer: BoardPeer | null = null;
	/** This process's lease on the board's single-writer duties; null: it is the only writer. */
	#lease: BoardLease | null = null;
	readonly remoteClients = new Set<number>();

	constructor(id: string, deps: RoomDeps, onClosed: (room: Room) => void) {
		this.id = id;
		this.#deps = deps;
		this.#onClosed = onClosed;
		this.#scratch = new ScratchCopy(this.doc);
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (this.#capture) this.#capture.push(update);
			else if (origin !== LOAD_ORIGIN && origin !== PEER_ORIGIN)
				this.#deps.log.error('untracked document write', { board: id });
			// Keep the REST writers' scratch copy in step (what came from it is there already).
			if (origin !== SERVER_WRITE) this.#scratch.follow(update);
		});
		const rootName = rootNamer(this.doc);
		this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
			this.#tracking?.record(transaction, rootName);
		});
		const context: RoomContext = {
			id,
			doc: this.doc,
			connections: this.connections,
			log: deps.log,
			leads: () => this.#leads,
			write: (author, fn) => this.#write(author, null, fn, this.#preparing ?? undefined)
		};
		const extensions = deps.extensions ?? [boardRules({ timeZone: deps.timeZone })];
		this.#hooks = extensions.map((extension) => extension(context));
		this.awareness.on('update', ({ added, updated, removed }: AwarenessChanges) => {
			for (const ids of [added, updated, removed])
				for (const id of ids) this.#awarenessDirty.add(id);
			for (const id of removed) this.remoteClients.delete(id);
			if (this.#awarenessDirty.size > 0) queueMicrotask(() => this.#flushAwareness());
		});
		this.ready = this.#load();
		this.ready.catch(() => {});
	}

	get state(): RoomState {
		return this.#state;
	}

	/** Sequence number of the last committed update of the board's log. */
	get lastSeq(): number {
		return this.#lastSeq;
	}

	/** Whether the document holds updates not yet committed (collected or being committed). */
	get pending(): boolean {
		return this.#current !== null || this.#inFlight !== null;
	}

	async #load(): Promise<void> {
		try {
			const loaded = await this.#deps.store.loadDocument(this.id);
			this.#owners.reserve(this.doc.clientID, this.#scratch.clientId);
			let updates = loaded.updates;
			this.#sinceSnapshot = loaded.updatesSinceSnapshot;
			this.#storedBytes =
				(loaded.snapshot?.length ?? 0) + updates.reduce((sum, u) => sum + u.data.length, 0);
			if (loaded.snapshot) {
				const problem = this.#checkStored(loaded.snapshot);
				if (problem === null) {
					// A board loaded from its snapshot alone (as after every unload): the checked bytes
					// are the board, so the connections waiting for it get them before the document is
					// built (which takes as long again, and as long as the client's own apply).
					if (updates.length === 0) await this.#answerFromStored(loaded.snapshot);
					Y.applyUpdate(this.doc, loaded.snapshot, LOAD_ORIGIN);
				} else {
					// A compaction snapshot that does not apply: rebuild from the whole log instead.
					this.#deps.metrics.inc('riskboard_snapshots_rejected_total');
					this.#deps.log.error('compaction snapshot rejected; replaying the log', {
						board: this.id,
						reason: problem
					});
					updates = await this.#deps.store.listUpdates(this.id);
					this.#sinceSnapshot = updates.length;
				}
			}
			await this.#applyLog(updates);
			this.#lastSeq = loaded.lastSeq;
			this.#lease =
				(await this.#deps.leases?.acquire(this.id, (held) => this.#leaseChanged(held))) ?? null;
			// Extensions ask `leads` for single-writer duties (migrations) here.
			for (const hooks of this.#hooks) hooks.loaded?.();
		} catch (error) {
			this.#deps.metrics.inc('riskboard_storage_errors_total');
			this.#deps.log.error('board load failed', { board: this.id, error });
			this.#close(CloseCode.StorageUnavailable, 'board could not be loaded; retrying');
			throw error;
		}
		this.#state = 'ready';
		this.#peer = this.#deps.peers?.attach(this) ?? null;
		for (const connection of this.connections) this.#greet(connection);
		for (const [connection, frame] of this.#queue.splice(0)) this.receive(connection, frame);
	}

	/**
	 * Applies stored updates so that no single one can take the board away: each passes the same
	 * check as a live update first; one that fails waits until the others are in (a log written
	 * out of causal order still loads), and whatever still fails is quarantined — kept in the log,
	 * left out of later loads and history, counted in `/metrics`, shown to the owner.
	 */
	async #applyLog(updates: ReadonlyArray<{ seq: number; data: Uint8Array }>): Promise<void> {
		let waiting = [...updates];
		const problems = new Map<number, string>();
		for (let progress = true; progress && waiting.length > 0;) {
			progress = false;
			const next: typeof waiting = [];
			for (const update of waiting) {
				let problem: string | null;
				try {
					problem = this.#applyStored(update.data);
				} catch (error) {
					// Passed the check yet Yjs threw: the document holds part of it. Quarantine it, so
					// the next load (this one fails) goes without it.
					await this.#deps.store.quarantineUpdates(this.id, [
						{ seq: update.seq, reason: `failed to apply: ${String(error).slice(0, 200)}` }
					]);
					this.#deps.metrics.inc('riskboard_updates_quarantined_total');
					throw error;
				}
				if (problem === null) progress = true;
				else {
					problems.set(update.seq, problem);
					next.push(update);
				}
			}
			waiting = next;
		}
		if (waiting.length === 0) return;
		const entries = waiting.map(({ seq }) => ({ seq, reason: problems.get(seq)! }));
		this.#deps.metrics.inc('riskboard_updates_quarantined_total', {}, entries.length);
		this.#deps.log.error('stored updates quarantined', { board: this.id, entries });
		await this.#deps.store.quarantineUpdates(this.id, entries);
	}

	/** Applies one stored update if it passes the check; returns why not otherwise. */
	#applyStored(data: Uint8Array): string | null {
		const problem = this.#checkStored(data);
		// An accepted update integrates completely; should Yjs still throw, the caller decides.
		if (problem === null) Y.applyUpdate(this.doc, data, LOAD_ORIGIN);
		return problem;
	}

	/** Why a stored update may not be applied to the document as it is now, or null. */
	#checkStored(data: Uint8Array): string | null {
		try {
			checkUpdate(this.doc, data, BOARD_ROOTS);
			return null;
		} catch (error) {
			return error instanceof UpdateRejected ? error.message : String(error);
		}
	}

	/**
	 * While loading, answers the sync step 1 that connections sent first with `state` (the checked
	 * stored board, everything the document will hold before migrations), then marks them synced so
	 * they get every batch from here on (migrations included) like any connection. Yields once
	 * first, so the opening connections' first frames are in. Other frames, and anything after a
	 * connection's first frame that is not a sync step 1, stay queued in order.
	 */
	async #answerFromStored(state: Uint8Array): Promise<void> {
		// Twice: the first may run before this turn of the event loop has read the sockets.
		for (let i = 0; i < 2; i++) await new Promise((resolve) => setImmediate(resolve));
		if (this.#state !== 'loading') return;
		const waiting = new Set<Connection>();
		const answered: Connection[] = [];
		this.#queue = this.#queue.filter(([connection, frame]) => {
			if (waiting.has(connection) || connection.closed) return true;
			waiting.add(connection);
			let stateVector: Map<number, number>;
			try {
				const message = decodeClientMessage(frame);
				if (message.type !== 'sync-step1') return true;
				stateVector = Y.decodeStateVector(message.stateVector);
				if (!connection.allowMessage()) return true;
				const answer = stateVector.size === 0 ? state : Y.diffUpdate(state, message.stateVector);
				this.#deps.metrics.inc('riskboard_messages_received_total');
				connection.send(encodeSyncStep2(answer));
			} catch {
				// Malformed: left for `receive`, which refuses it with the reason.
				return true;
			}
			connection.initialSyncSent = true;
			answered.push(connection);
			waiting.delete(connection);
			return false;
		});
		// Let the answers leave before the document is built (the event loop is busy meanwhile), for
		// at most DRAIN_WAIT_MS: a slow reader only delays the build, it never holds the room.
		const until = performance.now() + DRAIN_WAIT_MS;
		while (answered.some((c) => !c.closed && c.bufferedAmount > 0) && performance.now() < until) {
			await new Promise((resolve) => setImmediate(resolve));
		}
	}

	/** Adds a connection. It is greeted (server sync step 1, awareness) once the room has loaded. */
	join(connection: Connection): void {
		if (this.#state === 'closed') {
			connection.close(CloseCode.StorageUnavailable, 'room closed; reconnect');
			return;
		}
		this.connections.add(connection);
		if (this.#state === 'ready') this.#greet(connection);
	}

	/** Removes a connection and its presence; the room manager decides when to unload. */
	leave(connection: Connection): void {
		if (!this.connections.delete(connection)) return;
		this.#owners.release(connection);
		const ids = [...connection.awarenessIds].filter(
			(id) => this.#awarenessOwners.get(id) === connection
		);
		for (const id of ids) this.#awarenessOwners.delete(id);
		if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, connection);
	}

	/** Handles one binary frame from a connection, in arrival order. */
	receive(connection: Connection, frame: Uint8Array): void {
		if (connection.closed || this.#state === 'closed') return;
		if (this.#state === 'loading') {
			this.#queue.push([connection, frame]);
			return;
		}
		this.#deps.metrics.inc('riskboard_messages_received_total');
		if (!connection.allowMessage()) {
			this.#reject(connection, 'rate-limit', CloseCode.RateLimited, 'too many messages');
			return;
		}
		let message;
		try {
			message = decodeClientMessage(frame);
		} catch (error) {
			const reason = error instanceof ProtocolError ? error.message : 'malformed frame';
			this.#reject(connection, 'malformed', CloseCode.BadMessage, reason);
			return;
		}
		switch (message.type) {
			case 'sync-step1': {
				try {
					Y.decodeStateVector(message.stateVector);
				} catch {
					this.#reject(connection, 'malformed', CloseCode.BadMessage, 'bad state vector');
					return;
				}
				const stateVector = message.stateVector;
				this.#whenCommitted(() => {
					connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
					connection.initialSyncSent = true;
				});
				return;
			}
			case 'sync-step2':
			case 'update':
				this.#receiveUpdate(connection, message.update, message.type === 'sync-step2');
				return;
			case 'awareness':
				this.#receiveAwareness(connection, message.update);
				return;
			case 'query-awareness': {
				const ids = [...this.awareness.getStates().keys()];
				connection.send(
					encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
				);
				return;
			}
			case 'save-request': {
				const id = message.id;
				this.#whenCommitted(() => connection.send(encodeSaved(id)));
				return;
			}
			case 'round-subscribe':
				connection.roundEvents = true;
				return;
			default:
				exhaustiveSwitchError(message, 'client message');
		}
	}

	/**
	 * A server write (REST): runs `fn(doc)` inside the room's capture, so its updates are batched,
	 * committed, then relayed like any client update, stored under `author` (role `system`).
	 * Resolves with `fn`'s result once the batch is committed; rejects if the room is not ready,
	 * if `fn` throws (it ran on a scratch copy, so the room is untouched), or if the commit fails
	 * (the room closes). `fn` must not keep references to the document it is given.
	 */
	async write<T>(fn: (doc: Y.Doc) => T, author: UpdateAuthor = SYSTEM): Promise<T> {
		if (this.#state !== 'ready') throw new Error(`room ${this.id} is ${this.#state}`);
		// Stored with role system, or for the REST board API the writing link's role; never viewer.
		if (author.role === 'viewer') throw new Error('a viewer link never writes');
		// `fn` runs on a scratch copy first: if it throws half-way, the room never saw any of it.
		const { result, changes } = this.#scratch.run(fn);
		this.#write(author, null, () => {
			for (const update of changes) Y.applyUpdate(this.doc, update, SERVER_WRITE);
		});
		await this.settle();
		// The commit failed (storage) or the room is reloading: nothing was stored; retry later.
		if (this.#state !== 'ready') {
			throw new StorageUnavailableError(`room ${this.id} closed before committing`);
		}
		return result;
	}

	/** Tells the connections that asked (RoundSubscribe) about a scoring round; never votes. */
	notifyRound(event: RoundEvent): void {
		if (this.#state !== 'ready') return;
		const frame = encodeRoundEvent(event);
		for (const connection of this.connections) if (connection.roundEvents) connection.send(frame);
	}

	#greet(connection: Connection): void {
		connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
		const ids = [...this.awareness.getStates().keys()];
		if (ids.length > 0) {
			connection.send(
				encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
			);
		}
	}

	#receiveUpdate(connection: Connection, update: Uint8Array, syncAnswer = false): void {
		const early = !connection.syncAnswered;
		if (syncAnswer) connection.syncAnswered = true;
		if (!canWrite(connection.role)) {
			let redundant: boolean;
			try {
				redundant = isRedundantUpdate(this.doc, update);
			} catch {
				this.#reject(connection, 'malformed', CloseCode.BadMessage, 'update cannot be decoded');
				return;
			}
			// The stock client always answers sync step 1, even with nothing new; only real writes are refused.
			if (!redundant) {
				this.#reject(
					connection,
					'read-only',
					CloseCode.Forbidden,
					'read-only link: changes are not accepted'
				);
			}
			return;
		}
		let writes: Map<number, unknown>;
		try {
			writes = checkUpdate(this.doc, update, BOARD_ROOTS).writes;
		} catch (error) {
			// A client that reconnects with edits the server never committed (its process died)
			// may send a new edit before its sync answer, which brings those older edits and this
			// one too: the edit is left for the answer to deliver, not a reason to cut the client.
			if (error instanceof UpdateRejected && error.missing && early && !syncAnswer) {
				this.#deps.metrics.inc('riskboard_updates_before_sync_total');
				return;
			}
			const reason = error instanceof UpdateRejected ? error.message : 'update cannot be decoded';
			this.#reject(connection, 'invalid-update', CloseCode.BadMessage, reason);
			return;
		}
		if (!this.#owners.claim(connection, writes.keys())) {
			this.#reject(
				connection,
				'client-id-taken',
				CloseCode.BadMessage,
				'update writes under a client id another connection uses'
			);
			return;
		}
		const author: UpdateAuthor = {
			role: connection.role,
			connectionId: connection.id,
			tokenId: connection.tokenId,
			name: connection.displayName,
			personId: connection.personId
		};
		try {
			this.#write(author, connection, () => Y.applyUpdate(this.doc, update, connection));
		} catch (error) {
			// The check exists so that this cannot happen; if it does, the document may hold part of
			// the update and can no longer be trusted: commit what was batched, then reload.
			this.#integrityFailure(connection, 'update failed to apply after passing the check', error);
			return;
		}
		if (this.doc.store.pendingStructs || this.doc.store.pendingDs) {
			this.#integrityFailure(connection, 'update left pending structs after passing the check');
		}
	}

	#integrityFailure(connection: Connection, what: string, error?: unknown): void {
		this.#deps.metrics.inc('riskboard_room_resets_total');
		this.#deps.log.error(what, { board: this.id, connection: connection.id, error });
		this.#reject(connection, 'apply-failed', CloseCode.BadMessage, 'update could not be applied');
		this.#poisoned();
	}

	/**
	 * Runs `fn`, capturing the document updates it causes, and batches them under `author` (into
	 * `batch`, or the batch being collected). If `fn` throws, nothing is batched and it rethrows.
	 */
	#write(author: UpdateAuthor, sender: Connection | null, fn: () => void, batch?: Batch): void {
		const captured: Uint8Array[] = [];
		const changes = new DocChanges();
		const outer = this.#tracking;
		this.#capture = captured;
		this.#tracking = changes;
		try {
			fn();
		} finally {
			this.#capture = null;
			this.#tracking = outer;
		}
		if (captured.length === 0) return;
		const target = batch ?? this.#currentBatch();
		const at = Date.now();
		for (const data of captured) target.updates.push({ data, at, ...author });
		target.senders.add(sender);
		target.changes.merge(changes);
	}

	#currentBatch(): Batch {
		if (!this.#current) {
			this.#current = new Batch();
			if (!this.#inFlight) setImmediate(() => void this.#flush());
		}
		return this.#current;
	}

	/** Calls `fn` once everything received so far is committed and nothing uncommitted is in the doc. */
	#whenCommitted(fn: () => void): void {
		const waitOn = this.#current ?? this.#inFlight;
		if (!waitOn) {
			fn();
			return;
		}
		// Re-check on completion: with an asynchronous store, new updates may have arrived meanwhile.
		waitOn.callbacks.push(() => this.#whenCommitted(fn));
	}

	async #flush(): Promise<void> {
		const batch = this.#current;
		if (!batch || this.#inFlight || this.#state === 'closed') return;
		this.#current = null;
		this.#inFlight = batch;
		let committedTo: number;
		try {
			// Domain fixes (and anything listed before them) write into this batch.
			this.#preparing = batch;
			try {
				for (const hooks of this.#hooks) hooks.beforeCommit?.(batch.changes);
			} finally {
				this.#preparing = null;
			}
			committedTo = await this.#deps.store.appendUpdates(this.id, batch.updates);
		} catch (error) {
			this.#deps.metrics.inc('riskboard_storage_errors_total');
			this.#deps.log.error('commit failed; closing room', { board: this.id, error });
			this.#close(
				CloseCode.StorageUnavailable,
				'storage unavailable; your changes are kept, reconnect later'
			);
			return;
		}
		this.#inFlight = null;
		this.#sinceSnapshot += batch.updates.length;
		for (const update of batch.updates) this.#storedBytes += update.data.length;
		this.#deps.metrics.inc('riskboard_updates_stored_total', {}, batch.updates.length);
		this.#deps.metrics.inc('riskboard_batches_committed_total');
		const datas = batch.updates.map((u) => u.data);
		const merged = datas.length === 1 ? datas[0]! : Y.mergeUpdates(datas);
		// The after-commit point: other processes get the batch first (the peer publishes it and
		// answers the room's watermark, which stays below this batch while an earlier sequence
		// committed elsewhere is not integrated yet).
		this.#lastSeq = this.#peer
			? this.#peer.committed(committedTo - datas.length + 1, committedTo, merged)
			: committedTo;
		const commit: CommittedBatch = {
			updates: batch.updates,
			merged,
			lastSeq: this.#lastSeq,
			changes: batch.changes
		};
		for (const hooks of this.#hooks) {
			try {
				hooks.afterCommit?.(commit);
			} catch (error) {
				this.#deps.log.error('afterCommit hook failed', { board: this.id, error });
			}
		}
		this.#relay(batch, merged);
		for (const callback of batch.callbacks) callback();
		if (this.#current) void this.#flush();
		if (this.#sinceSnapshot >= this.#deps.compactEvery) void this.compact();
	}

	#relay(batch: Batch, merged: Uint8Array): void {
		const frame = encodeUpdate(merged);
		// A batch from a single sender need not echo back to it; mixed batches go to everyone.
		const only = batch.senders.size === 1 ? [...batch.senders][0] : undefined;
		for (const connection of this.connections) {
			if (connection !== only && connection.initialSyncSent) connection.send(frame);
		}
	}

	#receiveAwareness(connection: Connection, update: Uint8Array): void {
		let entries;
		try {
			entries = decodeAwarenessUpdate(update);
		} catch {
			this.#reject(
				connection,
				'malformed',
				CloseCode.BadMessage,
				'awareness update cannot be decoded'
			);
			return;
		}
		const allowed = entries.filter((entry) => {
			const owner = this.#awarenessOwners.get(entry.clientId);
			if (owner && owner !== connection) return false;
			if (entry.json.length > MAX_AWARENESS_STATE) return false;
			if (!owner) {
				if (connection.awarenessIds.size >= MAX_AWARENESS_IDS) return false;
				// Presence of a connection on another process (see `applyRemoteAwareness`).
				if (this.remoteClients.has(entry.clientId)) return false;
				// The id stays with the link that first used it, also after that connection left.
				if (!this.#owners.claim(connection, [entry.clientId])) return false;
				this.#awarenessOwners.set(entry.clientId, connection);
				connection.awarenessIds.add(entry.clientId);
			}
			return true;
		});
		if (allowed.length < entries.length) {
			this.#deps.metrics.inc('riskboard_frames_rejected_total', { reason: 'awareness-foreign' });
		}
		if (allowed.length > 0) {
			awarenessProtocol.applyAwarenessUpdate(
				this.awareness,
				encodeAwarenessEntries(allowed),
				connection
			);
			// The name (and person) the connection's own presence goes by now (focus changes leave
			// them alone). A person id that is not on the board's list counts as a name only.
			const named = allowed.findLast((entry) => presenceName(entry.state) !== null);
			const name = named ? presenceName(named.state) : null;
			const claimed = named ? presencePersonId(named.state) : null;
			const personId = claimed !== null && isPerson(this.doc, claimed) ? claimed : null;
			if (name && (name !== connection.displayName || personId !== connection.personId)) {
				connection.displayName = name;
				connection.personId = personId;
				for (const hooks of this.#hooks) hooks.identityChanged?.(connection);
			}
		}
	}

	#flushAwareness(): void {
		if (this.#awarenessDirty.size === 0 || this.#state === 'closed') return;
		const ids = [...this.#awarenessDirty];
		this.#awarenessDirty.clear();
		const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids));
		for (const connection of this.connections) connection.send(frame);
	}

	#reject(connection: Connection, reason: string, code: number, message: string): void {
		this.#deps.metrics.inc('riskboard_frames_rejected_total', { reason });
		this.#deps.log.warn('frame rejected', {
			board: this.id,
			connection: connection.id,
			role: connection.role,
			reason,
			detail: message
		});
		connection.close(code, message);
	}

	/** The document can no longer be trusted: commit what is batched, then drop the room. */
	#poisoned(): void {
		void this.settle().finally(() =>
			this.#close(CloseCode.StorageUnavailable, 'board is reloading; reconnect')
		);
	}

	/** Resolves when nothing is waiting to be committed, or when the room closed. */
	settle(): Promise<void> {
		if (this.#state === 'closed' || (!this.#current && !this.#inFlight)) return Promise.resolve();
		return new Promise((resolve) => {
			const done = () => {
				this.#closeWaiters.delete(done);
				resolve();
			};
			// A failed commit never runs its callbacks; closing the room resolves the waiters instead.
			this.#closeWaiters.add(done);
			this.#whenCommitted(done);
		});
	}

	#closeWaiters = new Set<() => void>();

	/** See `PeerRoom.applyCommitted`: another process's committed update, relayed here. */
	applyCommitted(update: Uint8Array, throughSeq: number): void {
		if (this.#state !== 'ready') return;
		const changes = new DocChanges();
		const outer = this.#tracking;
		this.#tracking = changes;
		try {
			Y.applyUpdate(this.doc, update, PEER_ORIGIN);
		} finally {
			this.#tracking = outer;
		}
		// Others' commits count towards compaction too (done by the lease holder).
		this.#sinceSnapshot += Math.max(0, throughSeq - this.#lastSeq);
		this.#storedBytes += update.length;
		this.#lastSeq = Math.max(this.#lastSeq, throughSeq);
		// Fixes an extension writes here (the lease holder's risk keys) go into the next batch.
		for (const hooks of this.#hooks) {
			try {
				hooks.remoteCommitted?.(changes);
			} catch (error) {
				this.#deps.log.error('remoteCommitted hook failed', { board: this.id, error });
			}
		}
		const frame = encodeUpdate(update);
		for (const connection of this.connections) {
			if (connection.initialSyncSent) connection.send(frame);
		}
		if (this.#sinceSnapshot >= this.#deps.compactEvery) void this.compact();
	}

	/** See `PeerRoom.applyRemoteAwareness`: presence of other processes' clients. */
	applyRemoteAwareness(update: Uint8Array): void {
		if (this.#state !== 'ready') return;
		let entries;
		try {
			entries = decodeAwarenessUpdate(update);
		} catch {
			return;
		}
		// Never let another process speak for this process's own connections.
		const foreign = entries.filter((entry) => !this.#awarenessOwners.has(entry.clientId));
		for (const entry of foreign) {
			if (entry.state === null) this.remoteClients.delete(entry.clientId);
			else this.remoteClients.add(entry.clientId);
		}
		if (foreign.length > 0) {
			awarenessProtocol.applyAwarenessUpdate(
				this.awareness,
				encodeAwarenessEntries(foreign),
				PEER_ORIGIN
			);
		}
	}

	/** Whether this process runs the board's single-writer duties (see `RoomDeps.leases`). */
	get #leads(): boolean {
		return this.#lease ? this.#lease.held : true;
	}

	/** Gained or lost the lease (its holder went away): extensions catch up on what waited. */
	#leaseChanged(held: boolean): void {
		this.#deps.log.info(held ? 'board lease gained' : 'board lease lost', { board: this.id });
		if (!held || this.#state !== 'ready') return;
		for (const hooks of this.#hooks) {
			try {
				hooks.leaseGained?.();
			} catch (error) {
				this.#deps.log.error('leaseGained hook failed', { board: this.id, error });
			}
		}
	}

	/** Brings the room up to the log's head (other processes' commits) before a REST read. */
	async catchUp(): Promise<void> {
		await this.#peer?.catchUp();
	}

	/** Folds the log into a snapshot so the next load is one read. Failures are logged, not fatal. */
	async compact(): Promise<void> {
		if (this.#compacting || this.#state !== 'ready' || this.#sinceSnapshot === 0) return;
		if (!this.#leads) return; // the lease holder compacts
		this.#compacting = true;
		try {
			await this.settle();
			const throughSeq = this.#lastSeq;
			const data = Y.encodeStateAsUpdate(this.doc);
			const counted = this.#sinceSnapshot;
			await this.#deps.store.writeSnapshot(this.id, { data, throughSeq });
			this.#sinceSnapshot -= counted;
			this.#storedBytes = data.length;
		} catch (error) {
			this.#deps.metrics.inc('riskboard_storage_errors_total');
			this.#deps.log.error('compaction failed', { board: this.id, error });
		} finally {
			this.#compacting = false;
		}
	}

	/** Commits what is pending, snapshots (unless the board is small, see below), closes every connection and frees the document. */
	async shutdown(
		code: number = CloseCode.GoingAway,
		reason = 'server is restarting'
	): Promise<void> {
		await this.ready.catch(() => {});
		await this.settle();
		// A small board with a short log loads as fast from the log as from a snapshot: skip the
		// (fsync'd) snapshot write, the largest cost of visiting many small boards. A large board
		// always gets one, so its next load is the snapshot alone (answered early, see #load).
		if (
			this.#sinceSnapshot >= UNLOAD_COMPACT_UPDATES ||
			(this.#sinceSnapshot > 0 && this.#storedBytes >= UNLOAD_COMPACT_BYTES)
		) {
			await this.compact();
		}
		this.#close(code, reason);
	}

	#close(code: number, reason: string): void {
		if (this.#state === 'closed') return;
		this.#state = 'closed';
		this.#peer?.detach();
		this.#lease?.release();
		for (const connection of this.connections) connection.close(code, reason);
		this.connections.clear();
		this.#queue = [];
		this.awareness.destroy();
		this.#scratch.drop();
		this.doc.destroy();
		for (const resolve of [...this.#closeWaiters]) resolve();
		this.#onClosed(this);
	}
}

interface AwarenessChanges {
	added: number[];
	updated: number[];
	removed: number[];
}
