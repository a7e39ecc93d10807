/**
 * The difference between two versions of a board (two snapshots, or a snapshot and now) as
 * plain, JSON-serialisable data: the diff view renders it and the review minutes quote it. Pure:
 * it compares two `readBoard` results. Values are what people read (owner names, category names,
 * `R-7`), while identity is decided by ids, so renaming a person shows once, as a person change,
 * not as an owner change on every risk they own.
 */
import { diffMatrix, unionOrder, type Change, type MatrixDiff } from './diff-raci.ts';
import { BAND_LABELS } from './scoring.ts';
import type { Board, MitigationAction, Person, Risk, ScoreBand } from './types.ts';

/** A value as the diff shows it. Lists (tags, links, actions) are compared as a whole. */
export type DiffValue = string | number | null | string[];

/** One field of a risk or person that changed, with its label for people to read. */
export interface FieldChange extends Change<DiffValue> {
	/** Machine name, stable: `title`, `owner`, `likelihood`, `actions`, … (`RISK_FIELDS` in diff.ts). */
	field: string;
	/** English label for display: `Title`, `Owner`, `Likelihood`, … */
	label: string;
}

/** A risk as listed among the added or removed ones. */
export interface RiskSummary {
	id: string;
	key: string;
	title: string;
	status: string;
	owner: string | null;
	score: number | null;
	band: ScoreBand | null;
}

/** A risk present on both sides with at least one field changed, fields in display order. */
export interface RiskChange {
	id: string;
	/** Key and title after the change. */
	key: string;
	title: string;
	changes: FieldChange[];
}

/** A person as listed among the added or removed ones. */
export interface PersonSummary {
	id: string;
	name: string;
	team: string;
}

/** A person whose name, team, role title or e-mail changed. `name` is the name after. */
export interface PersonChange {
	id: string;
	name: string;
	changes: FieldChange[];
}

/**
 * Everything that changed between two boards. Deterministic order: items present after come in the
 * after board's order, then items only the before board had, in its order. Derived flags that
 * depend on the day (overdue, review due) and timestamps are not compared.
 */
export interface BoardDiff {
	titleChanged: Change<string> | null;
	risks: { added: RiskSummary[]; removed: RiskSummary[]; changed: RiskChange[] };
	people: { added: PersonSummary[]; removed: PersonSummary[]; changed: PersonChange[] };
	matrices: {
		added: Array<{ id: string; name: string }>;
		removed: Array<{ id: string; name: string }>;
		/** Matrices on both sides with at least one change. */
		changed: MatrixDiff[];
	};
	/** Total of every listed change (a matrix counts its own `changeCount`); 0 = identical. */
	changeCount: number;
}

/**
 * What a risk's diff values need besides the risk: people (owner names), category names and the
 * mitigation actions (by id; at least the ones the risk lists). Build it with `diffContext`.
 */
export interface DiffContext {
	people: ReadonlyMap<string, Person>;
	categories: ReadonlyMap<string, string>;
	actions: ReadonlyMap<string, MitigationAction>;
}

interface Side extends DiffContext {
	board: Board;
}

interface FieldSpec {
	field: string;
	label: string;
	/** What people read. */
	show: (risk: Risk, context: DiffContext) => DiffValue;
	/** What decides "changed", when it is not the shown value (ids behind names). */
	identity?: (risk: Risk, context: DiffContext) => unknown;
}

const personName = (id: string | null, side: DiffContext) =>
	id === null ? null : (side.people.get(id)?.name ?? null);

function actionLine(action: MitigationAction, side: DiffContext): string {
	const owner = personName(action.ownerId, side);
	const due = action.dueDate ? `, due ${action.dueDate}` : '';
	return `${action.text} [${action.status}, ${action.progress}%${owner ? `, ${owner}` : ''}${due}]`;
}

const plain = (field: keyof Risk, label: string): FieldSpec => ({
	field,
	label,
	show: (risk) => risk[field] as DiffValue
});

