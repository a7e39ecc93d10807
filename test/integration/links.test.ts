/**
 * Revocable links against real servers: a stock y-websocket client on a revoked link is closed
 * with 4401 within 5 s and stops reconnecting, its REST calls get 401 `token_revoked`, its
 * reconnects are refused — also after a restart (the revocation is stored) and when the link was
 * revoked through another server process sharing the same SQLite file.
 */
import { CloseCode, LINK_REVOKED_REASON, type LinkWithToken } from '@riskboard/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSynced, openRaw } from '../utils/clients.ts';
import {
	createBoard,
	removeDir,
	spawnServer,
	tempDataDir,
	type ChildServer
} from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

function track(server: ChildServer): ChildServer {
	cleanup.push(() => server.stop('SIGKILL'));
	return server;
}

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
	const response = await fetch(`${url}${path}`, {
		method,
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
	return { status: response.status, json: (await response.json()) as unknown };
}

describe('revoking a link', () => {
	it('closes its live socket within 5 s with 4401, refuses it over REST and sync, also after a restart', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		let server = track(await spawnServer({ dataDir }));
		const board = await createBoard(server.url, 'Leaky link');
		const links = `/api/boards/${board.id}/links`;
		const added = await call(server.url, board.tokens.owner, 'POST', links, {
			role: 'editor',
			label: 'Contractor'
		});
		expect(added.status).toBe(201);
		const link = added.json as LinkWithToken;
		const client = await connectSynced(server.wsUrl, board.id, link.token);
		cleanup.push(() => client.destroy());

		const revokedAt = Date.now();
		const revoked = await call(server.url, board.tokens.owner, 'DELETE', `${links}/${link.id}`);
		expect(revoked.status).toBe(200);
		await waitFor(() => client.closes.length > 0, { timeoutMs: 5_000, what: 'the 4401 close' });
		const closedAfter = Date.now() - revokedAt;
		expect(client.closes[0]).toEqual({ code: CloseCode.LinkRevoked, reason: LINK_REVOKED_REASON });
		expect(closedAfter).toBeLessThan(5_000);

		const rest = await call(server.url, link.token, 'GET', `/api/boards/${board.id}`);
		expect(rest).toMatchObject({ status: 401, json: { error: { code: 'token_revoked' } } });
		const again = openRaw(server.wsUrl, board.id, link.token);
		expect(await again.closed).toEqual({ code: 4401, reason: LINK_REVOKED_REASON });
		// The stock client treats 44xx as final: it never came back.
		await new Promise((r) => setTimeout(r, 600));
		expect(client.closes).toHaveLength(1);
		expect(client.provider.wsconnected).toBe(false);

		await server.stop('SIGTERM');
		server = track(await spawnServer({ dataDir }));
		const afterRestart = await call(server.url, link.token, 'GET', `/api/boards/${board.id}`);
		expect(afterRestart.status).toBe(401);
		const reconnect = openRaw(server.wsUrl, board.id, link.token);
		expect((await reconnect.closed).code).toBe(4401);
		// The board's other links still work.
		expect(
			(await call(server.url, board.tokens.editor, 'GET', `/api/boards/${board.id}`)).status
		).toBe(200);
	});

	it('closes a socket held by another server process sharing the store within 5 s', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const holder = track(await spawnServer({ dataDir }));
		const other = track(await spawnServer({ dataDir }));
		const board = await createBoard(holder.url, 'Two processes');
		const client = await connectSynced(holder.wsUrl, board.id, board.tokens.viewer);
		cleanup.push(() => client.destroy());
		const { json } = await call(
			other.url,
			board.tokens.owner,
			'GET',
			`/api/boards/${board.id}/links`
		);
		const viewer = (json as { links: Array<{ id: string; role: string }> }).links.find(
			(l) => l.role === 'viewer'
		)!;
		const revokedAt = Date.now();
		const revoked = await call(
			other.url,
			board.tokens.owner,
			'DELETE',
			`/api/boards/${board.id}/links/${viewer.id}`
		);
		expect(revoked.status).toBe(200);
		await waitFor(() => client.closes.length > 0, { timeoutMs: 5_000, what: 'the sweep’s close' });
		expect(client.closes[0]!.code).toBe(4401);
		expect(Date.now() - revokedAt).toBeLessThan(5_000);
	});
});
