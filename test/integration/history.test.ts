import { addPerson, addRisk, readBoard, updateRisk, type Review } from '@riskboard/model';
import type { CreateBoardResponse, RiskHistoryResponse } from '@riskboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardApi } from '../utils/api.ts';
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

/** A stock client that publishes presence under `name`, as the web app does. */
async function named(board: CreateBoardResponse, name: string | null): Promise<TestClient> {
	const client = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
	if (name !== null) {
		client.provider.awareness.setLocalState({ user: { name, color: '#2563eb' }, focus: null });
	}
	return client;
}

async function settled(client: TestClient): Promise<void> {
	await waitFor(() => client.provider.synced && client.provider.wsconnected, { what: 'sync' });
}

describe('history against a real server (SQLite, stock y-websocket clients)', () => {
	it('stores each edit under its author’s presence name and lists a risk’s history', async () => {
		const board = await createBoard(server.url, 'History board');
		const call = api(board);
		const alice = await named(board, 'Alice');
		const bob = await named(board, '  Bob  ');
		const nameless = await named(board, null);
		// Presence travels before the edits on each socket, so the server knows the names.
		await waitFor(() => bob.provider.awareness.getStates().size >= 2, { what: 'presence' });
		const riskId = addRisk(alice.doc, { title: 'Vendor slips', likelihood: 2, impact: 3 }).id;
		await waitFor(() => readBoard(bob.doc).risks.length === 1, { what: 'the risk at Bob' });
		updateRisk(bob.doc, riskId, { likelihood: 4 });
		await waitFor(() => readBoard(nameless.doc).risks[0]?.likelihood === 4, { what: 'relay' });
		updateRisk(nameless.doc, riskId, { status: 'Watching' });
		await waitFor(() => readBoard(alice.doc).risks[0]?.status === 'Watching', { what: 'relay' });
		for (const client of [alice, bob, nameless]) await settled(client);

		const history = await call('viewer', 'GET', `/risks/${riskId}/history`);
		expect(history.status).toBe(200);
		const { entries } = history.json as RiskHistoryResponse;
		expect(entries.map((e) => [e.by, e.field, e.before, e.after])).toEqual([
			[null, 'status', 'Open', 'Watching'],
			['Bob', 'likelihood', 2, 4],
			['Bob', 'score', 6, 12],
			['Bob', 'band', 'Medium', 'High'],
			['Alice', '*', null, 'Vendor slips']
		]);
		const stored = await server.store.listUpdates(board.id);
		expect(new Set(stored.filter((u) => u.role === 'editor').map((u) => u.name))).toEqual(
			new Set(['Alice', 'Bob', null])
		);
		for (const client of [alice, bob, nameless]) client.destroy();
	});

	it('lists people present under a name as attendees of a running review', async () => {
		const board = await createBoard(server.url, 'Attendance board');
		const call = api(board);
		const alice = await named(board, 'Alice');
		const started = await call('editor', 'POST', '/reviews', {
			facilitator: { name: 'Ada' },
			mode: 'open'
		});
		expect(started.status).toBe(201);
		const { review } = started.json as { review: Review };
		const attendees = (client: TestClient) =>
			readBoard(client.doc).reviews.find((r) => r.id === review.id)?.attendees ?? [];
		await waitFor(() => attendees(alice).includes('Alice'), { what: 'Alice attending' });
		const bob = await named(board, 'Bob');
		await waitFor(() => attendees(alice).includes('Bob'), { what: 'Bob attending' });
		expect(attendees(alice)).toEqual(['Ada', 'Alice', 'Bob']);
		// Presence moves write nothing more.
		const before = (await server.store.listUpdates(board.id)).length;
		for (let i = 0; i < 5; i++) alice.provider.awareness.setLocalStateField('focus', `f${i}`);
		await waitFor(
			() => [...bob.provider.awareness.getStates().values()].some((s) => s.focus === 'f4'),
			{ what: 'presence to travel' }
		);
		expect(await server.store.listUpdates(board.id)).toHaveLength(before);
		alice.destroy();
		bob.destroy();
	});

	it('keeps a scoring round when everyone leaves and the room unloads', async () => {
		const board = await createBoard(server.url, 'Round board');
		const call = api(board);
		const alice = await named(board, 'Alice');
		const riskId = addRisk(alice.doc, { title: 'Supplier fails' }).id;
		const aliceId = addPerson(alice.doc, { name: 'Alice' });
		await settled(alice);
		await waitFor(
			async () => (await call('viewer', 'GET', `/risks/${riskId}/history`)).status === 200,
			{
				what: 'the risk to be committed'
			}
		);
		const { review } = (await call('editor', 'POST', '/reviews', { facilitator: { name: 'Ada' } }))
			.json as { review: Review };
		const opened = await call('editor', 'POST', `/reviews/${review.id}/rounds`, { riskId });
		const { roundId } = opened.json as { roundId: string };
		const vote = { personId: aliceId, likelihood: 4, impact: 2 };
		expect(
			(await call('editor', 'PUT', `/reviews/${review.id}/rounds/${roundId}/vote`, vote)).status
		).toBe(200);

		alice.destroy(); // everyone reloads at once: nobody is connected
		await waitFor(() => server.rooms.get(board.id) === undefined, { what: 'the room to unload' });
		const view = await call('viewer', 'GET', `/reviews/${review.id}/rounds/${roundId}`);
		expect(view.status).toBe(200);
		expect(view.json).toMatchObject({ status: 'open', count: 1, voters: ['Alice'] });
	});
});
