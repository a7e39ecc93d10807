import { buildImportPlan, initBoard, readBoard } from '@riskboard/model';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { parseInWorker, stopParser } from './parse-pool.ts';
import { ImportParseError, parseImportFile, type ParseOptions } from './parse.ts';

const fixture = (name: string) =>
	new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const csv: ParseOptions = { format: 'csv', maxRows: 20_000, maxColumns: 200 };
const xlsx: ParseOptions = { format: 'xlsx', maxRows: 20_000, maxColumns: 200 };

function emptyBoard() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Import test' });
	return readBoard(doc);
}

afterAll(stopParser);

describe('reading CSV files as spreadsheet programs save them', () => {
	it('a semicolon CSV with a BOM from European Excel', async () => {
		const parsed = await parseImportFile(fixture('european-semicolon-bom.csv'), csv);
		expect(parsed).toMatchObject({ encoding: 'utf-8', delimiter: ';', headerRow: 1 });
		expect(parsed.table.headers[0]).toBe('Risk ID');
		expect(parsed.table.rows[0]).toEqual({
			line: 2,
			cells: [
				'EU-1',
				'x',
				'Lieferant liefert zu spät',
				'High',
				'Medium',
				'Zoë Müller',
				'In progress',
				'12.09.2026',
				'Zweiten Lieferanten qualifizieren',
				'Vendor'
			]
		});
		const plan = buildImportPlan(emptyBoard(), parsed.table);
		expect(plan.rows.map((r) => r.errors)).toEqual([[], [], []]);
		expect(plan.rows[0]!.risk).toMatchObject({
			title: 'Lieferant liefert zu spät',
			dueDate: '2026-09-12',
			likelihood: 5,
			impact: 3
		});
		expect(plan.newPeople).toEqual(['Jürgen Groß', 'Zoë Müller', 'zoe@example.com']);
	});

	it('a Windows-1252 file (not valid UTF-8)', async () => {
		const parsed = await parseImportFile(fixture('windows-1252.csv'), csv);
		expect(parsed.encoding).toBe('windows-1252');
		expect(parsed.table.rows[0]!.cells).toEqual([
			'Café supplier closes',
			'René Dubois',
			'2',
			'4',
			'Costs rise by 20 000 € – maybe more'
		]);
		expect(parsed.table.rows[1]!.cells[4]).toBe('It’s our secret');
	});

	it('UTF-16 "Unicode text" with tabs', async () => {
		const parsed = await parseImportFile(fixture('unicode-text.txt'), csv);
		expect(parsed).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
		expect(parsed.table.rows.map((r) => r.cells[0])).toEqual([
			'Übersetzung fehlt',
			'東京 office lease'
		]);
	});

	it('quoted fields with delimiters, doubled quotes and line breaks, counted by file line', async () => {
		const parsed = await parseImportFile(fixture('quoted-newlines.csv'), csv);
		expect(parsed.delimiter).toBe(',');
		expect(parsed.table.rows).toEqual([
			{
				line: 2,
				cells: [
					'Vendor, the big one, is late',
					'Cause: capacity.\nEvent: delivery slips.\nEffect: launch moves "a month".',
					'3',
					'4',
					'vendor, schedule'
				]
			},
			{ line: 5, cells: ['Data centre outage', 'Power fails, twice', '2', '5', 'infra'] }
		]);
		const plan = buildImportPlan(emptyBoard(), parsed.table);
		expect(plan.rows[0]!.risk.tags).toEqual(['vendor', 'schedule']);
	});

	it('bad rows are reported by file line and column', async () => {
		const parsed = await parseImportFile(fixture('bad-rows.csv'), csv);
		const plan = buildImportPlan(emptyBoard(), parsed.table);
		const errors = plan.rows.flatMap((r) =>
			r.errors.map((e) => `${r.line} ${e.column}: ${e.message}`)
		);
		expect(errors).toEqual([
			'3 Likelihood: likelihood 7 is outside 1–5',
			'4 Title: title is empty',
			'5 Due: due date “next week” is not a date',
			'6 Status: status “Purple” matches no status of the board'
		]);
		expect(plan.summary).toMatchObject({ total: 6, valid: 2, invalid: 4 });
	});

	it('a broken quote names the line it opens on', async () => {
		await expect(parseImportFile(fixture('broken-quote.csv'), csv)).rejects.toThrow(
			/^Unclosed quote starting at line 4/
		);
	});

	it('formula-looking text stays literal text', async () => {
		const parsed = await parseImportFile(fixture('formula-text.csv'), csv);
		const plan = buildImportPlan(emptyBoard(), parsed.table);
		expect(plan.rows.map((r) => r.risk.title)).toEqual([
			'=HYPERLINK("http://evil.example","click")',
			'+1 vendor risk',
			'-5% margin',
			'@SUM(A1)'
		]);
		expect(plan.summary.invalid).toBe(0);
	});

	it('refuses an empty file and a file with no header row', async () => {
		await expect(parseImportFile(new Uint8Array(), csv)).rejects.toMatchObject({
			code: 'empty_file'
		});
		await expect(parseImportFile(new TextEncoder().encode('\n\n  \n'), csv)).rejects.toMatchObject({
			code: 'empty_file'
		});
		await expect(
			parseImportFile(new TextEncoder().encode('Title,Owner\n'), csv)
		).rejects.toMatchObject({ code: 'no_rows' });
		await expect(parseImportFile(new TextEncoder().encode(',,\n,,\n'), csv)).rejects.toMatchObject({
			code: 'no_header_row'
		});
	});

	it('limits rows and columns', async () => {
		const many = 'Title\n' + 'x\n'.repeat(11);
		await expect(
			parseImportFile(new TextEncoder().encode(many), { ...csv, maxRows: 10 })
		).rejects.toMatchObject({ code: 'too_many_rows' });
		await expect(
			parseImportFile(new TextEncoder().encode('a,b,c\n1,2,3\n'), { ...csv, maxColumns: 2 })
		).rejects.toMatchObject({ code: 'too_many_columns' });
	});

	it('takes the delimiter, encoding and header row chosen over detection', async () => {
		const parsed = await parseImportFile(fixture('european-semicolon-bom.csv'), {
			...csv,
			delimiter: ',',
			headerRow: 2
		});
		expect(parsed.delimiter).toBe(',');
		expect(parsed.headerRow).toBe(2);
		const latin = await parseImportFile(fixture('european-semicolon-bom.csv'), {
			...csv,
			encoding: 'windows-1252'
		});
		expect(latin.table.rows[0]!.cells[2]).toBe('Lieferant liefert zu spÃ¤t');
	});
});

