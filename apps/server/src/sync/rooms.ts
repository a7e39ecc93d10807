import { runningReviewId } from '@riskboard/model';
import { CloseCode } from '@riskboard/protocol';
import type * as Y from 'yjs';
import { StorageUnavailableError } from '../storage/errors.ts';
import type { UpdateAuthor } from '../storage/types.ts';
import type { Connection } from './connection.ts';
import { Room, type RoomDeps } from './room.ts';
import { ScoringRounds } from './rounds.ts';

/** How often `read` retries when the room closes under it (a failed commit, a poisoned doc). */
const READ_ATTEMPTS = 3;
/** A board's scoring rounds are dropped after this long without use. */
export const ROUNDS_IDLE_MS = 12 * 60 * 60 * 1000;

/**
 * Loaded rooms by board id. A board is loaded once however many clients arrive together; a room
 * is unloaded `graceMs` after its last client leaves and its last reader is done; a board whose
 * room is still closing (its last batch committing) is not loaded again until that finished, so
 * no edit is read from a stale log.
 */
export class RoomManager {
	#rooms = new Map<string, Room>();
	#closing = new Map<string, Promise<void>>();
	#timers = new Map<string, ReturnType<typeof setTimeout>>();
	/** Boards with a `read` in progress, and how many: they must not unload meanwhile. */
	#readers = new Map<string, number>();
	/**
	 * Silent scoring rounds per board: server memory only (never the document, awareness, log or
	 * logs). Kept here, not in the room, so a round survives its room unloading when everyone
	 * reloads at once; dropped when the board's review stops running or after `roundsIdleMs`.
	 */
	#rounds = new Map<string, { rounds: ScoringRounds; usedAt: number }>();
	#deps: RoomDeps;
	#graceMs: number;
	#roundsIdleMs: number;

	constructor(deps: RoomDeps & { graceMs: number; roundsIdleMs?: number }) {
		this.#deps = deps;
		this.#graceMs = deps.graceMs;
		this.#roundsIdleMs = deps.roundsIdleMs ?? ROUNDS_IDLE_MS;
	}

	get size(): number {
		return this.#rooms.size;
	}

	/** The loaded room of a board, if any (for tests and metrics). */
	get(boardId: string): Room | undefined {
		return this.#rooms.get(boardId);
	}

