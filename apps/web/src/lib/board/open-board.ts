/**
 * Works out how this browser may open a board: the token from the link fragment (or the one
 * remembered for this board), and the role the server gives it.
 */
import { ApiError, fetchBoardInfo } from '$lib/api/boards';
import { deviceBoards } from '$lib/boards/device-boards.svelte';
import { readTokenFromHash } from '$lib/boards/links';
import { reasonForHttpStatus, type ClosedReason } from '$lib/collab';
import { isBoardId, ROLES, type Role } from '@riskboard/protocol';

export type BoardAccess =
	| {
			kind: 'ok';
			id: string;
			token: string;
			role: Role;
			title: string;
			/** Whether this device now remembers this token, so the link fragment can go. */
			remembered: boolean;
			/** This device had never opened the board: it has no local copy to wait for. */
			firstVisit: boolean;
	  }
	/** The server said no (or the link is malformed); retrying will not help. */
	| { kind: 'unavailable'; reason: ClosedReason }
	/** The server could not be asked and this device has never opened the board. */
	| { kind: 'error'; message: string };

export async function openBoard(id: string, hash: string): Promise<BoardAccess> {
	if (!isBoardId(id)) return { kind: 'unavailable', reason: 'not-found' };
	const fromHash = readTokenFromHash(hash);
	if (fromHash.kind === 'invalid') return { kind: 'unavailable', reason: 'unauthorized' };
	const stored = deviceBoards.get(id);
	const token = fromHash.kind === 'token' ? fromHash.token : stored?.token;
	if (!token) return { kind: 'unavailable', reason: 'unauthorized' };

	try {
		const info = await fetchBoardInfo(id, token);
		// Opening a viewer link must not make this device forget its owner or editor link.
		const keepStored = stored && stored.token !== token && outranks(stored.role, info.role);
		if (keepStored) deviceBoards.remember({ ...stored, title: info.title });
		else deviceBoards.remember({ id, token, role: info.role, title: info.title });
		return {
			kind: 'ok',
			id,
			token,
			role: info.role,
			title: info.title,
			remembered: !keepStored,
			firstVisit: stored === undefined
		};
	} catch (error) {
		const reason = error instanceof ApiError ? reasonForHttpStatus(error.status, error.code) : null;
		if (reason) return { kind: 'unavailable', reason };
		// Offline or server trouble: a link this device used before still opens its local copy.
		if (stored && stored.token === token) {
			deviceBoards.remember(stored);
			return {
				kind: 'ok',
				id,
				token,
				role: stored.role,
				title: stored.title,
				remembered: true,
				firstVisit: false
			};
		}
		return {
			kind: 'error',
			message: error instanceof Error ? error.message : 'The board could not be opened.'
		};
	}
}

/** True when role `a` may do more than role `b` (ROLES is ordered most powerful first). */
function outranks(a: Role, b: Role): boolean {
	return ROLES.indexOf(a) < ROLES.indexOf(b);
}
