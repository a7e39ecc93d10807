/**
 * The shapes of one person's register view (filters, sort), shared by the pure register logic
 * and the route's BoardViewState (which re-exports them under the same names).
 */
import type { RiskStatus, ScoreBand } from '@riskboard/model';

export type HeatMapMode = 'inherent' | 'residual';

/** In `categoryIds` and `ownerIds`, this value stands for "not set". */
export const UNSET = '';

export interface RegisterFilters {
	/** Words that must all appear in the key, title, description or tags (case-insensitive). */
	search: string;
	statuses: RiskStatus[];
	/** Category ids; `UNSET` matches risks without a category. */
	categoryIds: string[];
	/** Person ids; `UNSET` matches risks without an owner. */
	ownerIds: string[];
	bands: ScoreBand[];
	/** Only risks past their due or review date, or with an overdue action. */
	overdueOnly: boolean;
	/** A heat-map cell the register is narrowed to. */
	cell: { mode: HeatMapMode; likelihood: number; impact: number } | null;
}

export const SORT_KEYS = [
	'order',
	'key',
	'title',
	'category',
	'owner',
	'status',
	'response',
	'likelihood',
	'impact',
	'score',
	'residualLikelihood',
	'residualImpact',
	'residualScore',
	'nextReviewDate',
	'lastReviewed',
	'dueDate',
	'actions',
	'updatedAt'
] as const;

export interface RegisterSort {
	/** `order` is the shared register order (drag to reorder only applies there). */
	key: (typeof SORT_KEYS)[number];
	direction: 'asc' | 'desc';
}

export const EMPTY_FILTERS: RegisterFilters = {
	search: '',
	statuses: [],
	categoryIds: [],
	ownerIds: [],
	bands: [],
	overdueOnly: false,
	cell: null
};

export const DEFAULT_SORT: RegisterSort = { key: 'order', direction: 'asc' };
