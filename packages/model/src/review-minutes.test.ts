import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { updateAction } from './actions.ts';
import { diffBoards } from './diff.ts';
import { addPerson } from './people.ts';
import { readBoard } from './read.ts';
import {
	buildMinutes,
	formatDuration,
	markdownInline,
	minutesToMarkdown,
	type Minutes
} from './review-minutes.ts';
import {
	addReviewAction,
	applyReviewScore,
	endReview,
	getReviewNotes,
	markAttendance,
	recordDecision,
	setFocus,
	skipAgendaItem,
	startReview
} from './reviews.ts';
import { addRisk, deleteRisk, setRiskText, updateRisk } from './risks.ts';
import { newBoard } from './test-support.ts';
import type { Review } from './types.ts';

const TODAY = '2025-03-01';
const at = (hhmm: string) => new Date(`${TODAY}T${hhmm}:00.000Z`);
const read = (doc: Y.Doc) => readBoard(doc, { today: TODAY });

/** A review of three risks: one re-scored from a vote with an action, one closed, one skipped. */
function scenario() {
	const doc = newBoard('Apollo launch');
	const ada = addPerson(doc, { name: 'Ada' });
	const bo = addPerson(doc, { name: 'Bo' });
	const vendor = addRisk(doc, { title: 'Vendor slips', likelihood: 3, impact: 3, ownerId: ada });
	const infra = addRisk(doc, { title: 'Infra cost', likelihood: 2, impact: 2 });
	const gone = addRisk(doc, { title: 'Old risk', likelihood: 1, impact: 1 });
	const baseline = read(doc);
	const reviewId = startReview(doc, {
		facilitator: { name: 'Ada', clientId: 1 },
		baselineSnapshotId: 'snap-1',
		agenda: [vendor.id, infra.id, gone.id],
		now: at('09:00')
	});
	markAttendance(doc, { name: 'Bo' });
	setFocus(doc, { riskId: vendor.id, now: at('09:02') });
	getReviewNotes(doc, { riskId: vendor.id }).insert(
		0,
		'Vendor confirmed delay.\n\nPlan B: second source.'
	);
	applyReviewScore(doc, {
		riskId: vendor.id,
		likelihood: 4,
		impact: 4,
		source: 'vote',
		by: 'Ada',
		now: at('09:10')
	});
	recordDecision(doc, { riskId: vendor.id, decision: 're-score', by: 'Ada', now: at('09:11') });
	const actionId = addReviewAction(doc, {
		riskId: vendor.id,
		text: 'Qualify second vendor',
		ownerId: bo,
		dueDate: '2025-03-15',
		now: at('09:12')
	});
	setFocus(doc, { riskId: infra.id, now: at('09:14') });
	recordDecision(doc, { riskId: infra.id, decision: 'close', by: 'Bo', now: at('09:15') });
	updateRisk(doc, infra.id, { status: 'Closed', closedReason: 'Budget approved' });
	skipAgendaItem(doc, { riskId: gone.id });
	deleteRisk(doc, gone.id);
	addRisk(doc, { title: 'New regulation', likelihood: 2, impact: 5, now: at('09:20') });
	endReview(doc, { finalSnapshotId: 'snap-2', by: 'Ada', now: at('09:30') });
	const final = read(doc);
	const review = final.reviews[0] as Review;
	return { doc, baseline, final, review, reviewId, vendor, infra, gone, actionId, ada, bo };
}

function minutesOf(
	s: ReturnType<typeof scenario>,
	authors?: Parameters<typeof buildMinutes>[0]['authors']
): Minutes {
	return buildMinutes({
		review: s.review,
		baseline: s.baseline,
		final: s.final,
		diff: diffBoards(s.baseline, s.final),
		authors
	});
}

