/**
 * Formula-injection safety for every exported cell, in one place. CSV, XLSX and Markdown tables
 * are all built from `ExportTable`s whose cells went through `safeCell`, so no encoder can forget.
 */

/** One exported cell: a plain string or a finite number, nothing else (no objects, no formulas). */
export type ExportCell = string | number;

/**
 * First characters that make a spreadsheet read a cell as a formula (or DDE): the OWASP list
 * (`=`, `+`, `-`, `@`, tab, carriage return) plus NUL, and the full-width forms of `=`, `+`,
 * `-`, `@`, which some East Asian spreadsheet locales also accept.
 */
export const FORMULA_TRIGGERS: ReadonlySet<string> = new Set([
	'=',
	'+',
	'-',
	'@',
	'\t',
	'\r',
	'\0',
	'\uFF1D',
	'\uFF0B',
	'\uFF0D',
	'\uFF20'
]);

/** Leading characters some spreadsheets skip before looking for a formula trigger. */
const SKIPPED = /[\s\u00A0\u2000-\u200B\u3000\uFEFF]/u;

/**
 * Whether a text starts a formula: a trigger first, or after leading whitespace. Tab and CR are
 * both whitespace and triggers, so each leading character is checked for both.
 */
export function startsFormula(text: string): boolean {
	for (const char of text) {
		if (FORMULA_TRIGGERS.has(char)) return true;
		if (!SKIPPED.test(char)) return false;
	}
	return false;
}

/**
 * Turns any value into a safe exported cell. The choice, following OWASP's CSV-injection advice:
 * a text that begins with a formula trigger — or with whitespace and then a trigger, which is
 * stricter than OWASP — gets a single quote `'` in front, so it stays visible, unchanged after
 * the quote, and is never evaluated; spreadsheets show `'=1+1` as text. Finite numbers stay numbers
 * (so sums still work); other numbers become text (then neutralised like any text, e.g.
 * `-Infinity`). Line breaks become `\n` everywhere (XLSX cannot keep a carriage return, and one
 * convention keeps round trips exact). Booleans become `yes` / `no`, null and undefined the
 * empty string. Objects are
 * refused with a TypeError: nothing from a document may reach a file as an object (formula,
 * hyperlink or rich text).
 */
export function safeCell(value: string | number | boolean | null | undefined): ExportCell {
	if (value === null || value === undefined) return '';
	if (typeof value === 'number') return Number.isFinite(value) ? value : safeText(String(value));
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (typeof value !== 'string') throw new TypeError('An export cell must be a string or number');
	return safeText(value);
}

function safeText(value: string): string {
	const text = value.replace(/\r\n?/g, '\n');
	return startsFormula(text) ? `'${text}` : text;
}

/**
 * Escapes a text for one Markdown table cell: backslash, `|`, `<`, `>`, `[`, `]` are
 * backslash-escaped (no table breaks, raw HTML or links from user text) and line breaks become
 * `<br>`, the only HTML the output contains. Apply after `safeCell`. No formula runs in
 * Markdown, so a text `safeCell` neutralised with `'` before `=`, `+`, `-` or `@` loses the
 * quote and that character is escaped instead (`'=1+1` → `\=1+1`, which renders as `=1+1`).
 */
export function markdownCell(cell: ExportCell): string {
	if (typeof cell === 'number') return String(cell);
	// Only an ASCII trigger can be backslash-escaped; a leading space, tab or full-width sign
	// keeps the quote.
	const escapable = cell.startsWith("'") && /^[=+\-@]/.test(cell.slice(1));
	const text = escapable ? cell.slice(1) : cell;
	const escaped = text.replace(/[\\|<>[\]]/g, (char) => `\\${char}`).replace(/\r\n|\r|\n/g, '<br>');
	return escapable ? `\\${escaped}` : escaped;
}

/** Escapes a text for Markdown running text (headings): like `markdownCell`, lines joined by spaces. */
export function markdownText(text: string): string {
	return markdownCell(text.replace(/\s*(\r\n|\r|\n)\s*/g, ' '));
}
