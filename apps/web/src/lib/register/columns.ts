/**
 * The register's columns: every risk field from PRODUCT.md, in display order, with a width
 * (rows are virtualised at a fixed height, so nothing wraps) and the sort key of each. Widths
 * are chosen so the default columns fit a 1440 px screen; the title takes any space left over.
 */
import type { RegisterSort } from './types.ts';

export const COLUMN_IDS = [
	'key',
	'title',
	'likelihood',
	'impact',
	'score',
	'status',
	'owner',
	'category',
	'response',
	'residualLikelihood',
	'residualImpact',
	'residualScore',
	'nextReviewDate',
	'lastReviewed',
	'dueDate',
	'tags',
	'actions',
	'updated'
] as const;

export type ColumnId = (typeof COLUMN_IDS)[number];

export interface Column {
	id: ColumnId;
	/** Header text; `name` is the full name for screen readers and the column chooser. */
	label: string;
	name: string;
	/** Width in pixels (the least width, for the title, which grows into spare space). */
	width: number;
	sortKey: RegisterSort['key'];
	/** Key and title always show: they identify the row. */
	hideable: boolean;
	align?: 'center' | 'end';
}

export const COLUMNS: readonly Column[] = [
	{ id: 'key', label: 'Key', name: 'Key', width: 64, sortKey: 'key', hideable: false },
	{ id: 'title', label: 'Title', name: 'Title', width: 200, sortKey: 'title', hideable: false },
	{
		id: 'likelihood',
		label: 'L',
		name: 'Likelihood',
		width: 40,
		sortKey: 'likelihood',
		hideable: true,
		align: 'center'
	},
	{
		id: 'impact',
		label: 'I',
		name: 'Impact',
		width: 40,
		sortKey: 'impact',
		hideable: true,
		align: 'center'
	},
	{ id: 'score', label: 'Score', name: 'Score', width: 96, sortKey: 'score', hideable: true },
	{ id: 'status', label: 'Status', name: 'Status', width: 104, sortKey: 'status', hideable: true },
	{ id: 'owner', label: 'Owner', name: 'Owner', width: 140, sortKey: 'owner', hideable: true },
	{
		id: 'category',
		label: 'Category',
		name: 'Category',
		width: 112,
		sortKey: 'category',
		hideable: true
	},
	{
		id: 'response',
		label: 'Response',
		name: 'Response',
		width: 104,
		sortKey: 'response',
		hideable: true
	},
	{
		id: 'residualLikelihood',
		label: 'Res. L',
		name: 'Residual likelihood',
		width: 56,
		sortKey: 'residualLikelihood',
		hideable: true,
		align: 'center'
	},
	{
		id: 'residualImpact',
		label: 'Res. I',
		name: 'Residual impact',
		width: 56,
		sortKey: 'residualImpact',
		hideable: true,
		align: 'center'
	},
	{
		id: 'residualScore',
		label: 'Residual',
		name: 'Residual score',
		width: 96,
		sortKey: 'residualScore',
		hideable: true
	},
	{
		id: 'nextReviewDate',
		label: 'Review on',
		name: 'Next review date',
		width: 104,
		sortKey: 'nextReviewDate',
		hideable: true
	},
	{
		id: 'lastReviewed',
		label: 'Reviewed',
		name: 'Last reviewed',
		width: 96,
		sortKey: 'lastReviewed',
		hideable: true
	},
	{ id: 'dueDate', label: 'Due', name: 'Due date', width: 104, sortKey: 'dueDate', hideable: true },
	{ id: 'tags', label: 'Tags', name: 'Tags', width: 112, sortKey: 'order', hideable: true },
	{
		id: 'actions',
		label: 'Actions',
		name: 'Mitigation actions',
		width: 80,
		sortKey: 'actions',
		hideable: true
	},
	{
		id: 'updated',
		label: 'Updated',
		name: 'Updated',
		width: 88,
		sortKey: 'updatedAt',
		hideable: true
	}
];

/** Hidden until a person chooses otherwise: keeps the table readable at laptop width. */
export const DEFAULT_HIDDEN_COLUMNS: readonly ColumnId[] = [
	'response',
	'residualLikelihood',
	'residualImpact',
	'lastReviewed',
	'updated'
];

/** The columns a person sees, in display order (unknown ids in `hidden` are ignored). */
export function visibleColumns(hidden: readonly string[]): Column[] {
	return COLUMNS.filter((column) => !column.hideable || !hidden.includes(column.id));
}

/** Whether a column can be sorted by clicking its header. */
export function isSortable(column: Column): boolean {
	return column.sortKey !== 'order';
}

/**
 * The CSS grid template of a row: a drag-handle gutter, the columns, a row-actions gutter. The
 * title column grows into whatever width the table has beyond `rowWidth`.
 */
export function gridTemplate(columns: readonly Column[], gutter = 28, trailing = 40): string {
	const track = (c: Column) => (c.id === 'title' ? `minmax(${c.width}px, 1fr)` : `${c.width}px`);
	return [`${gutter}px`, ...columns.map(track), `${trailing}px`].join(' ');
}

/** The total width of a row with these columns and gutters. */
export function rowWidth(columns: readonly Column[], gutter = 28, trailing = 40): number {
	return columns.reduce((sum, c) => sum + c.width, gutter + trailing);
}
