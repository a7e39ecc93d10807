/**
 * Reading an uploaded register: bytes → text (BOMs, UTF-16, Windows-1252 when the bytes are not
 * UTF-8) → records (csv-parse, delimiter detected) or an XLSX workbook (exceljs: every sheet,
 * merged cells as their value, formulas as their cached result, date cells as dates) → the
 * header row (`findHeaderRow` from the model) → an `ImportTable`. Pure and synchronous apart
 * from exceljs; `parse-worker.ts` runs it off the main thread.
 */
import { cellText, findHeaderRow, type ImportCell, type ImportTable } from '@riskboard/model';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** The two kinds of file an import reads. */
export type ImportFormat = 'csv' | 'xlsx';

/** Text encodings a CSV may be read as (what detection picks, or what the person chose). */
export const IMPORT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

/** Field delimiters a CSV may use. */
export const IMPORT_DELIMITERS = [',', ';', '\t', '|'] as const;
export type ImportDelimiter = (typeof IMPORT_DELIMITERS)[number];

/** Overrides of detection. */
export interface ParseOptions {
	format: ImportFormat;
	encoding?: ImportEncoding | undefined;
	delimiter?: ImportDelimiter | undefined;
	sheet?: string | undefined;
	/** The header's line (CSV) or row number (XLSX), 1-based. */
	headerRow?: number | undefined;
	/** Most data rows and columns accepted. */
	maxRows: number;
	maxColumns: number;
}

/** A parsed file: what was detected and the table below the header row. */
export interface ParsedFile {
	format: ImportFormat;
	encoding: ImportEncoding | null;
	delimiter: ImportDelimiter | null;
	sheets: string[];
	sheet: string | null;
	/** 1-based line (CSV) or row (XLSX) of the header. */
	headerRow: number;
	table: ImportTable;
}

/** A file that cannot be read at all; the route answers 422 with `message`. */
export class ImportParseError extends Error {
	override name = 'ImportParseError';
	constructor(
		readonly code: string,
		message: string
	) {
		super(message);
	}
}

/** Decodes text: a BOM decides; otherwise UTF-8 if the bytes are valid UTF-8, else Windows-1252. */
export function decodeText(
	bytes: Uint8Array,
	encoding?: ImportEncoding
): { text: string; encoding: ImportEncoding } {
	let chosen = encoding;
	let start = 0;
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		chosen ??= 'utf-8';
		if (chosen === 'utf-8') start = 3;
	} else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		chosen ??= 'utf-16le';
		if (chosen === 'utf-16le') start = 2;
	} else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		chosen ??= 'utf-16be';
		if (chosen === 'utf-16be') start = 2;
	}
	const body = bytes.subarray(start);
	if (!chosen) {
		try {
			return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
		} catch {
			chosen = 'windows-1252';
		}
	}
	// iconv-lite, not TextDecoder: Node's TextDecoder reads 'windows-1252' as Latin-1 (0x80 is
	// a control character there, the euro sign in Windows-1252).
	return {
		text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), chosen),
		encoding: chosen
	};
}

/**
 * The delimiter of a CSV: per candidate, how many of the first lines (outside quotes) split into
 * the same number (> 1) of fields; the most consistent wins, ties by more fields, then by the
 * order `, ; TAB |`. A single column reads as `,`.
 */
export function detectDelimiter(text: string): ImportDelimiter {
	const lines = logicalLines(text, 50);
	let best: { delimiter: ImportDelimiter; lines: number; fields: number } = {
		delimiter: ',',
		lines: 0,
		fields: 0
	};
	for (const delimiter of IMPORT_DELIMITERS) {
		const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
		const tally = new Map<number, number>();
		for (const count of counts) if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
		for (const [count, many] of tally) {
			if (many > best.lines || (many === best.lines && count > best.fields)) {
				best = { delimiter, lines: many, fields: count };
			}
		}
	}
	return best.delimiter;
}

