/**
 * The live RACI checks, on the plain matrix from `readBoard`, so the server, the web app and
 * exports share one copy of the rules.
 */
import { DEFAULT_RACI_MAX_ACCOUNTABLE } from './settings.ts';
import type { RaciColumn, RaciMatrix } from './types.ts';

/** What a RACI issue is about. */
export type RaciIssueCode =
	| 'no-accountable'
	| 'multiple-accountable'
	| 'no-responsible'
	| 'idle-column'
	| 'too-many-accountable';

/** One problem found by `checkRaci`, with a message fit to show users. */
export interface RaciIssue {
	code: RaciIssueCode;
	severity: 'error' | 'warning';
	message: string;
}

/** Issues per row and per column (every row and column has an entry, possibly empty). */
export interface RaciCheckResult {
	rows: Record<string, RaciIssue[]>;
	columns: Record<string, RaciIssue[]>;
	errorCount: number;
	warningCount: number;
}

/**
 * Checks a matrix. Errors on a row: no A, more than one A, no R (A and R in one cell count as
 * both). Warnings on a column: no letter in any row; A on more than `maxAccountable` rows
 * (default 5; pass the board's `settings.raciMaxAccountable`).
 */
export function checkRaci(
	matrix: RaciMatrix,
	options: { maxAccountable?: number } = {}
): RaciCheckResult {
	const maxAccountable = options.maxAccountable ?? DEFAULT_RACI_MAX_ACCOUNTABLE;
	const result: RaciCheckResult = { rows: {}, columns: {}, errorCount: 0, warningCount: 0 };
	const labels = new Map(matrix.columns.map((column) => [column.id, column.label]));
	const lettersByColumn = new Map<string, number>();
	const accountableByColumn = new Map<string, number>();
	for (const row of matrix.rows) {
		const issues: RaciIssue[] = [];
		const accountable: string[] = [];
		let responsible = 0;
		for (const column of matrix.columns) {
			const letters = matrix.cells[row.id]?.[column.id] ?? [];
			if (letters.length > 0)
				lettersByColumn.set(column.id, (lettersByColumn.get(column.id) ?? 0) + 1);
			if (letters.includes('A')) {
				accountable.push(column.id);
				accountableByColumn.set(column.id, (accountableByColumn.get(column.id) ?? 0) + 1);
			}
			if (letters.includes('R')) responsible++;
		}
		if (accountable.length === 0) {
			issues.push(error('no-accountable', 'No one is Accountable (A) for this activity'));
		} else if (accountable.length > 1) {
			const names = accountable.map((id) => labels.get(id)).join(', ');
			issues.push(
				error(
					'multiple-accountable',
					`${accountable.length} columns are Accountable (${names}); exactly one should be`
				)
			);
		}
		if (responsible === 0) {
			issues.push(error('no-responsible', 'No one is Responsible (R) for this activity'));
		}
		result.rows[row.id] = issues;
		result.errorCount += issues.length;
	}
	for (const column of matrix.columns) {
		const issues: RaciIssue[] = [];
		if (!lettersByColumn.get(column.id)) {
			issues.push(warning('idle-column', `${describe(column)} has no role in any activity`));
		}
		const count = accountableByColumn.get(column.id) ?? 0;
		if (count > maxAccountable) {
			issues.push(
				warning(
					'too-many-accountable',
					`${describe(column)} is Accountable for ${count} activities (more than ${maxAccountable})`
				)
			);
		}
		result.columns[column.id] = issues;
		result.warningCount += issues.length;
	}
	return result;
}

function describe(column: RaciColumn): string {
	return column.kind === 'team' ? `Team ${column.label}` : column.label;
}

function error(code: RaciIssueCode, message: string): RaciIssue {
	return { code, severity: 'error', message };
}

function warning(code: RaciIssueCode, message: string): RaciIssue {
	return { code, severity: 'warning', message };
}
