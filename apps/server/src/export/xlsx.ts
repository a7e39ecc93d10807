/**
 * XLSX workbooks with `exceljs`, built only from `@riskboard/model` export tables. Every cell is
 * assigned a plain string, number or (for the register's date columns) a date, never a formula,
 * hyperlink or rich-text object; colour is styling on the cell, not its value.
 *
 * Formula-looking text: the tables neutralise it with a leading `'` (right for CSV). In a
 * workbook the cell gets the text itself, as a text cell (`@`) with Excel's quote-prefix style,
 * which a spreadsheet shows without an apostrophe and never evaluates. exceljs cannot write
 * `quotePrefix`, so `bytes` adds it to those cells' styles in the saved file (with JSZip).
 * The register prints: landscape, fit to one page wide, header row repeated, rows as tall as
 * their wrapped text, with an autofilter on the header.
 */
import {
	RACI_LETTER_COLOURS,
	RACI_LETTER_SEPARATOR,
	startsFormula,
	heatMap,
	heatMapTable,
	raciChecksTable,
	raciLegendTable,
	raciTable,
	registerTable,
	type Board,
	type ExportCell,
	type ExportTable,
	type HeatMap,
	type RaciMatrix,
	type ScoreBand
} from '@riskboard/model';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const argb = (hex: string) => `FF${hex.slice(1).toUpperCase()}`;

/** Font and fill colours (ARGB) of each RACI letter: the app's, from the model. */
export const LETTER_COLOURS: Readonly<Record<string, { font: string; fill: string }>> =
	Object.fromEntries(
		Object.entries(RACI_LETTER_COLOURS).map(([letter, { text, fill }]) => [
			letter,
			{ font: argb(text), fill: argb(fill) }
		])
	);
/** A cell with several letters takes the colour of the first of these it holds. */
const LETTER_PRECEDENCE = ['A', 'R', 'S', 'C', 'I'];

/** Fill colours (ARGB) of the score bands. */
export const BAND_FILLS: Readonly<Record<ScoreBand, string>> = {
	low: 'FFC8E6C9',
	medium: 'FFFFF59D',
	high: 'FFFFCC80',
	critical: 'FFEF9A9A'
};
const BAND_BY_LABEL: Readonly<Record<string, ScoreBand>> = {
	Low: 'low',
	Medium: 'medium',
	High: 'high',
	Critical: 'critical'
};

function fill(argb: string): ExcelJS.Fill {
	return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** The number format that marks a text cell; only quote-prefixed cells use it (see `bytes`). */
const TEXT_FORMAT = '@';

/**
 * The one place a value enters a cell: strings and finite numbers only. A text the table
 * neutralised (`'` + formula trigger) goes in without the `'`, as a quote-prefixed text cell.
 */
function setCell(cell: ExcelJS.Cell, value: ExportCell): void {
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		throw new TypeError('XLSX cells take plain strings and numbers only');
	}
	if (typeof value === 'string' && value.startsWith("'") && startsFormula(value.slice(1))) {
		cell.value = value.slice(1);
		cell.numFmt = TEXT_FORMAT;
		return;
	}
	cell.value = value;
}

/** A `YYYY-MM-DD` table cell as a real date cell (midnight UTC, shown as YYYY-MM-DD). */
function setDate(cell: ExcelJS.Cell, value: ExportCell): void {
	const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
	if (!match) return setCell(cell, value);
	cell.value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
	cell.numFmt = 'yyyy-mm-dd';
}

/** Writes a table from `startRow` (header bold); returns the next free row. */
function writeTable(sheet: ExcelJS.Worksheet, table: ExportTable, startRow = 1): number {
	[table.header, ...table.rows].forEach((values, r) => {
		const row = sheet.getRow(startRow + r);
		values.forEach((value, c) => setCell(row.getCell(c + 1), value));
		if (r === 0) row.font = { bold: true };
	});
	return startRow + table.rows.length + 1;
}

function widths(sheet: ExcelJS.Worksheet, table: ExportTable, max = 60): void {
	table.header.forEach((_, c) => {
		const longest = Math.max(
			...[table.header, ...table.rows].map((row) =>
				Math.max(
					...String(row[c] ?? '')
						.split('\n')
						.map((line) => line.length)
				)
			)
		);
		sheet.getColumn(c + 1).width = Math.min(max, Math.max(8, longest + 2));
	});
}

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`, no leading or trailing `'`. */
export function sheetName(name: string, fallback: string, taken: readonly string[] = []): string {
	const clean = name
		.replace(/[[\]:*?/\\]/g, ' ')
		.replace(/^'+|'+$/g, '')
		.trim()
		.slice(0, 31)
		.trim();
	const lower = taken.map((t) => t.toLowerCase());
	return clean && !lower.includes(clean.toLowerCase()) ? clean : fallback;
}

function newWorkbook(): ExcelJS.Workbook {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Riskboard';
	return workbook;
}

/** The saved file, with `quotePrefix` on the styles of text-format (`@`, id 49) cells. */
async function bytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
	const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
	const path = 'xl/styles.xml';
	const styles = await zip.file(path)?.async('string');
	if (styles) {
		const marked = styles.replace(/<xf ([^>]*numFmtId="49"[^>]*?)(\/?)>/g, (whole, attrs, end) =>
			attrs.includes('quotePrefix') ? whole : `<xf ${attrs} quotePrefix="1"${end}>`
		);
		zip.file(path, marked);
	}
	return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/** Prints landscape, one page wide, the header row on every page. */
function printSetup(sheet: ExcelJS.Worksheet, repeatHeader: boolean): void {
	sheet.pageSetup = {
		orientation: 'landscape',
		paperSize: 9,
		fitToPage: true,
		fitToWidth: 1,
		fitToHeight: 0,
		margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
		...(repeatHeader ? { printTitlesRow: '1:1' } : {})
	};
}