/** Up to `limit` non-empty lines, a quoted line break kept inside its line. */
function logicalLines(text: string, limit: number): string[] {
	const lines: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < text.length && lines.length < limit; i++) {
		const char = text[i]!;
		if (char === '"') quoted = !quoted;
		if ((char === '\n' || char === '\r') && !quoted) {
			if (current.trim() !== '') lines.push(current);
			current = '';
			continue;
		}
		current += char;
	}
	if (current.trim() !== '' && lines.length < limit) lines.push(current);
	return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
	let count = 0;
	let quoted = false;
	for (const char of line) {
		if (char === '"') quoted = !quoted;
		else if (char === delimiter && !quoted) count++;
	}
	return count;
}

/** The records of a CSV text with the line each starts on. */
function csvRecords(
	text: string,
	delimiter: ImportDelimiter,
	maxRows: number
): Array<{ line: number; cells: ImportCell[] }> {
	const records: Array<{ line: number; cells: ImportCell[] }> = [];
	let lastEnd = 0;
	try {
		parseCsv(text, {
			delimiter,
			relax_column_count: true,
			relax_quotes: true,
			skip_empty_lines: false,
			on_record: (record, context) => {
				if (records.length > maxRows + 1000) {
					throw new ImportParseError('too_many_rows', tooManyRows(maxRows));
				}
				records.push({ line: lastEnd + 1, cells: record });
				lastEnd = context.lines;
				return null;
			}
		});
	} catch (error) {
		if (error instanceof ImportParseError) throw error;
		const code = (error as { code?: string }).code;
		if (code === 'CSV_QUOTE_NOT_CLOSED') {
			throw new ImportParseError(
				'unclosed_quote',
				`Unclosed quote starting at line ${lastEnd + 1}: a field opens with " and never closes. Fix the quote in the file, or choose another delimiter.`
			);
		}
		throw new ImportParseError(
			'unreadable_csv',
			`The file could not be read as CSV: ${(error as Error).message}`
		);
	}
	return records;
}

const tooManyRows = (max: number) =>
	`The file has more than ${max.toLocaleString('en-US')} rows; split it into several imports.`;

/** An exceljs cell value as an import cell. */
function xlsxCell(value: ExcelJS.CellValue): ImportCell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'number') return value;
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	if (value instanceof Date) {
		return Number.isNaN(value.getTime()) ? null : { date: value.toISOString().slice(0, 10) };
	}
	if (typeof value === 'object') {
		if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
			// Formula cells read as the value the spreadsheet program cached; never evaluated.
			return xlsxCell((value as { result?: ExcelJS.CellValue }).result ?? null);
		}
		if ('richText' in value) return value.richText.map((part) => part.text).join('');
		if ('hyperlink' in value) {
			const link = value as { text?: unknown; hyperlink: string };
			return typeof link.text === 'string' ? link.text : link.hyperlink;
		}
		if ('error' in value) return String((value as { error: string }).error);
	}
	return String(value);
}

async function xlsxGrid(
	bytes: Uint8Array,
	sheetName: string | undefined,
	limits: { maxRows: number; maxColumns: number }
): Promise<{
	sheets: string[];
	sheet: string;
	rows: Array<{ line: number; cells: ImportCell[] }>;
}> {
	const workbook = new ExcelJS.Workbook();
	try {
		await workbook.xlsx.load(
			bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
		);
	} catch (error) {
		throw new ImportParseError(
			'unreadable_xlsx',
			`The file is not a readable XLSX workbook (${(error as Error).message}). Save it again from your spreadsheet program as .xlsx, or as CSV.`
		);
	}
	const sheets = workbook.worksheets.map((sheet) => sheet.name);
	if (sheets.length === 0) throw new ImportParseError('empty_file', 'The workbook has no sheets.');
	let worksheet = sheetName === undefined ? undefined : workbook.getWorksheet(sheetName);
	if (sheetName !== undefined && !worksheet) {
		throw new ImportParseError('unknown_sheet', `The workbook has no sheet “${sheetName}”.`);
	}
	worksheet ??=
		workbook.worksheets.find((sheet) => sheet.actualRowCount > 0) ?? workbook.worksheets[0]!;
	if (worksheet.rowCount > limits.maxRows + 1000) {
		throw new ImportParseError('too_many_rows', tooManyRows(limits.maxRows));
	}
	if (worksheet.columnCount > limits.maxColumns) {
		throw new ImportParseError(
			'too_many_columns',
			`The sheet has ${worksheet.columnCount} columns; at most ${limits.maxColumns} can be imported.`
		);
	}
	const rows: Array<{ line: number; cells: ImportCell[] }> = [];
	const columns = worksheet.columnCount;
	for (let r = 1; r <= worksheet.rowCount; r++) {
		const row = worksheet.getRow(r);
		const cells: ImportCell[] = [];
		for (let c = 1; c <= columns; c++) {
			const cell = row.getCell(c);
			// A merged cell reads as the value of its merge's top-left cell.
			cells.push(xlsxCell(cell.isMerged ? cell.master.value : cell.value));
		}
		rows.push({ line: r, cells });
	}
	return { sheets, sheet: worksheet.name, rows };
}

