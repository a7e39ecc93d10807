import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import { migrateBoard } from './migrations.ts';
import { readBoard } from './read.ts';
import {
	addAgendaItem,
	addReviewAction,
	applyReviewScore,
	endReview,
	getReviewNotes,
	markAttendance,
	moveAgendaItem,
	recordDecision,
	setFacilitator,
	setFocus,
	setReviewNotes,
	setReviewTimebox,
	setReviewTimer,
	skipAgendaItem,
	startReview
} from './reviews.ts';
import { runningReviewId, timerSeconds } from './review-layout.ts';
import { boardReviews, lastEndedReview, runningReview } from './review-read.ts';
import { addPerson, updatePerson } from './people.ts';
import { addRisk, deleteRisk, updateRisk } from './risks.ts';
import { updateSettings } from './settings.ts';
import { undoScope } from './undo.ts';
import { roots } from './schema.ts';
import { fork, newBoard, sync } from './test-support.ts';
import type { Board, Review } from './types.ts';

const TODAY = '2025-01-15';
const at = (hhmmss: string) => new Date(`2025-01-15T${hhmmss}.000Z`);
const read = (doc: Y.Doc): Board => readBoard(doc, { today: TODAY });
const only = (doc: Y.Doc): Review => {
	const reviews = read(doc).reviews;
	expect(reviews).toHaveLength(1);
	return reviews[0] as Review;
};

function setup() {
	const doc = newBoard();
	const ada = addPerson(doc, { name: 'Ada' });
	const a = addRisk(doc, { title: 'A', likelihood: 2, impact: 3 }).id;
	const b = addRisk(doc, { title: 'B', likelihood: 4, impact: 4 }).id;
	const c = addRisk(doc, { title: 'C' }).id;
	return { doc, ada, a, b, c };
}

function start(doc: Y.Doc, agenda: string[], now = at('09:00:00'), name = 'Ada') {
	return startReview(doc, {
		facilitator: { name, clientId: 42 },
		baselineSnapshotId: 'snap-base',
		agenda,
		now
	});
}

function countUpdates(doc: Y.Doc, fn: () => void): number {
	let updates = 0;
	const handler = () => updates++;
	doc.on('update', handler);
	fn();
	doc.off('update', handler);
	return updates;
}

