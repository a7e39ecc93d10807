import { readBoard } from '@riskboard/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, connectSynced } from '../utils/clients.ts';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer({ ROOM_GRACE_MS: '20' });
});
afterAll(async () => {
	await server.dispose();
});

describe('rooms', () => {
	it('loads a board once when many clients arrive together', async () => {
		const board = await createBoard(server.url, 'Crowd');
		const clients = Array.from({ length: 30 }, () =>
			connectClient(server.wsUrl, board.id, board.tokens.editor)
		);
		await waitFor(() => clients.every((c) => c.provider.synced), { what: '30 synced' });
		expect(server.rooms.size).toBe(1);
		for (const c of clients) expect(readBoard(c.doc).title).toBe('Crowd');
		clients.forEach((c) => c.destroy());
		await waitFor(() => server.rooms.size === 0);
	});

	it('leaves no room loaded after 1,000 board visits', async () => {
		const boards = [];
		for (let i = 0; i < 1000; i++) boards.push(await createBoard(server.url, `Board ${i}`));
		let peak = 0;
		for (let i = 0; i < boards.length; i += 50) {
			const visits = await Promise.all(
				boards.slice(i, i + 50).map((b) => connectSynced(server.wsUrl, b.id, b.tokens.viewer))
			);
			peak = Math.max(peak, server.rooms.size);
			for (const [j, v] of visits.entries()) expect(readBoard(v.doc).title).toBe(`Board ${i + j}`);
			visits.forEach((v) => v.destroy());
		}
		await waitFor(() => server.rooms.size === 0, { what: 'all rooms unloaded' });
		const metrics = await (await fetch(`${server.url}/metrics`)).text();
		expect(metrics).toMatch(/^riskboard_rooms_loaded 0$/m);
		expect(metrics).toMatch(/^riskboard_connections 0$/m);
		console.log(`1,000 visits: peak ${peak} rooms loaded, 0 after the grace time`);
	});
});