/**
 * Parses an uploaded file into a table below its header row. Throws `ImportParseError` for a
 * file that cannot be read at all (unclosed quote, corrupt workbook, empty, no header row, too
 * many rows or columns).
 */
export async function parseImportFile(
	bytes: Uint8Array,
	options: ParseOptions
): Promise<ParsedFile> {
	if (bytes.byteLength === 0) throw new ImportParseError('empty_file', 'The file is empty.');
	let grid: Array<{ line: number; cells: ImportCell[] }>;
	let encoding: ImportEncoding | null = null;
	let delimiter: ImportDelimiter | null = null;
	let sheets: string[] = [];
	let sheet: string | null = null;
	if (options.format === 'xlsx') {
		const read = await xlsxGrid(bytes, options.sheet, options);
		({ sheets, sheet } = read);
		grid = read.rows;
	} else {
		const decoded = decodeText(bytes, options.encoding);
		encoding = decoded.encoding;
		if (decoded.text.trim() === '') throw new ImportParseError('empty_file', 'The file is empty.');
		delimiter = options.delimiter ?? detectDelimiter(decoded.text);
		grid = csvRecords(decoded.text, delimiter, options.maxRows);
	}
	let headerIndex: number;
	if (options.headerRow !== undefined) {
		headerIndex = grid.findIndex((row) => row.line >= options.headerRow!);
		if (headerIndex < 0) {
			throw new ImportParseError('no_header_row', `The file has no line ${options.headerRow}.`);
		}
	} else headerIndex = findHeaderRow(grid.map((row) => row.cells));
	if (headerIndex < 0) {
		throw new ImportParseError('no_header_row', 'The file has no header row: every line is empty.');
	}
	const header = grid[headerIndex]!;
	const body = grid
		.slice(headerIndex + 1)
		.filter((row) => row.cells.some((cell) => cellText(cell) !== ''));
	const width = Math.max(
		header.cells.length,
		...body.slice(0, 5000).map((row) => row.cells.length)
	);
	if (width > options.maxColumns) {
		throw new ImportParseError(
			'too_many_columns',
			`The file has ${width} columns; at most ${options.maxColumns} can be imported.`
		);
	}
	if (body.length > options.maxRows)
		throw new ImportParseError('too_many_rows', tooManyRows(options.maxRows));
	if (body.length === 0) {
		throw new ImportParseError(
			'no_rows',
			`The file has a header row (line ${header.line}) but no rows below it.`
		);
	}
	let lastUsed = 0;
	for (const row of [header, ...body]) {
		row.cells.forEach((cell, index) => {
			if (cellText(cell) !== '') lastUsed = Math.max(lastUsed, index + 1);
		});
	}
	const headers = Array.from({ length: lastUsed }, (_, i) => cellText(header.cells[i]));
	return {
		format: options.format,
		encoding,
		delimiter,
		sheets,
		sheet,
		headerRow: header.line,
		table: {
			headers,
			rows: body.map((row) => ({ line: row.line, cells: row.cells.slice(0, lastUsed) }))
		}
	};
}