describe('buildMinutes', () => {
	it('lists facts, items with decisions, notes, time, scores and actions', () => {
		const s = scenario();
		const minutes = minutesOf(s);
		expect(minutes).toMatchObject({
			reviewId: s.reviewId,
			boardTitle: 'Apollo launch',
			status: 'ended',
			date: TODAY,
			durationSeconds: 1800,
			facilitator: 'Ada',
			attendees: ['Ada', 'Bo'],
			baselineSnapshotId: 'snap-1',
			finalSnapshotId: 'snap-2'
		});
		const [vendor, infra, gone] = minutes.items;
		expect(vendor).toMatchObject({
			key: 'R-1',
			title: 'Vendor slips',
			skipped: false,
			deleted: false,
			decision: { decision: 're-score', label: 'Re-score', by: 'Ada' },
			notes: 'Vendor confirmed delay.\n\nPlan B: second source.',
			seconds: 12 * 60,
			scoreChanges: [
				{
					residual: false,
					before: { likelihood: 3, impact: 3, score: 9, band: 'medium' },
					after: { likelihood: 4, impact: 4, score: 16, band: 'high' }
				}
			],
			actions: [
				{
					id: s.actionId,
					text: 'Qualify second vendor',
					owner: 'Bo',
					dueDate: '2025-03-15',
					riskKeys: ['R-1'],
					recordedFor: s.vendor.id
				}
			]
		});
		expect(vendor?.appliedScores).toHaveLength(1);
		expect(infra).toMatchObject({ decision: { decision: 'close', by: 'Bo' }, seconds: 16 * 60 });
		expect(gone).toMatchObject({ key: 'R-3', title: 'Old risk', skipped: true, deleted: true });
		expect(minutes.newActions.map((a) => a.id)).toEqual([s.actionId]);
		expect(minutes.scoreChanges.map((c) => c.key)).toEqual(['R-1']);
		expect(minutes.changes.added.map((r) => r.title)).toEqual(['New regulation']);
		expect(minutes.changes.removed.map((r) => r.title)).toEqual(['Old risk']);
	});

	it('names who changed what when the authors are known', () => {
		const s = scenario();
		const minutes = minutesOf(s, {
			[s.vendor.id]: { likelihood: ['Ada'], impact: ['Ada', 'Bo'] },
			[s.gone.id]: { '*': ['Cy'] }
		});
		const vendor = minutes.changes.changed.find((r) => r.id === s.vendor.id);
		expect(vendor?.changes.find((c) => c.field === 'impact')?.by).toEqual(['Ada', 'Bo']);
		expect(vendor?.changes.find((c) => c.field === 'score')?.by).toEqual([]);
		expect(minutes.changes.removed[0]?.by).toEqual(['Cy']);
	});

	it('builds draft minutes of a running review (no end, timers as accumulated)', () => {
		const doc = newBoard();
		const { id } = addRisk(doc, { title: 'r' });
		const baseline = read(doc);
		startReview(doc, {
			facilitator: { name: 'Ada' },
			baselineSnapshotId: 's',
			agenda: [id],
			now: at('09:00')
		});
		setFocus(doc, { riskId: id, now: at('09:01') });
		const live = read(doc);
		const minutes = buildMinutes({
			review: live.reviews[0] as Review,
			baseline,
			final: live,
			diff: diffBoards(baseline, live)
		});
		expect(minutes).toMatchObject({ status: 'running', endedAt: null, durationSeconds: null });
		expect(minutes.items[0]?.seconds).toBe(0);
		expect(minutesToMarkdown(minutes)).toContain('- **Status:** running');
	});
});

