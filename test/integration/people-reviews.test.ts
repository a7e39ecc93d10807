/**
 * A review updates the register, and everyone is a person on the board: stock y-websocket
 * clients against the real server (SQLite), the REST API for what the web app calls.
 */
import {
	addDays,
	addPerson,
	addRisk,
	boardToday,
	readBoard,
	recordDecision,
	type Review
} from '@riskboard/model';
import type { CreateBoardResponse } from '@riskboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardApi, type Role } from '../utils/api.ts';
import { connectSynced, type TestClient } from '../utils/clients.ts';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.dispose();
});

const api = (board: CreateBoardResponse) => boardApi(server.url, board);

/** Waits until the server's copy of the board satisfies `test`. */
async function onServer(boardId: string, test: (board: ReturnType<typeof readBoard>) => boolean) {
	await waitFor(
		() => {
			const room = server.rooms.get(boardId);
			return room !== undefined && test(readBoard(room.doc));
		},
		{ what: 'the server to have the edit' }
	);
}

async function committed(client: TestClient): Promise<void> {
	await waitFor(() => client.provider.synced && client.provider.wsconnected, { what: 'sync' });
}

describe('a review updates the register', () => {
	it('a decision sets last reviewed and the next review date for everyone; the next agenda leaves the risk out', async () => {
		const board = await createBoard(server.url, 'Cadence board');
		const call = api(board);
		const facilitator = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const participant = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
		const ada = addPerson(facilitator.doc, { name: 'Ada' });
		const critical = addRisk(facilitator.doc, {
			title: 'Vendor fails',
			likelihood: 4,
			impact: 5
		}).id;
		const medium = addRisk(facilitator.doc, { title: 'Late hire', likelihood: 2, impact: 3 }).id;
		await onServer(board.id, (b) => b.risks.length === 2);

		const started = await call('editor', 'POST', '/reviews', {
			facilitator: { name: 'Ada', personId: ada },
			mode: 'due'
		});
		expect(started.status).toBe(201);
		const { review } = started.json as { review: Review };
		expect(review.agenda.map((item) => item.riskId)).toEqual([critical, medium]);
		expect(review.facilitator).toMatchObject({ name: 'Ada', personId: ada });
		await waitFor(() => readBoard(facilitator.doc).reviews.length === 1, { what: 'the review' });

		recordDecision(facilitator.doc, { riskId: critical, decision: 'keep', by: 'Ada', byId: ada });
		recordDecision(facilitator.doc, {
			riskId: medium,
			decision: 'accept',
			by: 'Ada',
			byId: ada,
			nextReviewDate: '2031-01-31'
		});
		const today = boardToday(readBoard(facilitator.doc));
		const risk = (client: TestClient, id: string) =>
			readBoard(client.doc).risks.find((r) => r.id === id);
		await waitFor(() => risk(participant, medium)?.lastReviewed === today, {
			what: 'the decisions at the participant'
		});
		expect(risk(participant, critical)).toMatchObject({
			lastReviewed: today,
			nextReviewDate: addDays(today, 90),
			reviewDue: false
		});
		expect(risk(participant, medium)).toMatchObject({ nextReviewDate: '2031-01-31' });
		await onServer(board.id, (b) => b.risks.every((r) => r.lastReviewed === today));
		await committed(facilitator);

		const ended = await call('editor', 'POST', `/reviews/${review.id}/end`, { by: 'Ada' });
		expect(ended.status).toBe(200);
		const minutes = await call('viewer', 'GET', `/reviews/${review.id}/minutes`);
		expect(minutes.status).toBe(200);
		expect(minutes.json).toMatchObject({
			facilitator: 'Ada',
			reviewed: [
				{ riskId: critical, nextReviewDate: addDays(today, 90), nextReviewSource: 'cadence' },
				{ riskId: medium, nextReviewDate: '2031-01-31', nextReviewSource: 'hand' }
			]
		});
		// The next review's agenda leaves both out until they are due again.
		const next = await call('editor', 'POST', '/reviews', {
			facilitator: { name: 'Ada', personId: ada },
			mode: 'due'
		});
		expect(next.status).toBe(201);
		expect((next.json as { review: Review }).review.agenda).toEqual([]);
		facilitator.destroy();
		participant.destroy();
	});
});

