import { addRisk, readBoard } from '@riskboard/model';
import { encodeAwareness, encodeQueryAwareness, encodeUpdate } from '@riskboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSynced, openRaw, type TestClient } from '../utils/clients.ts';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

// A valid update (client 1 writes a text and a map) and a mutation of a later update that Yjs
// decodes without complaint but throws on while integrating it. Found by mutating real updates.
const BASE = [
	1, 2, 1, 0, 4, 1, 1, 116, 6, 97, 98, 99, 100, 101, 102, 40, 1, 1, 109, 1, 107, 1, 119, 1, 118, 0
];
const THROWS_ON_APPLY = [
	1, 5, 2, 0, 196, 1, 2, 1, 3, 2, 88, 89, 167, 1, 6, 1, 7, 1, 3, 97, 114, 114, 2, 4, 0, 2, 3, 1,
	113, 136, 2, 84, 1, 125, 5, 1, 1, 2, 1, 2, 6, 1
];

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({
		MAX_MESSAGE_BYTES: String(64 * 1024),
		RATE_LIMIT_PER_SECOND: '50',
		RATE_LIMIT_BURST: '100'
	});
});
afterAll(async () => {
	await server.dispose();
});

/** Two healthy clients on the board keep converging after the attack, and the server agrees. */
async function assertHealthy(
	boardId: string,
	tokens: { editor: string; owner: string },
	clients: TestClient[]
) {
	expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
	const [a, b] = clients as [TestClient, TestClient];
	addRisk(a.doc, { title: `after attack ${Date.now()}` });
	await waitFor(() => readBoard(b.doc).risks.length === readBoard(a.doc).risks.length, {
		what: 'healthy relay'
	});
	const fresh = await connectSynced(server.wsUrl, boardId, tokens.owner);
	expect(JSON.stringify(readBoard(fresh.doc))).toBe(JSON.stringify(readBoard(a.doc)));
	fresh.destroy();
}

const attacks: Array<[string, (send: (f: Uint8Array | string) => void) => void, number, string]> = [
	['random bytes', (send) => send(new Uint8Array([255, 255, 255, 255, 255])), 4400, 'malformed'],
	['an unknown message type', (send) => send(new Uint8Array([9, 1, 2])), 4400, 'malformed'],
	['an empty frame', (send) => send(new Uint8Array([])), 4400, 'malformed'],
	[
		'a truncated update',
		(send) => send(encodeUpdate(new Uint8Array(BASE)).subarray(0, 10)),
		4400,
		'malformed'
	],
	[
		'an update Yjs cannot decode',
		(send) => send(encodeUpdate(new Uint8Array([1, 200, 3, 4, 5]))),
		4400,
		'invalid-update'
	],
	[
		'awareness with invalid JSON',
		(send) => send(encodeAwareness(new Uint8Array([1, 5, 1, 1, 123]))),
		4400,
		'malformed'
	],
	['a text frame', (send) => send('hello'), 1003, 'text-frame'],
	['a frame over the size limit', (send) => send(new Uint8Array(65 * 1024)), 4413, 'too-big'],
	[
		'a frame over the hard cap (4 × the limit)',
		(send) => send(new Uint8Array(257 * 1024)),
		1009,
		'too-big'
	],
	[
		'more messages than the rate limit',
		(send) => {
			for (let i = 0; i < 500; i++) send(encodeQueryAwareness());
		},
		4429,
		'rate-limit'
	]
];

describe('bad input', () => {
	it.each(attacks.map(([name, attack, code, reason]) => ({ name, attack, code, reason })))(
		'closes a sender of $name with $code and keeps the room healthy',
		async ({ attack, code, reason }) => {
			const board = await createBoard(server.url, 'Attack');
			const clients = [
				await connectSynced(server.wsUrl, board.id, board.tokens.editor),
				await connectSynced(server.wsUrl, board.id, board.tokens.editor)
			];
			addRisk(clients[0]!.doc, { title: 'before attack' });
			await waitFor(() => readBoard(clients[1]!.doc).risks.length === 1);
			const before = server.metrics.get('riskboard_frames_rejected_total', { reason });
			const raw = openRaw(server.wsUrl, board.id, board.tokens.editor);
			await raw.opened;
			attack(raw.send);
			expect((await raw.closed).code).toBe(code);
			await waitFor(
				() => server.metrics.get('riskboard_frames_rejected_total', { reason }) > before,
				{ what: 'counted' }
			);
			await assertHealthy(board.id, board.tokens, clients);
			clients.forEach((c) => c.destroy());
		}
	);

	it('refuses an update Yjs would throw on, closing only its sender; nothing is stored', async () => {
		const board = await createBoard(server.url, 'Poison');
		const clients = [
			await connectSynced(server.wsUrl, board.id, board.tokens.editor),
			await connectSynced(server.wsUrl, board.id, board.tokens.editor)
		];
		addRisk(clients[0]!.doc, { title: 'kept' });
		await waitFor(() => readBoard(clients[1]!.doc).risks.length === 1);
		const resets = server.metrics.get('riskboard_room_resets_total');
		const raw = openRaw(server.wsUrl, board.id, board.tokens.editor);
		await raw.opened;
		raw.send(encodeUpdate(new Uint8Array(BASE)));
		raw.send(encodeUpdate(new Uint8Array(THROWS_ON_APPLY)));
		expect((await raw.closed).code).toBe(4400);
		const stored = await server.store.listUpdates(board.id);
		expect(
			stored.some(
				(u) =>
					u.data.length === THROWS_ON_APPLY.length &&
					u.data.every((b, i) => b === THROWS_ON_APPLY[i])
			)
		).toBe(false);
		await assertHealthy(board.id, board.tokens, clients);
		// Nobody else was disconnected: no room reset.
		expect(clients.flatMap((c) => c.closes)).toEqual([]);
		expect(server.metrics.get('riskboard_room_resets_total')).toBe(resets);
		expect(readBoard(clients[0]!.doc).risks.map((r) => r.title)).toContain('kept');
		clients.forEach((c) => c.destroy());
	});

	it('stops a stock client whose edit is over the limit: closed with 4413, no reconnect loop', async () => {
		const board = await createBoard(server.url, 'Oversize');
		const bystander = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const client = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		let attempts = 0;
		client.provider.on('status', ({ status }) => {
			if (status === 'connecting') attempts++;
		});
		// One edit bigger than MAX_MESSAGE_BYTES (64 KiB here) but under the hard cap.
		client.doc.getMap('meta').set('blob', 'x'.repeat(100 * 1024));
		await waitFor(() => client.closes.length > 0, { what: 'closed' });
		expect(client.closes[0]!.code).toBe(4413);
		// The stock client retries within maxBackoffTime (200 ms here) after a retryable code.
		const until = Date.now() + 2000;
		await waitFor(() => Date.now() > until, { what: 'quiet period', timeoutMs: 5000 });
		expect(attempts).toBe(0);
		expect(client.closes).toHaveLength(1);
		expect(bystander.closes).toEqual([]);
		client.destroy();
		bystander.destroy();
	});
});
