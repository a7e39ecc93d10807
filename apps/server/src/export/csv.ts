/**
 * CSV encoding of export tables with `csv-stringify`. Cells arrive formula-safe from
 * `@riskboard/model` (`safeCell`), so the library's own `escape_formulas` is not used: one rule,
 * in one place, for every format.
 */
import type { ExportTable } from '@riskboard/model';
import { stringify } from 'csv-stringify/sync';

/**
 * A table as RFC 4180 CSV: header first, CRLF line ends, fields quoted when they hold a comma,
 * quote or any line break, and a UTF-8 byte order mark so Excel reads accents and non-Latin
 * names correctly. Numbers are written as plain decimal numbers.
 */
export function encodeCsv(table: ExportTable): string {
	return stringify([table.header, ...table.rows], {
		bom: true,
		record_delimiter: 'windows',
		// Setting the delimiter turns this off by default; a lone CR in a field must be quoted too.
		quote_record_delimiter: true
	});
}
