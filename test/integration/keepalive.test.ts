import { MessageType } from '@riskboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSynced, openRaw } from '../utils/clients.ts';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.dispose();
});

describe('keepalive', () => {
	// The stock client drops a connection after 30 s without a message. This waits that long for
	// real, with the production keepalive period, because that timeout cannot be configured.
	it('keeps an idle, lone stock client connected past the 30 s client timeout', async () => {
		const board = await createBoard(server.url, 'Idle');
		const client = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
		const started = Date.now();
		await waitFor(() => Date.now() - started > 34_000, { timeoutMs: 40_000, intervalMs: 500 });
		expect(client.closes).toEqual([]);
		expect(client.provider.wsconnected).toBe(true);
		client.destroy();
	}, 60_000);

	it('sends an idle connection a frame the stock client ignores', async () => {
		const fast = await startTestServer({ KEEPALIVE_MS: '200' });
		const board = await createBoard(fast.url, 'Ping');
		const raw = openRaw(fast.wsUrl, board.id, board.tokens.viewer);
		await raw.opened;
		await waitFor(
			() =>
				raw.frames.some(
					(f) => f.length === 3 && f[0] === MessageType.Awareness && f[1] === 1 && f[2] === 0
				),
			{
				what: 'empty awareness keepalive'
			}
		);
		raw.ws.close();
		await fast.dispose();
	});
});
