/**
 * What the SQL stores (SQLite, PostgreSQL) share: the rows they read back, the columns they
 * select, and one mapping from each row to the record `BoardStore` returns. Both schemas name
 * their columns alike, so a row means the same in either.
 */
import type { Role, SnapshotMeta } from '@riskboard/protocol';
import type {
	ImportRecord,
	ImportStatus,
	ImportSummary,
	StoredUpdate,
	TokenRecord
} from './types.ts';

export interface NamedSnapshotRow {
	board_id: string;
	id: string;
	name: string;
	author: string;
	role: SnapshotMeta['role'];
	created_at: string;
	scope: SnapshotMeta['scope'];
	matrix_id: string | null;
	digest: string;
	board_json?: string;
	state?: Uint8Array;
	through_seq?: number | null;
}

export const SNAPSHOT_META_COLUMNS =
	'board_id, id, name, author, role, created_at, scope, matrix_id, digest';

export function snapshotMeta(row: NamedSnapshotRow): SnapshotMeta {
	return {
		id: row.id,
		boardId: row.board_id,
		name: row.name,
		author: row.author,
		role: row.role,
		createdAt: row.created_at,
		scope: row.scope,
		matrixId: row.matrix_id,
		digest: row.digest
	};
}

export interface ImportRow {
	board_id: string;
	id: string;
	filename: string;
	format: ImportRecord['format'];
	created_at: string;
	created_by: string | null;
	token_id: string | null;
	status: ImportStatus;
	expires_at: number | null;
	file?: Uint8Array;
	state?: string;
	result: string | null;
	committed_at: string | null;
	undone_at: string | null;
}

export const IMPORT_SUMMARY_COLUMNS =
	'board_id, id, filename, format, created_at, created_by, token_id, status, expires_at, result, committed_at, undone_at';

export function importSummary(row: ImportRow): ImportSummary {
	return {
		id: row.id,
		boardId: row.board_id,
		filename: row.filename,
		format: row.format,
		createdAt: row.created_at,
		createdBy: row.created_by,
		tokenId: row.token_id,
		status: row.status,
		expiresAt: row.expires_at,
		result: row.result,
		committedAt: row.committed_at,
		undoneAt: row.undone_at
	};
}

export interface TokenRow {
	id: string;
	board_id: string;
	role: Role;
	hash: string;
	label: string;
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
}

export const TOKEN_COLUMNS =
	'id, board_id, role, hash, label, created_at, last_used_at, revoked_at';

export function tokenRecord(row: TokenRow): TokenRecord {
	return {
		id: row.id,
		boardId: row.board_id,
		role: row.role,
		hash: row.hash,
		label: row.label,
		createdAt: row.created_at,
		lastUsedAt: row.last_used_at,
		revokedAt: row.revoked_at
	};
}

export interface UpdateRow {
	seq: number;
	data: Uint8Array;
	role: Role | 'system';
	connection_id: string;
	token_id: string | null;
	author_name: string | null;
	author_person_id: string | null;
	created_at: number;
}

/** A stored update as read back; its bytes are copied (drivers reuse their buffers). */
export function storedUpdate(row: UpdateRow): StoredUpdate {
	return {
		seq: row.seq,
		data: new Uint8Array(row.data),
		role: row.role,
		connectionId: row.connection_id,
		tokenId: row.token_id,
		name: row.author_name,
		personId: row.author_person_id,
		at: row.created_at
	};
}