	/**
	 * Joins a connection to its board's room and returns the function that feeds it frames. Frames
	 * that arrive before the room exists are kept, in order, and handed over when it does.
	 */
	join(connection: Connection): (frame: Uint8Array) => void {
		let room: Room | null = null;
		const early: Uint8Array[] = [];
		// Joined while the room still loads: it queues the frames and can answer a first sync step 1
		// from the stored board before its document is built (Room.#answerFromStored). A room that
		// fails to load closes the connections it holds.
		void this.#roomFor(connection.boardId, false).then(
			(r) => {
				if (connection.closed) return;
				room = r;
				r.join(connection);
				for (const frame of early.splice(0)) r.receive(connection, frame);
			},
			() => connection.close(CloseCode.StorageUnavailable, 'board could not be loaded; retrying')
		);
		return (frame) => {
			if (room) room.receive(connection, frame);
			else early.push(frame);
		};
	}

	/**
	 * Runs `fn` on a board's document as committed to storage, whether or not anyone is connected:
	 * loads the room if needed, waits until nothing is waiting to be committed, then calls `fn`
	 * synchronously, so no update can arrive between the check and the read. `fn` must only read
	 * (`readBoard`, `Y.encodeStateAsUpdate`); server writes go through `write`.
	 * Afterwards the room unloads `graceMs` later unless someone is connected. Rejects when the
	 * board cannot be loaded or keeps closing.
	 */
	async read<T>(boardId: string, fn: (doc: Y.Doc) => T): Promise<T> {
		return this.withRoom(boardId, (room) => fn(room.doc));
	}

	/**
	 * A server write on a board (REST): like `read`, waits for the committed document, then runs
	 * `fn(doc)` through the room's commit-before-relay pipeline (`Room.write`), stored with role
	 * `system` and the given author's connection and token ids. Resolves once committed.
	 */
	async write<T>(
		boardId: string,
		fn: (doc: Y.Doc) => T,
		author: UpdateAuthor = { role: 'system', connectionId: 'server', tokenId: null, name: null }
	): Promise<T> {
		return this.withRoom(boardId, (room) => room.write(fn, author));
	}

	/**
	 * Calls `fn` with a board's loaded room once nothing is waiting to be committed (see `read`),
	 * synchronously after that check, and keeps the room loaded meanwhile. For `read`, `write` and
	 * the room's in-memory state (scoring rounds).
	 */
	async withRoom<T>(boardId: string, fn: (room: Room) => T | Promise<T>): Promise<T> {
		this.#readers.set(boardId, (this.#readers.get(boardId) ?? 0) + 1);
		try {
			for (let attempt = 1; ; attempt++) {
				const room = await this.#roomFor(boardId);
				// Other processes' commits first (scale-out), so a REST read sees the log's head.
				if (room.state === 'ready') await room.catchUp();
				// Frames queued before the room loaded may be applied after one settle: settle again.
				while (room.state === 'ready' && room.pending) await room.settle();
				if (room.state === 'ready') return await fn(room);
				if (attempt >= READ_ATTEMPTS) {
					throw new StorageUnavailableError(`board ${boardId} keeps closing`);
				}
			}
		} finally {
			const left = (this.#readers.get(boardId) ?? 1) - 1;
			if (left > 0) this.#readers.set(boardId, left);
			else this.#readers.delete(boardId);
			const room = this.#rooms.get(boardId);
			if (room && left === 0 && room.connections.size === 0) this.#scheduleUnload(room);
		}
	}

	/**
	 * Like `withRoom`, with the board's scoring rounds: only those of the review running now (the
	 * rounds of a review that ended or was superseded are dropped first). Boards whose rounds
	 * were not used for `roundsIdleMs` are forgotten on the way.
	 */
	async withRounds<T>(
		boardId: string,
		fn: (room: Room, rounds: ScoringRounds) => T | Promise<T>
	): Promise<T> {
		return this.withRoom(boardId, (room) => {
			const now = Date.now();
			for (const [id, entry] of this.#rounds) {
				if (now - entry.usedAt > this.#roundsIdleMs) this.#rounds.delete(id);
			}
			let entry = this.#rounds.get(boardId);
			if (!entry) this.#rounds.set(boardId, (entry = { rounds: new ScoringRounds(), usedAt: now }));
			entry.usedAt = now;
			entry.rounds.keepReview(runningReviewId(room.doc));
			return fn(room, entry.rounds);
		});
	}

	/**
	 * Closes every live connection of a board that was opened with `tokenId` (a revoked link) with
	 * `code` and `reason`; returns how many. Connections still waiting for their room to load are
	 * caught by the next `liveTokens` sweep.
	 */
	closeLink(boardId: string, tokenId: string, code: number, reason: string): number {
		const room = this.#rooms.get(boardId);
		if (!room) return 0;
		let closed = 0;
		for (const connection of [...room.connections]) {
			if (connection.tokenId !== tokenId || connection.closed) continue;
			connection.close(code, reason);
			closed++;
		}
		return closed;
	}

	/** The token ids of the live connections, by board (what a revocation sweep checks). */
	liveTokens(): Map<string, Set<string>> {
		const live = new Map<string, Set<string>>();
		for (const room of this.#rooms.values()) {
			for (const connection of room.connections) {
				if (connection.tokenId === null || connection.closed) continue;
				let tokens = live.get(room.id);
				if (!tokens) live.set(room.id, (tokens = new Set()));
				tokens.add(connection.tokenId);
			}
		}
		return live;
	}

	/** Removes a connection; schedules the unload when its room becomes empty. */
	leave(connection: Connection): void {
		const room = this.#rooms.get(connection.boardId);
		if (!room || !room.connections.has(connection)) return;
		room.leave(connection);
		if (room.connections.size === 0) this.#scheduleUnload(room);
	}

	async #roomFor(boardId: string, loaded = true): Promise<Room> {
		for (;;) {
			const closing = this.#closing.get(boardId);
			if (!closing) break;
			await closing;
		}
		let room = this.#rooms.get(boardId);
		if (!room) {
			room = new Room(boardId, this.#deps, (closed) => this.#forget(closed));
			this.#rooms.set(boardId, room);
			this.#deps.metrics.set('riskboard_rooms_loaded', this.#rooms.size);
		}
		this.#cancelUnload(boardId);
		if (loaded) await room.ready;
		return room;
	}

	#scheduleUnload(room: Room): void {
		this.#cancelUnload(room.id);
		const timer = setTimeout(() => {
			this.#timers.delete(room.id);
			if (room.connections.size === 0 && !this.#readers.has(room.id)) void this.#unload(room);
		}, this.#graceMs);
		timer.unref?.();
		this.#timers.set(room.id, timer);
	}

	#cancelUnload(boardId: string): void {
		const timer = this.#timers.get(boardId);
		if (timer) clearTimeout(timer);
		this.#timers.delete(boardId);
	}

	async #unload(room: Room, code: number = CloseCode.GoingAway, reason?: string): Promise<void> {
		if (this.#rooms.get(room.id) !== room) return;
		this.#rooms.delete(room.id);
		const done = room.shutdown(code, reason).finally(() => this.#closing.delete(room.id));
		this.#closing.set(room.id, done);
		this.#deps.metrics.set('riskboard_rooms_loaded', this.#rooms.size);
		await done;
	}

	#forget(room: Room): void {
		if (this.#rooms.get(room.id) === room) {
			this.#rooms.delete(room.id);
			this.#deps.metrics.set('riskboard_rooms_loaded', this.#rooms.size);
		}
	}

	/** Commits everything, snapshots and closes every room (graceful shutdown). */
	async closeAll(reason = 'server is restarting'): Promise<void> {
		for (const boardId of [...this.#timers.keys()]) this.#cancelUnload(boardId);
		await Promise.all(
			[...this.#rooms.values()].map((room) => this.#unload(room, CloseCode.GoingAway, reason))
		);
		await Promise.all([...this.#closing.values()]);
	}
}
