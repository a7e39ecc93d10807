/**
 * "Since the last review": what changed on the board after the last review ended. A thin
 * wrapper over `diffBoards`: the server passes the final snapshot of that review and the live
 * board; this adds which review it was and a short summary for the banner.
 */
import { diffBoards, type BoardDiff } from './diff.ts';
import { BoardError } from './errors.ts';
import { dayOf } from './time-zone.ts';
import type { Board, Review } from './types.ts';

/** Counts for a one-line summary; `total` is `diff.changeCount`. */
export interface ChangesSummary {
	risksAdded: number;
	risksRemoved: number;
	/** Risks with at least one changed field. */
	risksChanged: number;
	/** Changed fields over all changed risks. */
	riskFieldChanges: number;
	/** People added, removed or changed. */
	people: number;
	/** RACI matrices added, removed or changed. */
	matrices: number;
	total: number;
	/** E.g. `2 risks added, 3 changed since the review of 2025-03-01`; `No changes since …`. */
	text: string;
}

/** The answer to "what changed since the last review". */
export interface ChangesSince {
	review: { id: string; endedAt: string; finalSnapshotId: string };
	diff: BoardDiff;
	summary: ChangesSummary;
}

const plural = (count: number, one: string, many = `${one}s`) =>
	`${count} ${count === 1 ? one : many}`;

/**
 * Diffs the final snapshot of `lastEnded` (its board: `finalBoard`) against `now` (the live
 * board, or any later snapshot). Throws a `BoardError` when the review has not ended or has no
 * final snapshot. Find the review with `lastEndedReview(readBoard(doc))`.
 */
export function changesSince(lastEnded: Review, finalBoard: Board, now: Board): ChangesSince {
	if (lastEnded.status !== 'ended' || lastEnded.endedAt === null) {
		throw new BoardError(`Review "${lastEnded.id}" has not ended`);
	}
	if (lastEnded.finalSnapshotId === null) {
		throw new BoardError(`Review "${lastEnded.id}" has no final snapshot`);
	}
	const diff = diffBoards(finalBoard, now);
	const { risks, people, matrices } = diff;
	const counts = {
		risksAdded: risks.added.length,
		risksRemoved: risks.removed.length,
		risksChanged: risks.changed.length,
		riskFieldChanges: risks.changed.reduce((sum, risk) => sum + risk.changes.length, 0),
		people: people.added.length + people.removed.length + people.changed.length,
		matrices: matrices.added.length + matrices.removed.length + matrices.changed.length,
		total: diff.changeCount
	};
	const since = `since the review of ${dayOf(now.settings.timeZone, lastEnded.endedAt)}`;
	const parts = [
		counts.risksAdded > 0 ? `${plural(counts.risksAdded, 'risk')} added` : '',
		counts.risksRemoved > 0 ? `${plural(counts.risksRemoved, 'risk')} removed` : '',
		counts.risksChanged > 0 ? `${plural(counts.risksChanged, 'risk')} changed` : '',
		counts.people > 0 ? `${plural(counts.people, 'change')} to people` : '',
		counts.matrices > 0 ? `${plural(counts.matrices, 'RACI matrix', 'RACI matrices')} changed` : '',
		diff.titleChanged ? 'board renamed' : ''
	].filter(Boolean);
	const text = parts.length === 0 ? `No changes ${since}` : `${parts.join(', ')} ${since}`;
	return {
		review: {
			id: lastEnded.id,
			endedAt: lastEnded.endedAt,
			finalSnapshotId: lastEnded.finalSnapshotId
		},
		diff,
		summary: { ...counts, text }
	};
}
