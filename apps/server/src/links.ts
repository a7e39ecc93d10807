/**
 * A board's capability links as its owner manages them: list, add, rotate, revoke. Tokens are
 * random (`newToken`), shown once and stored only as SHA-256 hashes; link records live in the
 * board store, so a revocation survives restarts and is seen by every process sharing the store.
 *
 * Revoking takes effect at once for REST (the next request gets 401 `token_revoked`) and for new
 * upgrades; this process closes the link's live websockets immediately (4401, `link revoked`),
 * and `RevocationSweep` closes those of revocations made elsewhere (another process) within its
 * interval.
 */
import {
	CloseCode,
	LINK_REVOKED_REASON,
	type CreateLinkRequest,
	type Link,
	type LinkWithToken
} from '@riskboard/protocol';
import type { AppDeps } from './deps.ts';
import { ApiError } from './errors.ts';
import type { TokenRecord } from './storage/types.ts';
import { hashToken, newShortId, newToken } from './tokens.ts';

/** How often live connections are checked against the stored links (at most this late). */
export const REVOCATION_SWEEP_MS = 2_000;

type LinkDeps = Pick<AppDeps, 'store' | 'rooms' | 'log' | 'metrics'>;

/** A stored link as the API lists it: never its hash or token. */
export function linkOf(record: TokenRecord): Link {
	return {
		id: record.id,
		role: record.role,
		label: record.label,
		createdAt: record.createdAt,
		lastUsedAt: record.lastUsedAt,
		revokedAt: record.revokedAt
	};
}

/** Every link of the board, oldest first, revoked ones included. */
export async function listLinks(deps: LinkDeps, boardId: string): Promise<Link[]> {
	return (await deps.store.listTokens(boardId)).map(linkOf);
}

/** Adds a link with a new random token, returned once. */
export async function createLink(
	deps: LinkDeps,
	boardId: string,
	input: { role: CreateLinkRequest['role']; label: string }
): Promise<LinkWithToken> {
	const token = newToken();
	const record: TokenRecord = {
		id: newShortId(),
		boardId,
		role: input.role,
		hash: hashToken(token),
		label: input.label,
		createdAt: new Date().toISOString(),
		lastUsedAt: null,
		revokedAt: null
	};
	await deps.store.addToken(record);
	deps.log.info('link created', { board: boardId, link: record.id, role: record.role });
	return { ...linkOf(record), token };
}

async function requireLink(deps: LinkDeps, boardId: string, linkId: string): Promise<TokenRecord> {
	const record = (await deps.store.listTokens(boardId)).find((t) => t.id === linkId);
	if (!record) throw new ApiError(404, 'link_not_found', 'This board has no such link.');
	return record;
}

/**
 * Revokes a link: stored first, then its live connections here are closed (4401). 409
 * `last_owner_link` for the board's last owner link; revoking a revoked link changes nothing.
 */
export async function revokeLink(deps: LinkDeps, boardId: string, linkId: string): Promise<Link> {
	const result = await deps.store.revokeToken(boardId, linkId, new Date().toISOString());
	if (result === 'not_found') {
		throw new ApiError(404, 'link_not_found', 'This board has no such link.');
	}
	if (result === 'last_owner') {
		throw new ApiError(
			409,
			'last_owner_link',
			'This is the board’s last owner link: add another owner link (or rotate this one) ' +
				'first, or nobody could ever share or manage the board again.'
		);
	}
	if (result === 'revoked') {
		const closed = deps.rooms.closeLink(
			boardId,
			linkId,
			CloseCode.LinkRevoked,
			LINK_REVOKED_REASON
		);
		deps.metrics.inc('riskboard_links_revoked_total');
		deps.log.info('link revoked', { board: boardId, link: linkId, closed });
	}
	return linkOf(await requireLink(deps, boardId, linkId));
}

/**
 * Rotates a link: a new link with the same role and label and a new token, then the old one
 * revoked (so the last owner link can be rotated). 409 for a link already revoked.
 */
export async function rotateLink(
	deps: LinkDeps,
	boardId: string,
	linkId: string
): Promise<LinkWithToken> {
	const old = await requireLink(deps, boardId, linkId);
	if (old.revokedAt !== null) {
		throw new ApiError(409, 'link_revoked', 'This link is revoked; add a new one instead.');
	}
	const fresh = await createLink(deps, boardId, { role: old.role, label: old.label });
	await revokeLink(deps, boardId, linkId);
	return fresh;
}

/**
 * Closes live connections whose link was revoked by anyone sharing the store (another server
 * process too), every `REVOCATION_SWEEP_MS`: one `listTokens` per board with live connections.
 */
export class RevocationSweep {
	#timer: ReturnType<typeof setInterval> | null = null;
	#running = false;

	constructor(
		private readonly deps: LinkDeps,
		private readonly intervalMs = REVOCATION_SWEEP_MS
	) {}

	start(): void {
		if (this.#timer) return;
		this.#timer = setInterval(() => void this.sweep(), this.intervalMs);
		this.#timer.unref?.();
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	/** One pass; returns how many connections it closed. */
	async sweep(): Promise<number> {
		if (this.#running) return 0;
		this.#running = true;
		let closed = 0;
		try {
			for (const [boardId, tokenIds] of this.deps.rooms.liveTokens()) {
				const records = await this.deps.store.listTokens(boardId);
				for (const record of records) {
					if (record.revokedAt === null || !tokenIds.has(record.id)) continue;
					closed += this.deps.rooms.closeLink(
						boardId,
						record.id,
						CloseCode.LinkRevoked,
						LINK_REVOKED_REASON
					);
				}
			}
		} catch (error) {
			this.deps.log.warn('revocation sweep failed', { error });
		} finally {
			this.#running = false;
		}
		return closed;
	}
}
