/**
 * Review sessions in the board document: start, agenda, focus, per-item notes, decisions,
 * applied scores, new actions and timers, attendance, facilitator hand-over and end. Every edit
 * is one transaction; every collection is a map of stable ids (set semantics), and the values two
 * peers may write at once (facilitator, decision, timer, end) are single plain objects, so a
 * concurrent write replaces the whole record and never mixes two halves. Votes of a silent
 * scoring round are never stored here (see review-votes.ts).
 *
 * Layout: root `reviews`: id → {seq, startedAt, startedBy, facilitator {name, personId, clientId,
 * since}, baselineSnapshotId, focus, items: riskId → {order, skipped, notes (Y.Text, created with
 * the item), decision {decision, by, byId, at, lastReviewed, nextReviewDate, nextReviewSource,
 * previous {lastReviewed, nextReviewDate}}, scoreChanges: id → {...}, actions: actionId →
 * createdAt, timer {runningSince, accumulatedMs}, timebox}, attendees: name → true (name-only
 * attendees), attendeeIds: personId → name at the time, end {at, by, finalSnapshotId}}.
 */
import * as Y from 'yjs';
import { addAction } from './actions.ts';
import { BoardError } from './errors.ts';
import { newId } from './ids.ts';
import { orderKeyFor, type Ordered, type Placement } from './order-keys.ts';
import { cadenceNextReview } from './review-cadence.ts';
import { riskMap, updateRisk } from './risks.ts';
import { riskScoreOrNull, scoreBand } from './scoring.ts';
import { documentToday, readSettings } from './settings.ts';
import {
	childMap,
	isIsoDate,
	mapEntries,
	newMap,
	newText,
	readDate,
	readOptionalString,
	readOrder,
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
	type ReviewDecision,
	type ReviewDecisionRecord,
	type ReviewFacilitator,
	type ReviewScoreChange,
	type ReviewStatus,
	type ScorePair,
	type WriteOptions
} from './types.ts';
import {
	heads,
	itemsOf,
	readStoredTimer,
	record,
	statuses,
	level,
	runningReviewId
} from './review-layout.ts';
import { requireDateOrNull, requireEnum, requireInt, requireName } from './validate.ts';
import { requireTextLength } from './limits.ts';

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
	/** The person on the board they are (the "Who are you?" choice); omitted: a name only. */
	personId?: string | null | undefined;
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

/** Throws unless `personId` is omitted, null or a person on the board; returns it or null. */
function personOrNull(doc: Y.Doc, personId: unknown, what: string): string | null {
	if (personId === undefined || personId === null) return null;
	if (typeof personId !== 'string' || !roots(doc).people.has(personId)) {
		throw new BoardError(`${what} "${String(personId)}" is not a person on this board`);
	}
	return personId;
}

function facilitatorValue(doc: Y.Doc, input: FacilitatorInput, since: string): ReviewFacilitator {
	if (typeof input !== 'object' || input === null) throw new BoardError('A facilitator is needed');
	const clientId = input.clientId ?? null;
	if (clientId !== null) requireInt(clientId, 'clientId', { min: 0, max: 2 ** 32 - 1 });
	const personId = personOrNull(doc, input.personId, 'Facilitator');
	return { name: requireName(input.name, 'Facilitator name'), personId, clientId, since };
}

/** An attendee: a person on the board (by id, with their name then), or a name only. */
interface Attendee {
	name: string;
	personId: string | null;
}

function attendeeSet(review: YMap, key: 'attendees' | 'attendeeIds'): YMap {
	let set = childMap(review, key);
	if (!set) {
		set = new Y.Map<unknown>();
		review.set(key, set);
	}
	return set;
}

function hasAttendee(review: YMap, attendee: Attendee): boolean {
	return attendee.personId === null
		? childMap(review, 'attendees')?.get(attendee.name) === true
		: childMap(review, 'attendeeIds')?.get(attendee.personId) === attendee.name;
}

