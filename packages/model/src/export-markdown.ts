/**
 * Markdown renderings of the export tables, for stakeholders who read rather than compute.
 * Built only from `ExportTable`s (cells already formula-safe) and escaped with `markdownCell`.
 */
import { markdownCell, markdownText, type ExportCell } from './export-safety.ts';
import {
	heatMap,
	heatMapTable,
	raciChecksTable,
	raciLegendTable,
	raciTable,
	registerTable,
	type ExportTable,
	type HeatMap
} from './export-tables.ts';
import type { Board, RaciMatrix } from './types.ts';

/**
 * A GitHub-flavoured Markdown table; an empty table gets a `_None._` line instead. The delimiter
 * row is `:---` (left-aligned), so not even it begins with a formula trigger when pasted.
 */
export function markdownTable(table: ExportTable): string {
	if (table.rows.length === 0) return '_None._\n';
	const line = (cells: readonly ExportCell[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
	return (
		[
			line(table.header),
			`|${table.header.map(() => ' :--- ').join('|')}|`,
			...table.rows.map(line)
		].join('\n') + '\n'
	);
}

/** Keeps the named columns of a table (in the given order); unknown names are ignored. */
export function pickColumns(table: ExportTable, names: readonly string[]): ExportTable {
	const indexes = names.map((name) => table.header.indexOf(name)).filter((index) => index >= 0);
	return {
		name: table.name,
		header: indexes.map((index) => table.header[index]!),
		rows: table.rows.map((row) => indexes.map((index) => row[index]!))
	};
}

/** The register columns Markdown shows: the ones people read in a meeting; CSV/XLSX have all. */
export const REGISTER_MARKDOWN_COLUMNS: readonly string[] = [
	'Key',
	'Title',
	'Category',
	'Owner',
	'Status',
	'Response',
	'Score',
	'Band',
	'Residual score',
	'Residual band',
	'Due',
	'Next review',
	'Actions done',
	'Actions total'
];

/** A heat map as a small Markdown table (likelihood rows 5 → 1, impact columns 1 → 5). */
export function heatMapMarkdown(map: HeatMap): string {
	const unscored = map.unscored > 0 ? `\n${map.unscored} open risk(s) not scored.\n` : '';
	return markdownTable(heatMapTable(map)) + unscored;
}

/**
 * The register as a Markdown document: title, the register table (the reading columns), then
 * the inherent and residual heat maps. `subtitle` (e.g. a snapshot's name and date) goes under
 * the title.
 */
export function registerMarkdown(board: Board, options: { subtitle?: string } = {}): string {
	const parts = [`# ${markdownText(board.title)} — risk register\n`];
	if (options.subtitle) parts.push(`${markdownText(options.subtitle)}\n`);
	parts.push(markdownTable(pickColumns(registerTable(board), REGISTER_MARKDOWN_COLUMNS)));
	parts.push('## Heat map (inherent)\n', heatMapMarkdown(heatMap(board, 'inherent')));
	parts.push('## Heat map (residual)\n', heatMapMarkdown(heatMap(board, 'residual')));
	return parts.join('\n');
}

/**
 * One RACI matrix as a Markdown document: matrix table, legend, and check results (errors on
 * activities, warnings on columns).
 */
export function raciMarkdown(
	board: Board,
	matrix: RaciMatrix,
	options: { subtitle?: string } = {}
): string {
	const checks = raciChecksTable(matrix, { maxAccountable: board.settings.raciMaxAccountable });
	const parts = [`# ${markdownText(board.title)} — RACI: ${markdownText(matrix.name)}\n`];
	if (options.subtitle) parts.push(`${markdownText(options.subtitle)}\n`);
	parts.push(markdownTable(raciTable(matrix, board)));
	parts.push(`## Legend (${matrix.preset})\n`, markdownTable(raciLegendTable(matrix.preset)));
	parts.push('## Checks\n');
	parts.push(checks.rows.length === 0 ? 'No problems found.\n' : markdownTable(checks));
	return parts.join('\n');
}
