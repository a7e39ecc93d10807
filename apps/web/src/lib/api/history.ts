/**
 * REST client for a risk's history (`GET /api/boards/:id/risks/:riskId/history`): who changed
 * which field and when, drawn by the server from its stored updates. The board's capability
 * token goes in the `Authorization` header, never in the URL.
 */
import { RiskHistoryResponseSchema, type RiskHistoryEntry } from '@riskboard/protocol';
import { request } from './boards.ts';

export type { RiskHistoryEntry };

/** The path of a risk's history, newest first, at most `limit` entries. */
export function historyPath(boardId: string, riskId: string, limit?: number): string {
	const path = `/api/boards/${encodeURIComponent(boardId)}/risks/${encodeURIComponent(riskId)}/history`;
	return limit === undefined ? path : `${path}?limit=${limit}`;
}

/** Fetches a risk's history; refusals throw `ApiError`. `fetchFn` is for tests. */
export async function fetchRiskHistory(
	input: { boardId: string; token: string; riskId: string; limit?: number },
	fetchFn: typeof fetch = (...args) => fetch(...args)
): Promise<RiskHistoryEntry[]> {
	const body = await request(
		historyPath(input.boardId, input.riskId, input.limit),
		{ headers: { authorization: `Bearer ${input.token}` } },
		RiskHistoryResponseSchema,
		fetchFn
	);
	return body.entries;
}
