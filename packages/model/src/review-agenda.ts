/**
 * Agenda building for a review session. Pure: it reads a `readBoard` result, so the server, the
 * web app and tests build the same agenda from the same board.
 */
import { BoardError } from './errors.ts';
import { boardReviews } from './review-read.ts';
import { isIsoDate } from './schema.ts';
import { boardToday } from './time-zone.ts';
import type { Board, Risk } from './types.ts';

/** Which risks an agenda holds: the ones due for review, or every risk that is not closed. */
export type AgendaMode = 'due' | 'open';

/** Options of `buildAgenda`. */
export interface AgendaOptions {
	mode: AgendaMode;
	/** 'YYYY-MM-DD' the review dates compare against; defaults to `boardToday(board)`. */
	today?: string;
}

/**
 * Ids of the risks a review should walk through, most severe first. Closed risks never appear.
 * `open`: every other risk. `due`: those whose next review date is on or before `today`, and
 * those never reviewed: no next review date, no last reviewed day and no decision recorded for
 * them in any ended review of the board. A reviewed risk stays out until its next review date
 * (which a decision sets from the cadence, `recordDecision`) comes; one reviewed with no cadence
 * and no date entered is not due again until someone sets a date.
 *
 * Order: score descending (unscored last), then residual score descending (unscored last),
 * then key number ascending (older risks first), then id, so the order is total and
 * deterministic.
 */
export function buildAgenda(board: Board, options: AgendaOptions): string[] {
	if (options.mode !== 'due' && options.mode !== 'open') {
		throw new BoardError(`mode must be due or open, got ${String(options.mode)}`);
	}
	const today = options.today ?? boardToday(board);
	if (!isIsoDate(today)) throw new BoardError('today must be a YYYY-MM-DD date');
	const reviewed = new Set<string>();
	for (const review of boardReviews(board)) {
		if (review.status !== 'ended') continue;
		for (const item of review.agenda) if (item.decision) reviewed.add(item.riskId);
	}
	const due = (risk: Risk) =>
		risk.nextReviewDate === null
			? risk.lastReviewed === null && !reviewed.has(risk.id)
			: risk.nextReviewDate <= today;
	return board.risks
		.filter((risk) => risk.status !== 'Closed' && (options.mode === 'open' || due(risk)))
		.sort(compareForAgenda)
		.map((risk) => risk.id);
}

/** Descending with null last. */
function descending(a: number | null, b: number | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return b - a;
}

function compareForAgenda(a: Risk, b: Risk): number {
	return (
		descending(a.score, b.score) ||
		descending(a.residualScore, b.residualScore) ||
		a.keyNumber - b.keyNumber ||
		(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
	);
}
