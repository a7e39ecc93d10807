/**
 * Import fields and how spreadsheet headers map onto them: every field an imported column can
 * fill, the header synonyms seen in registers people actually keep, the header-row finder.
 */
import type { ImportCell } from './types.ts';

/** The fields a source column can be mapped to, in the order the mapping table lists them. */
export const IMPORT_FIELDS = [
	'title',
	'description',
	'likelihood',
	'impact',
	'owner',
	'status',
	'closedReason',
	'response',
	'category',
	'dueDate',
	'nextReviewDate',
	'lastReviewed',
	'trigger',
	'contingency',
	'mitigation',
	'mitigationOwner',
	'mitigationDue',
	'residualLikelihood',
	'residualImpact',
	'tags',
	'links',
	'sourceId'
] as const;
/** A field an imported column can be mapped to. */
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** What kind of value a field takes, which decides how its cells are read. */
export type FieldKind =
	'text' | 'score' | 'status' | 'response' | 'person' | 'category' | 'date' | 'list';

/** Each field's kind. */
export const FIELD_KIND: Readonly<Record<ImportField, FieldKind>> = {
	title: 'text',
	description: 'text',
	likelihood: 'score',
	impact: 'score',
	owner: 'person',
	status: 'status',
	closedReason: 'text',
	response: 'response',
	category: 'category',
	dueDate: 'date',
	nextReviewDate: 'date',
	lastReviewed: 'date',
	trigger: 'text',
	contingency: 'text',
	mitigation: 'text',
	mitigationOwner: 'person',
	mitigationDue: 'date',
	residualLikelihood: 'score',
	residualImpact: 'score',
	tags: 'list',
	links: 'list',
	sourceId: 'text'
};

/** Human labels of the fields, for messages and the mapping table. */
export const FIELD_LABEL: Readonly<Record<ImportField, string>> = {
	title: 'title',
	description: 'description',
	likelihood: 'likelihood',
	impact: 'impact',
	owner: 'owner',
	status: 'status',
	closedReason: 'closed reason',
	response: 'response',
	category: 'category',
	dueDate: 'due date',
	nextReviewDate: 'next review date',
	lastReviewed: 'last reviewed',
	trigger: 'trigger',
	contingency: 'contingency plan',
	mitigation: 'mitigation action',
	mitigationOwner: 'mitigation owner',
	mitigationDue: 'mitigation due date',
	residualLikelihood: 'residual likelihood',
	residualImpact: 'residual impact',
	tags: 'tags',
	links: 'links',
	sourceId: 'source id'
};

/**
 * Lower case, accents stripped, everything but letters and digits removed: `Risk_Owner`,
 * `risk owner` and `Rísk-Owner` all read `riskowner`.
 */
export function normaliseKey(value: string): string {
	return value
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/** Header synonyms per field, written naturally; compared through `normaliseKey`. */
const SYNONYMS: Readonly<Record<ImportField, readonly string[]>> = {
	title: [
		'Risk',
		'Risk Name',
		'Risk Title',
		'Title',
		'Name',
		'Summary',
		'Risk Summary',
		'Risk Statement'
	],
	description: [
		'Description',
		'Risk Description',
		'Cause / Event / Effect',
		'Cause Event Effect',
		'Details',
		'Desc'
	],
	likelihood: [
		'Probability',
		'Likelihood',
		'P',
		'Prob',
		'Inherent Likelihood',
		'Likelihood Rating',
		'Probability Rating'
	],
	impact: ['Impact', 'Severity', 'Consequence', 'I', 'Inherent Impact', 'Impact Rating'],
	owner: ['Owner', 'Risk Owner', 'Assigned to', 'Assignee', 'Responsible'],
	status: ['Status', 'Risk Status', 'State'],
	closedReason: ['Closed reason', 'Closure reason', 'Reason for closure', 'Closure note'],
	response: [
		'Response',
		'Strategy',
		'Reaction',
		'Treatment',
		'Response Strategy',
		'Risk Treatment',
		'Risk Response'
	],
	category: ['Category', 'Type', 'Risk_type', 'Risk Category'],
	dueDate: ['Due', 'Due date', 'Target Date', 'Deadline'],
	nextReviewDate: ['Review date', 'Next review', 'Next review date'],
	lastReviewed: ['Last Reviewed', 'Last review', 'Last review date', 'Reviewed', 'Reviewed on'],
	trigger: ['Trigger', 'Triggers', 'Warning signs', 'Early warning', 'Trigger / warning signs'],
	contingency: ['Contingency', 'Contingency plan', 'Fallback', 'Fallback plan'],
	mitigation: [
		'Mitigation',
		'Mitigation Plan',
		'Reaction_details',
		'Mitigation action',
		'Mitigations',
		'Action',
		'Actions'
	],
	mitigationOwner: ['Mitigation owner', 'Action owner'],
	mitigationDue: ['Mitigation due', 'Mitigation due date', 'Action due', 'Action due date'],
	residualLikelihood: ['Residual likelihood', 'Residual probability', 'Target likelihood'],
	residualImpact: ['Residual impact', 'Residual severity', 'Target impact'],
	tags: ['Tags', 'Tag', 'Labels', 'Keywords'],
	links: ['Link', 'Links', 'URL', 'URLs', 'Ticket', 'Tickets', 'Jira'],
	sourceId: [
		'ID',
		'Risk ID',
		'Ref',
		'Reference',
		'Risk Ref',
		'Risk No',
		'Risk number',
		'Key',
		'Risk key'
	]
};

const BY_KEY = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) {
	for (const synonym of SYNONYMS[field]) BY_KEY.set(normaliseKey(synonym), field);
}

/** The field a header suggests (case, spaces, underscores and accents ignored), or null. */
export function suggestField(header: string): ImportField | null {
	const key = normaliseKey(header);
	return key === '' ? null : (BY_KEY.get(key) ?? null);
}

/**
 * Suggested field per column: each field at most once (the first column that names it), a
 * column naming nothing is ignored (null).
 */
export function suggestMapping(headers: readonly string[]): Array<ImportField | null> {
	const taken = new Set<ImportField>();
	return headers.map((header) => {
		const field = suggestField(header);
		if (field === null || taken.has(field)) return null;
		taken.add(field);
		return field;
	});
}

/** A cell as text: strings trimmed, numbers as written, dates ISO, empty ''. */
export function cellText(cell: ImportCell | undefined): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'number') return String(cell);
	if (typeof cell === 'string') return cell.trim();
	return cell.date;
}

/** How many rows from the top `findHeaderRow` looks at. */
export const HEADER_SEARCH_ROWS = 30;

/**
 * The index of the header row among `rows`: the row in the first `HEADER_SEARCH_ROWS` whose
 * cells name the most import fields (two at least), so title blocks above a register are
 * skipped; without such a row, the first row with two or more non-empty cells; -1 when every
 * row is empty.
 */
export function findHeaderRow(rows: ReadonlyArray<readonly ImportCell[]>): number {
	let best = -1;
	let bestScore = 1;
	const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
	for (let index = 0; index < limit; index++) {
		const cells = rows[index]!;
		const fields = new Set(
			cells.map((cell) => (typeof cell === 'string' ? suggestField(cell) : null)).filter(Boolean)
		);
		if (fields.size > bestScore) {
			best = index;
			bestScore = fields.size;
		}
	}
	if (best >= 0) return best;
	const filled = rows.findIndex(
		(cells) => cells.filter((cell) => cellText(cell) !== '').length >= 2
	);
	if (filled >= 0) return filled;
	return rows.findIndex((cells) => cells.some((cell) => cellText(cell) !== ''));
}
