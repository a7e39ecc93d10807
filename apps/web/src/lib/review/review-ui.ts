/** Pure helpers of the review screens: the clock, agenda moves, and who leads the review. */
import type { Placement, Review, ReviewFacilitator } from '@riskboard/model';

/** Seconds as a clock: `m:ss`, or `h:mm:ss` from an hour on. */
export function formatClock(totalSeconds: number): string {
	const s = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
	const hours = Math.floor(s / 3600);
	const minutes = Math.floor((s % 3600) / 60);
	const seconds = String(s % 60).padStart(2, '0');
	if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`;
	return `${minutes}:${seconds}`;
}

/**
 * Where to move an agenda item one step up (-1) or down (+1) among `ids` (agenda order), as a
 * placement relative to its neighbour; null at either end or for an unknown id.
 */
export function stepPlacement(ids: readonly string[], id: string, step: -1 | 1): Placement | null {
	const index = ids.indexOf(id);
	const neighbour = ids[index + step];
	if (index < 0 || neighbour === undefined) return null;
	return step < 0 ? { before: neighbour } : { after: neighbour };
}

/**
 * Whether this person (the peer marked `self`) is the review's facilitator: by awareness client
 * id while that client is on the board, else by display name — a facilitator who reloads the
 * page gets a new client id and would otherwise lose the controls until someone hands them back.
 */
export function isFacilitator(
	facilitator: ReviewFacilitator | null,
	peers: readonly { clientId: number; name: string; self: boolean; personId?: string | null }[]
): boolean {
	const self = peers.find((peer) => peer.self);
	if (!facilitator || !self) return false;
	if (facilitator.clientId === self.clientId) return true;
	const present = peers.some((peer) => peer.clientId === facilitator.clientId);
	if (facilitator.clientId !== null && present) return false;
	// After a reload: the same person on the board, else (a name only) the same name.
	if (facilitator.personId) return facilitator.personId === (self.personId ?? null);
	return facilitator.name === self.name;
}

/**
 * The risk a person's view should show in the review: their own pick if it is on the agenda,
 * else the risk in focus, else the first agenda item.
 */
export function shownItem(review: Review, picked: string | null): string | null {
	const ids = review.agenda.map((item) => item.riskId);
	if (picked !== null && ids.includes(picked)) return picked;
	return review.focusRiskId ?? ids[0] ?? null;
}
