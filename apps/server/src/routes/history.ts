/**
 * Per-risk history: `GET /api/boards/:id/risks/:riskId/history?limit=N`. Drawn from the stored
 * update log and its authors through the board's `BoardHistory` (`history.ts`, cached in server
 * memory and brought up to date on each request). Any link may read it.
 */
import type { HistoryEvent } from '@riskboard/model';
import type { RiskHistoryEntry, RiskHistoryResponse } from '@riskboard/protocol';
import { Hono } from 'hono';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { requireRole, unavailable } from './board-data.ts';

/** Entries returned when the request names no limit, and the most it may ask for. */
export const HISTORY_DEFAULT_LIMIT = 200;
export const HISTORY_MAX_LIMIT = 1000;

function limitOf(value: string | undefined): number {
	if (value === undefined) return HISTORY_DEFAULT_LIMIT;
	const limit = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
	if (!(limit >= 1 && limit <= HISTORY_MAX_LIMIT)) {
		throw new ApiError(400, 'invalid_limit', `limit must be 1 to ${HISTORY_MAX_LIMIT}.`);
	}
	return limit;
}

function entry(event: HistoryEvent): RiskHistoryEntry {
	const { seq, at, by, key, field, label, before, after } = event;
	return {
		seq,
		at,
		by,
		role: event.role as RiskHistoryEntry['role'],
		key,
		field,
		label,
		before,
		after
	};
}

/** The history routes, mounted at `/api/boards`. */
export function historyRoutes(deps: AppDeps): Hono {
	const app = new Hono();

	app.get('/:id/risks/:riskId/history', async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		const limit = limitOf(c.req.query('limit'));
		const history = await deps.history.get(board.id).catch((error: unknown) => {
			deps.log.error('history could not be read', { board: board.id, error });
			throw unavailable(error, 'The history could not be read; try again.');
		});
		const events = history.riskHistory(c.req.param('riskId'), { limit });
		if (!events) throw new ApiError(404, 'risk_not_found', 'This board never had such a risk.');
		const response: RiskHistoryResponse = { entries: events.map(entry) };
		return c.json(response);
	});

	return app;
}
