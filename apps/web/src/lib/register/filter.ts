/**
 * Which risks one person's register shows: search words (the model's `searchRisks`, over every
 * text field) plus the status, category, owner, band, overdue and heat-map-cell filters. Pure
 * functions over `readBoard` data.
 */
import {
	heatMapCell,
	searchRisks,
	type Board,
	type Risk,
	type SearchMatch
} from '@riskboard/model';
import { UNSET, type RegisterFilters } from './types.ts';

/** The lower-cased words of a search query. */
export function searchTerms(query: string): string[] {
	return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** What the search needs of a board: its risks and the names and texts around them. */
export type SearchableBoard = Pick<Board, 'risks' | 'people' | 'settings' | 'actions'>;

/**
 * The search's matches by risk id; null for a query without words (every risk matches, none by
 * a field), which costs nothing however many risks the board holds.
 */
export function searchMatches(
	board: SearchableBoard,
	query: string
): Map<string, SearchMatch> | null {
	if (searchTerms(query).length === 0) return null;
	return new Map(searchRisks(board as Board, query).map((match) => [match.riskId, match]));
}

/**
 * Past its due date or review date, or with an overdue mitigation action. The dates themselves
 * are judged by the model (`overdue`, `reviewDue`, `actionRollup.overdue`).
 */
export function needsAttention(risk: Risk): boolean {
	return risk.overdue || risk.reviewDue || risk.actionRollup.overdue > 0;
}

function inSet<T>(selected: readonly T[], value: T | null, unset: T | null = null): boolean {
	if (selected.length === 0) return true;
	return selected.includes(value ?? (unset as T));
}

/**
 * The risks of `board` that pass every filter, in register order. `matches` is the search's result
 * (`searchMatches`), when the caller already has it.
 */
export function filterRisks(
	board: SearchableBoard,
	filters: RegisterFilters,
	matches: ReadonlyMap<string, SearchMatch> | null = searchMatches(board, filters.search)
): Risk[] {
	const { cell } = filters;
	return board.risks.filter((risk) => {
		if (!inSet(filters.statuses, risk.status)) return false;
		if (!inSet(filters.categoryIds, risk.categoryId, UNSET)) return false;
		if (!inSet(filters.ownerIds, risk.ownerId, UNSET)) return false;
		if (filters.bands.length > 0 && (risk.band === null || !filters.bands.includes(risk.band)))
			return false;
		if (filters.overdueOnly && !needsAttention(risk)) return false;
		if (cell) {
			// The same rule as the heat map's counts (closed risks are not on the map).
			const at = heatMapCell(risk, cell.mode);
			if (at?.likelihood !== cell.likelihood || at.impact !== cell.impact) return false;
		}
		return matches === null || matches.has(risk.id);
	});
}

/** How many filters (not counting search) narrow the list; the heat-map cell counts as one. */
export function activeFilterCount(filters: RegisterFilters): number {
	return (
		(filters.statuses.length > 0 ? 1 : 0) +
		(filters.categoryIds.length > 0 ? 1 : 0) +
		(filters.ownerIds.length > 0 ? 1 : 0) +
		(filters.bands.length > 0 ? 1 : 0) +
		(filters.overdueOnly ? 1 : 0) +
		(filters.cell ? 1 : 0)
	);
}

/** True when anything, search included, narrows the list. */
export function isFiltered(filters: RegisterFilters): boolean {
	return activeFilterCount(filters) > 0 || searchTerms(filters.search).length > 0;
}

/** `list` with `value` added, or removed when it is already there. */
export function toggled<T>(list: readonly T[], value: T): T[] {
	return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
