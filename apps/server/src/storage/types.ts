import type { SnapshotMeta } from '@riskboard/model';
import type { Role } from '@riskboard/protocol';

/** A board's row: what exists outside its Yjs document. */
export interface BoardRecord {
	id: string;
	title: string;
	createdAt: string;
}

/** A capability token as stored: only its SHA-256 hash, never the token itself. */
export interface TokenRecord {
	id: string;
	boardId: string;
	role: Role;
	hash: string;
	createdAt: string;
	revokedAt: string | null;
}

/**
 * Who wrote a stored update: the link role and connection (or the server itself), and the
 * display name the person went by (their presence name on a websocket, the name a REST caller
 * gave); null when none was known. Names are not identities (links carry no accounts): the
 * history shows them as given.
 */
export interface UpdateAuthor {
	role: Role | 'system';
	connectionId: string;
	tokenId: string | null;
	name: string | null;
	/**
	 * The person on the board's people list they were (presence `personId`, or the person a REST
	 * caller named), beside the name; null or omitted for a name only or when none was known.
	 */
	personId?: string | null | undefined;
}

/** One Yjs update to append to a board's log, with its author and time (ms since epoch). */
export interface UpdateToStore extends UpdateAuthor {
	data: Uint8Array;
	at: number;
}

/** One stored update, as read back for history. */
export interface StoredUpdate extends UpdateToStore {
	seq: number;
	personId: string | null;
}

/**
 * What a room needs to rebuild a board's document: the newest snapshot and the log after it
 * (quarantined entries left out).
 */
export interface DocumentLoad {
	snapshot: Uint8Array | null;
	updates: Array<{ seq: number; data: Uint8Array }>;
	/** Sequence number of the last update in the log (0 when empty). */
	lastSeq: number;
	/** Updates in the log after the snapshot (what compaction would fold in). */
	updatesSinceSnapshot: number;
}

/**
 * A stored update that could not be applied when its board was loaded: kept in the log (never
 * deleted), but left out of loads and history from then on, and reported to the board's owner.
 */
export interface QuarantinedUpdate {
	seq: number;
	reason: string;
	/** When it was quarantined (ms since epoch). */
	at: number;
}

/**
 * A named snapshot as stored: metadata, the board JSON exactly as written (its SHA-256 is
 * `meta.digest`) and the full Yjs state for fidelity. Immutable: stores have no way to change one.
 */
export interface NamedSnapshotRecord {
	meta: SnapshotMeta;
	/** `JSON.stringify` of the (scoped) `readBoard` result, byte for byte what the digest covers. */
	boardJson: string;
	/** `Y.encodeStateAsUpdate` of the whole document when the snapshot was taken. */
	state: Uint8Array;
	/**
	 * Sequence number of the last stored update the snapshot includes (its place in the log, for
	 * history windows); null for snapshots stored before it was recorded.
	 */
	throughSeq: number | null;
}

/**
 * Everything the server persists, behind one small interface so rooms never know the backend.
 * Implementations: in-memory (tests), SQLite (default), PostgreSQL (several processes). Every method may reject; callers treat
 * a rejected `appendUpdates` as "not stored" and never acknowledge or relay those updates.
 */
export interface BoardStore {
	readonly kind: string;
	createBoard(input: {
		board: BoardRecord;
		tokens: TokenRecord[];
		initialUpdate: UpdateToStore;
	}): Promise<void>;
	getBoard(id: string): Promise<BoardRecord | null>;
	/** The token record with this hash for this board, revoked or not; null when unknown. */
	findToken(boardId: string, hash: string): Promise<TokenRecord | null>;
	loadDocument(boardId: string): Promise<DocumentLoad>;
	/** Appends updates atomically (all or none) and returns the last sequence number. */
	appendUpdates(boardId: string, updates: UpdateToStore[]): Promise<number>;
	/** Stores a snapshot of the document as of `throughSeq`; the log itself is kept for history. */
	writeSnapshot(boardId: string, snapshot: { data: Uint8Array; throughSeq: number }): Promise<void>;
	/** Sets stored updates aside (see `QuarantinedUpdate`); quarantining one twice keeps the first. */
	quarantineUpdates(
		boardId: string,
		entries: Array<{ seq: number; reason: string }>
	): Promise<void>;
	/** A board's quarantined updates, oldest first. */
	listQuarantined(boardId: string): Promise<QuarantinedUpdate[]>;
	/** The stored updates of a board in order (for history and audits), quarantined ones left out. */
	listUpdates(
		boardId: string,
		options?: { afterSeq?: number; limit?: number }
	): Promise<StoredUpdate[]>;
	/**
	 * Stores a named snapshot. Rejects if the id is taken on this board; there is deliberately
	 * no method that changes a stored snapshot (SQLite also refuses UPDATEs with a trigger).
	 */
	createNamedSnapshot(record: NamedSnapshotRecord): Promise<void>;
	/** A board's named snapshots, newest first (creation order, not clock order), metadata only. */
	listNamedSnapshots(boardId: string): Promise<SnapshotMeta[]>;
	/** One named snapshot of this board, or null (also when it belongs to another board). */
	getNamedSnapshot(boardId: string, id: string): Promise<NamedSnapshotRecord | null>;
	/** Deletes a named snapshot; false when there was none. */
	deleteNamedSnapshot(boardId: string, id: string): Promise<boolean>;
	/**
	 * Resolves when the backend answers now, rejects when it cannot be reached (`/healthz`).
	 * Stores inside the process (memory, SQLite) need none.
	 */
	ping?(): Promise<void>;
	close(): Promise<void>;
}
