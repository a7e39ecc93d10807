/**
 * Per-risk history: `GET /api/boards/:id/risks/:riskId/history?limit=N`. Drawn from the stored
 * update log and its authors through the board's `BoardHistory` (`history.ts`, cached in server
 * memory and brought up to date on each request). Any link may read it.
 */
import type { HistoryEvent } from '@riskboard/model';
import {
	HISTORY_DEFAULT_LIMIT,
	RiskHistoryParamsSchema,
	RiskHistoryQuerySchema,
	RiskHistoryResponseSchema,
	type RiskHistoryEntry,
	type RiskHistoryResponse
} from '@riskboard/protocol';
import { createRoute } from '@hono/zod-openapi';
import { BOARD_ERRORS, boardToken, createApi, errors, json, type Api } from '../api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { requireRole, unavailable } from './board-data.ts';

const riskHistory = createRoute({
	method: 'get',
	path: '/{id}/risks/{riskId}/history',
	summary: 'A risk’s history: who changed which field, newest first',
	tags: ['History'],
	security: boardToken,
	request: { params: RiskHistoryParamsSchema, query: RiskHistoryQuerySchema },
	responses: {
		200: json(RiskHistoryResponseSchema, 'The entries'),
		...errors(400, ...BOARD_ERRORS)
	}
});

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
export function historyRoutes(deps: AppDeps): Api {
	const app = createApi();

	app.openapi(riskHistory, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		const limit = c.req.valid('query').limit ?? HISTORY_DEFAULT_LIMIT;
		const history = await deps.history.get(board.id).catch((error: unknown) => {
			deps.log.error('history could not be read', { board: board.id, error });
			throw unavailable(error, 'The history could not be read; try again.');
		});
		const events = history.riskHistory(c.req.valid('param').riskId, { limit });
		if (!events) throw new ApiError(404, 'risk_not_found', 'This board never had such a risk.');
		const response: RiskHistoryResponse = { entries: events.map(entry) };
		return c.json(response, 200);
	});

	return app;
}