/** A band shows by its display name ("High"), from `BAND_LABELS`, the one source of them. */
const bandField = (field: 'band' | 'residualBand', label: string): FieldSpec => ({
	field,
	label,
	show: (risk) => (risk[field] ? BAND_LABELS[risk[field]] : null),
	identity: (risk) => risk[field]
});

/**
 * The risk fields the diff compares, in display order. Score and band are derived from
 * likelihood and impact, so a re-score shows both the inputs and the result.
 */
const RISK_FIELDS: readonly FieldSpec[] = [
	plain('key', 'Key'),
	plain('title', 'Title'),
	plain('description', 'Description'),
	{
		field: 'category',
		label: 'Category',
		show: (risk, side) => (risk.categoryId ? (side.categories.get(risk.categoryId) ?? null) : null),
		identity: (risk) => risk.categoryId
	},
	{
		field: 'owner',
		label: 'Owner',
		show: (risk, side) => personName(risk.ownerId, side),
		identity: (risk) => risk.ownerId
	},
	plain('status', 'Status'),
	plain('closedReason', 'Closed reason'),
	plain('response', 'Response'),
	plain('likelihood', 'Likelihood'),
	plain('impact', 'Impact'),
	plain('score', 'Score'),
	bandField('band', 'Band'),
	plain('residualLikelihood', 'Residual likelihood'),
	plain('residualImpact', 'Residual impact'),
	plain('residualScore', 'Residual score'),
	bandField('residualBand', 'Residual band'),
	plain('trigger', 'Trigger / warning signs'),
	plain('contingency', 'Contingency plan'),
	plain('nextReviewDate', 'Next review'),
	// Snapshots from before the field have none: read as null, not as a change.
	{ field: 'lastReviewed', label: 'Last reviewed', show: (risk) => risk.lastReviewed ?? null },
	plain('dueDate', 'Due'),
	plain('tags', 'Tags'),
	plain('links', 'Links'),
	{
		field: 'actions',
		label: 'Mitigation actions',
		show: (risk, side) => risk.actionIds.map((id) => actionLine(side.actions.get(id)!, side)),
		identity: (risk, side) =>
			risk.actionIds.map((id) => {
				const { text, status, progress, ownerId, dueDate } = side.actions.get(id)!;
				return [id, text, status, progress, ownerId, dueDate];
			})
	}
];

const PERSON_FIELDS: ReadonlyArray<[keyof Person, string]> = [
	['name', 'Name'],
	['team', 'Team'],
	['roleTitle', 'Role title'],
	['email', 'E-mail']
];

/** The context of `diffRiskFields` from (part of) a board: its people, categories and actions. */
export function diffContext(board: {
	people: readonly Person[];
	settings: { categories: ReadonlyArray<{ id: string; name: string }> };
	actions: readonly MitigationAction[];
}): DiffContext {
	return {
		people: new Map(board.people.map((person) => [person.id, person])),
		categories: new Map(board.settings.categories.map((c) => [c.id, c.name])),
		actions: new Map(board.actions.map((action) => [action.id, action]))
	};
}

function side(board: Board): Side {
	return { board, ...diffContext(board) };
}

/**
 * A risk as the diff compares it: per field of `RISK_FIELDS`, in display order, the value people
 * read and the JSON of what decides "changed". Plain data that does not refer to the board, so
 * the history (`history.ts`) keeps one per risk and compares it with the next version.
 */
export type RiskFieldValues = ReadonlyArray<{ shown: DiffValue; identity: string }>;

/** The diff values of `risk` read with `context` (see `RiskFieldValues`). */
export function riskFieldValues(risk: Risk, context: DiffContext): RiskFieldValues {
	return RISK_FIELDS.map((spec) => ({
		shown: spec.show(risk, context),
		identity: JSON.stringify((spec.identity ?? spec.show)(risk, context))
	}));
}

/**
 * The field changes between two versions of one risk, in display order: the one per-risk
 * comparison of the diff, shared by `diffBoards` and the history.
 */