describe('startReview', () => {
	it('creates a running review with its agenda, facilitator and first attendee in one update', () => {
		const { doc, a, b } = setup();
		let id = '';
		expect(countUpdates(doc, () => (id = start(doc, [b, a])))).toBe(1);
		expect(only(doc)).toEqual({
			id,
			seq: 1,
			status: 'running',
			startedAt: '2025-01-15T09:00:00.000Z',
			startedBy: 'Ada',
			endedAt: null,
			endedBy: null,
			facilitator: {
				name: 'Ada',
				personId: null,
				clientId: 42,
				since: '2025-01-15T09:00:00.000Z'
			},
			baselineSnapshotId: 'snap-base',
			finalSnapshotId: null,
			focusRiskId: null,
			agenda: [b, a].map((riskId) => ({
				riskId,
				order: expect.any(String),
				skipped: false,
				notes: '',
				decision: null,
				scoreChanges: [],
				actionIds: [],
				timer: { runningSince: null, accumulatedSeconds: 0, timeboxSeconds: null }
			})),
			attendees: ['Ada'],
			attendeeIds: []
		});
		expect(runningReviewId(doc)).toBe(id);
		expect(runningReview(read(doc))?.id).toBe(id);
	});

	it('refuses a second review while one runs, and bad input, writing nothing', () => {
		const { doc, a } = setup();
		start(doc, [a]);
		const before = Y.encodeStateAsUpdate(doc);
		expect(() => start(doc, [a])).toThrow(/still running/);
		const fresh = setup();
		expect(() => start(fresh.doc, [fresh.a, fresh.a])).toThrow(/twice/);
		expect(() => start(fresh.doc, ['nope'])).toThrow(BoardError);
		expect(() => start(fresh.doc, [fresh.a], at('09:00:00'), ' ')).toThrow(BoardError);
		expect(() =>
			startReview(fresh.doc, {
				facilitator: { name: 'Ada', clientId: -1 },
				baselineSnapshotId: 's',
				agenda: []
			})
		).toThrow(BoardError);
		expect(() =>
			startReview(fresh.doc, { facilitator: { name: 'Ada' }, baselineSnapshotId: '', agenda: [] })
		).toThrow(BoardError);
		expect(read(fresh.doc).reviews).toEqual([]);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it('needs no migration: a board from before reviews reads none and can start one', () => {
		const doc = new Y.Doc();
		migrateBoard(doc, { now: at('08:00:00') });
		expect(read(doc).reviews).toEqual([]);
		expect(boardReviews({ ...read(doc), reviews: undefined } as unknown as Board)).toEqual([]);
		start(doc, []);
		expect(only(doc).status).toBe('running');
	});
});

describe('concurrent starts', () => {
	it('give one running review on every peer; the later start wins, the other is superseded', () => {
		const { doc, a } = setup();
		const peer = fork(doc);
		const early = start(doc, [a], at('09:00:00'), 'Ada');
		const late = start(peer, [a], at('09:00:05'), 'Bo');
		sync(doc, peer);
		expect(JSON.stringify(read(doc))).toBe(JSON.stringify(read(peer)));
		const statuses = Object.fromEntries(read(doc).reviews.map((r) => [r.id, r.status]));
		expect(statuses).toEqual({ [early]: 'superseded', [late]: 'running' });
		expect(runningReviewId(doc)).toBe(late);
		// Edits go to the running review; the superseded one refuses them.
		expect(() => setFocus(doc, { reviewId: early, riskId: a })).toThrow(/superseded/);
		setFocus(doc, { riskId: a });
		expect(read(doc).reviews.find((r) => r.id === late)?.focusRiskId).toBe(a);
	});

	it('breaks a tie of equal start times by id', () => {
		const { doc, a } = setup();
		const peer = fork(doc);
		const one = start(doc, [a]);
		const two = start(peer, [a]);
		sync(doc, peer);
		expect(runningReviewId(doc)).toBe(one > two ? one : two);
		expect(runningReviewId(peer)).toBe(runningReviewId(doc));
	});

	it('keeps a superseded review superseded after the winner ends, and lets it be ended', () => {
		const { doc, a } = setup();
		const peer = fork(doc);
		const early = start(doc, [a], at('09:00:00'));
		const late = start(peer, [a], at('09:00:05'));
		sync(doc, peer);
		endReview(doc, { finalSnapshotId: 'snap-final', now: at('10:00:00') });
		const status = () => Object.fromEntries(read(doc).reviews.map((r) => [r.id, r.status]));
		expect(status()).toEqual({ [early]: 'superseded', [late]: 'ended' });
		expect(runningReviewId(doc)).toBeNull();
		endReview(doc, { reviewId: early, finalSnapshotId: 'snap-x', now: at('10:01:00') });
		expect(status()).toEqual({ [early]: 'ended', [late]: 'ended' });
	});

	it('orders by sequence, not clocks: a review started after another ended always runs', () => {
		const { doc, a } = setup();
		start(doc, [a], at('10:00:00'));
		endReview(doc, { finalSnapshotId: 'f1', now: at('11:00:00') });
		// A peer whose clock is an hour behind starts the next one.
		const next = start(doc, [a], at('09:00:00'));
		expect(runningReviewId(doc)).toBe(next);
		expect(read(doc).reviews.map((r) => [r.seq, r.status])).toEqual([
			[1, 'ended'],
			[2, 'running']
		]);
	});

	it('supersedes a review forgotten on an offline peer once a later one exists', () => {
		const { doc, a } = setup();
		const offline = fork(doc);
		const forgotten = start(offline, [a], at('08:00:00'));
		const held = start(doc, [a], at('09:00:00'));
		endReview(doc, { finalSnapshotId: 'f', now: at('10:00:00') });
		sync(doc, offline);
		const status = Object.fromEntries(read(doc).reviews.map((r) => [r.id, r.status]));
		expect(status).toEqual({ [forgotten]: 'superseded', [held]: 'ended' });
		expect(lastEndedReview(read(doc))?.id).toBe(held);
	});
});

describe('focus and timers', () => {
	it('moves the focus, pausing the previous timer and starting the next, one update each', () => {
		const { doc, a, b } = setup();
		start(doc, [a, b]);
		expect(countUpdates(doc, () => setFocus(doc, { riskId: a, now: at('09:00:00') }))).toBe(1);
		setFocus(doc, { riskId: b, now: at('09:05:30') });
		let review = only(doc);
		expect(review.focusRiskId).toBe(b);
		expect(review.agenda[0]?.timer).toEqual({
			runningSince: null,
			accumulatedSeconds: 330,
			timeboxSeconds: null
		});
		expect(review.agenda[1]?.timer.runningSince).toBe('2025-01-15T09:05:30.000Z');
		expect(timerSeconds(review.agenda[1]!.timer, '2025-01-15T09:06:00.000Z')).toBe(30);
		// Refocusing the same item writes nothing; back to a adds to its time.
		expect(countUpdates(doc, () => setFocus(doc, { riskId: b, now: at('09:07:00') }))).toBe(0);
		setFocus(doc, { riskId: a, now: at('09:06:00') });
		setFocus(doc, { riskId: null, now: at('09:07:00') });
		review = only(doc);
		expect(review.focusRiskId).toBeNull();
		expect(review.agenda.map((item) => item.timer.accumulatedSeconds)).toEqual([390, 30]);
	});

	it('refuses to focus a skipped item or one not on the agenda', () => {
		const { doc, a, c } = setup();
		start(doc, [a]);
		skipAgendaItem(doc, { riskId: a });
		expect(() => setFocus(doc, { riskId: a })).toThrow(/skipped/);
		expect(() => setFocus(doc, { riskId: c })).toThrow(/agenda item/);
	});

	it('starts, pauses and resets a timer and sets a time box', () => {
		const { doc, a } = setup();
		start(doc, [a]);
		setReviewTimer(doc, { riskId: a, action: 'start', now: at('09:00:00') });
		setReviewTimer(doc, { riskId: a, action: 'start', now: at('09:00:10') });
		setReviewTimer(doc, { riskId: a, action: 'pause', now: at('09:01:00') });
		setReviewTimebox(doc, { riskId: a, seconds: 300 });
		expect(only(doc).agenda[0]?.timer).toEqual({
			runningSince: null,
			accumulatedSeconds: 60,
			timeboxSeconds: 300
		});
		setReviewTimer(doc, { riskId: a, action: 'reset' });
		setReviewTimebox(doc, { riskId: a, seconds: null });
		expect(only(doc).agenda[0]?.timer).toEqual({
			runningSince: null,
			accumulatedSeconds: 0,
			timeboxSeconds: null
		});
		expect(() => setReviewTimebox(doc, { riskId: a, seconds: 0 })).toThrow(BoardError);
	});

	it('timerSeconds never counts backwards for a clock behind the start', () => {
		const timer = { runningSince: '2025-01-15T09:00:00.000Z', accumulatedSeconds: 5 };
		expect(timerSeconds({ ...timer, timeboxSeconds: null }, '2025-01-15T08:00:00.000Z')).toBe(5);
	});
});

describe('agenda edits', () => {
	it('adds, skips (a flag) and reorders items', () => {
		const { doc, a, b, c } = setup();
		start(doc, [a, b]);
		addAgendaItem(doc, { riskId: c, after: a });
		expect(only(doc).agenda.map((item) => item.riskId)).toEqual([a, c, b]);
		expect(() => addAgendaItem(doc, { riskId: c })).toThrow(/already/);
		moveAgendaItem(doc, { riskId: b, before: a });
		skipAgendaItem(doc, { riskId: c });
		expect(only(doc).agenda.map((item) => [item.riskId, item.skipped])).toEqual([
			[b, false],
			[a, false],
			[c, true]
		]);
		skipAgendaItem(doc, { riskId: c, skipped: false });
		expect(only(doc).agenda[2]?.skipped).toBe(false);
	});

	it('merges concurrent additions and converges concurrent moves', () => {
		const { doc, a, b, c } = setup();
		start(doc, [a]);
		const peer = fork(doc);
		addAgendaItem(doc, { riskId: b });
		addAgendaItem(peer, { riskId: c });
		sync(doc, peer);
		expect(
			only(doc)
				.agenda.map((item) => item.riskId)
				.sort()
		).toEqual([a, b, c].sort());
		moveAgendaItem(doc, { riskId: a, after: null });
		moveAgendaItem(peer, { riskId: a, before: null });
		sync(doc, peer);
		expect(JSON.stringify(read(doc))).toBe(JSON.stringify(read(peer)));
	});

	it('keeps the item of a risk deleted during the review (the review is history)', () => {
		const { doc, a } = setup();
		start(doc, [a]);
		deleteRisk(doc, a);
		expect(only(doc).agenda.map((item) => item.riskId)).toEqual([a]);
	});
});

describe('decisions, notes, scores and actions', () => {
	it('records a decision with who and when, clears it, and refuses unknown decisions', () => {
		const { doc, a } = setup();
		start(doc, [a]);
		recordDecision(doc, { riskId: a, decision: 're-score', by: 'Bo', now: at('09:10:00') });
		expect(only(doc).agenda[0]?.decision).toEqual({
			decision: 're-score',
			by: 'Bo',
			byId: null,
			at: '2025-01-15T09:10:00.000Z',
			lastReviewed: '2025-01-15',
			nextReviewDate: '2025-07-14',
			nextReviewSource: 'cadence'
		});
		expect(only(doc).attendees).toEqual(['Ada', 'Bo']);
		expect(() => recordDecision(doc, { riskId: a, decision: 'maybe' as 'keep', by: 'Bo' })).toThrow(
			BoardError
		);
		recordDecision(doc, { riskId: a, decision: null, by: 'Bo' });
		expect(only(doc).agenda[0]?.decision).toBeNull();
	});

	it('sets last reviewed (board day) and the next review from the band cadence, in the same update', () => {
		const { doc, a, b, c } = setup();
		updateSettings(doc, { timeZone: 'Pacific/Auckland' });
		start(doc, [a, b, c]);
		// 11:30 UTC on 15 January is already 16 January in Auckland.
		const late = new Date('2025-01-15T11:30:00.000Z');
		expect(
			countUpdates(doc, () =>
				recordDecision(doc, { riskId: a, decision: 'keep', by: 'Ada', now: late })
			)
		).toBe(1);
		recordDecision(doc, { riskId: b, decision: 'escalate', by: 'Ada', now: late });
		recordDecision(doc, { riskId: c, decision: 'keep', by: 'Ada', now: late });
		const risks = new Map(read(doc).risks.map((risk) => [risk.id, risk]));
		// a: 6 (medium) 180 days; b: 16 (high) 90 days; c: unscored, critical's 90 days
		expect(risks.get(a)).toMatchObject({
			lastReviewed: '2025-01-16',
			nextReviewDate: '2025-07-15'
		});
		expect(risks.get(b)).toMatchObject({
			lastReviewed: '2025-01-16',
			nextReviewDate: '2025-04-16'
		});
		expect(risks.get(c)).toMatchObject({
			lastReviewed: '2025-01-16',
			nextReviewDate: '2025-04-16'
		});
	});

	it('a next review date entered by hand in the review wins over the cadence; no cadence clears it', () => {
		const { doc, a, b } = setup();
		updateSettings(doc, { reviewCadence: { low: 360, medium: 180, high: null, critical: 90 } });
		updateRisk(doc, b, { nextReviewDate: '2025-01-01' });
		start(doc, [a, b]);
		const now = at('09:10:00');
		recordDecision(doc, {
			riskId: a,
			decision: 'keep',
			by: 'Ada',
			nextReviewDate: '2025-02-01',
			now
		});
		recordDecision(doc, { riskId: b, decision: 'keep', by: 'Ada', now });
		const risk = (id: string) => read(doc).risks.find((r) => r.id === id)!;
		expect(risk(a).nextReviewDate).toBe('2025-02-01');
		expect(only(doc).agenda.find((i) => i.riskId === a)?.decision?.nextReviewSource).toBe('hand');
		// b is high (16) and high has no cadence: no next review date, and the risk waits for one.
		expect(risk(b)).toMatchObject({ lastReviewed: '2025-01-15', nextReviewDate: null });
		// Changing the decision later in the review keeps the hand-entered date.
		recordDecision(doc, { riskId: a, decision: 'escalate', by: 'Ada', now });
		expect(risk(a).nextReviewDate).toBe('2025-02-01');
		expect(() =>
			recordDecision(doc, { riskId: a, decision: 'keep', by: 'Ada', nextReviewDate: '2025-13-01' })
		).toThrow(/nextReviewDate/);
		expect(risk(a).nextReviewDate).toBe('2025-02-01');
	});

	it('undoing a decision undoes the dates with it; clearing it puts the old dates back', () => {
		const { doc, a } = setup();
		updateRisk(doc, a, { nextReviewDate: '2025-01-10', lastReviewed: '2024-07-01' });
		start(doc, [a]);
		const mine = { me: true };
		const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([mine]) });
		recordDecision(doc, {
			riskId: a,
			decision: 'keep',
			by: 'Ada',
			origin: mine,
			now: at('09:10:00')
		});
		const risk = () => read(doc).risks.find((r) => r.id === a)!;
		expect(risk()).toMatchObject({ lastReviewed: '2025-01-15', nextReviewDate: '2025-07-14' });
		undo.undo();
		expect(only(doc).agenda[0]?.decision).toBeNull();
		expect(risk()).toMatchObject({ lastReviewed: '2024-07-01', nextReviewDate: '2025-01-10' });
		recordDecision(doc, { riskId: a, decision: 'keep', by: 'Ada', now: at('09:10:00') });
		recordDecision(doc, { riskId: a, decision: 'close', by: 'Ada', now: at('09:11:00') });
		recordDecision(doc, { riskId: a, decision: null, by: 'Ada' });
		expect(risk()).toMatchObject({ lastReviewed: '2024-07-01', nextReviewDate: '2025-01-10' });
	});

	it('records who decided as a person on the board, under their current name', () => {
		const { doc, ada, a } = setup();
		start(doc, [a]);
		recordDecision(doc, { riskId: a, decision: 'keep', by: 'Ada', byId: ada });
		expect(() =>
			recordDecision(doc, { riskId: a, decision: 'keep', by: 'X', byId: 'nobody' })
		).toThrow(/not a person/);
		updatePerson(doc, ada, { name: 'Ada Lovelace' });
		expect(only(doc).agenda[0]?.decision).toMatchObject({ by: 'Ada Lovelace', byId: ada });
		expect(only(doc).attendeeIds).toEqual([ada]);
		expect(only(doc).attendees).toEqual(['Ada', 'Ada Lovelace']);
		markAttendance(doc, { name: 'Ada Lovelace', personId: ada });
		expect(
			countUpdates(doc, () => markAttendance(doc, { name: 'Ada Lovelace', personId: ada }))
		).toBe(0);
	});

	it('resolves concurrent decisions to one whole record, never a mix', () => {
		const { doc, a } = setup();
		start(doc, [a]);
		const peer = fork(doc);
		recordDecision(doc, { riskId: a, decision: 'keep', by: 'Ada', now: at('09:10:00') });
		recordDecision(peer, { riskId: a, decision: 'close', by: 'Bo', now: at('09:10:01') });
		sync(doc, peer);
		const decision = only(doc).agenda[0]?.decision;
		const dates = {
			lastReviewed: '2025-01-15',
			nextReviewDate: '2025-07-14',
			nextReviewSource: 'cadence'
		};
		expect([
			{ decision: 'keep', by: 'Ada', byId: null, at: '2025-01-15T09:10:00.000Z', ...dates },
			{ decision: 'close', by: 'Bo', byId: null, at: '2025-01-15T09:10:01.000Z', ...dates }
		]).toContainEqual(decision);
		expect(only(peer).agenda[0]?.decision).toEqual(decision);
	});

	it('co-edits notes: concurrent typing merges', () => {
		const { doc, a } = setup();
		start(doc, [a]);
		const peer = fork(doc);
		getReviewNotes(doc, { riskId: a }).insert(0, 'vendor late. ');
		getReviewNotes(peer, { riskId: a }).insert(0, 'QA agrees.');
		sync(doc, peer);
		const notes = only(doc).agenda[0]?.notes ?? '';
		expect(notes).toContain('vendor late. ');
		expect(notes).toContain('QA agrees.');
		setReviewNotes(doc, { riskId: a, value: 'replaced' });
		expect(only(doc).agenda[0]?.notes).toBe('replaced');
	});

	it('applies a score to the risk and records it on the item, in one update', () => {
		const { doc, a } = setup();
		start(doc, [a]);
		let changed = false;
		const updates = countUpdates(doc, () => {
			changed = applyReviewScore(doc, {
				riskId: a,
				likelihood: 4,
				impact: 3,
				source: 'vote',
				by: 'Ada',
				now: at('09:20:00')
			});
		});
		expect([changed, updates]).toEqual([true, 1]);
		const board = read(doc);
		expect(board.risks.find((r) => r.id === a)).toMatchObject({ likelihood: 4, score: 12 });
		expect(board.reviews[0]?.agenda[0]?.scoreChanges).toEqual([
			{
				id: expect.any(String),
				kind: 'inherent',
				before: { likelihood: 2, impact: 3 },
				after: { likelihood: 4, impact: 3 },
				source: 'vote',
				by: 'Ada',
				at: '2025-01-15T09:20:00.000Z'
			}
		]);
		expect(applyReviewScore(doc, { riskId: a, likelihood: 4, impact: 3, by: 'Ada' })).toBe(false);
		applyReviewScore(doc, { riskId: a, likelihood: 1, impact: 2, residual: true, by: 'Ada' });
		expect(read(doc).risks.find((r) => r.id === a)?.residualScore).toBe(2);
		expect(() => applyReviewScore(doc, { riskId: a, likelihood: 6, impact: 1, by: 'A' })).toThrow(
			BoardError
		);
	});

	it('creates an action on the risk and records it on the item, in one update', () => {
		const { doc, a, ada } = setup();
		start(doc, [a]);
		let id = '';
		const updates = countUpdates(doc, () => {
			id = addReviewAction(doc, {
				riskId: a,
				text: 'Call vendor',
				ownerId: ada,
				dueDate: '2025-02-01',
				now: at('09:30:00')
			});
		});
		expect(updates).toBe(1);
		const board = read(doc);
		expect(board.actions.find((x) => x.id === id)).toMatchObject({
			text: 'Call vendor',
			ownerId: ada,
			dueDate: '2025-02-01',
			riskIds: [a]
		});
		expect(board.reviews[0]?.agenda[0]?.actionIds).toEqual([id]);
		expect(() => addReviewAction(doc, { riskId: a, text: 'x', ownerId: 'ghost' })).toThrow(
			BoardError
		);
		expect(read(doc).actions).toHaveLength(1);
	});
});

