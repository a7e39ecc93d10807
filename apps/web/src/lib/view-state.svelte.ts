/**
 * One person's view of a board: filters, sort, hidden columns, the selected risk, the heat-map
 * mode. Never shared with others; remembered per board on this device (except the heat-map cell
 * filter and the selection, which belong to the moment).
 */
import { DEFAULT_HIDDEN_COLUMNS } from '$lib/register/columns';
import {
	DEFAULT_SORT,
	EMPTY_FILTERS,
	SORT_KEYS,
	type HeatMapMode,
	type RegisterFilters,
	type RegisterSort
} from '$lib/register/types';

export type { HeatMapMode, RegisterFilters, RegisterSort } from '$lib/register/types';

interface Saved {
	filters?: Partial<RegisterFilters>;
	sort?: RegisterSort;
	hiddenColumns?: string[];
	heatMapMode?: HeatMapMode;
}

function isSort(value: unknown): value is RegisterSort {
	const sort = value as RegisterSort | null;
	return (
		typeof sort === 'object' &&
		sort !== null &&
		(SORT_KEYS as readonly string[]).includes(sort.key) &&
		(sort.direction === 'asc' || sort.direction === 'desc')
	);
}

/** Saved filters with anything malformed (from an older version or a hand edit) dropped. */
function restoreFilters(saved: Partial<RegisterFilters>): RegisterFilters {
	const list = (value: unknown) =>
		Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
	return {
		...EMPTY_FILTERS,
		search: typeof saved.search === 'string' ? saved.search : '',
		statuses: list(saved.statuses) as RegisterFilters['statuses'],
		categoryIds: list(saved.categoryIds),
		ownerIds: list(saved.ownerIds),
		bands: list(saved.bands) as RegisterFilters['bands'],
		overdueOnly: saved.overdueOnly === true,
		cell: null
	};
}

export class BoardViewState {
	filters = $state<RegisterFilters>({ ...EMPTY_FILTERS });
	sort = $state<RegisterSort>({ ...DEFAULT_SORT });
	/** Register column ids this person hid (see `$lib/register/columns`). */
	hiddenColumns = $state<string[]>([...DEFAULT_HIDDEN_COLUMNS]);
	heatMapMode = $state<HeatMapMode>('inherent');
	/** The risk open in the detail panel. */
	selectedRiskId = $state<string | null>(null);
	/**
	 * The agenda item this person looks at in the Review section (their pick, or where following
	 * the facilitator moved them). Kept apart from `selectedRiskId` so that following never opens
	 * the detail panel over the register or the review banner.
	 */
	reviewRiskId = $state<string | null>(null);
	/** An activity to bring into view when the RACI section opens (from a link); it clears it. */
	raciFocus = $state<{ matrixId: string; rowId: string } | null>(null);
	#key: string;

	constructor(boardId: string) {
		this.#key = `riskboard:view:${boardId}`;
		try {
			const saved = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as Saved | null;
			if (saved?.filters) this.filters = restoreFilters(saved.filters);
			if (isSort(saved?.sort)) this.sort = { key: saved.sort.key, direction: saved.sort.direction };
			if (Array.isArray(saved?.hiddenColumns)) this.hiddenColumns = saved.hiddenColumns;
			if (saved?.heatMapMode === 'residual') this.heatMapMode = 'residual';
		} catch {
			// A corrupt entry is replaced on the next save.
		}
	}

	clearFilters(): void {
		this.filters = { ...EMPTY_FILTERS };
	}

	/** Shows or hides a register column for this person only. */
	toggleColumn(id: string): void {
		this.hiddenColumns = this.hiddenColumns.includes(id)
			? this.hiddenColumns.filter((c) => c !== id)
			: [...this.hiddenColumns, id];
	}

	/** Saves to this device; call from an effect so every change is remembered. */
	persist(): void {
		const saved: Saved = {
			filters: { ...this.filters, cell: null },
			sort: this.sort,
			hiddenColumns: this.hiddenColumns,
			heatMapMode: this.heatMapMode
		};
		localStorage.setItem(this.#key, JSON.stringify(saved));
	}
}