describe('minutesToMarkdown', () => {
	it('renders the minutes', () => {
		const s = scenario();
		const markdown = minutesToMarkdown(minutesOf(s, { [s.vendor.id]: { likelihood: ['Ada'] } }));
		expect(markdown).toBe(EXPECTED);
	});

	it('escapes user text: no raw HTML, links, emphasis, headings or table breaks', () => {
		const doc = newBoard('<b>Board</b> & co');
		const evil = '<script>alert(1)</script> [x](javascript:alert(1)) *em* `code` | ~~s~~ &amp; #';
		const { id } = addRisk(doc, { title: evil, likelihood: 2, impact: 2 });
		const person = addPerson(doc, { name: '<img src=x onerror=alert(1)>' });
		const baseline = read(doc);
		startReview(doc, {
			facilitator: { name: '**Boss**' },
			baselineSnapshotId: 's',
			agenda: [id],
			now: at('09:00')
		});
		markAttendance(doc, { name: '<i>x</i>' });
		getReviewNotes(doc, { riskId: id }).insert(
			0,
			'# not a heading\n- not a list\n1. not a list\n> not a quote\n    not code\n```\n<div>raw</div>\n=='
		);
		recordDecision(doc, { riskId: id, decision: 'keep', by: '[me](http://x)' });
		const actionId = addReviewAction(doc, {
			riskId: id,
			text: '<a href=x>act</a>',
			ownerId: person
		});
		updateAction(doc, actionId, { status: 'Blocked' });
		setRiskText(doc, { riskId: id, field: 'description', value: '<svg onload=alert(1)>\nline 2' });
		endReview(doc, { finalSnapshotId: 'f', now: at('10:00') });
		const final = read(doc);
		const markdown = minutesToMarkdown(
			buildMinutes({
				review: final.reviews[0] as Review,
				baseline,
				final,
				diff: diffBoards(baseline, final)
			})
		);
		// Every <, [, *, `, |, ~, & from user text is escaped; none stays bare.
		expect(markdown).not.toMatch(/(^|[^\\])[<[`|~&]/m);
		expect(markdown).not.toMatch(/(^|[^\\*])\*(?!\*)/m);
		const notes = markdown.split('\n').filter((line) => line.startsWith('>'));
		expect(notes).toEqual([
			'> \\# not a heading',
			'> \\- not a list',
			'> 1\\. not a list',
			'> \\> not a quote',
			'> not code',
			'> \\`\\`\\`',
			'> \\<div\\>raw\\</div\\>',
			'> \\=='
		]);
		expect(markdown).toContain('# Review minutes: \\<b\\>Board\\</b\\> \\& co');
		expect(markdown).toContain('- Description: — → \\<svg onload=alert(1)\\> line 2');
	});
});

describe('helpers', () => {
	it('formats durations', () => {
		expect([45, 60, 365, 3600, 4500].map(formatDuration)).toEqual([
			'45 s',
			'1 min',
			'6 min 5 s',
			'1 h',
			'1 h 15 min'
		]);
	});

	it('markdownInline joins lines and escapes markup characters', () => {
		expect(markdownInline(' a\n*b*  <c> ')).toBe('a \\*b\\* \\<c\\>');
	});
});

const EXPECTED = String.raw`# Review minutes: Apollo launch

- **Date:** 2025-03-01 (times in UTC)
- **Time:** 09:00–09:30 (30 min)
- **Facilitator:** Ada
- **Attendees:** Ada, Bo

## Agenda

### 1. R-1 Vendor slips

- **Decision:** Re-score, recorded by Ada at 09:11
- **Next review:** 2025-05-30 (review cadence)
- **Time:** 12 min
- **Score:** 9 (medium, L3 × I3) → 16 (high, L4 × I4)
- Applied L4 × I4 from the silent round by Ada
- **New actions:**
  - Qualify second vendor (owner Bo, due 2025-03-15, Planned)
- **Notes:**

> Vendor confirmed delay.
>
> Plan B: second source.

### 2. R-2 Infra cost

- **Decision:** Close, recorded by Bo at 09:15
- **Next review:** 2026-02-24 (review cadence)
- **Time:** 16 min

### 3. R-3 Old risk (skipped, deleted since)

- **Decision:** none recorded

## Reviewed risks

- R-1 Vendor slips (Re-score): next review 2025-05-30 (review cadence)
- R-2 Infra cost (Close): next review 2026-02-24 (review cadence)

## New actions

- R-1: Qualify second vendor (owner Bo, due 2025-03-15, Planned)

## Score changes

- R-1 Vendor slips: Score: 9 (medium, L3 × I3) → 16 (high, L4 × I4)

## Changes between the baseline and final snapshots

### Risks added

- R-4 New regulation: Open, score 10 (High)

### Risks removed

- R-3 Old risk: Open, score 1 (Low)

### Risks changed

#### R-1 Vendor slips

- Likelihood: 3 → 4 (by Ada)
- Impact: 3 → 4
- Score: 9 → 16
- Band: Medium → High
- Next review: — → 2025-05-30
- Last reviewed: — → 2025-03-01
- Mitigation actions: — → Qualify second vendor \[Planned, 0%, Bo, due 2025-03-15\]

#### R-2 Infra cost

- Status: Open → Closed
- Closed reason: — → Budget approved
- Next review: — → 2026-02-24
- Last reviewed: — → 2025-03-01
`;
