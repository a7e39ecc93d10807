/**
 * Review sessions in the board document: start, agenda, focus, per-item notes, decisions,
 * applied scores, new actions and timers, attendance, facilitator hand-over and end. Every edit
 * is one transaction; every collection is a map of stable ids (set semantics), and the values two
 * peers may write at once (facilitator, decision, timer, end) are single plain objects, so a
 * concurrent write replaces the whole record and never mixes two halves. Votes of a silent
 * scoring round are never stored here (see review-votes.ts).
 *
 * Layout: root `reviews`: id → {seq, startedAt, startedBy, facilitator {name, clientId, since},
 * baselineSnapshotId, focus, items: riskId → {order, skipped, notes (Y.Text, created with the
 * item), decision {decision, by, at}, scoreChanges: id → {...}, actions: actionId → createdAt,
 * timer {runningSince, accumulatedMs}, timebox}, attendees: name → true, end {at, by,
 * finalSnapshotId}}.
 */
import * as Y from 'yjs';
import { addAction } from './actions.ts';
import { BoardError } from './errors.ts';
import { newId } from './ids.ts';
import { compareOrdered, orderKeyFor, type Ordered, type Placement } from './order-keys.ts';
import { riskMap, updateRisk } from './risks.ts';
import {
	childMap,
	mapEntries,
	newMap,
	newText,
	readInt,
	readOptionalString,
	readOrder,
	readString,
	readText,
	replaceText,
	requireMap,
	requireText,
	roots,
	setIfChanged,
	timestamp,
	write,
	type YMap
} from './schema.ts';
import {
	REVIEW_DECISIONS,
	type Board,
	type Review,
	type ReviewDecision,
	type ReviewDecisionRecord,
	type ReviewFacilitator,
	type ReviewItem,
	type ReviewScoreChange,
	type ReviewStatus,
	type ReviewTimer,
	type ScorePair,
	type WriteOptions
} from './types.ts';
import { requireEnum, requireInt, requireName } from './validate.ts';

/** Selects a review; omitted = the running one. Edits refuse reviews that are not running. */
export interface ReviewRef extends WriteOptions {
	reviewId?: string | undefined;
}

/** Selects one agenda item (by its risk id) of a review. */
export interface ReviewItemRef extends ReviewRef {
	riskId: string;
}

/** A facilitator as the caller names them: display name and awareness client id. */
export interface FacilitatorInput {
	name: string;
	/** The Yjs awareness `clientID` of their connection, so followers can find them. */
	clientId?: number | null | undefined;
}

