/**
 * One person's sort of the register. Rows without a value sort last in either direction; ties
 * keep the shared register order, so the list never jumps between equal rows.
 */
import { RISK_RESPONSES, RISK_STATUSES, type Risk } from '@riskboard/model';
import type { RegisterSort } from './types.ts';

/** Names to sort owner and category columns by. */
export interface SortContext {
	personName: (id: string) => string | undefined;
	categoryName: (id: string) => string | undefined;
}

type Value = string | number | null;

function sortValue(risk: Risk, key: RegisterSort['key'], context: SortContext): Value {
	switch (key) {
		case 'order':
			return null;
		case 'key':
			return risk.keyNumber;
		case 'title':
			return risk.title.trim().toLowerCase() || null;
		case 'category':
			return (risk.categoryId && context.categoryName(risk.categoryId)?.toLowerCase()) || null;
		case 'owner':
			return (risk.ownerId && context.personName(risk.ownerId)?.toLowerCase()) || null;
		case 'status':
			return RISK_STATUSES.indexOf(risk.status);
		case 'response':
			return risk.response === null ? null : RISK_RESPONSES.indexOf(risk.response);
		case 'actions':
			return risk.actionRollup.total === 0
				? null
				: risk.actionRollup.done / risk.actionRollup.total;
		case 'likelihood':
		case 'impact':
		case 'score':
		case 'residualLikelihood':
		case 'residualImpact':
		case 'residualScore':
		case 'nextReviewDate':
		case 'lastReviewed':
		case 'dueDate':
		case 'updatedAt':
			return risk[key];
		default: {
			const never: never = key;
			throw new Error(`Unknown sort key ${String(never)}`);
		}
	}
}

function compareValues(a: Value, b: Value): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** A sorted copy of `risks` (given in register order). */
export function sortRisks(
	risks: readonly Risk[],
	sort: RegisterSort,
	context: SortContext
): Risk[] {
	if (sort.key === 'order') {
		return sort.direction === 'asc' ? [...risks] : [...risks].reverse();
	}
	const sign = sort.direction === 'asc' ? 1 : -1;
	const decorated = risks.map((risk, index) => ({
		risk,
		index,
		value: sortValue(risk, sort.key, context)
	}));
	decorated.sort((a, b) => {
		if (a.value === null || b.value === null) {
			if (a.value !== b.value) return a.value === null ? 1 : -1;
			return a.index - b.index;
		}
		return sign * compareValues(a.value, b.value) || a.index - b.index;
	});
	return decorated.map((d) => d.risk);
}

/**
 * The sort after clicking a column header: ascending, then descending (scores, dates of
 * interest, "updated": descending first), then back to register order.
 */
export function nextSort(current: RegisterSort, key: RegisterSort['key']): RegisterSort {
	const first: RegisterSort['direction'] = DESCENDING_FIRST.has(key) ? 'desc' : 'asc';
	if (current.key !== key) return { key, direction: first };
	if (current.direction === first) return { key, direction: first === 'asc' ? 'desc' : 'asc' };
	return { key: 'order', direction: 'asc' };
}

const DESCENDING_FIRST: ReadonlySet<RegisterSort['key']> = new Set([
	'score',
	'residualScore',
	'likelihood',
	'impact',
	'residualLikelihood',
	'residualImpact',
	'updatedAt'
]);
