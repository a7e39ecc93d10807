import type {
	BoardRecord,
	BoardStore,
	DocumentLoad,
	StoredUpdate,
	TokenRecord,
	UpdateToStore
} from './types.ts';

interface MemoryBoard {
	record: BoardRecord;
	log: StoredUpdate[];
	snapshot: { data: Uint8Array; throughSeq: number } | null;
}

/** An in-memory BoardStore for unit tests and throwaway servers. Copies bytes in and out. */
export class MemoryStore implements BoardStore {
	readonly kind = 'memory';
	#boards = new Map<string, MemoryBoard>();
	#tokens = new Map<string, TokenRecord>();

	async createBoard(input: {
		board: BoardRecord;
		tokens: TokenRecord[];
		initialUpdate: UpdateToStore;
	}): Promise<void> {
		if (this.#boards.has(input.board.id)) throw new Error(`board ${input.board.id} exists`);
		this.#boards.set(input.board.id, {
			record: { ...input.board },
			log: [{ ...input.initialUpdate, data: input.initialUpdate.data.slice(), seq: 1 }],
			snapshot: null
		});
		for (const token of input.tokens) this.#tokens.set(token.hash, { ...token });
	}

	async getBoard(id: string): Promise<BoardRecord | null> {
		const board = this.#boards.get(id);
		return board ? { ...board.record } : null;
	}

	async findToken(boardId: string, hash: string): Promise<TokenRecord | null> {
		const token = this.#tokens.get(hash);
		return token && token.boardId === boardId ? { ...token } : null;
	}

	async loadDocument(boardId: string): Promise<DocumentLoad> {
		const board = this.#require(boardId);
		const after = board.snapshot?.throughSeq ?? 0;
		const updates = board.log.filter((u) => u.seq > after).map((u) => u.data.slice());
		return {
			snapshot: board.snapshot ? board.snapshot.data.slice() : null,
			updates,
			lastSeq: board.log.at(-1)?.seq ?? 0,
			updatesSinceSnapshot: updates.length
		};
	}

	async appendUpdates(boardId: string, updates: UpdateToStore[]): Promise<number> {
		const board = this.#require(boardId);
		let seq = board.log.at(-1)?.seq ?? 0;
		for (const update of updates)
			board.log.push({ ...update, data: update.data.slice(), seq: ++seq });
		return seq;
	}

	async writeSnapshot(
		boardId: string,
		snapshot: { data: Uint8Array; throughSeq: number }
	): Promise<void> {
		const board = this.#require(boardId);
		if (board.snapshot && board.snapshot.throughSeq > snapshot.throughSeq) return;
		board.snapshot = { data: snapshot.data.slice(), throughSeq: snapshot.throughSeq };
	}

	async listUpdates(
		boardId: string,
		options: { afterSeq?: number; limit?: number } = {}
	): Promise<StoredUpdate[]> {
		const after = options.afterSeq ?? 0;
		return this.#require(boardId)
			.log.filter((u) => u.seq > after)
			.slice(0, options.limit ?? Infinity)
			.map((u) => ({ ...u, data: u.data.slice() }));
	}

	async close(): Promise<void> {}

	#require(boardId: string): MemoryBoard {
		const board = this.#boards.get(boardId);
		if (!board) throw new Error(`board ${boardId} not found`);
		return board;
	}
}
