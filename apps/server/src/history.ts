/**
 * Per-board edit history in server memory: a `BoardHistory` (@riskboard/model) per board, fed
 * from the stored update log and brought up to date incrementally (only the updates after the
 * last sequence number it applied) before each use. The log is append-only and kept after
 * compaction, so a history can always be rebuilt from sequence 1; this cache only saves the
 * replay. Replaying is not free (about 90 µs per stored update on a 200-risk board, see the
 * README), so a cold board is replayed in slices that yield to the event loop, and at most
 * `maxBoards` histories are kept (least recently used dropped first).
 */
import { BoardHistory } from '@riskboard/model';
import type { BoardStore } from './storage/types.ts';

/** Histories kept in memory at once. */
export const HISTORY_MAX_BOARDS = 8;
/** Stored updates read and applied per slice before yielding to the event loop. */
const SLICE = 500;

interface Entry {
	history: BoardHistory;
	/** The catch-up in progress (one at a time per board). */
	ready: Promise<void>;
}

export class HistoryCache {
	#store: BoardStore;
	#maxBoards: number;
	#boards = new Map<string, Entry>();

	constructor(options: { store: BoardStore; maxBoards?: number }) {
		this.#store = options.store;
		this.#maxBoards = options.maxBoards ?? HISTORY_MAX_BOARDS;
	}

	/** Boards held (for tests and metrics). */
	get size(): number {
		return this.#boards.size;
	}

	/**
	 * The board's history including every update committed before this call. Concurrent callers
	 * share one catch-up. Rejects when the store fails (the entry is dropped and rebuilt later).
	 */
	async get(boardId: string): Promise<BoardHistory> {
		let entry = this.#boards.get(boardId);
		if (entry) this.#boards.delete(boardId);
		entry ??= { history: new BoardHistory(), ready: Promise.resolve() };
		this.#boards.set(boardId, entry); // most recently used last
		for (const old of this.#boards.keys()) {
			if (this.#boards.size <= this.#maxBoards) break;
			this.#boards.delete(old);
		}
		const current = entry;
		current.ready = current.ready.then(() => this.#catchUp(boardId, current.history));
		try {
			await current.ready;
		} catch (error) {
			if (this.#boards.get(boardId) === current) this.#boards.delete(boardId);
			throw error;
		}
		return current.history;
	}

	async #catchUp(boardId: string, history: BoardHistory): Promise<void> {
		for (;;) {
			const updates = await this.#store.listUpdates(boardId, {
				afterSeq: history.lastSeq,
				limit: SLICE
			});
			for (const u of updates) {
				history.apply({ seq: u.seq, at: u.at, by: u.name, role: u.role, data: u.data });
			}
			if (updates.length < SLICE) return;
			await new Promise((resolve) => setImmediate(resolve));
		}
	}
}
