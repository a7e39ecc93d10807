/**
 * Minutes of a review session: plain data built from the review record, the baseline and final
 * snapshots and their diff, and a Markdown rendering. Pure: the server passes boards it read
 * from its snapshot store and the live review from `readBoard`, and may cache the result.
 */
import type { DiffValue, FieldChange, RiskSummary, BoardDiff } from './diff.ts';
import { timerSeconds } from './review-layout.ts';
import { BAND_LABELS } from './scoring.ts';
import { dayOf } from './time-zone.ts';
import type {
	Board,
	MitigationAction,
	Review,
	ReviewDecision,
	ReviewDecisionRecord,
	ReviewScoreChange,
	ReviewStatus,
	Risk,
	ScoreBand
} from './types.ts';

/** English labels of the decisions, as minutes and the UI show them. */
export const REVIEW_DECISION_LABELS: Readonly<Record<ReviewDecision, string>> = {
	keep: 'Keep',
	're-score': 'Re-score',
	close: 'Close',
	escalate: 'Escalate',
	accept: 'Accept'
};

/**
 * Who changed what, per risk: riskId → diff field name (`likelihood`, `owner`, … as in
 * `FieldChange.field`) → display names. The key `*` names who added or removed the risk. The
 * server derives it from its stored updates and their authors.
 */
export type ChangeAuthors = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

/** A new mitigation action as the minutes list it. */
export interface MinutesAction {
	id: string;
	text: string;
	/** The owner's name on the final board, or null. */
	owner: string | null;
	dueDate: string | null;
	status: string;
	/** Keys of the risks the action mitigates, in register order. */
	riskKeys: string[];
	/** The agenda item (risk id) it was created under with `addReviewAction`, or null. */
	recordedFor: string | null;
}

/** One side of a score change. */
export interface MinutesScore {
	likelihood: number | null;
	impact: number | null;
	score: number | null;
	band: ScoreBand | null;
}

/** A risk whose inherent or residual score differs between baseline and final. */
export interface MinutesScoreChange {
	riskId: string;
	key: string;
	title: string;
	residual: boolean;
	before: MinutesScore;
	after: MinutesScore;
}

/** A risk the review decided on, and when it is due again. */
export interface MinutesReviewed {
	riskId: string;
	key: string;
	title: string;
	decision: string;
	lastReviewed: string | null;
	nextReviewDate: string | null;
	nextReviewSource: 'cadence' | 'hand' | null;
}

/** One agenda item in the minutes. */
export interface MinutesItem {
	riskId: string;
	/** Key and title on the final board, or on the baseline when the risk was deleted since. */
	key: string;
	title: string;
	/** The risk is not on the final board. */
	deleted: boolean;
	skipped: boolean;
	decision: (ReviewDecisionRecord & { label: string }) | null;
	notes: string;
	/** Whole seconds the item's timer counted. */
	seconds: number;
	/** Scores applied from the review (who, when, from a vote or typed). */
	appliedScores: ReviewScoreChange[];
	/** This risk's entries of `Minutes.scoreChanges`. */
	scoreChanges: MinutesScoreChange[];
	/** New actions on this risk or recorded under this item. */
	actions: MinutesAction[];
}

/** A field change with the people who made it (empty when the authors are not known). */
export interface MinutesFieldChange extends FieldChange {
	by: string[];
}

/** The risk part of the diff, with authors. */
export interface MinutesRiskChanges {
	added: Array<RiskSummary & { by: string[] }>;
	removed: Array<RiskSummary & { by: string[] }>;
	changed: Array<{ id: string; key: string; title: string; changes: MinutesFieldChange[] }>;
}

/** Everything the minutes of one review say, as plain JSON-serialisable data. */
export interface Minutes {
	reviewId: string;
	boardTitle: string;
	status: ReviewStatus;
	/** 'YYYY-MM-DD' (UTC) the review started. */
	date: string;
	startedAt: string;
	endedAt: string | null;
	/** Whole seconds from start to end; null while the review has not ended. */
	durationSeconds: number | null;
	facilitator: string | null;
	startedBy: string;
	endedBy: string | null;
	attendees: string[];
	baselineSnapshotId: string | null;
	finalSnapshotId: string | null;
	/** In agenda order. */
	items: MinutesItem[];
	/**
	 * The risks a decision was recorded on, in agenda order, with the last reviewed day and the
	 * next review date the decision set (decisions recorded before the cadence have null dates).
	 */
	reviewed: MinutesReviewed[];
	/** Actions on the final board that the baseline did not have, by (createdAt, id). */
	newActions: MinutesAction[];
	/** In the final register order. */
	scoreChanges: MinutesScoreChange[];
	changes: MinutesRiskChanges;
	/** The whole diff (people, RACI matrices, title) for renderers that show more. */
	diff: BoardDiff;
}