describe('facilitator, attendance and end', () => {
	it('hands the facilitator role over and lists attendees once each', () => {
		const { doc, a } = setup();
		start(doc, [a]);
		setFacilitator(doc, { name: 'Bo', clientId: 7, now: at('09:40:00') });
		expect(only(doc).facilitator).toEqual({
			name: 'Bo',
			personId: null,
			clientId: 7,
			since: '2025-01-15T09:40:00.000Z'
		});
		markAttendance(doc, { name: 'Cy' });
		expect(countUpdates(doc, () => markAttendance(doc, { name: 'Cy' }))).toBe(0);
		expect(only(doc).attendees).toEqual(['Ada', 'Bo', 'Cy']);
	});

	it('ends with the final snapshot, pauses timers, and then refuses edits', () => {
		const { doc, a } = setup();
		const id = start(doc, [a]);
		setFocus(doc, { riskId: a, now: at('09:00:00') });
		endReview(doc, { finalSnapshotId: 'snap-final', by: 'Ada', now: at('09:45:00') });
		const review = only(doc);
		expect(review).toMatchObject({
			status: 'ended',
			endedAt: '2025-01-15T09:45:00.000Z',
			endedBy: 'Ada',
			finalSnapshotId: 'snap-final'
		});
		expect(review.agenda[0]?.timer).toMatchObject({ runningSince: null, accumulatedSeconds: 2700 });
		expect(lastEndedReview(read(doc))?.id).toBe(id);
		expect(() => setFocus(doc, { reviewId: id, riskId: null })).toThrow(/ended/);
		expect(() => recordDecision(doc, { riskId: a, decision: 'keep', by: 'A' })).toThrow(
			/No review is running/
		);
		expect(() => endReview(doc, { reviewId: id, finalSnapshotId: 'again' })).toThrow(/ended/);
		// Notes stay reachable for reading (the UI shows them read-only).
		expect(getReviewNotes(doc, { reviewId: id, riskId: a })).toBeInstanceOf(Y.Text);
	});

	it('reads malformed review records from foreign code as defaults', () => {
		const { doc, a } = setup();
		const id = start(doc, [a]);
		const review = roots(doc).reviews.get(id) as Y.Map<unknown>;
		review.set('facilitator', 'not an object');
		review.set('end', { at: 5 });
		const item = (review.get('items') as Y.Map<unknown>).get(a) as Y.Map<unknown>;
		item.set('decision', { decision: 'maybe', by: 'x' });
		item.set('timer', { runningSince: 'garbage', accumulatedMs: -3 });
		item.set('order', 42);
		roots(doc).reviews.set('junk', 'not a map');
		expect(only(doc)).toMatchObject({
			status: 'running',
			facilitator: null,
			endedAt: null,
			agenda: [
				{
					decision: null,
					order: '',
					timer: { runningSince: null, accumulatedSeconds: 0, timeboxSeconds: null }
				}
			]
		});
	});
});
