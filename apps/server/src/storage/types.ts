import type { SnapshotMeta } from '@riskboard/protocol';
import type { Role } from '@riskboard/protocol';

/** A board's row: what exists outside its Yjs document. */
export interface BoardRecord {
	id: string;
	title: string;
	createdAt: string;
}

/**
 * A capability link as stored: its role, label and only its token's SHA-256 hash, never the token
 * itself. A link is never deleted: revoking sets `revokedAt` (so a revoked token is still found,
 * and refused as revoked rather than unknown).
 */
export interface TokenRecord {
	id: string;
	boardId: string;
	role: Role;
	hash: string;
	/** Who or what the link is for; the three links of a new board are "Owner", "Editor", "Viewer". */
	label: string;
	createdAt: string;
	/** When a request or connection last used it (ISO, to the minute; see `touchToken`), or null. */
	lastUsedAt: string | null;
	revokedAt: string | null;
}

/** Why `revokeToken` did not revoke: no such link, already revoked, or the last owner link. */
export type RevokeResult = 'revoked' | 'not_found' | 'already_revoked' | 'last_owner';

/**
 * A stored answer to a `POST` sent with `Idempotency-Key`, kept 24 hours so a retry gets the same
 * answer. Keys are scoped to the link (token id) that sent them, so no other link can read an
 * answer (which may hold a new link's token).
 */
export interface IdempotencyRecord {
	boardId: string;
	tokenId: string;
	key: string;
	/** SHA-256 (hex) of the method, path and body: the same key with another request is refused. */
	requestHash: string;
	status: number;
	/** The answer's JSON body, as sent. */
	body: string;
	/** When it was stored (ms since epoch). */
	createdAt: number;
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

/** Where an import is in its life. */
export type ImportStatus = 'preview' | 'committing' | 'committed' | 'undone';

/**
 * An import as stored (see `routes/imports.ts`): the uploaded file and its last parse while it is
 * a preview (expiring at `expiresAt`), then what the commit did and what undo needs. The JSON
 * columns are the server's to read; stores only keep them.
 */
export interface ImportRecord {
	id: string;
	boardId: string;
	filename: string;
	format: 'csv' | 'xlsx';
	createdAt: string;
	/** Who uploaded it: the name the caller gave (or null) and their link. */
	createdBy: string | null;
	tokenId: string | null;
	status: ImportStatus;
	/** ms since epoch after which a preview is gone; null once committed. */
	expiresAt: number | null;
	/** The file as uploaded (emptied after the commit). */
	file: Uint8Array;
	/** JSON: the last parse and the choices it was made with (emptied after the commit). */
	state: string;
	/** JSON: the commit's counts, created ids and replaced values (undo), and undo's result. */
	result: string | null;
	committedAt: string | null;
	undoneAt: string | null;
}

/** What the list of a board's past imports shows. */
export type ImportSummary = Omit<ImportRecord, 'file' | 'state'>;

/** What a stored preview may grow to across all boards (`createImport`'s cap). */
export interface ImportLimits {
	/** Total bytes (file + state) of all uncommitted previews. */
	maxPreviewBytes: number;
	/** Now, ms since epoch: previews that expired before it are dropped first. */
	now: number;
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
	/** Every link of a board, revoked ones too, oldest first (creation order). */
	listTokens(boardId: string): Promise<TokenRecord[]>;
	/** Adds a link to an existing board (its id and hash are new). */
	addToken(token: TokenRecord): Promise<void>;
	/**
	 * Revokes a link at `at` (ISO), atomically refusing to revoke the board's last unrevoked owner
	 * link (`last_owner`), so a board can always be shared. Revoking is stored: it survives
	 * restarts and is seen by every process sharing the store.
	 */
	revokeToken(boardId: string, tokenId: string, at: string): Promise<RevokeResult>;
	/**
	 * Records that a link was used at `at` (ISO). Callers throttle it (once a minute per link);
	 * stores just overwrite `lastUsedAt`.
	 */
	touchToken(boardId: string, tokenId: string, at: string): Promise<void>;
	/** The stored answer for this link's key, or null (also once it is older than `notBefore`). */
	getIdempotency(
		boardId: string,
		tokenId: string,
		key: string,
		notBefore: number
	): Promise<IdempotencyRecord | null>;
	/**
	 * Stores an answer; false (nothing changed) when the link already has an answer under this key
	 * that is not older than `notBefore` (two retries racing: the first stored answer wins). An
	 * expired record under the key is replaced. Records older than `notBefore` may be dropped.
	 */
	putIdempotency(record: IdempotencyRecord, notBefore: number): Promise<boolean>;
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
	 * Stores a new import (a preview). Drops expired previews first; resolves false, storing
	 * nothing, when the previews' total size would exceed `limits.maxPreviewBytes`.
	 */
	createImport(record: ImportRecord, limits: ImportLimits): Promise<boolean>;
	/** An import of this board, or null (also when it is a preview past its expiry at `now`). */
	getImport(boardId: string, id: string, now: number): Promise<ImportRecord | null>;
	/** Replaces a preview's `state` and expiry; false when it is no longer a preview. */
	updateImportState(
		boardId: string,
		id: string,
		state: string,
		expiresAt: number
	): Promise<boolean>;
	/**
	 * Moves an import from status `from` to `to` (compare and set, so two commits or undos of one
	 * import cannot both run), writing `patch` with it; false when it was not in `from`.
	 */
	transitionImport(
		boardId: string,
		id: string,
		from: ImportStatus,
		to: ImportStatus,
		patch?: Partial<
			Pick<ImportRecord, 'file' | 'state' | 'result' | 'committedAt' | 'undoneAt' | 'expiresAt'>
		>
	): Promise<boolean>;
	/** A board's imports that were committed (and maybe undone), newest first. */
	listImports(boardId: string): Promise<ImportSummary[]>;
	/**
	 * Resolves when the backend answers now, rejects when it cannot be reached (`/healthz`).
	 * Stores inside the process (memory, SQLite) need none.
	 */
	ping?(): Promise<void>;
	close(): Promise<void>;
}
