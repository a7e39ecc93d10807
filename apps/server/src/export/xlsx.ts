/**
 * XLSX workbooks with `exceljs`, built only from `@riskboard/model` export tables. Every cell is
 * assigned a plain string or number (the tables hold nothing else, and `setCell` checks again),
 * never a formula, hyperlink or rich-text object; colour is styling on the cell, not its value.
 */
import {
	RACI_LETTER_SEPARATOR,
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

/** Font and fill colours (ARGB) of each RACI letter. */
export const LETTER_COLOURS: Readonly<Record<string, { font: string; fill: string }>> = {
	A: { font: 'FFB71C1C', fill: 'FFFFCDD2' },
	R: { font: 'FF0D47A1', fill: 'FFBBDEFB' },
	S: { font: 'FF4A148C', fill: 'FFE1BEE7' },
	C: { font: 'FFE65100', fill: 'FFFFE0B2' },
	I: { font: 'FF1B5E20', fill: 'FFC8E6C9' }
};
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

/** The one place a value enters a cell: strings and finite numbers only. */
function setCell(cell: ExcelJS.Cell, value: ExportCell): void {
	if (typeof value !== 'string' && !(typeof value === 'number' && Number.isFinite(value))) {
		throw new TypeError('XLSX cells take plain strings and numbers only');
	}
	cell.value = value;
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

async function bytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
	return new Uint8Array(await workbook.xlsx.writeBuffer());
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

/** A register workbook: the Register sheet (band cells coloured) and a Heat map sheet. */
export async function registerWorkbook(board: Board): Promise<Uint8Array> {
	const workbook = newWorkbook();
	const table = registerTable(board);
	const sheet = workbook.addWorksheet('Register', {
		views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }]
	});
	writeTable(sheet, table);
	widths(sheet, table);
	const bandColumns = ['Band', 'Residual band'].map((name) => table.header.indexOf(name) + 1);
	for (let r = 2; r <= table.rows.length + 1; r++) {
		sheet.getRow(r).alignment = { vertical: 'top', wrapText: true };
		for (const c of bandColumns) {
			const band = BAND_BY_LABEL[String(sheet.getCell(r, c).value)];
			if (band) sheet.getCell(r, c).fill = fill(BAND_FILLS[band]);
		}
	}
	const heat = workbook.addWorksheet('Heat map');
	const next = writeHeatMap(heat, heatMap(board, 'inherent'), 1);
	writeHeatMap(heat, heatMap(board, 'residual'), next);
	heat.getColumn(1).width = 24;
	for (let c = 2; c <= 6; c++) heat.getColumn(c).width = 14;
	return bytes(workbook);
}