export function diffRiskFields(before: RiskFieldValues, after: RiskFieldValues): FieldChange[] {
	const changes: FieldChange[] = [];
	RISK_FIELDS.forEach((spec, index) => {
		const old = before[index]!;
		const now = after[index]!;
		if (old.identity === now.identity) return;
		changes.push({ field: spec.field, label: spec.label, before: old.shown, after: now.shown });
	});
	return changes;
}

/** A risk as the diff lists it among the added or removed ones. */
export function riskSummary(risk: Risk, s: DiffContext): RiskSummary {
	const { id, key, title, status, score, band } = risk;
	return { id, key, title, status, owner: personName(risk.ownerId, s), score, band };
}

function diffRisks(before: Side, after: Side): BoardDiff['risks'] {
	const was = new Map(before.board.risks.map((risk) => [risk.id, risk]));
	const is = new Map(after.board.risks.map((risk) => [risk.id, risk]));
	const result: BoardDiff['risks'] = { added: [], removed: [], changed: [] };
	for (const id of unionOrder(before.board.risks, after.board.risks)) {
		const old = was.get(id);
		const now = is.get(id);
		if (!old) result.added.push(riskSummary(now!, after));
		else if (!now) result.removed.push(riskSummary(old, before));
		else {
			const changes = diffRiskFields(riskFieldValues(old, before), riskFieldValues(now, after));
			if (changes.length > 0) result.changed.push({ id, key: now.key, title: now.title, changes });
		}
	}
	return result;
}

function diffPeople(before: Board, after: Board): BoardDiff['people'] {
	const was = new Map(before.people.map((person) => [person.id, person]));
	const is = new Map(after.people.map((person) => [person.id, person]));
	const result: BoardDiff['people'] = { added: [], removed: [], changed: [] };
	const brief = ({ id, name, team }: Person): PersonSummary => ({ id, name, team });
	for (const id of unionOrder(before.people, after.people)) {
		const old = was.get(id);
		const now = is.get(id);
		if (!old) result.added.push(brief(now!));
		else if (!now) result.removed.push(brief(old));
		else {
			const changes = PERSON_FIELDS.filter(([field]) => old[field] !== now[field]).map(
				([field, label]): FieldChange => ({ field, label, before: old[field], after: now[field] })
			);
			if (changes.length > 0) result.changed.push({ id, name: now.name, changes });
		}
	}
	return result;
}

function diffMatrices(before: Board, after: Board): BoardDiff['matrices'] {
	const was = new Map(before.matrices.map((matrix) => [matrix.id, matrix]));
	const is = new Map(after.matrices.map((matrix) => [matrix.id, matrix]));
	const result: BoardDiff['matrices'] = { added: [], removed: [], changed: [] };
	for (const id of unionOrder(before.matrices, after.matrices)) {
		const old = was.get(id);
		const now = is.get(id);
		if (!old) result.added.push({ id, name: now!.name });
		else if (!now) result.removed.push({ id, name: old.name });
		else {
			const diff = diffMatrix(old, now, { before, after });
			if (diff.changeCount > 0) result.changed.push(diff);
		}
	}
	return result;
}

/**
 * Compares two boards from `readBoard` (live or from snapshots): title, risks field by field,
 * people, and each RACI matrix (see `diffMatrix`). Ids decide identity. Both boards should be read
 * with the same `today` for `RiskSummary` flags to compare, but the diff itself ignores them.
 */
export function diffBoards(before: Board, after: Board): BoardDiff {
	const risks = diffRisks(side(before), side(after));
	const people = diffPeople(before, after);
	const matrices = diffMatrices(before, after);
	const titleChanged =
		before.title === after.title ? null : { before: before.title, after: after.title };
	const changeCount =
		(titleChanged ? 1 : 0) +
		risks.added.length +
		risks.removed.length +
		risks.changed.reduce((sum, risk) => sum + risk.changes.length, 0) +
		people.added.length +
		people.removed.length +
		people.changed.reduce((sum, person) => sum + person.changes.length, 0) +
		matrices.added.length +
		matrices.removed.length +
		matrices.changed.reduce((sum, matrix) => sum + matrix.changeCount, 0);
	return { titleChanged, risks, people, matrices, changeCount };
}