/** Input of `startReview`. */
export interface StartReviewInput extends WriteOptions {
	facilitator: FacilitatorInput;
	/** The snapshot the server took just before starting. */
	baselineSnapshotId: string;
	/** Risk ids in agenda order (see `buildAgenda`); each must exist, no duplicates. */
	agenda: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// Status: which review runs
// ---------------------------------------------------------------------------------------------

interface Head {
	id: string;
	seq: number;
	startedAt: string;
	ended: boolean;
}

/** Reviews in start order: (seq, startedAt, id). */
function compareHeads(a: Head, b: Head): number {
	if (a.seq !== b.seq) return a.seq - b.seq;
	if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function heads(doc: Y.Doc): Head[] {
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
function statuses(list: readonly Head[]): Map<string, ReviewStatus> {
	const last = list.at(-1);
	return new Map(
		list.map((head) => [head.id, head.ended ? 'ended' : head === last ? 'running' : 'superseded'])
	);
}

/** Id of the running review, or null. */
export function runningReviewId(doc: Y.Doc): string | null {
	const last = heads(doc).at(-1);
	return last && !last.ended ? last.id : null;
}

function reviewMap(doc: Y.Doc, id: string): YMap {
	return requireMap(roots(doc).reviews, id, 'review');
}

/** The review's map and id; throws unless it exists and its status is one of `allowed`. */
function resolve(
	doc: Y.Doc,
	ref: ReviewRef,
	allowed: readonly ReviewStatus[] = ['running']
): { id: string; map: YMap } {
	const id = ref.reviewId ?? runningReviewId(doc);
	if (id === null) throw new BoardError('No review is running');
	const map = reviewMap(doc, id);
	const status = statuses(heads(doc)).get(id) as ReviewStatus;
	if (!allowed.includes(status)) throw new BoardError(`Review "${id}" is ${status}`);
	return { id, map };
}

function itemsOf(review: YMap): YMap {
	const items = childMap(review, 'items');
	if (!items) throw new BoardError('Malformed review: no agenda');
	return items;
}

function itemMap(review: YMap, riskId: string): YMap {
	return requireMap(itemsOf(review), riskId, 'agenda item');
}

function itemOrders(review: YMap): Ordered[] {
	return [...mapEntries(itemsOf(review))].map(([id, item]) => ({ id, order: readOrder(item) }));
}

function newItem(order: string): YMap {
	return newMap({
		order,
		skipped: false,
		notes: newText(),
		scoreChanges: new Y.Map<unknown>(),
		actions: new Y.Map<unknown>()
	});
}

function facilitatorValue(input: FacilitatorInput, since: string): ReviewFacilitator {
	if (typeof input !== 'object' || input === null) throw new BoardError('A facilitator is needed');
	const clientId = input.clientId ?? null;
	if (clientId !== null) requireInt(clientId, 'clientId', { min: 0, max: 2 ** 32 - 1 });
	return { name: requireName(input.name, 'Facilitator name'), clientId, since };
}

function addAttendee(review: YMap, name: string): void {
	let set = childMap(review, 'attendees');
	if (!set) {
		set = new Y.Map<unknown>();
		review.set('attendees', set);
	}
	if (set.get(name) !== true) set.set(name, true);
}

// ---------------------------------------------------------------------------------------------
// Timers
// ---------------------------------------------------------------------------------------------

interface StoredTimer {
	runningSince: string | null;
	accumulatedMs: number;
}

function readStoredTimer(item: YMap): StoredTimer {
	const value = item.get('timer') as Partial<StoredTimer> | undefined;
	const since = value?.runningSince;
	const ms = value?.accumulatedMs;
	return {
		runningSince: typeof since === 'string' && !Number.isNaN(Date.parse(since)) ? since : null,
		accumulatedMs: typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : 0
	};
}

function startTimer(item: YMap, at: string): void {
	const timer = readStoredTimer(item);
	if (timer.runningSince === null) item.set('timer', { ...timer, runningSince: at });
}

function pauseTimer(item: YMap, at: string): void {
	const timer = readStoredTimer(item);
	if (timer.runningSince === null) return;
	const elapsed = Math.max(0, Date.parse(at) - Date.parse(timer.runningSince));
	item.set('timer', { runningSince: null, accumulatedMs: timer.accumulatedMs + elapsed });
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

// ---------------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------------

/**
 * Starts a review and returns its id. Refuses (BoardError) while another review is running;
 * peers starting at the same time both succeed and `readBoard` shows the later start as
 * `running` and the other as `superseded` (see `statuses` above). The agenda items are created
 * with their notes text, in the given order; the facilitator is the first attendee.
 */
export function startReview(doc: Y.Doc, input: StartReviewInput): string {
	const running = runningReviewId(doc);
	if (running !== null) throw new BoardError(`Review "${running}" is still running`);
	const at = timestamp(input);
	const facilitator = facilitatorValue(input.facilitator, at);
	const baseline = requireName(input.baselineSnapshotId, 'baselineSnapshotId');
	if (!Array.isArray(input.agenda)) throw new BoardError('agenda must be a list of risk ids');
	if (new Set(input.agenda).size !== input.agenda.length) {
		throw new BoardError('The agenda lists a risk twice');
	}
	for (const riskId of input.agenda) riskMap(doc, riskId);
	const seq = Math.max(0, ...heads(doc).map((head) => head.seq)) + 1;
	return write(doc, input, () => {
		const id = newId();
		const items = new Y.Map<unknown>();
		const review = newMap({
			seq,
			startedAt: at,
			startedBy: facilitator.name,
			facilitator,
			baselineSnapshotId: baseline,
			items
		});
		roots(doc).reviews.set(id, review);
		const placed: Ordered[] = [];
		for (const riskId of input.agenda) {
			const order = orderKeyFor(placed);
			placed.push({ id: riskId, order });
			items.set(riskId, newItem(order));
		}
		addAttendee(review, facilitator.name);
		return id;
	});
}

/**
 * Ends a review (the running one, or a superseded one so that it stops lingering): records the
 * final snapshot id, who ended it and when, and pauses every running timer. The server takes the
 * final snapshot just before calling this.
 */
export function endReview(
	doc: Y.Doc,
	input: ReviewRef & { finalSnapshotId: string; by?: string }
): void {
	const { map } = resolve(doc, input, ['running', 'superseded']);
	const finalSnapshotId = requireName(input.finalSnapshotId, 'finalSnapshotId');
	const by = input.by === undefined ? null : requireName(input.by, 'by');
	const at = timestamp(input);
	write(doc, input, () => {
		for (const [, item] of mapEntries(itemsOf(map))) pauseTimer(item, at);
		map.set('end', { at, by, finalSnapshotId });
	});
}

/** Hands the facilitator role over (name and awareness client id); the new one attends. */
export function setFacilitator(doc: Y.Doc, input: ReviewRef & FacilitatorInput): void {
	const { map } = resolve(doc, input);
	const facilitator = facilitatorValue(input, timestamp(input));
	write(doc, input, () => {
		map.set('facilitator', facilitator);
		addAttendee(map, facilitator.name);
	});
}

/**
 * Puts an agenda item in focus (followers' views move to it), or clears the focus with null. The
 * previous item's timer pauses and the new item's timer starts, in the same update. A skipped
 * item is refused: un-skip it first.
 */
export function setFocus(doc: Y.Doc, input: ReviewRef & { riskId: string | null }): void {
	const { map } = resolve(doc, input);
	const next = input.riskId === null ? null : itemMap(map, input.riskId);
	if (next?.get('skipped') === true) throw new BoardError('This agenda item is skipped');
	const previousId = readOptionalString(map, 'focus');
	if (previousId === input.riskId) return;
	const at = timestamp(input);
	write(doc, input, () => {
		const previous = previousId === null ? undefined : childMap(itemsOf(map), previousId);
		if (previous) pauseTimer(previous, at);
		if (next && input.riskId !== null) {
			startTimer(next, at);
			map.set('focus', input.riskId);
		} else {
			map.delete('focus');
		}
	});
}

/** Adds a risk to the agenda (default: at the end); refuses a risk already on it. */
export function addAgendaItem(doc: Y.Doc, input: ReviewItemRef & Placement): void {
	const { map } = resolve(doc, input);
	riskMap(doc, input.riskId);
	if (itemsOf(map).has(input.riskId)) throw new BoardError('This risk is already on the agenda');
	const order = orderKeyFor(itemOrders(map), input);
	write(doc, input, () => itemsOf(map).set(input.riskId, newItem(order)));
}

/** Moves an agenda item (see `Placement`). */
export function moveAgendaItem(doc: Y.Doc, input: ReviewItemRef & Placement): void {
	const { map } = resolve(doc, input);
	const item = itemMap(map, input.riskId);
	const order = orderKeyFor(itemOrders(map), { ...input, self: input.riskId });
	write(doc, input, () => item.set('order', order));
}

/** Skips an agenda item (or un-skips it with `skipped: false`); it stays on the agenda. */
export function skipAgendaItem(doc: Y.Doc, input: ReviewItemRef & { skipped?: boolean }): void {
	const { map } = resolve(doc, input);
	const item = itemMap(map, input.riskId);
	write(doc, input, () => setIfChanged(item, 'skipped', input.skipped ?? true));
}

/**
 * Records the decision for an agenda item with who recorded it and when; null clears it. The
 * decision is a record only: closing or escalating the risk itself is a separate edit
 * (`updateRisk`), so the minutes can show both what was decided and what was done.
 */
export function recordDecision(
	doc: Y.Doc,
	input: ReviewItemRef & { decision: ReviewDecision | null; by: string }
): void {
	const { map } = resolve(doc, input);
	const item = itemMap(map, input.riskId);
	const by = requireName(input.by, 'by');
	if (input.decision === null) {
		write(doc, input, () => item.delete('decision'));
		return;
	}
	const decision = requireEnum(input.decision, 'decision', REVIEW_DECISIONS);
	const record: ReviewDecisionRecord = { decision, by, at: timestamp(input) };
	write(doc, input, () => {
		item.set('decision', record);
		addAttendee(map, by);
	});
}

/**
 * Applies a score to the risk of an agenda item (e.g. a silent round's suggestion) and records
 * the change on the item, in one update. `residual` scores the residual pair. Returns false, and
 * writes nothing, when the risk already has these values.
 */
export function applyReviewScore(
	doc: Y.Doc,
	input: ReviewItemRef & {
		likelihood: number;
		impact: number;
		residual?: boolean;
		source?: 'vote' | 'manual';
		by: string;
	}
): boolean {
	const { map } = resolve(doc, input);
	const item = itemMap(map, input.riskId);
	const risk = riskMap(doc, input.riskId);
	const likelihood = requireInt(input.likelihood, 'likelihood', { min: 1, max: 5 }) as number;
	const impact = requireInt(input.impact, 'impact', { min: 1, max: 5 }) as number;
	const by = requireName(input.by, 'by');
	const source = requireEnum(input.source ?? 'manual', 'source', ['vote', 'manual'] as const);
	const residual = input.residual === true;
	const fields = residual
		? (['residualLikelihood', 'residualImpact'] as const)
		: (['likelihood', 'impact'] as const);
	const before: ScorePair = {
		likelihood: level(risk.get(fields[0])),
		impact: level(risk.get(fields[1]))
	};
	if (before.likelihood === likelihood && before.impact === impact) return false;
	const at = timestamp(input);
	write(doc, input, () => {
		const patch = residual
			? { residualLikelihood: likelihood, residualImpact: impact }
			: { likelihood, impact };
		updateRisk(doc, input.riskId, patch, input);
		const change: Omit<ReviewScoreChange, 'id'> = {
			kind: residual ? 'residual' : 'inherent',
			before,
			after: { likelihood, impact },
			source,
			by,
			at
		};
		changesOf(item).set(newId(), change);
	});
	return true;
}

function changesOf(item: YMap): YMap {
	let changes = childMap(item, 'scoreChanges');
	if (!changes) {
		changes = new Y.Map<unknown>();
		item.set('scoreChanges', changes);
	}
	return changes;
}

/**
 * Creates a mitigation action on the item's risk (like `addAction`) and records it on the item,
 * in one update; returns the action id.
 */
export function addReviewAction(
	doc: Y.Doc,
	input: ReviewItemRef & { text: string; ownerId?: string | null; dueDate?: string | null }
): string {
	const { map } = resolve(doc, input);
	const item = itemMap(map, input.riskId);
	const at = timestamp(input);
	return write(doc, input, () => {
		const { reviewId: _reviewId, ...action } = input;
		const id = addAction(doc, action);
		let actions = childMap(item, 'actions');
		if (!actions) {
			actions = new Y.Map<unknown>();
			item.set('actions', actions);
		}
		actions.set(id, at);
		return id;
	});
}

/** Starts, pauses or resets an item's timer (focusing an item starts and pauses for you). */
export function setReviewTimer(
	doc: Y.Doc,
	input: ReviewItemRef & { action: 'start' | 'pause' | 'reset' }
): void {
	const { map } = resolve(doc, input);
	const item = itemMap(map, input.riskId);
	const action = requireEnum(input.action, 'action', ['start', 'pause', 'reset'] as const);
	const at = timestamp(input);
	write(doc, input, () => {
		if (action === 'start') startTimer(item, at);
		else if (action === 'pause') pauseTimer(item, at);
		else item.set('timer', { runningSince: null, accumulatedMs: 0 });
	});
}

/** Sets (whole seconds, 1 s – 24 h) or clears (null) the time box of an item. */
export function setReviewTimebox(
	doc: Y.Doc,
	input: ReviewItemRef & { seconds: number | null }
): void {
	const { map } = resolve(doc, input);
	const item = itemMap(map, input.riskId);
	const seconds = requireInt(input.seconds, 'seconds', { min: 1, max: 86_400, nullable: true });
	write(doc, input, () => {
		if (seconds === null) item.delete('timebox');
		else setIfChanged(item, 'timebox', seconds);
	});
}

/**
 * Records that someone took part (the server calls this for each name it sees in awareness
 * during the review). Writes nothing when the name is already listed.
 */
export function markAttendance(doc: Y.Doc, input: ReviewRef & { name: string }): void {
	const { map } = resolve(doc, input);
	const name = requireName(input.name, 'Attendee name');
	if (childMap(map, 'attendees')?.get(name) === true) return;
	write(doc, input, () => addAttendee(map, name));
}

/**
 * The co-edited discussion notes of an agenda item; bind editors to it (it is never replaced).
 * Works on any review, running or not: the UI makes notes of an ended review read-only.
 */
export function getReviewNotes(doc: Y.Doc, input: ReviewItemRef): Y.Text {
	const { map } = resolve(doc, input, ['running', 'ended', 'superseded']);
	return requireText(itemMap(map, input.riskId), 'notes', `Agenda item "${input.riskId}"`);
}

/** Replaces the whole notes text of an item (delete all + insert). For tests and imports. */
export function setReviewNotes(doc: Y.Doc, input: ReviewItemRef & { value: string }): void {
	resolve(doc, input);
	const text = getReviewNotes(doc, input);
	write(doc, input, () => replaceText(text, input.value));
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

function record(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

const str = (value: unknown): string | null =>
	typeof value === 'string' && value !== '' ? value : null;

const level = (value: unknown): number | null =>
	Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5
		? (value as number)
		: null;

function readEnd(map: YMap): { at: string; by: string | null; finalSnapshotId: string } | null {
	const end = record(map.get('end'));
	const at = str(end?.at);
	const finalSnapshotId = str(end?.finalSnapshotId);
	return at && finalSnapshotId ? { at, by: str(end?.by), finalSnapshotId } : null;
}

function readFacilitator(map: YMap): ReviewFacilitator | null {
	const value = record(map.get('facilitator'));
	const name = str(value?.name);
	if (!value || !name) return null;
	const clientId = Number.isInteger(value.clientId) ? (value.clientId as number) : null;
	return { name, clientId, since: str(value.since) ?? '' };
}

function readDecision(item: YMap): ReviewDecisionRecord | null {
	const value = record(item.get('decision'));
	const decision = REVIEW_DECISIONS.find((d) => d === value?.decision);
	const by = str(value?.by);
	return decision && by ? { decision, by, at: str(value?.at) ?? '' } : null;
}

function readPair(value: unknown): ScorePair {
	const pair = record(value);
	return { likelihood: level(pair?.likelihood), impact: level(pair?.impact) };
}

function byTimeThenId<T extends { id: string; at: string }>(a: T, b: T): number {
	if (a.at !== b.at) return a.at < b.at ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function readItem(riskId: string, item: YMap): ReviewItem {
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
		decision: readDecision(item),
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
	return list.map((head): Review => {
		const map = reviews.get(head.id) as YMap;
		const end = readEnd(map);
		const items = childMap(map, 'items');
		const agenda = items
			? [...mapEntries(items)]
					.map(([riskId, item]) => readItem(riskId, item))
					.sort((a, b) =>
						compareOrdered({ id: a.riskId, order: a.order }, { id: b.riskId, order: b.order })
					)
			: [];
		const attendees = childMap(map, 'attendees');
		return {
			id: head.id,
			seq: head.seq,
			status: status.get(head.id) as ReviewStatus,
			startedAt: head.startedAt,
			startedBy: readString(map, 'startedBy'),
			endedAt: end?.at ?? null,
			endedBy: end?.by ?? null,
			facilitator: readFacilitator(map),
			baselineSnapshotId: readOptionalString(map, 'baselineSnapshotId'),
			finalSnapshotId: end?.finalSnapshotId ?? null,
			focusRiskId: readOptionalString(map, 'focus'),
			agenda,
			attendees: attendees
				? [...attendees.entries()]
						.filter(([, value]) => value === true)
						.map(([name]) => name)
						.sort()
				: []
		};
	});
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
