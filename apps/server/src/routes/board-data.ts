/**
 * What the snapshot, diff and export routes share: access checks by role, reading the live board
 * from its committed room state, and reading a stored snapshot (checked against its digest).
 */
import { readBoard, type Board } from '@riskboard/model';
import type { DiffSide, SnapshotMeta } from '@riskboard/protocol';
import type { Role } from '@riskboard/protocol';
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ApiEnv } from '../api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { isStorageUnavailable } from '../storage/errors.ts';
import type { BoardRecord, TokenRecord } from '../storage/types.ts';
import { authenticate, bearerToken } from './access.ts';

/** Snapshot ids are server-made (`newShortId`); anything else cannot name one. */
const SNAPSHOT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The board and token of the request's `Authorization: Bearer` token, if its role is one of
 * `roles`; throws the matching ApiError otherwise (404, 401, 403).
 */
export async function requireRole(
	deps: AppDeps,
	c: Context<ApiEnv>,
	roles: readonly Role[],
	action: string
): Promise<{ board: BoardRecord; token: TokenRecord }> {
	const access = await boardAccess(deps, c);
	if (!roles.includes(access.token.role)) {
		throw new ApiError(403, 'forbidden', `A ${access.token.role} link cannot ${action}.`);
	}
	return access;
}

/**
 * The board and link of the request's token: the ones `app.ts` authenticated for this request, or
 * authenticated now. Throws 404 / 401 (`token_required`, `token_invalid`, `token_revoked`).
 */
export async function boardAccess(
	deps: AppDeps,
	c: Context<ApiEnv>
): Promise<{ board: BoardRecord; token: TokenRecord }> {
	const known = c.get('access');
	if (known) return known;
	const access = await authenticate(
		deps,
		c.req.param('id')!,
		bearerToken(c.req.header('authorization'))
	);
	if (!access.ok) throw access.error;
	const found = { board: access.board, token: access.token };
	c.set('access', found);
	return found;
}

/** SHA-256 (hex) of a snapshot's board JSON. */
export function digestOf(json: string): string {
	return createHash('sha256').update(json, 'utf8').digest('hex');
}

/**
 * What a route throws when reading or changing a board failed: a storage failure becomes 503
 * `board_unavailable` with `message` (and `Retry-After`); an `ApiError` passes; anything else is
 * a bug and is thrown as it is (a logged 500 with its request id).
 */
export function unavailable(error: unknown, message: string): unknown {
	if (error instanceof ApiError || !isStorageUnavailable(error)) return error;
	return new ApiError(503, 'board_unavailable', message);
}

/** The live board as committed to storage (loads the room if nobody is connected). */
export async function liveBoard(deps: AppDeps, boardId: string): Promise<Board> {
	try {
		return await deps.rooms.read(boardId, (doc) => readBoard(doc));
	} catch (error) {
		deps.log.error('live board could not be read', { board: boardId, error });
		throw unavailable(error, 'The board could not be loaded; try again.');
	}
}

/** A board read from `live` or a snapshot, with what the diff and exports say about it. */
export interface BoardSource {
	board: Board;
	snapshot: SnapshotMeta | null;
	side: DiffSide;
}

/**
 * Reads a stored snapshot; 404 when this board has none with that id. A snapshot whose JSON no
 * longer matches its digest was changed outside the server: it is refused with 409
 * `snapshot_corrupt`, naming it, and nothing else of the board is affected (the live board,
 * other snapshots, listing and deleting it all keep working).
 */
export async function storedSnapshot(
	deps: AppDeps,
	boardId: string,
	snapshotId: string
): Promise<{ meta: SnapshotMeta; board: Board; throughSeq: number | null }> {
	const record = SNAPSHOT_ID.test(snapshotId)
		? await deps.store.getNamedSnapshot(boardId, snapshotId)
		: null;
	if (!record) throw new ApiError(404, 'snapshot_not_found', 'This board has no such snapshot.');
	if (digestOf(record.boardJson) !== record.meta.digest) {
		deps.log.error('snapshot digest mismatch', { board: boardId, snapshot: snapshotId });
		throw new ApiError(
			409,
			'snapshot_corrupt',
			`Snapshot “${record.meta.name}” (${record.meta.id}) no longer matches its digest: it was ` +
				'changed outside Riskboard. The live board and other snapshots are unaffected; delete ' +
				'this one or restore it from a backup.'
		);
	}
	const board = JSON.parse(record.boardJson) as Board;
	// Snapshots from before boards had a time zone: the zone migration 3 gave their board.
	board.settings.timeZone ??= deps.config.timeZone;
	return { meta: record.meta, board, throughSeq: record.throughSeq };
}

/** `live` (or nothing) means the live board; anything else a snapshot id. */
export async function boardSource(
	deps: AppDeps,
	boardId: string,
	source: string | undefined
): Promise<BoardSource> {
	if (source === undefined || source === 'live') {
		return {
			board: await liveBoard(deps, boardId),
			snapshot: null,
			side: { kind: 'live', at: new Date().toISOString() }
		};
	}
	const { meta, board } = await storedSnapshot(deps, boardId, source);
	return {
		board,
		snapshot: meta,
		side: { kind: 'snapshot', id: meta.id, name: meta.name, createdAt: meta.createdAt }
	};
}
