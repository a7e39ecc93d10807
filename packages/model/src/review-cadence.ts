/**
 * The review cadence: how many days after a review a risk is due again, per score band. One rule,
 * used by `recordDecision` (which writes the date) and shown by the settings page.
 */
import { BoardError } from './errors.ts';
import { isIsoDate } from './schema.ts';
import { SCORE_BANDS, type ReviewCadence, type ScoreBand } from './types.ts';

/**
 * Defaults from common practice: critical and high risks every quarter (90 days), medium twice a
 * year (180), low once a year (360).
 */
export const DEFAULT_REVIEW_CADENCE: Readonly<ReviewCadence> = {
	critical: 90,
	high: 90,
	medium: 180,
	low: 360
};

/** Longest cadence, in days (ten years). */
export const MAX_REVIEW_CADENCE_DAYS = 3650;

/**
 * Checks a whole cadence: every band present, each an integer 1–3650 days or null (no cadence).
 * Throws a `BoardError` naming the band otherwise; returns a clean copy.
 */
export function validateReviewCadence(value: unknown): ReviewCadence {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new BoardError('reviewCadence must give days (or null) for low, medium, high, critical');
	}
	const input = value as Record<string, unknown>;
	const out = {} as ReviewCadence;
	for (const band of SCORE_BANDS) {
		const days = input[band];
		if (days === null) {
			out[band] = null;
			continue;
		}
		if (
			!Number.isInteger(days) ||
			(days as number) < 1 ||
			(days as number) > MAX_REVIEW_CADENCE_DAYS
		) {
			throw new BoardError(
				`reviewCadence.${band} must be 1–${MAX_REVIEW_CADENCE_DAYS} days, or null for no cadence`
			);
		}
		out[band] = days as number;
	}
	return out;
}

/** A stored cadence, or the defaults when missing or malformed. */
export function readReviewCadence(value: unknown): ReviewCadence {
	try {
		return validateReviewCadence(value);
	} catch {
		return { ...DEFAULT_REVIEW_CADENCE };
	}
}

/** 'YYYY-MM-DD' plus `days` calendar days. */
export function addDays(date: string, days: number): string {
	if (!isIsoDate(date)) throw new BoardError('date must be a YYYY-MM-DD date');
	const at = new Date(`${date}T00:00:00Z`);
	at.setUTCDate(at.getUTCDate() + days);
	return at.toISOString().slice(0, 10);
}

/**
 * The next review date the cadence gives a risk reviewed on `reviewed`: that day plus its band's
 * days, or null when the band has no cadence. An unscored risk (band null) follows the critical
 * cadence: not knowing how bad a risk is is a reason to look again soon.
 */
export function cadenceNextReview(
	reviewed: string,
	band: ScoreBand | null,
	cadence: ReviewCadence
): string | null {
	const days = cadence[band ?? 'critical'];
	return days === null ? null : addDays(reviewed, days);
}
