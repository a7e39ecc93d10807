import type { Risk } from './types.ts';

/** The two heat maps: before mitigation (inherent) and the target after it (residual). */
export type HeatMapKind = 'inherent' | 'residual';

/** A heat-map cell: likelihood and impact, each 1–5. */
export interface HeatMapCell {
	likelihood: number;
	impact: number;
}

/**
 * Whether a risk belongs on the heat map at all: closed risks are left out, because a heat map
 * shows the exposure that still needs managing. Every heat map, filter and export uses this.
 */
export function isOnHeatMap(risk: Pick<Risk, 'status'>): boolean {
	return risk.status !== 'Closed';
}

/**
 * The cell a risk sits in on the `kind` heat map, or null when it is not on the map (closed) or
 * cannot be placed (likelihood or impact of that kind missing).
 */
export function heatMapCell(
	risk: Pick<Risk, 'status' | 'likelihood' | 'impact' | 'residualLikelihood' | 'residualImpact'>,
	kind: HeatMapKind
): HeatMapCell | null {
	if (!isOnHeatMap(risk)) return null;
	const likelihood = kind === 'inherent' ? risk.likelihood : risk.residualLikelihood;
	const impact = kind === 'inherent' ? risk.impact : risk.residualImpact;
	return likelihood === null || impact === null ? null : { likelihood, impact };
}
