/**
 * One person's view of a board: filters, sort, hidden columns, the selected risk, the heat-map
 * mode. Never shared with others; remembered per board on this device.
 */
import type { RiskStatus, ScoreBand } from '@riskboard/model';

export type HeatMapMode = 'inherent' | 'residual';

export interface RegisterFilters {
	search: string;
	statuses: RiskStatus[];
	categoryIds: string[];
	ownerIds: string[];
	bands: ScoreBand[];
	overdueOnly: boolean;
	/** A heat-map cell the register is narrowed to. */
	cell: { mode: HeatMapMode; likelihood: number; impact: number } | null;
}

export interface RegisterSort {
	/** `order` is the shared register order (drag to reorder only applies there). */
	key:
		| 'order'
		| 'key'
		| 'title'
		| 'score'
		| 'residualScore'
		| 'status'
		| 'owner'
		| 'dueDate'
		| 'nextReviewDate';
	direction: 'asc' | 'desc';
}

const EMPTY_FILTERS: RegisterFilters = {
	search: '',
	statuses: [],
	categoryIds: [],
	ownerIds: [],
	bands: [],
	overdueOnly: false,
	cell: null
};

interface Saved {
	filters?: Partial<RegisterFilters>;
	sort?: RegisterSort;
	hiddenColumns?: string[];
	heatMapMode?: HeatMapMode;
}

export class BoardViewState {
	filters = $state<RegisterFilters>({ ...EMPTY_FILTERS });
	sort = $state<RegisterSort>({ key: 'order', direction: 'asc' });
	hiddenColumns = $state<string[]>([]);
	heatMapMode = $state<HeatMapMode>('inherent');
	/** The risk open in the detail panel. */
	selectedRiskId = $state<string | null>(null);
	#key: string;

	constructor(boardId: string) {
		this.#key = `riskboard:view:${boardId}`;
		try {
			const saved = JSON.parse(localStorage.getItem(this.#key) ?? 'null') as Saved | null;
			if (saved?.filters) this.filters = { ...EMPTY_FILTERS, ...saved.filters, cell: null };
			if (saved?.sort) this.sort = saved.sort;
			if (Array.isArray(saved?.hiddenColumns)) this.hiddenColumns = saved.hiddenColumns;
			if (saved?.heatMapMode === 'residual') this.heatMapMode = 'residual';
		} catch {
			// A corrupt entry is replaced on the next save.
		}
	}

	clearFilters(): void {
		this.filters = { ...EMPTY_FILTERS };
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
