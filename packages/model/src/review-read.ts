/** Review sessions as plain data: `readReviews` for `readBoard`, and helpers on a read board. */
import * as Y from 'yjs';
import { compareOrdered } from './order-keys.ts';
import { readPeople } from './people.ts';
import {
	childMap,
	isIsoDate,
	mapEntries,
	readInt,
	readOptionalString,
	readOrder,
	readString,
	readText,
	roots,
	type YMap
} from './schema.ts';
import {
	REVIEW_DECISIONS,
	type Board,
	type Review,
	type ReviewDecisionRecord,
	type ReviewFacilitator,
	type ReviewItem,
	type ReviewScoreChange,
	type ReviewStatus,
	type ScorePair
} from './types.ts';
import { heads, readEnd, readStoredTimer, record, statuses, str, level } from './review-layout.ts';

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** Current names of the board's people: a person's records read under the name they have now. */
type Names = ReadonlyMap<string, string>;

/** A stored person id that is (still) on the board, or null. */
function personId(value: unknown, names: Names): string | null {
	return typeof value === 'string' && names.has(value) ? value : null;
}

function readFacilitator(map: YMap, names: Names): ReviewFacilitator | null {
	const value = record(map.get('facilitator'));
	const stored = str(value?.name);
	if (!value || !stored) return null;
	const id = personId(value.personId, names);
	const clientId = Number.isInteger(value.clientId) ? (value.clientId as number) : null;
	return {
		name: id === null ? stored : (names.get(id) as string),
		personId: id,
		clientId,
		since: str(value.since) ?? ''
	};
}

const dateOrNull = (value: unknown): string | null => (isIsoDate(value) ? value : null);

function readDecision(item: YMap, names: Names): ReviewDecisionRecord | null {
	const value = record(item.get('decision'));
	const decision = REVIEW_DECISIONS.find((d) => d === value?.decision);
	const by = str(value?.by);
	if (!decision || !by) return null;
	const byId = personId(value?.byId, names);
	const source = value?.nextReviewSource;
	return {
		decision,
		by: byId === null ? by : (names.get(byId) as string),
		byId,
		at: str(value?.at) ?? '',
		lastReviewed: dateOrNull(value?.lastReviewed),
		nextReviewDate: dateOrNull(value?.nextReviewDate),
		nextReviewSource: source === 'cadence' || source === 'hand' ? source : null
	};
}

function readPair(value: unknown): ScorePair {
	const pair = record(value);
	return { likelihood: level(pair?.likelihood), impact: level(pair?.impact) };
}

function byTimeThenId<T extends { id: string; at: string }>(a: T, b: T): number {
	if (a.at !== b.at) return a.at < b.at ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function readItem(riskId: string, item: YMap, names: Names): ReviewItem {
	const changes: ReviewScoreChange[] = [];
	for (const [id, value] of childMap(item, 'scoreChanges')?.entries() ?? []) {
		const change = record(value);
		const by = str(change?.by);
		if (!change || !by) continue;
		changes.push({
			id,
			kind: change.kind === 'residual' ? 'residual' : 'inherent',
			before: readPair(change.before),
			after: readPair(change.after),
			source: change.source === 'vote' ? 'vote' : 'manual',
			by,
			at: str(change.at) ?? ''
		});
	}
	const actions = [...(childMap(item, 'actions')?.entries() ?? [])]
		.map(([id, at]) => ({ id, at: typeof at === 'string' ? at : '' }))
		.sort(byTimeThenId);
	const timer = readStoredTimer(item);
	return {
		riskId,
		order: readOrder(item),
		skipped: item.get('skipped') === true,
		notes: readText(item, 'notes'),
		decision: readDecision(item, names),
		scoreChanges: changes.sort(byTimeThenId),
		actionIds: actions.map((action) => action.id),
		timer: {
			runningSince: timer.runningSince,
			accumulatedSeconds: timer.accumulatedMs / 1000,
			timeboxSeconds: readInt(item, 'timebox', 1, 86_400)
		}
	};
}

/**
 * Every review as plain, deterministic data, oldest first (see `Review`). Used by `readBoard`;
 * malformed records from a peer running other code read as absent or as their defaults.
 */
export function readReviews(doc: Y.Doc): Review[] {
	const list = heads(doc);
	const status = statuses(list);
	const { reviews } = roots(doc);
	const names: Names = new Map(readPeople(doc).map((person) => [person.id, person.name]));
	return list.map((head): Review => {
		const map = reviews.get(head.id) as YMap;
		const end = readEnd(map);
		const items = childMap(map, 'items');
		const agenda = items
			? [...mapEntries(items)]
					.map(([riskId, item]) => readItem(riskId, item, names))
					.sort((a, b) =>
						compareOrdered({ id: a.riskId, order: a.order }, { id: b.riskId, order: b.order })
					)
			: [];
		const { attendees, attendeeIds } = readAttendees(map, names);
		return {
			id: head.id,
			seq: head.seq,
			status: status.get(head.id) as ReviewStatus,
			startedAt: head.startedAt,
			startedBy: readString(map, 'startedBy'),
			endedAt: end?.at ?? null,
			endedBy: end?.by ?? null,
			facilitator: readFacilitator(map, names),
			baselineSnapshotId: readOptionalString(map, 'baselineSnapshotId'),
			finalSnapshotId: end?.finalSnapshotId ?? null,
			focusRiskId: readOptionalString(map, 'focus'),
			agenda,
			attendees,
			attendeeIds
		};
	});
}

/**
 * Attendees: name-only ones (`attendees`: name → true) and people (`attendeeIds`: id → name at
 * the time), the people under their current name (or the stored one once removed from the
 * board). Names are listed once, sorted; ids of people still on the board, sorted.
 */
function readAttendees(map: YMap, names: Names): { attendees: string[]; attendeeIds: string[] } {
	const out = new Set<string>();
	const ids: string[] = [];
	for (const [name, value] of childMap(map, 'attendees')?.entries() ?? []) {
		if (value === true) out.add(name);
	}
	for (const [id, value] of childMap(map, 'attendeeIds')?.entries() ?? []) {
		const current = names.get(id);
		if (current !== undefined) {
			ids.push(id);
			out.add(current);
		} else if (typeof value === 'string' && value !== '') out.add(value);
	}
	return { attendees: [...out].sort(), attendeeIds: ids.sort() };
}

// ---------------------------------------------------------------------------------------------
// Pure helpers on a read board
// ---------------------------------------------------------------------------------------------

/** The board's reviews; [] for a board read (or snapshotted) before reviews existed. */
export function boardReviews(board: Board): Review[] {
	return (board as Partial<Board>).reviews ?? [];
}

/** The running review of a board, or null. */
export function runningReview(board: Board): Review | null {
	return boardReviews(board).find((review) => review.status === 'running') ?? null;
}

/** The review that ended last (by end time, then id), or null: "since the last review". */
export function lastEndedReview(board: Board): Review | null {
	let last: Review | null = null;
	for (const review of boardReviews(board)) {
		if (review.status !== 'ended' || review.endedAt === null) continue;
		if (
			!last ||
			review.endedAt > (last.endedAt as string) ||
			(review.endedAt === last.endedAt && review.id > last.id)
		) {
			last = review;
		}
	}
	return last;
}