describe('reading XLSX workbooks', () => {
	it('finds the header below a title block, reads merged cells, cached formulas and dates', async () => {
		const parsed = await parseImportFile(fixture('title-block-merged.xlsx'), xlsx);
		expect(parsed).toMatchObject({
			format: 'xlsx',
			sheets: ['Risk Register'],
			sheet: 'Risk Register',
			headerRow: 4
		});
		expect(parsed.table.headers).toEqual([
			'Risk ID',
			'Risk Title',
			'Category',
			'Probability',
			'Impact',
			'Score',
			'Owner',
			'Next review',
			'Response'
		]);
		expect(parsed.table.rows).toEqual([
			{
				line: 5,
				cells: [
					'PX-1',
					'Supplier insolvency',
					'Vendor',
					4,
					5,
					20,
					'Ada Lovelace',
					{ date: '2026-09-12' },
					'Transfer'
				]
			},
			{
				line: 6,
				cells: [
					'PX-2',
					'Scope creep',
					'Schedule',
					3,
					3,
					9,
					'Grace Hopper',
					{ date: '2026-10-01' },
					'Reduce'
				]
			},
			{
				line: 7,
				cells: [
					'PX-3',
					'Test lab unavailable',
					'Schedule',
					2,
					4,
					8,
					'Grace Hopper',
					{ date: '2026-11-15' },
					'Accept'
				]
			}
		]);
		const plan = buildImportPlan(emptyBoard(), parsed.table);
		expect(plan.rows[1]!.risk).toMatchObject({
			nextReviewDate: '2026-10-01',
			response: 'Mitigate',
			likelihood: 3
		});
		expect(plan.summary.invalid).toBe(0);
	});

	it('lists every sheet, picks the first with rows, and reads the one chosen', async () => {
		const first = await parseImportFile(fixture('several-sheets.xlsx'), xlsx);
		expect(first.sheets).toEqual(['Instructions', 'Open risks', 'Closed risks']);
		expect(first.sheet).toBe('Instructions');
		const closed = await parseImportFile(fixture('several-sheets.xlsx'), {
			...xlsx,
			sheet: 'Closed risks'
		});
		const plan = buildImportPlan(emptyBoard(), closed.table);
		expect(plan.rows[0]!.risk).toMatchObject({
			title: 'Old risk',
			status: 'Closed',
			closedReason: 'Vendor replaced',
			likelihood: 3
		});
		await expect(
			parseImportFile(fixture('several-sheets.xlsx'), { ...xlsx, sheet: 'Nope' })
		).rejects.toMatchObject({ code: 'unknown_sheet' });
	});

	it('refuses a corrupt workbook with a reason', async () => {
		await expect(parseImportFile(fixture('corrupt.xlsx'), xlsx)).rejects.toBeInstanceOf(
			ImportParseError
		);
		await expect(parseImportFile(fixture('corrupt.xlsx'), xlsx)).rejects.toMatchObject({
			code: 'unreadable_xlsx'
		});
	});
});

describe('the parser thread', () => {
	it('parses in a worker and passes parse errors through', async () => {
		const parsed = await parseInWorker(fixture('title-block-merged.xlsx'), xlsx);
		expect(parsed.headerRow).toBe(4);
		await expect(parseInWorker(fixture('broken-quote.csv'), csv)).rejects.toMatchObject({
			code: 'unclosed_quote'
		});
	});
});
