import type { SnapshotMeta } from '@riskboard/protocol';
import type {
	BoardRecord,
	NamedSnapshotRecord,
	BoardStore,
	QuarantinedUpdate,
	DocumentLoad,
	ImportLimits,
	ImportRecord,
	ImportStatus,
	ImportSummary,
	StoredUpdate,
	IdempotencyRecord,
	RevokeResult,
	TokenRecord,
	UpdateToStore
} from './types.ts';

interface MemoryBoard {
	record: BoardRecord;
	log: StoredUpdate[];
	snapshot: { data: Uint8Array; throughSeq: number } | null;
	/** Named snapshots in creation order; entries are never changed, only removed. */
	named: NamedSnapshotRecord[];
	quarantined: Map<number, QuarantinedUpdate>;
}

function copySnapshot(record: NamedSnapshotRecord): NamedSnapshotRecord {
	return {
		meta: { ...record.meta },
		boardJson: record.boardJson,
		state: record.state.slice(),
		throughSeq: record.throughSeq
	};
}

function copyImport(record: ImportRecord): ImportRecord {
	return { ...record, file: record.file.slice() };
}

/** An in-memory BoardStore for unit tests and throwaway servers. Copies bytes in and out. */
export class MemoryStore implements BoardStore {
	readonly kind = 'memory';
	#boards = new Map<string, MemoryBoard>();
	#tokens = new Map<string, TokenRecord>();
	/** Idempotency records by `board \0 token \0 key`. */
	#idempotency = new Map<string, IdempotencyRecord>();
	/** Imports by `${boardId} ${id}`. */
	#imports = new Map<string, ImportRecord>();