describe('everyone is a person on the board', () => {
	it('a second link voting as the same person gets 409; a name only cannot vote', async () => {
		const board = await createBoard(server.url, 'Vote board');
		const call = api(board);
		const client = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const ada = addPerson(client.doc, { name: 'Ada' });
		const bo = addPerson(client.doc, { name: 'Bo' });
		const riskId = addRisk(client.doc, { title: 'Supplier fails' }).id;
		await onServer(board.id, (b) => b.people.length === 2 && b.risks.length === 1);
		const { review } = (
			await call('editor', 'POST', '/reviews', { facilitator: { name: 'Ada' }, mode: 'open' })
		).json as { review: Review };
		const { roundId } = (await call('editor', 'POST', `/reviews/${review.id}/rounds`, { riskId }))
			.json as { roundId: string };
		const vote = (role: Role, body: Record<string, unknown>) =>
			call(role, 'PUT', `/reviews/${review.id}/rounds/${roundId}/vote`, {
				likelihood: 3,
				impact: 4,
				...body
			});
		expect((await vote('editor', { personId: ada, tab: 'laptop' })).status).toBe(200);
		const second = await vote('viewer', { personId: ada, tab: 'phone' });
		expect(second).toMatchObject({ status: 409, json: { error: { code: 'voter_taken' } } });
		const otherTab = await vote('editor', { personId: ada, tab: 'second-tab' });
		expect(otherTab.status).toBe(409);
		// A viewer on the list votes; a name that is not a person does not.
		expect((await vote('viewer', { personId: bo, tab: 'phone' })).status).toBe(200);
		// A name instead of a person id is no vote at all (the contract needs personId); an id of
		// nobody on the board is refused as not a person.
		const nameOnly = await vote('viewer', { voter: 'Mallory', tab: 'x' });
		expect(nameOnly).toMatchObject({ status: 400, json: { error: { code: 'invalid_request' } } });
		const stranger = await vote('viewer', { personId: 'nobody', tab: 'x' });
		expect(stranger).toMatchObject({ status: 403, json: { error: { code: 'not_a_person' } } });
		const view = await call('viewer', 'GET', `/reviews/${review.id}/rounds/${roundId}`);
		expect(view.json).toMatchObject({ count: 2, voters: ['Ada', 'Bo'] });
		client.destroy();
	});

	it('stores the author person id with each update, beside the name', async () => {
		const board = await createBoard(server.url, 'Author board');
		const setup = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const ada = addPerson(setup.doc, { name: 'Ada Lovelace' });
		await onServer(board.id, (b) => b.people.length === 1);
		const alice = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		alice.provider.awareness.setLocalState({
			user: { name: 'Ada Lovelace', color: '#2563eb', personId: ada },
			focus: null
		});
		const guest = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		guest.provider.awareness.setLocalState({
			user: { name: 'Guest', color: '#2563eb', personId: 'not-on-board' },
			focus: null
		});
		await waitFor(() => setup.provider.awareness.getStates().size >= 3, { what: 'presence' });
		addRisk(alice.doc, { title: 'By Ada' });
		await onServer(board.id, (b) => b.risks.length === 1);
		addRisk(guest.doc, { title: 'By the guest' });
		await onServer(board.id, (b) => b.risks.length === 2);
		const byName = async () =>
			(await server.store.listUpdates(board.id))
				.filter((u) => u.name !== null && u.role !== 'system')
				.map((u) => [u.name, u.personId]);
		await waitFor(async () => (await byName()).length >= 2, { what: 'the edits to be stored' });
		expect(await byName()).toEqual([
			['Ada Lovelace', ada],
			['Guest', null]
		]);
		for (const client of [setup, alice, guest]) client.destroy();
	});
});
