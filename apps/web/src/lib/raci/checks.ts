/**
 * The live RACI check results arranged for display. The rules themselves are `checkRaci` in
 * `@riskboard/model`; this only runs it with the board's threshold and lists its findings with
 * the row or column they belong to.
 */
import {
	checkRaci,
	type BoardSettings,
	type RaciCheckResult,
	type RaciIssue,
	type RaciMatrix
} from '@riskboard/model';

/** One finding, tied to the row or column it is about. */
export interface RaciProblem {
	on: 'row' | 'column';
	id: string;
	/** The activity text or column label. */
	label: string;
	issue: RaciIssue;
}

/** Runs the model's checks with the board's threshold. */
export function checkMatrix(matrix: RaciMatrix, settings: BoardSettings): RaciCheckResult {
	return checkRaci(matrix, { maxAccountable: settings.raciMaxAccountable });
}

/** Every finding in grid order: rows top to bottom, then columns left to right. */
export function listProblems(matrix: RaciMatrix, result: RaciCheckResult): RaciProblem[] {
	const problems: RaciProblem[] = [];
	for (const row of matrix.rows) {
		for (const issue of result.rows[row.id] ?? []) {
			problems.push({ on: 'row', id: row.id, label: row.text || 'Untitled activity', issue });
		}
	}
	for (const column of matrix.columns) {
		for (const issue of result.columns[column.id] ?? []) {
			problems.push({ on: 'column', id: column.id, label: column.label, issue });
		}
	}
	return problems;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "No problems", or "3 problems · 2 errors, 1 warning". */
export function problemSummary(result: Pick<RaciCheckResult, 'errorCount' | 'warningCount'>) {
	const total = result.errorCount + result.warningCount;
	if (total === 0) return 'No problems';
	const parts = [];
	if (result.errorCount) parts.push(plural(result.errorCount, 'error', 'errors'));
	if (result.warningCount) parts.push(plural(result.warningCount, 'warning', 'warnings'));
	return `${plural(total, 'problem', 'problems')} · ${parts.join(', ')}`;
}

/** A compact label for a column warning (the full message goes in the tooltip and summary). */
export function shortIssueLabel(issue: RaciIssue): string {
	switch (issue.code) {
		case 'no-accountable':
			return 'No A';
		case 'multiple-accountable':
			return 'Several A';
		case 'no-responsible':
			return 'No R';
		case 'idle-column':
			return 'No letters';
		case 'too-many-accountable':
			return 'Too many A';
	}
}
