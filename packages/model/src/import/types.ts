/** The plain data an import works on: a parsed sheet and the choices made about it. */
import type { ImportField } from './fields.ts';

/** One cell as the file held it: text, a number, a date (from an XLSX date cell), or empty. */
export type ImportCell = string | number | { date: string } | null;

/** A sheet below its header row: the headers and the data rows with their line in the file. */
export interface ImportTable {
	headers: string[];
	/** `line`: the file line a CSV record starts on (header = its line), or the XLSX row number. */
	rows: Array<{ line: number; cells: ImportCell[] }>;
}

/** Column index → the field it fills, or null to ignore it. */
export type ImportMapping = Record<number, ImportField | null>;

/** A person or category the import will create, in place of an id. */
export interface NewRef {
	new: string;
}

/**
 * What a source value becomes: a score 1–5, a status or response, a person or category id, a
 * `{ new: name }` to create, `''` to leave the field empty; null = not mapped (a row error).
 */
export type ImportValue = number | string | NewRef | null;

/** Per field, source value (as the cell reads, trimmed) → board value. */
export type ValueMapping = Partial<Record<ImportField, Record<string, ImportValue>>>;

/** How ambiguous dates like 05/06/2026 are read. */
export type DateOrder = 'dmy' | 'mdy';

/** The choices a preview or commit is built with; anything missing falls back to suggestions. */
export interface ImportChoices {
	/** Overrides of the suggested mapping, by column index. */
	mapping?: ImportMapping | undefined;
	/** Overrides of the suggested value mapping. */
	values?: ValueMapping | undefined;
	dateOrder?: DateOrder | undefined;
	/** What happens to rows matching a risk already on the board. Default `skip`. */
	duplicates?: 'skip' | 'update' | undefined;
}