function addAttendee(review: YMap, attendee: Attendee): void {
	if (hasAttendee(review, attendee)) return;
	if (attendee.personId === null) attendeeSet(review, 'attendees').set(attendee.name, true);
	else attendeeSet(review, 'attendeeIds').set(attendee.personId, attendee.name);
}
// ---------------------------------------------------------------------------------------------
// Timers
// ---------------------------------------------------------------------------------------------

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
	const facilitator = facilitatorValue(doc, input.facilitator, at);
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
		addAttendee(review, facilitator);
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
	const facilitator = facilitatorValue(doc, input, timestamp(input));
	write(doc, input, () => {
		map.set('facilitator', facilitator);
		addAttendee(map, facilitator);
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

/** Input of `recordDecision`. */
export interface DecisionInput extends ReviewItemRef {
	decision: ReviewDecision | null;
	/** Display name of who records it. */
	by: string;
	/** The person on the board who records it; omitted or null: a name only. */
	byId?: string | null | undefined;
	/**
	 * A next review date entered by hand in this review ('YYYY-MM-DD', or null for none); it wins
	 * over the cadence, also when the decision is changed later in the same review. Omitted: the
	 * date entered by hand earlier for this item, else the band's cadence.
	 */
	nextReviewDate?: string | null | undefined;
}

/**
 * Records the decision for an agenda item with who recorded it and when, and in the same
 * transaction (one update, one undo step) updates the risk: `lastReviewed` = the board's today
 * (`documentToday`, the board's time zone) and `nextReviewDate` = a date entered by hand in this
 * review if any (`nextReviewDate`, or one entered for this item before), else the cadence of the
 * risk's band (`cadenceNextReview`; null when the band has no cadence). The record keeps the
 * dates it set and the risk's values before the first decision on the item, so clearing the
 * decision (null) puts those back. Closing or escalating the risk itself is a separate edit
 * (`updateRisk`), so the minutes can show both what was decided and what was done.
 */
export function recordDecision(doc: Y.Doc, input: DecisionInput): void {
	const { map } = resolve(doc, input);
	const item = itemMap(map, input.riskId);
	const by = requireName(input.by, 'by');
	const byId = personOrNull(doc, input.byId, 'by');
	const old = record(item.get('decision'));
	const previous = record(old?.previous);
	if (input.decision === null) {
		const risk = childMap(roots(doc).risks, input.riskId);
		write(doc, input, () => {
			item.delete('decision');
			if (!risk || !previous) return;
			const restore = {
				lastReviewed: isIsoDate(previous.lastReviewed) ? previous.lastReviewed : null,
				nextReviewDate: isIsoDate(previous.nextReviewDate) ? previous.nextReviewDate : null
			};
			updateRisk(doc, input.riskId, restore, input);
		});
		return;
	}
	const decision = requireEnum(input.decision, 'decision', REVIEW_DECISIONS);
	const risk = riskMap(doc, input.riskId);
	const handInput =
		input.nextReviewDate === undefined
			? undefined
			: requireDateOrNull(input.nextReviewDate, 'nextReviewDate');
	const at = timestamp(input);
	const today = documentToday(doc, input.now ?? new Date());
	const settings = readSettings(doc);
	const score = riskScoreOrNull(level(risk.get('likelihood')), level(risk.get('impact')));
	const band = score === null ? null : scoreBand(score, settings.scoreBands);
	let nextReviewDate: string | null;
	let nextReviewSource: ReviewDecisionRecord['nextReviewSource'];
	if (handInput !== undefined) {
		nextReviewDate = handInput;
		nextReviewSource = 'hand';
	} else if (old?.nextReviewSource === 'hand') {
		nextReviewDate = isIsoDate(old.nextReviewDate) ? old.nextReviewDate : null;
		nextReviewSource = 'hand';
	} else {
		nextReviewDate = cadenceNextReview(today, band, settings.reviewCadence);
		nextReviewSource = nextReviewDate === null ? null : 'cadence';
	}
	const stored = {
		decision,
		by,
		byId,
		at,
		lastReviewed: today,
		nextReviewDate,
		nextReviewSource,
		previous: previous ?? {
			lastReviewed: readDate(risk, 'lastReviewed'),
			nextReviewDate: readDate(risk, 'nextReviewDate')
		}
	};
	write(doc, input, () => {
		item.set('decision', stored);
		updateRisk(doc, input.riskId, { lastReviewed: today, nextReviewDate }, input);
		addAttendee(map, { name: by, personId: byId });
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
 * during the review): a person on the board by id (with their name then), or a name only.
 * Writes nothing when they are already listed (a person under the same name).
 */
export function markAttendance(
	doc: Y.Doc,
	input: ReviewRef & { name: string; personId?: string | null | undefined }
): void {
	const { map } = resolve(doc, input);
	const attendee = {
		name: requireName(input.name, 'Attendee name'),
		personId: personOrNull(doc, input.personId, 'Attendee')
	};
	if (hasAttendee(map, attendee)) return;
	write(doc, input, () => addAttendee(map, attendee));
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
	requireTextLength(input.value, { kind: 'review-notes' }, 'The notes');
	write(doc, input, () => replaceText(text, input.value));
}
