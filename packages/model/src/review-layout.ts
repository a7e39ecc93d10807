/**
 * Review sessions: the parts of the document layout that edits (reviews.ts) and reads
 * (review-read.ts) share — which review runs (status is derived, never stored), agenda items,
 * stored timers and the end record. See reviews.ts for the whole layout.
 */
import * as Y from 'yjs';
import { BoardError } from './errors.ts';
import { childMap, mapEntries, readInt, readString, ROOT, roots, type YMap } from './schema.ts';
import type { ReviewStatus, ReviewTimer } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Status: which review runs
// ---------------------------------------------------------------------------------------------

export interface Head {
	id: string;
	seq: number;
	startedAt: string;
	ended: boolean;
}

/** Reviews in start order: (seq, startedAt, id). */
export function compareHeads(a: Head, b: Head): number {
	if (a.seq !== b.seq) return a.seq - b.seq;
	if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function heads(doc: Y.Doc): Head[] {
	return [...mapEntries(roots(doc).reviews)]
		.map(([id, map]) => ({
			id,
			seq: readInt(map, 'seq', 0, Number.MAX_SAFE_INTEGER) ?? 0,
			startedAt: readString(map, 'startedAt'),
			ended: readEnd(map) !== null
		}))
		.sort(compareHeads);
}

/**
 * Status of every review. Only the last-started review (by seq, then startedAt, then id) can
 * run; a review that never ended while a later one exists is `superseded`. `seq` is 1 + the
 * highest seq the starter had seen, so a review started after another was seen always sorts
 * later, whatever the clocks say; concurrent starts share a seq and the later startedAt (then
 * the larger id) wins on every peer. An ended review stays `ended` even when it overlapped.
 */
export function statuses(list: readonly Head[]): Map<string, ReviewStatus> {
	const last = list.at(-1);
	return new Map(
		list.map((head) => [head.id, head.ended ? 'ended' : head === last ? 'running' : 'superseded'])
	);
}

/**
 * The root whose content, at any depth, decides `runningReviewId`: a batch that touched nothing
 * under it cannot have started or ended a review.
 */
export const REVIEW_ROOT: string = ROOT.reviews;

/** Id of the running review, or null. */
export function runningReviewId(doc: Y.Doc): string | null {
	const last = heads(doc).at(-1);
	return last && !last.ended ? last.id : null;
}

export function itemsOf(review: YMap): YMap {
	const items = childMap(review, 'items');
	if (!items) throw new BoardError('Malformed review: no agenda');
	return items;
}

export interface StoredTimer {
	runningSince: string | null;
	accumulatedMs: number;
}

export function readStoredTimer(item: YMap): StoredTimer {
	const value = item.get('timer') as Partial<StoredTimer> | undefined;
	const since = value?.runningSince;
	const ms = value?.accumulatedMs;
	return {
		runningSince: typeof since === 'string' && !Number.isNaN(Date.parse(since)) ? since : null,
		accumulatedMs: typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : 0
	};
}

/**
 * Seconds an item's timer shows at `at` (ISO time): accumulated plus the running stretch. A
 * clock running behind `runningSince` counts 0 for the stretch, never negative.
 */
export function timerSeconds(timer: ReviewTimer, at: string): number {
	if (timer.runningSince === null) return timer.accumulatedSeconds;
	const stretch = Math.max(0, Date.parse(at) - Date.parse(timer.runningSince)) / 1000;
	return timer.accumulatedSeconds + (Number.isFinite(stretch) ? stretch : 0);
}

export function record(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

export const str = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : null;

export function readEnd(
	map: YMap
): { at: string; by: string | null; finalSnapshotId: string } | null {
	const end = record(map.get('end'));
	const at = str(end?.at);
	const finalSnapshotId = str(end?.finalSnapshotId);
	return at && finalSnapshotId ? { at, by: str(end?.by), finalSnapshotId } : null;
}

export const level = (value: unknown): number | null =>
	Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5
		? (value as number)
		: null;