/** Input of `buildMinutes`. */
export interface MinutesInput {
	/** The review as `readBoard` reads it now (it holds the end time and the final notes). */
	review: Review;
	/** The board of the review's baseline snapshot. */
	baseline: Board;
	/** The board of the review's final snapshot (for a review not ended yet: the live board). */
	final: Board;
	/** `diffBoards(baseline, final)`. */
	diff: BoardDiff;
	authors?: ChangeAuthors | undefined;
}

/**
 * The risk part of a diff with who made each change (`by`, empty when unknown): minutes and
 * "since the last review" show changes this way.
 */
export function attributeRiskChanges(
	risks: BoardDiff['risks'],
	authors: ChangeAuthors = {}
): MinutesRiskChanges {
	const by = (riskId: string, field: string) => [...(authors[riskId]?.[field] ?? [])];
	return {
		added: risks.added.map((risk) => ({ ...risk, by: by(risk.id, '*') })),
		removed: risks.removed.map((risk) => ({ ...risk, by: by(risk.id, '*') })),
		changed: risks.changed.map((risk) => ({
			...risk,
			changes: risk.changes.map((change) => ({ ...change, by: by(risk.id, change.field) }))
		}))
	};
}

function scoreOf(risk: Risk, residual: boolean): MinutesScore {
	return residual
		? {
				likelihood: risk.residualLikelihood,
				impact: risk.residualImpact,
				score: risk.residualScore,
				band: risk.residualBand
			}
		: { likelihood: risk.likelihood, impact: risk.impact, score: risk.score, band: risk.band };
}

function scoreChanges(baseline: Board, final: Board): MinutesScoreChange[] {
	const before = new Map(baseline.risks.map((risk) => [risk.id, risk]));
	const out: MinutesScoreChange[] = [];
	for (const risk of final.risks) {
		const old = before.get(risk.id);
		if (!old) continue;
		for (const residual of [false, true]) {
			const a = scoreOf(old, residual);
			const b = scoreOf(risk, residual);
			if (a.likelihood === b.likelihood && a.impact === b.impact) continue;
			out.push({
				riskId: risk.id,
				key: risk.key,
				title: risk.title,
				residual,
				before: a,
				after: b
			});
		}
	}
	return out;
}

function seconds(value: number): number {
	return Math.max(0, Math.round(value));
}

/**
 * The minutes of a review (see `Minutes`). Items come from the review; risk keys and titles from
 * the final board (the baseline for risks deleted during the review); new actions, score
 * changes and the field-level changes from the two boards and their diff, with authors when
 * given. Works for a running review too (draft minutes: no end, timers counted as accumulated).
 */
