/**
 * The heat map as plain data: a 5×5 likelihood × impact grid drawn the way risk matrices are
 * (likelihood 5 on the top row, impact 1 on the left), with each cell's band from the board's
 * own band bounds (`scoreBand`, never band edges of our own) and the risks placed in it.
 * Which risks are on the map and where is the model's rule (`heatMapCell`).
 */
import {
	BAND_LABELS,
	heatMapCell,
	isOnHeatMap,
	scoreBand,
	type Risk,
	type RiskPatch,
	type ScoreBand,
	type ScoreBandBounds
} from '@riskboard/model';

export type { HeatMapKind as HeatMapMode, HeatMapCell as CellRef } from '@riskboard/model';
import type { HeatMapKind as HeatMapMode, HeatMapCell as CellRef } from '@riskboard/model';

/** What a cell shows of a risk: enough for a chip and its accessible name. */
export interface CellRisk {
	id: string;
	key: string;
	title: string;
}

export interface HeatCell extends CellRef {
	score: number;
	band: ScoreBand;
	risks: CellRisk[];
}

export interface HeatGrid {
	/** Rows from likelihood 5 (top) down to 1; cells from impact 1 (left) to 5. */
	rows: HeatCell[][];
	/** Open risks this mode cannot place (likelihood or impact missing). */
	unscored: number;
	/** The largest count in any cell (0 when the map is empty). */
	max: number;
}

export const LEVELS = [1, 2, 3, 4, 5] as const;

/** The cell a risk has in this mode (null when closed or not scored). */
export function cellOf(risk: Risk, mode: HeatMapMode): CellRef | null {
	return heatMapCell(risk, mode);
}

/** Builds the grid for `mode`; risks keep the order they are given in (the register order). */
export function buildHeatGrid(
	risks: readonly Risk[],
	mode: HeatMapMode,
	bands: ScoreBandBounds
): HeatGrid {
	const byCell = new Map<string, CellRisk[]>();
	let unscored = 0;
	for (const risk of risks) {
		if (!isOnHeatMap(risk)) continue;
		const cell = heatMapCell(risk, mode);
		if (!cell) {
			unscored++;
			continue;
		}
		const key = `${cell.likelihood}:${cell.impact}`;
		const list = byCell.get(key) ?? [];
		list.push({ id: risk.id, key: risk.key, title: risk.title });
		byCell.set(key, list);
	}
	let max = 0;
	const rows = [...LEVELS].reverse().map((likelihood) =>
		LEVELS.map((impact) => {
			const cellRisks = byCell.get(`${likelihood}:${impact}`) ?? [];
			max = Math.max(max, cellRisks.length);
			const score = likelihood * impact;
			return { likelihood, impact, score, band: scoreBand(score, bands), risks: cellRisks };
		})
	);
	return { rows, unscored, max };
}

/** The patch that puts a risk in `cell` for this mode. */
export function scorePatch(mode: HeatMapMode, cell: CellRef): RiskPatch {
	return mode === 'inherent'
		? { likelihood: cell.likelihood, impact: cell.impact }
		: { residualLikelihood: cell.likelihood, residualImpact: cell.impact };
}

/** A cell as a drag target id ("likelihood:impact"); `cellFromKey` reads it back. */
export function cellKey(cell: CellRef): string {
	return `${cell.likelihood}:${cell.impact}`;
}

/** The cell named by `cellKey`, or null for anything else. */
export function cellFromKey(key: string): CellRef | null {
	const match = /^([1-5]):([1-5])$/.exec(key);
	return match ? { likelihood: Number(match[1]), impact: Number(match[2]) } : null;
}

export function sameCell(a: CellRef | null | undefined, b: CellRef | null | undefined): boolean {
	return !!a && !!b && a.likelihood === b.likelihood && a.impact === b.impact;
}

/**
 * The neighbouring cell for an arrow key, clamped to the grid: up is more likely (row 5 is on
 * top), right is more impact. Null for any other key.
 */
export function stepCell(cell: CellRef, key: string): CellRef | null {
	const clamp = (n: number) => Math.min(5, Math.max(1, n));
	switch (key) {
		case 'ArrowUp':
			return { ...cell, likelihood: clamp(cell.likelihood + 1) };
		case 'ArrowDown':
			return { ...cell, likelihood: clamp(cell.likelihood - 1) };
		case 'ArrowRight':
			return { ...cell, impact: clamp(cell.impact + 1) };
		case 'ArrowLeft':
			return { ...cell, impact: clamp(cell.impact - 1) };
		default:
			return null;
	}
}

/** The register's cell filter as the heat map keeps it. */
export interface CellFilter extends CellRef {
	mode: HeatMapMode;
}

/** Clicking a cell: filter to it, or clear the filter when it is that cell already. */
export function toggleCellFilter(
	current: CellFilter | null,
	mode: HeatMapMode,
	cell: CellRef
): CellFilter | null {
	if (current && current.mode === mode && sameCell(current, cell)) return null;
	return { mode, likelihood: cell.likelihood, impact: cell.impact };
}

/** Whether a cell is the one the register is filtered to (in this mode). */
export function isFilteredCell(
	current: CellFilter | null,
	mode: HeatMapMode,
	cell: CellRef
): boolean {
	return !!current && current.mode === mode && sameCell(current, cell);
}

/** How a cell is read out: "likelihood 4 Likely, impact 3 Moderate, score 12 High". */
export function describeCell(
	cell: CellRef,
	labels: { likelihood: readonly string[]; impact: readonly string[] },
	bands: ScoreBandBounds
): string {
	const score = cell.likelihood * cell.impact;
	const band = scoreBand(score, bands);
	const l = labels.likelihood[cell.likelihood - 1] ?? '';
	const i = labels.impact[cell.impact - 1] ?? '';
	return `likelihood ${cell.likelihood} ${l}, impact ${cell.impact} ${i}, score ${score} ${BAND_LABELS[band]}`;
}
