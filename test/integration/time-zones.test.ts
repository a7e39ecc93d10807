/**
 * One rule for "today": at the same instant, a board in Pacific/Auckland and one in
 * America/Los_Angeles are on different days, and the server (export dates, review agenda and
 * snapshot names) agrees with what a client computes from the document with the model.
 */
import { addRisk, boardToday, readBoard, type Review } from '@riskboard/model';
import type { SnapshotMeta } from '@riskboard/protocol';
import type { CreateBoardResponse } from '@riskboard/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectSynced } from '../utils/clients.ts';
import { startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

// 20:30 UTC on 10 March 2026: already the 11th in Auckland (UTC+13), the 10th in Los Angeles.
const INSTANT = new Date('2026-03-10T20:30:00Z');

let server: TestServer;
beforeAll(async () => {
	// Only the clock is fixed (timers run): server and clients share this process's Date.
	vi.useFakeTimers({ toFake: ['Date'], now: INSTANT });
	server = await startTestServer();
});
afterAll(async () => {
	await server.dispose();
	vi.useRealTimers();
});

async function boardIn(timeZone: string | undefined): Promise<CreateBoardResponse> {
	const response = await fetch(`${server.url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: `Board in ${timeZone}`, ...(timeZone ? { timeZone } : {}) })
	});
	expect(response.status).toBe(201);
	return (await response.json()) as CreateBoardResponse;
}

/** What the server and a client say "today" is for a board, and what depends on it. */
async function days(board: CreateBoardResponse) {
	const client = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
	const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
	addRisk(client.doc, {
		title: 'Due on the 10th, review on the 11th',
		dueDate: '2026-03-10',
		nextReviewDate: '2026-03-11'
	});
	await waitFor(() => readBoard(viewer.doc).risks.length === 1, { what: 'the risk committed' });
	const seen = readBoard(client.doc);
	const auth = { authorization: `Bearer ${board.tokens.owner}` };
	const exported = await fetch(`${server.url}/api/boards/${board.id}/export/register.csv`, {
		headers: auth
	});
	const started = await fetch(`${server.url}/api/boards/${board.id}/reviews`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ facilitator: { name: 'Fran' } })
	});
	const { review, baseline } = (await started.json()) as {
		review: Review;
		baseline: SnapshotMeta;
	};
	client.destroy();
	viewer.destroy();
	return {
		client: {
			today: boardToday(seen),
			overdue: seen.risks[0]!.overdue,
			reviewDue: seen.risks[0]!.reviewDue,
			timeZone: seen.settings.timeZone
		},
		server: {
			exportDate: /-(\d{4}-\d{2}-\d{2})\.csv"/.exec(
				exported.headers.get('content-disposition') ?? ''
			)?.[1],
			baseline: baseline.name,
			agenda: review.agenda.length
		}
	};
}

describe('one time zone policy', () => {
	it('a board in Auckland and one in Los Angeles have different days, on the server and in clients', async () => {
		const auckland = await days(await boardIn('Pacific/Auckland'));
		expect(auckland).toEqual({
			client: {
				today: '2026-03-11',
				overdue: true,
				reviewDue: true,
				timeZone: 'Pacific/Auckland'
			},
			server: { exportDate: '2026-03-11', baseline: 'Review baseline 2026-03-11', agenda: 1 }
		});
		const angeles = await days(await boardIn('America/Los_Angeles'));
		expect(angeles).toEqual({
			client: {
				today: '2026-03-10',
				overdue: false,
				reviewDue: false,
				timeZone: 'America/Los_Angeles'
			},
			server: { exportDate: '2026-03-10', baseline: 'Review baseline 2026-03-10', agenda: 0 }
		});
	});

	it("a board created without a zone gets the server's (TZ, default UTC); a bad zone is refused", async () => {
		const plain = await days(await boardIn(undefined));
		expect(plain.client).toMatchObject({ today: '2026-03-10', timeZone: 'UTC' });
		expect(plain.server.exportDate).toBe('2026-03-10');
		const bad = await fetch(`${server.url}/api/boards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Bad zone', timeZone: 'Mars/Olympus' })
		});
		expect(bad.status).toBe(400);
		expect(await bad.json()).toMatchObject({ error: { code: 'invalid_time_zone' } });
		const tokyo = await startTestServer({ TZ: 'Asia/Tokyo' });
		try {
			const response = await fetch(`${tokyo.url}/api/boards`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ title: 'Server zone' })
			});
			const board = (await response.json()) as CreateBoardResponse;
			const client = await connectSynced(tokyo.wsUrl, board.id, board.tokens.viewer);
			expect(readBoard(client.doc).settings.timeZone).toBe('Asia/Tokyo');
			expect(boardToday(readBoard(client.doc))).toBe('2026-03-11');
			client.destroy();
		} finally {
			await tokyo.dispose();
		}
	});
});