export function buildMinutes(input: MinutesInput): Minutes {
	const { review, baseline, final, diff } = input;
	const authors = input.authors ?? {};
	const finalRisks = new Map(final.risks.map((risk) => [risk.id, risk]));
	const baselineRisks = new Map(baseline.risks.map((risk) => [risk.id, risk]));
	const people = new Map(final.people.map((person) => [person.id, person.name]));
	const recordedFor = new Map<string, string>();
	for (const item of review.agenda) {
		for (const actionId of item.actionIds) recordedFor.set(actionId, item.riskId);
	}
	const known = new Set(baseline.actions.map((action) => action.id));
	const toMinutesAction = (action: MitigationAction): MinutesAction => ({
		id: action.id,
		text: action.text,
		owner: action.ownerId === null ? null : (people.get(action.ownerId) ?? null),
		dueDate: action.dueDate,
		status: action.status,
		riskKeys: final.risks.filter((risk) => action.riskIds.includes(risk.id)).map((r) => r.key),
		recordedFor: recordedFor.get(action.id) ?? null
	});
	const newActions = final.actions.filter((a) => !known.has(a.id)).map(toMinutesAction);
	const newActionRisks = new Map(
		final.actions.filter((a) => !known.has(a.id)).map((a) => [a.id, a.riskIds])
	);
	const scores = scoreChanges(baseline, final);
	const end = review.endedAt;
	const items = review.agenda.map((item): MinutesItem => {
		const risk = finalRisks.get(item.riskId) ?? baselineRisks.get(item.riskId);
		const timer = end === null ? { ...item.timer, runningSince: null } : item.timer;
		return {
			riskId: item.riskId,
			key: risk?.key ?? '',
			title: risk?.title ?? '(unknown risk)',
			deleted: !finalRisks.has(item.riskId),
			skipped: item.skipped,
			decision: item.decision && {
				...item.decision,
				label: REVIEW_DECISION_LABELS[item.decision.decision]
			},
			notes: item.notes,
			seconds: seconds(timerSeconds(timer, end ?? review.startedAt)),
			appliedScores: item.scoreChanges,
			scoreChanges: scores.filter((change) => change.riskId === item.riskId),
			actions: newActions.filter(
				(action) =>
					action.recordedFor === item.riskId ||
					(newActionRisks.get(action.id) ?? []).includes(item.riskId)
			)
		};
	});
	return {
		reviewId: review.id,
		boardTitle: final.title,
		status: review.status,
		// The day the review started, in the board's time zone (the one rule for dates).
		date: dayOf(final.settings.timeZone, review.startedAt),
		startedAt: review.startedAt,
		endedAt: end,
		durationSeconds:
			end === null ? null : seconds((Date.parse(end) - Date.parse(review.startedAt)) / 1000),
		facilitator: review.facilitator?.name ?? null,
		startedBy: review.startedBy,
		endedBy: review.endedBy,
		attendees: review.attendees,
		baselineSnapshotId: review.baselineSnapshotId,
		finalSnapshotId: review.finalSnapshotId,
		items,
		reviewed: items.flatMap((item): MinutesReviewed[] =>
			item.decision
				? [
						{
							riskId: item.riskId,
							key: item.key,
							title: item.title,
							decision: item.decision.label,
							lastReviewed: item.decision.lastReviewed ?? null,
							nextReviewDate: item.decision.nextReviewDate ?? null,
							nextReviewSource: item.decision.nextReviewSource ?? null
						}
					]
				: []
		),
		newActions,
		scoreChanges: scores,
		changes: attributeRiskChanges(diff.risks, authors),
		diff
	};
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/**
 * Escapes user text for one line of Markdown: line breaks become spaces, and every character
 * that can start inline markup, a link, an autolink, raw HTML or an entity (backslash, backtick,
 * `* _ [ ] < > | ~ & #`) is backslash-escaped (CommonMark lets any ASCII punctuation be
 * escaped), so no user text can produce HTML, a link, emphasis or a table break.
 */
export function markdownInline(text: string): string {
	return text
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\\`*_[\]<>|~&#]/g, (char) => `\\${char}`);
}

/** One line of user text placed at the start of a Markdown line (inside a quote block). */
function markdownLine(text: string): string {
	const line = markdownInline(text);
	if (/^[-+=]/.test(line)) return `\\${line}`;
	return line.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Multi-line user text as a quote block, line by line; blank lines stay paragraph breaks. */
function quote(text: string): string[] {
	const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
	return lines.map((line) => (line.trim() === '' ? '>' : `> ${markdownLine(line)}`));
}

/** `1 h 5 min`, `6 min 5 s`, `45 s`. */
export function formatDuration(totalSeconds: number): string {
	const s = Math.max(0, Math.round(totalSeconds));
	const hours = Math.floor(s / 3600);
	const minutes = Math.floor((s % 3600) / 60);
	if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
	if (minutes > 0) return s % 60 > 0 ? `${minutes} min ${s % 60} s` : `${minutes} min`;
	return `${s} s`;
}

const clock = (iso: string) =>
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? iso.slice(11, 16) : '';

function value(v: DiffValue): string {
	if (v === null || v === '') return '—';
	if (Array.isArray(v)) return v.length === 0 ? '—' : v.map(markdownInline).join(', ');
	return typeof v === 'number' ? String(v) : markdownInline(v);
}

function score(s: MinutesScore): string {
	if (s.score === null) return 'unscored';
	return `${s.score} (${s.band ?? ''}, L${s.likelihood} × I${s.impact})`;
}

function names(list: readonly string[]): string {
	return list.map(markdownInline).join(', ');
}

function riskTitle(key: string, title: string): string {
	return [markdownInline(key), markdownInline(title)].filter((part) => part !== '').join(' ');
}

function actionLine(action: MinutesAction, withRisks: boolean): string {
	const parts = [
		action.owner === null ? 'no owner' : `owner ${markdownInline(action.owner)}`,
		action.dueDate === null ? 'no due date' : `due ${action.dueDate}`,
		markdownInline(action.status)
	];
	const risks = withRisks && action.riskKeys.length > 0 ? `${names(action.riskKeys)}: ` : '';
	return `${risks}${markdownInline(action.text) || '(no text)'} (${parts.join(', ')})`;
}

function scoreLine(change: MinutesScoreChange, bold = false): string {
	const label = change.residual ? 'Residual score:' : 'Score:';
	return `${bold ? `**${label}**` : label} ${score(change.before)} → ${score(change.after)}`;
}

/**
 * The minutes as a Markdown document: header facts, one section per agenda item (decision,
 * time, score, applied votes, new actions, notes as a quote), all new actions, score changes,
 * and the field-level changes between the snapshots with who made them. User text is escaped
 * with `markdownInline` (and multi-line notes quoted line by line), so the output holds no raw
 * HTML, links or markup that did not come from this function. Times are UTC.
 */
export function minutesToMarkdown(minutes: Minutes): string {
	const out: string[] = [];
	const title = markdownInline(minutes.boardTitle);
	out.push(`# Review minutes${title ? `: ${title}` : ''}`, '');
	const end = minutes.endedAt === null ? 'not ended' : clock(minutes.endedAt);
	const duration =
		minutes.durationSeconds === null ? '' : ` (${formatDuration(minutes.durationSeconds)})`;
	out.push(`- **Date:** ${minutes.date} (times in UTC)`);
	out.push(`- **Time:** ${clock(minutes.startedAt)}–${end}${duration}`);
	if (minutes.status !== 'ended') out.push(`- **Status:** ${minutes.status}`);
	out.push(`- **Facilitator:** ${markdownInline(minutes.facilitator ?? '') || '—'}`);
	out.push(`- **Attendees:** ${names(minutes.attendees) || '—'}`);
	out.push('');

	out.push('## Agenda', '');
	if (minutes.items.length === 0) out.push('No items.', '');
	minutes.items.forEach((item, index) => {
		const flags = [item.skipped ? 'skipped' : '', item.deleted ? 'deleted since' : '']
			.filter(Boolean)
			.join(', ');
		out.push(`### ${index + 1}. ${riskTitle(item.key, item.title)}${flags ? ` (${flags})` : ''}`);
		out.push('');
		const d = item.decision;
		out.push(
			d
				? `- **Decision:** ${d.label}, recorded by ${markdownInline(d.by)}${clock(d.at) ? ` at ${clock(d.at)}` : ''}`
				: '- **Decision:** none recorded'
		);
		if (d?.lastReviewed) out.push(`- **Next review:** ${nextReviewText(d)}`);
		if (item.seconds > 0) out.push(`- **Time:** ${formatDuration(item.seconds)}`);
		for (const change of item.scoreChanges) out.push(`- ${scoreLine(change, true)}`);
		for (const applied of item.appliedScores) {
			const what = applied.kind === 'residual' ? 'residual ' : '';
			const from = applied.source === 'vote' ? ' from the silent round' : '';
			out.push(
				`- Applied ${what}L${applied.after.likelihood} × I${applied.after.impact}${from} by ${markdownInline(applied.by)}`
			);
		}
		if (item.actions.length > 0) {
			out.push('- **New actions:**');
			for (const action of item.actions) out.push(`  - ${actionLine(action, false)}`);
		}
		if (item.notes.trim() !== '') out.push('- **Notes:**', '', ...quote(item.notes));
		out.push('');
	});

	out.push('## Reviewed risks', '');
	if (minutes.reviewed.length === 0) out.push('None.');
	for (const risk of minutes.reviewed) {
		const next = risk.lastReviewed ? `: next review ${nextReviewText(risk)}` : '';
		out.push(`- ${riskTitle(risk.key, risk.title)} (${risk.decision})${next}`);
	}
	out.push('');

	out.push('## New actions', '');
	if (minutes.newActions.length === 0) out.push('None.');
	for (const action of minutes.newActions) out.push(`- ${actionLine(action, true)}`);
	out.push('');

	out.push('## Score changes', '');
	if (minutes.scoreChanges.length === 0) out.push('None.');
	for (const change of minutes.scoreChanges) {
		out.push(`- ${riskTitle(change.key, change.title)}: ${scoreLine(change)}`);
	}
	out.push('');

	out.push('## Changes between the baseline and final snapshots', '');
	out.push(...changesMarkdown(minutes));
	return `${out.join('\n').trimEnd()}\n`;
}

const byText = (by: readonly string[]) => (by.length > 0 ? ` (by ${names(by)})` : '');

function changesMarkdown(minutes: Minutes): string[] {
	const { changes, diff } = minutes;
	const out: string[] = [];
	if (diff.changeCount === 0) return ['No changes.'];
	if (diff.titleChanged) {
		const { before, after } = diff.titleChanged;
		out.push(`- Board title: ${value(before)} → ${value(after)}`, '');
	}
	const summary = (risk: RiskSummary & { by: string[] }) => {
		const s =
			risk.score === null || risk.band === null
				? 'unscored'
				: `score ${risk.score} (${BAND_LABELS[risk.band]})`;
		const owner = risk.owner === null ? '' : `, owner ${markdownInline(risk.owner)}`;
		return `- ${riskTitle(risk.key, risk.title)}: ${markdownInline(risk.status)}, ${s}${owner}${byText(risk.by)}`;
	};
	if (changes.added.length > 0) out.push('### Risks added', '', ...changes.added.map(summary), '');
	if (changes.removed.length > 0) {
		out.push('### Risks removed', '', ...changes.removed.map(summary), '');
	}
	if (changes.changed.length > 0) {
		out.push('### Risks changed', '');
		for (const risk of changes.changed) {
			out.push(`#### ${riskTitle(risk.key, risk.title)}`, '');
			for (const change of risk.changes) {
				out.push(
					`- ${markdownInline(change.label)}: ${value(change.before)} → ${value(change.after)}${byText(change.by)}`
				);
			}
			out.push('');
		}
	}
	const { people, matrices } = diff;
	if (people.added.length + people.removed.length + people.changed.length > 0) {
		out.push('### People', '');
		for (const p of people.added) out.push(`- Added: ${markdownInline(p.name)}`);
		for (const p of people.removed) out.push(`- Removed: ${markdownInline(p.name)}`);
		for (const p of people.changed) {
			const fields = p.changes.map(
				(c) => `${markdownInline(c.label)} ${value(c.before)} → ${value(c.after)}`
			);
			out.push(`- Changed: ${markdownInline(p.name)}: ${fields.join('; ')}`);
		}
		out.push('');
	}
	if (matrices.added.length + matrices.removed.length + matrices.changed.length > 0) {
		out.push('### RACI matrices', '');
		for (const m of matrices.added) out.push(`- Added: ${markdownInline(m.name)}`);
		for (const m of matrices.removed) out.push(`- Removed: ${markdownInline(m.name)}`);
		for (const m of matrices.changed) {
			const count = m.changeCount === 1 ? '1 change' : `${m.changeCount} changes`;
			out.push(`- Changed: ${markdownInline(m.name)} (${count})`);
		}
		out.push('');
	}
	return out;
}

/** "2025-04-15 (review cadence)", "2025-03-01 (set by hand)" or "none". */
function nextReviewText(record: {
	nextReviewDate: string | null;
	nextReviewSource: 'cadence' | 'hand' | null;
}): string {
	if (record.nextReviewDate === null) return 'none';
	const source = record.nextReviewSource === 'hand' ? 'set by hand' : 'review cadence';
	return `${record.nextReviewDate} (${source})`;
}
