import { BoardError } from './errors.ts';
import type { ScoreBand, ScoreBandBounds } from './types.ts';

/** Default band bounds: Low 1–4, Medium 5–9, High 10–16, Critical 17–25. */
/** Display names of the score bands: the one source for every screen, diff and export. */
export const BAND_LABELS: Readonly<Record<ScoreBand, string>> = {
	low: 'Low',
	medium: 'Medium',
	high: 'High',
	critical: 'Critical'
};

export const DEFAULT_SCORE_BANDS: Readonly<ScoreBandBounds> = { low: 4, medium: 9, high: 16 };

function isLevel(value: unknown): value is number {
	return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5;
}

/**
 * Likelihood × impact, 1–25. Both must be integers 1–5; anything else throws a `BoardError`
 * (use `riskScoreOrNull` for unscored risks). The score is derived on read, never stored.
 */
export function riskScore(likelihood: number, impact: number): number {
	if (!isLevel(likelihood) || !isLevel(impact)) {
		throw new BoardError(
			`Likelihood and impact must be integers 1–5, got ${likelihood} and ${impact}`
		);
	}
	return likelihood * impact;
}

/** Like `riskScore`, but null when either input is missing or out of range. */
export function riskScoreOrNull(
	likelihood: number | null | undefined,
	impact: number | null | undefined
): number | null {
	return isLevel(likelihood) && isLevel(impact) ? likelihood * impact : null;
}

/**
 * The band of a 1–25 score: low up to `bands.low`, medium up to `bands.medium`, high up to
 * `bands.high`, critical above (bounds inclusive; defaults 4 / 9 / 16). Throws a `BoardError`
 * for a score outside 1–25.
 */
export function scoreBand(score: number, bands: ScoreBandBounds = DEFAULT_SCORE_BANDS): ScoreBand {
	if (!Number.isInteger(score) || score < 1 || score > 25) {
		throw new BoardError(`A score must be an integer 1–25, got ${score}`);
	}
	if (score <= bands.low) return 'low';
	if (score <= bands.medium) return 'medium';
	if (score <= bands.high) return 'high';
	return 'critical';
}