	async createBoard(input: {
		board: BoardRecord;
		tokens: TokenRecord[];
		initialUpdate: UpdateToStore;
	}): Promise<void> {
		if (this.#boards.has(input.board.id)) throw new Error(`board ${input.board.id} exists`);
		this.#boards.set(input.board.id, {
			record: { ...input.board },
			log: [
				{
					...input.initialUpdate,
					personId: input.initialUpdate.personId ?? null,
					data: input.initialUpdate.data.slice(),
					seq: 1
				}
			],
			snapshot: null,
			named: [],
			quarantined: new Map()
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

	async listTokens(boardId: string): Promise<TokenRecord[]> {
		return [...this.#tokens.values()].filter((t) => t.boardId === boardId).map((t) => ({ ...t }));
	}

	async addToken(token: TokenRecord): Promise<void> {
		this.#require(token.boardId);
		if (this.#tokens.has(token.hash)) throw new Error('token hash exists');
		this.#tokens.set(token.hash, { ...token });
	}

	#token(boardId: string, tokenId: string): TokenRecord | undefined {
		for (const token of this.#tokens.values()) {
			if (token.boardId === boardId && token.id === tokenId) return token;
		}
		return undefined;
	}

	async revokeToken(boardId: string, tokenId: string, at: string): Promise<RevokeResult> {
		const token = this.#token(boardId, tokenId);
		if (!token) return 'not_found';
		if (token.revokedAt !== null) return 'already_revoked';
		if (token.role === 'owner') {
			const owners = (await this.listTokens(boardId)).filter(
				(t) => t.role === 'owner' && t.revokedAt === null
			);
			if (owners.length <= 1) return 'last_owner';
		}
		token.revokedAt = at;
		return 'revoked';
	}

	async touchToken(boardId: string, tokenId: string, at: string): Promise<void> {
		const token = this.#token(boardId, tokenId);
		if (token) token.lastUsedAt = at;
	}

	async getIdempotency(
		boardId: string,
		tokenId: string,
		key: string,
		notBefore: number
	): Promise<IdempotencyRecord | null> {
		const record = this.#idempotency.get(`${boardId}\0${tokenId}\0${key}`);
		return record && record.createdAt >= notBefore ? { ...record } : null;
	}

	async putIdempotency(record: IdempotencyRecord, notBefore: number): Promise<boolean> {
		for (const [id, held] of this.#idempotency) {
			if (held.createdAt < notBefore) this.#idempotency.delete(id);
		}
		const id = `${record.boardId}\0${record.tokenId}\0${record.key}`;
		if (this.#idempotency.has(id)) return false;
		this.#idempotency.set(id, { ...record });
		return true;
	}

	async loadDocument(boardId: string): Promise<DocumentLoad> {
		const board = this.#require(boardId);
		const after = board.snapshot?.throughSeq ?? 0;
		const updates = board.log
			.filter((u) => u.seq > after && !board.quarantined.has(u.seq))
			.map((u) => ({ seq: u.seq, data: u.data.slice() }));
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
			board.log.push({
				...update,
				personId: update.personId ?? null,
				data: update.data.slice(),
				seq: ++seq
			});
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
		const board = this.#require(boardId);
		return board.log
			.filter((u) => u.seq > after && !board.quarantined.has(u.seq))
			.slice(0, options.limit ?? Infinity)
			.map((u) => ({ ...u, data: u.data.slice() }));
	}

	async quarantineUpdates(
		boardId: string,
		entries: Array<{ seq: number; reason: string }>
	): Promise<void> {
		const board = this.#require(boardId);
		const at = Date.now();
		for (const { seq, reason } of entries) {
			if (!board.quarantined.has(seq)) board.quarantined.set(seq, { seq, reason, at });
		}
	}

	async listQuarantined(boardId: string): Promise<QuarantinedUpdate[]> {
		return [...this.#require(boardId).quarantined.values()]
			.sort((a, b) => a.seq - b.seq)
			.map((q) => ({ ...q }));
	}

	async createNamedSnapshot(record: NamedSnapshotRecord): Promise<void> {
		const board = this.#require(record.meta.boardId);
		if (board.named.some((s) => s.meta.id === record.meta.id)) {
			throw new Error(`snapshot ${record.meta.id} exists`);
		}
		board.named.push(copySnapshot(record));
	}

	async listNamedSnapshots(boardId: string): Promise<SnapshotMeta[]> {
		return (this.#boards.get(boardId)?.named ?? []).map((s) => ({ ...s.meta })).reverse();
	}

	async getNamedSnapshot(boardId: string, id: string): Promise<NamedSnapshotRecord | null> {
		const found = this.#boards.get(boardId)?.named.find((s) => s.meta.id === id);
		return found ? copySnapshot(found) : null;
	}

	async deleteNamedSnapshot(boardId: string, id: string): Promise<boolean> {
		const board = this.#boards.get(boardId);
		const index = board ? board.named.findIndex((s) => s.meta.id === id) : -1;
		if (index < 0) return false;
		board!.named.splice(index, 1);
		return true;
	}

	async createImport(record: ImportRecord, limits: ImportLimits): Promise<boolean> {
		this.#require(record.boardId);
		let total = 0;
		for (const [key, stored] of this.#imports) {
			if (stored.status !== 'preview') continue;
			if ((stored.expiresAt ?? 0) <= limits.now) this.#imports.delete(key);
			else total += stored.file.byteLength + stored.state.length;
		}
		if (total + record.file.byteLength + record.state.length > limits.maxPreviewBytes) return false;
		const key = `${record.boardId} ${record.id}`;
		if (this.#imports.has(key)) throw new Error(`import ${record.id} exists`);
		this.#imports.set(key, copyImport(record));
		return true;
	}

	async getImport(boardId: string, id: string, now: number): Promise<ImportRecord | null> {
		const record = this.#imports.get(`${boardId} ${id}`);
		if (!record) return null;
		if (record.status === 'preview' && (record.expiresAt ?? 0) <= now) return null;
		return copyImport(record);
	}

	async updateImportState(
		boardId: string,
		id: string,
		state: string,
		expiresAt: number
	): Promise<boolean> {
		const record = this.#imports.get(`${boardId} ${id}`);
		if (!record || record.status !== 'preview') return false;
		record.state = state;
		record.expiresAt = expiresAt;
		return true;
	}

	async transitionImport(
		boardId: string,
		id: string,
		from: ImportStatus,
		to: ImportStatus,
		patch: Partial<ImportRecord> = {}
	): Promise<boolean> {
		const record = this.#imports.get(`${boardId} ${id}`);
		if (!record || record.status !== from) return false;
		Object.assign(record, copyImport({ ...record, ...patch }), { status: to });
		return true;
	}

	async listImports(boardId: string): Promise<ImportSummary[]> {
		return [...this.#imports.values()]
			.filter((r) => r.boardId === boardId && (r.status === 'committed' || r.status === 'undone'))
			.reverse()
			.map(({ file: _file, state: _state, ...summary }) => ({ ...summary }));
	}

	async close(): Promise<void> {}

	#require(boardId: string): MemoryBoard {
		const board = this.#boards.get(boardId);
		if (!board) throw new Error(`board ${boardId} not found`);
		return board;
	}
}
