/**
 * A board (live or from a snapshot) as plain tables, the one source for every export format:
 * the server encodes them as CSV and XLSX, `export-markdown.ts` as Markdown. Every cell, headers
 * included, has gone through `safeCell`, so encoders only copy strings and numbers.
 */
import { heatMapCell, isOnHeatMap } from './heat-map.ts';
import { raciRowLinks } from './raci-links.ts';
import { checkRaci } from './raci-check.ts';
import { safeCell, type ExportCell } from './export-safety.ts';
import { BAND_LABELS, scoreBand } from './scoring.ts';
import {
	RACI_PRESET_LETTERS,
	type Board,
	type MitigationAction,
	type RaciColumn,
	type RaciLetter,
	type RaciMatrix,
	type RaciPreset,
	type ScoreBand
} from './types.ts';

/** A named table of safe cells; every row has `header.length` cells. */
export interface ExportTable {
	/** Sheet or section name, e.g. `Register`. */
	name: string;
	header: ExportCell[];
	rows: ExportCell[][];
}

/** What each RACI letter means, in the order legends list them. */
export const RACI_LETTER_MEANINGS: Readonly<Record<RaciLetter, [string, string]>> = {
	R: ['Responsible', 'Does the work'],
	A: ['Accountable', 'Owns the outcome and signs off; exactly one per activity'],
	S: ['Support', 'Helps the Responsible people do the work'],
	C: ['Consulted', 'Gives input before the work is done (two-way)'],
	I: ['Informed', 'Is told about progress or the result (one-way)']
};

/**
 * The colour of each RACI letter (text on a tint, `#rrggbb`): one source for the app's letter
 * chips (light theme) and the XLSX cells, so a matrix looks the same on screen and on file.
 */
export const RACI_LETTER_COLOURS: Readonly<Record<RaciLetter, { text: string; fill: string }>> = {
	R: { text: '#1d4ed8', fill: '#dbeafe' },
	A: { text: '#6d28d9', fill: '#ede9fe' },
	S: { text: '#0f766e', fill: '#ccfbf1' },
	C: { text: '#92400e', fill: '#fef3c7' },
	I: { text: '#475569', fill: '#e9edf3' }
};

/** Separator between the letters of one RACI cell, e.g. `R/A`. */
export const RACI_LETTER_SEPARATOR = '/';

function table(name: string, header: readonly string[], rows: unknown[][]): ExportTable {
	return {
		name,
		header: header.map((cell) => safeCell(cell)),
		rows: rows.map((row) => row.map((cell) => safeCell(cell as string | number | null)))
	};
}

const band = (value: ScoreBand | null) => (value ? BAND_LABELS[value] : null);

/** The columns of `registerTable`, in order: every register field, in human values. */
export const REGISTER_COLUMNS = [
	'Key',
	'Title',
	'Description',
	'Category',
	'Owner',
	'Status',
	'Closed reason',
	'Response',
	'Likelihood',
	'Impact',
	'Score',
	'Band',
	'Residual likelihood',
	'Residual impact',
	'Residual score',
	'Residual band',
	'Trigger / warning signs',
	'Contingency plan',
	'Next review',
	'Last reviewed',
	'Due',
	'Overdue',
	'Review due',
	'Tags',
	'Links',
	'Actions done',
	'Actions total',
	'Actions overdue',
	'Mitigation actions',
	'Created',
	'Updated'
] as const;

function lookups(board: Board) {
	const people = new Map(board.people.map((person) => [person.id, person.name]));
	return {
		person: (id: string | null) => (id === null ? null : (people.get(id) ?? null)),
		category: new Map(board.settings.categories.map((c) => [c.id, c.name])),
		action: new Map(board.actions.map((action) => [action.id, action]))
	};
}

function actionText(action: MitigationAction, owner: string | null): string {
	const parts = [
		action.status,
		`${action.progress}%`,
		owner,
		action.dueDate && `due ${action.dueDate}`
	];
	return `${action.text} (${parts.filter(Boolean).join(', ')})`;
}

/**
 * The register: one row per risk in register order, with every field of PRODUCT.md in human
 * values (names, not ids), score and band, residual score and band, and the action rollup.
 * Scores are numbers; empty values are empty strings; lists are joined (tags by `, `, links and
 * actions one per line).
 */
export function registerTable(board: Board): ExportTable {
	const find = lookups(board);
	const rows = board.risks.map((risk) => [
		risk.key,
		risk.title,
		risk.description,
		risk.categoryId ? (find.category.get(risk.categoryId) ?? null) : null,
		find.person(risk.ownerId),
		risk.status,
		risk.closedReason,
		risk.response,
		risk.likelihood,
		risk.impact,
		risk.score,
		band(risk.band),
		risk.residualLikelihood,
		risk.residualImpact,
		risk.residualScore,
		band(risk.residualBand),
		risk.trigger,
		risk.contingency,
		risk.nextReviewDate,
		risk.lastReviewed ?? null,
		risk.dueDate,
		risk.overdue,
		risk.reviewDue,
		risk.tags.join(', '),
		risk.links.join('\n'),
		risk.actionRollup.done,
		risk.actionRollup.total,
		risk.actionRollup.overdue,
		risk.actionIds
			.map((id) => find.action.get(id)!)
			.map((action) => actionText(action, find.person(action.ownerId)))
			.join('\n'),
		risk.createdAt,
		risk.updatedAt
	]);
	return table('Register', REGISTER_COLUMNS, rows);
}