/** Points per text line at the default 11 pt font, and the least row height. */
const LINE_HEIGHT = 15;

/**
 * Sets each data row as tall as its most wrapped cell (spreadsheets do not measure wrapped
 * text written by a library; without this, LibreOffice draws long text over the next rows).
 */
function fitRowHeights(sheet: ExcelJS.Worksheet, table: ExportTable): void {
	table.rows.forEach((values, r) => {
		const lines = Math.max(
			1,
			...values.map((value, c) => {
				const width = Math.max(1, (sheet.getColumn(c + 1).width ?? 10) - 1);
				return String(value)
					.split('\n')
					.reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / width)), 0);
			})
		);
		sheet.getRow(r + 2).height = Math.min(409, lines * LINE_HEIGHT);
	});
}

function colourLetters(cell: ExcelJS.Cell): void {
	const letters = typeof cell.value === 'string' ? cell.value.split(RACI_LETTER_SEPARATOR) : [];
	const first = LETTER_PRECEDENCE.find((letter) => letters.includes(letter));
	if (!first) return;
	const colour = LETTER_COLOURS[first]!;
	cell.font = { bold: true, color: { argb: colour.font } };
	cell.fill = fill(colour.fill);
	cell.alignment = { horizontal: 'center' };
}

/**
 * A RACI workbook: the matrix (letters coloured, header row and activity column frozen), a
 * Legend sheet and a Checks sheet with the results of `checkRaci`.
 */
export async function raciWorkbook(board: Board, matrix: RaciMatrix): Promise<Uint8Array> {
	const workbook = newWorkbook();
	const table = raciTable(matrix, board);
	const sheet = workbook.addWorksheet(sheetName(matrix.name, 'RACI', ['Legend', 'Checks']), {
		views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }]
	});
	writeTable(sheet, table);
	widths(sheet, table);
	for (let r = 2; r <= table.rows.length + 1; r++) {
		for (let c = 2; c <= table.header.length; c++) colourLetters(sheet.getCell(r, c));
	}
	printSetup(sheet, true);
	const legend = raciLegendTable(matrix.preset);
	const legendSheet = workbook.addWorksheet('Legend');
	writeTable(legendSheet, legend);
	widths(legendSheet, legend);
	for (let r = 2; r <= legend.rows.length + 1; r++) colourLetters(legendSheet.getCell(r, 1));
	const checks = raciChecksTable(matrix, { maxAccountable: board.settings.raciMaxAccountable });
	const checksSheet = workbook.addWorksheet('Checks');
	writeTable(checksSheet, checks);
	widths(checksSheet, checks, 80);
	for (let r = 2; r <= checks.rows.length + 1; r++) {
		const cell = checksSheet.getCell(r, 1);
		cell.font = { bold: true, color: { argb: cell.value === 'error' ? 'FFB71C1C' : 'FFE65100' } };
	}
	return bytes(workbook);
}

function writeHeatMap(sheet: ExcelJS.Worksheet, map: HeatMap, startRow: number): number {
	const table = heatMapTable(map);
	setCell(sheet.getCell(startRow, 1), table.name);
	sheet.getCell(startRow, 1).font = { bold: true, size: 13 };
	const next = writeTable(sheet, table, startRow + 1);
	// Table rows run likelihood 5 → 1; counts sit in columns 2–6 (impact 1–5).
	table.rows.forEach((_, r) => {
		for (let i = 0; i < 5; i++) {
			const cell = sheet.getCell(startRow + 2 + r, i + 2);
			cell.fill = fill(BAND_FILLS[map.bands[4 - r]![i]!]);
			cell.alignment = { horizontal: 'center' };
		}
	});
	return next + 1;
}

/** The register columns holding a date (`YYYY-MM-DD`), written as date cells. */
const REGISTER_DATE_COLUMNS = ['Next review', 'Last reviewed', 'Due'];

/**
 * A register workbook: the Register sheet (band cells coloured, dates as dates, autofilter,
 * print setup) and a Heat map sheet coloured by band.
 */
export async function registerWorkbook(board: Board): Promise<Uint8Array> {
	const workbook = newWorkbook();
	const table = registerTable(board);
	const sheet = workbook.addWorksheet('Register', {
		views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }]
	});
	writeTable(sheet, table);
	widths(sheet, table, 40);
	const dateColumns = REGISTER_DATE_COLUMNS.map((name) => table.header.indexOf(name) + 1);
	const bandColumns = ['Band', 'Residual band'].map((name) => table.header.indexOf(name) + 1);
	sheet.getRow(1).alignment = { vertical: 'top', wrapText: true };
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.header.length } };
	for (let r = 2; r <= table.rows.length + 1; r++) {
		sheet.getRow(r).alignment = { vertical: 'top', wrapText: true };
		for (const c of dateColumns) setDate(sheet.getCell(r, c), table.rows[r - 2]![c - 1]!);
		for (const c of bandColumns) {
			const band = BAND_BY_LABEL[String(sheet.getCell(r, c).value)];
			if (band) sheet.getCell(r, c).fill = fill(BAND_FILLS[band]);
		}
	}
	fitRowHeights(sheet, table);
	printSetup(sheet, true);
	const heat = workbook.addWorksheet('Heat map');
	const next = writeHeatMap(heat, heatMap(board, 'inherent'), 1);
	writeHeatMap(heat, heatMap(board, 'residual'), next);
	heat.getColumn(1).width = 24;
	for (let c = 2; c <= 6; c++) heat.getColumn(c).width = 14;
	printSetup(heat, false);
	return bytes(workbook);
}
