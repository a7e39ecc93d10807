import {
	heatMap,
	heatMapTable,
	raciChecksTable,
	raciLegendTable,
	raciTable,
	registerTable,
	type ExportTable
} from '@riskboard/model';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportFixture } from './fixtures.ts';
import { BAND_FILLS, LETTER_COLOURS, raciWorkbook, registerWorkbook, sheetName } from './xlsx.ts';

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
	return workbook;
}

/** Cell values of rows `from`..`from + count - 1`, as exceljs reads them back. */
function values(sheet: ExcelJS.Worksheet, from: number, count: number, width: number): unknown[][] {
	return Array.from({ length: count }, (_, r) =>
		Array.from({ length: width }, (_, c) => sheet.getCell(from + r, c + 1).value ?? '')
	);
}

const cells = (table: ExportTable) => [table.header, ...table.rows];

/** What a workbook cell holds for a table cell: neutralised text without its `'`, dates as dates. */
const inWorkbook = (value: unknown, dates = false): unknown => {
	if (typeof value !== 'string') return value;
	if (/^'[=+\-@\t\r]/.test(value)) return value.slice(1);
	if (dates && /^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00Z`);
	return value;
};

/** The styles of the cells, from the saved file: which ones carry `quotePrefix`. */
async function quotePrefixed(bytes: Uint8Array): Promise<string> {
	const zip = await JSZip.loadAsync(bytes);
	return (await zip.file('xl/styles.xml')!.async('string')).match(/<cellXfs.*<\/cellXfs>/s)![0];
}

describe('XLSX export', () => {
	it('round-trips a RACI workbook: matrix, legend and checks, letters coloured', async () => {
		const { board, matrixId } = exportFixture();
		const matrix = board.matrices.find((m) => m.id === matrixId)!;
		const workbook = await open(await raciWorkbook(board, matrix));
		expect(workbook.worksheets.map((s) => s.name)).toEqual([
			'Go-live   phase 1',
			'Legend',
			'Checks'
		]);
		const [sheet, legend, checks] = workbook.worksheets as [
			ExcelJS.Worksheet,
			ExcelJS.Worksheet,
			ExcelJS.Worksheet
		];
		const table = raciTable(matrix);
		expect(values(sheet, 1, 3, 4)).toEqual(
			cells(table).map((row) => row.map((v) => inWorkbook(v)))
		);
		// Formula-looking text: the text itself in a quote-prefixed text cell, no apostrophe.
		expect(sheet.getCell('A2').value).toBe('=1+1');
		expect(sheet.getCell('A2').numFmt).toBe('@');
		expect(sheet.getCell('B2').numFmt).toBeUndefined();
		expect(sheet.getCell('B2').value).toBe('R/A');
		expect(sheet.getCell('B2').fill).toMatchObject({ fgColor: { argb: LETTER_COLOURS.A!.fill } });
		expect(sheet.getCell('C2').font.color).toEqual({ argb: LETTER_COLOURS.C!.font });
		expect(values(legend, 1, 6, 3)).toEqual(cells(raciLegendTable('RASCI')));
		const checkTable = raciChecksTable(matrix, { maxAccountable: 5 });
		expect(values(checks, 1, checkTable.rows.length + 1, 5)).toEqual(
			cells(checkTable).map((row) => row.map((v) => inWorkbook(v)))
		);
	});

	it('round-trips a register workbook with its heat maps, bands coloured, numbers as numbers', async () => {
		const fixture = exportFixture().board;
		const board = {
			...fixture,
			risks: fixture.risks.map((risk, i) => (i === 1 ? { ...risk, dueDate: '2025-02-28' } : risk))
		};
		const file = await registerWorkbook(board);
		const workbook = await open(file);
		const [register, heat] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
		expect([register.name, heat.name]).toEqual(['Register', 'Heat map']);
		const table = registerTable(board);
		expect(values(register, 1, 3, table.header.length)).toEqual(
			cells(table).map((row) => row.map((v) => inWorkbook(v, true)))
		);
		expect(register.getCell('B2').value).toBe('=HYPERLINK("http://evil.example","click")');
		expect(register.getCell('B2').type).toBe(ExcelJS.ValueType.String);
		expect(await quotePrefixed(file)).toMatch(/<xf [^>]*numFmtId="49"[^>]*quotePrefix="1"/);
		// Dates are date cells, the header filters, and it prints one page wide, landscape.
		const due = table.header.indexOf('Due') + 1;
		const dated = table.rows.findIndex((row) => row[due - 1] !== '') + 2;
		expect(dated).toBeGreaterThan(1);
		expect(register.getCell(dated, due).type).toBe(ExcelJS.ValueType.Date);
		expect(register.getCell(dated, due).numFmt).toBe('yyyy-mm-dd');
		expect(register.autoFilter).toBe('A1:AE1');
		expect(register.pageSetup).toMatchObject({
			orientation: 'landscape',
			fitToPage: true,
			fitToWidth: 1,
			fitToHeight: 0,
			printTitlesRow: '1:1'
		});
		expect(register.getRow(2).height).toBeGreaterThanOrEqual(15);
		expect(register.getCell('K2').value).toBe(20);
		expect(register.getCell('L2').fill).toMatchObject({ fgColor: { argb: BAND_FILLS.critical } });
		const inherent = heatMapTable(heatMap(board, 'inherent'));
		expect(heat.getCell('A1').value).toBe('Heat map (inherent)');
		expect(values(heat, 2, 6, 6)).toEqual(cells(inherent));
		// Likelihood 4 × impact 5 = 20 sits in row "4 Likely" (sheet row 4), column "5 Severe" (F).
		expect(heat.getCell('F4').value).toBe(1);
		expect(heat.getCell('F4').fill).toMatchObject({ fgColor: { argb: BAND_FILLS.critical } });
		expect(heat.getCell('B7').fill).toMatchObject({ fgColor: { argb: BAND_FILLS.low } });
		expect(heat.getCell('A9').value).toBe('Heat map (residual)');
	});

	it('writes no formula, hyperlink or rich-text cell anywhere', async () => {
		const { board, matrixId } = exportFixture();
		const matrix = board.matrices.find((m) => m.id === matrixId)!;
		for (const bytes of [await registerWorkbook(board), await raciWorkbook(board, matrix)]) {
			const workbook = await open(bytes);
			workbook.eachSheet((sheet) =>
				sheet.eachRow((row) =>
					row.eachCell((cell) => {
						expect([
							ExcelJS.ValueType.String,
							ExcelJS.ValueType.Number,
							ExcelJS.ValueType.Date
						]).toContain(cell.type);
						// Formula-looking text only ever sits in a quote-prefixed text cell.
						if (typeof cell.value === 'string' && /^[=+\-@\t\r]/.test(cell.value)) {
							expect(cell.numFmt).toBe('@');
						}
					})
				)
			);
		}
	});

	it('makes valid, distinct sheet names', () => {
		expect(sheetName('a/b:c*d?e[f]g\\h', 'RACI')).toBe('a b c d e f g h');
		expect(sheetName("'quoted'", 'RACI')).toBe('quoted');
		expect(sheetName('x'.repeat(40), 'RACI')).toHaveLength(31);
		expect(sheetName('legend', 'RACI', ['Legend'])).toBe('RACI');
		expect(sheetName('***', 'RACI')).toBe('RACI');
	});
});