/** A 5×5 heat map of risk counts. */
export interface HeatMap {
	kind: 'inherent' | 'residual';
	likelihoodLabels: string[];
	impactLabels: string[];
	/** `counts[likelihood - 1][impact - 1]`: risks with that pair (closed risks excluded). */
	counts: number[][];
	/** `bands[likelihood - 1][impact - 1]`: the band of that cell's score, by the board's bounds. */
	bands: ScoreBand[][];
	/** Open risks missing likelihood or impact. */
	unscored: number;
}

/**
 * Counts open (not Closed) risks per likelihood × impact cell, inherent or residual. Closed
 * risks are left out because a heat map shows the exposure that still needs managing.
 */
export function heatMap(board: Board, kind: HeatMap['kind']): HeatMap {
	const grid = () => Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
	const counts = grid();
	let unscored = 0;
	for (const risk of board.risks) {
		if (!isOnHeatMap(risk)) continue;
		const cell = heatMapCell(risk, kind);
		if (cell === null) unscored++;
		else counts[cell.likelihood - 1]![cell.impact - 1]!++;
	}
	return {
		kind,
		likelihoodLabels: [...board.settings.likelihoodLabels],
		impactLabels: [...board.settings.impactLabels],
		counts,
		bands: counts.map((row, l) =>
			row.map((_, i) => scoreBand((l + 1) * (i + 1), board.settings.scoreBands))
		),
		unscored
	};
}

/**
 * A heat map as a table the way risk matrices are drawn: likelihood 5 at the top down to 1,
 * impact 1 to 5 left to right; the corner cell names the axes. Counts are numbers.
 */
export function heatMapTable(map: HeatMap): ExportTable {
	const name = map.kind === 'inherent' ? 'Heat map (inherent)' : 'Heat map (residual)';
	const header = [
		'Likelihood \\ Impact',
		...map.impactLabels.map((label, i) => `${i + 1} ${label}`)
	];
	const rows = [4, 3, 2, 1, 0].map((l) => [
		`${l + 1} ${map.likelihoodLabels[l]}`,
		...map.counts[l]!
	]);
	return table(name, header, rows);
}

/** A column's header label; teams are marked so a team and a person of one name differ. */
export function raciColumnLabel(column: RaciColumn): string {
	return column.kind === 'team' ? `${column.label} (team)` : column.label;
}

/** A cell's letters as exported: preset order joined by `RACI_LETTER_SEPARATOR`, '' when empty. */
export function raciLetters(letters: readonly RaciLetter[]): string {
	return letters.join(RACI_LETTER_SEPARATOR);
}

/** Header of the optional last column of `raciTable`: the risk keys an activity is linked to. */
export const RACI_LINKED_RISKS_COLUMN = 'Linked risks';

/**
 * A RACI matrix: one row per activity (in order), one column per person or team (in order).
 * Given the `board` the matrix belongs to, and when at least one activity is linked to a risk,
 * a last `Linked risks` column lists their keys (`R-3, R-7`, register order).
 */
export function raciTable(matrix: RaciMatrix, board?: Board): ExportTable {
	const keys = new Map(board?.risks.map((risk) => [risk.id, risk.key]));
	const linked = (riskIds: readonly string[]) =>
		riskIds.flatMap((id) => keys.get(id) ?? []).join(', ');
	const withLinks = matrix.rows.some((row) => linked(raciRowLinks(row).riskIds) !== '');
	const header = [
		'Activity',
		...matrix.columns.map(raciColumnLabel),
		...(withLinks ? [RACI_LINKED_RISKS_COLUMN] : [])
	];
	const rows = matrix.rows.map((row) => [
		row.text,
		...matrix.columns.map((column) => raciLetters(matrix.cells[row.id]?.[column.id] ?? [])),
		...(withLinks ? [linked(raciRowLinks(row).riskIds)] : [])
	]);
	return table(matrix.name, header, rows);
}

/** The legend of a preset's letters: letter, role, meaning. */
export function raciLegendTable(preset: RaciPreset): ExportTable {
	const rows = RACI_PRESET_LETTERS[preset].map((letter) => [
		letter,
		...RACI_LETTER_MEANINGS[letter]
	]);
	return table('Legend', ['Letter', 'Role', 'Meaning'], rows);
}

/**
 * The results of `checkRaci`: errors by activity, then warnings by column, in matrix order.
 * No row at all means the matrix passes every check.
 */
export function raciChecksTable(
	matrix: RaciMatrix,
	options: { maxAccountable: number }
): ExportTable {
	const result = checkRaci(matrix, options);
	const rows: unknown[][] = [];
	for (const row of matrix.rows) {
		for (const issue of result.rows[row.id] ?? []) {
			rows.push([issue.severity, 'Activity', row.text, issue.message, issue.code]);
		}
	}
	for (const column of matrix.columns) {
		for (const issue of result.columns[column.id] ?? []) {
			rows.push([issue.severity, 'Column', raciColumnLabel(column), issue.message, issue.code]);
		}
	}
	return table('Checks', ['Severity', 'Applies to', 'Name', 'Problem', 'Code'], rows);
}
