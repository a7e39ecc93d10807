import { isBoardId, isToken } from '@riskboard/protocol';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import type { BoardRecord, TokenRecord } from '../storage/types.ts';
import { hashToken } from '../tokens.ts';

export type Access =
	| { ok: true; board: BoardRecord; token: TokenRecord }
	| { ok: false; error: ApiError; reason: 'not-found' | 'unauthorized' | 'revoked' };

/** Decides what a token may do on a board. The same answer for REST and websocket upgrades. */
export async function authenticate(
	deps: Pick<AppDeps, 'store'>,
	boardId: string,
	token: string | null
): Promise<Access> {
	const board = isBoardId(boardId) ? await deps.store.getBoard(boardId) : null;
	if (!board) {
		return {
			ok: false,
			reason: 'not-found',
			error: new ApiError(404, 'board_not_found', 'No board has this id.')
		};
	}
	if (!token || !isToken(token)) {
		return {
			ok: false,
			reason: 'unauthorized',
			error: new ApiError(401, 'token_required', 'This board needs a valid link token.')
		};
	}
	const record = await deps.store.findToken(boardId, hashToken(token));
	if (!record) {
		return {
			ok: false,
			reason: 'unauthorized',
			error: new ApiError(401, 'token_invalid', 'This link is not valid for this board.')
		};
	}
	if (record.revokedAt) {
		return {
			ok: false,
			reason: 'revoked',
			error: new ApiError(
				401,
				'token_revoked',
				'This link was revoked — ask the board’s owner for a new one.'
			)
		};
	}
	touchLink(deps, record);
	return { ok: true, board, token: record };
}

/** How stale `lastUsedAt` may get before a use is written (one write a minute per link at most). */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Records that a link was used, at most once a minute (the stored `lastUsedAt` is the throttle,
 * so several processes need no shared state). Never delays or fails the request.
 */
function touchLink(deps: Pick<AppDeps, 'store'>, token: TokenRecord): void {
	const now = Date.now();
	if (token.lastUsedAt !== null && now - Date.parse(token.lastUsedAt) < LAST_USED_RESOLUTION_MS) {
		return;
	}
	const at = new Date(now).toISOString();
	token.lastUsedAt = at;
	deps.store.touchToken(token.boardId, token.id, at).catch(() => {
		// A missed "last used" is harmless; the request itself is unaffected.
	});
}

/** The token of an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined): string | null {
	const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
	return match ? match[1]! : null;
}
