import { addRisk, getRiskText, readBoard, updateRisk } from '@riskboard/model';
import {
	decodeClientMessage,
	encodeSaveRequest,
	encodeSyncStep1,
	encodeUpdate,
	MessageType
} from '@riskboard/protocol';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectSynced, openRaw, type TestClient } from '../utils/clients.ts';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';
import { request } from 'node:http';

/** A POST with exactly these headers (fetch does not let a caller set `Host`). */
function rawPost(
	port: number,
	path: string,
	body: string,
	headers: Record<string, string>
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.dispose();
});

const snapshot = (doc: Y.Doc) => JSON.stringify(readBoard(doc, { today: '2026-01-01' }));

describe('sync with the stock y-websocket provider', () => {
	it('20 clients editing at once converge, and the server holds the same board', async () => {
		const board = await createBoard(server.url, 'Convergence');
		const clients: TestClient[] = await Promise.all(
			Array.from({ length: 20 }, () => connectSynced(server.wsUrl, board.id, board.tokens.editor))
		);
		clients.forEach((client, i) => {
			const { id } = addRisk(client.doc, { title: `Risk from client ${i}` });
			updateRisk(client.doc, id, { likelihood: (i % 5) + 1, impact: ((i * 3) % 5) + 1 });
		});
		// Everyone also types into the first client's risk title at once.
		await waitFor(() => clients.every((c) => readBoard(c.doc).risks.length === 20), {
			what: '20 risks everywhere'
		});
		const target = readBoard(clients[0]!.doc).risks[0]!.id;
		clients.forEach((client, i) => getRiskText(client.doc, target, 'title').insert(0, `[${i}]`));
		await waitFor(() => new Set(clients.map((c) => snapshot(c.doc))).size === 1, {
			what: 'all 20 boards equal'
		});
		const room = server.rooms.get(board.id)!;
		expect(snapshot(room.doc)).toBe(snapshot(clients[0]!.doc));
		const final = readBoard(clients[0]!.doc);
		expect(new Set(final.risks.map((r) => r.key)).size).toBe(20);
		const title = final.risks.find((r) => r.id === target)!.title;
		for (let i = 0; i < 20; i++) expect(title).toContain(`[${i}]`);
		clients.forEach((c) => c.destroy());
	});

	it('gives concurrently added risks unique keys, keeping keys others already saw', async () => {
		const board = await createBoard(server.url, 'Keys');
		const a = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const b = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const first = addRisk(a.doc, { title: 'seen by everyone' });
		await waitFor(() => readBoard(b.doc).risks.length === 1);
		// Both add "the next" risk while offline: both claim R-2.
		a.provider.disconnect();
		b.provider.disconnect();
		const fromA = addRisk(a.doc, { title: 'offline A' });
		const fromB = addRisk(b.doc, { title: 'offline B' });
		expect(fromA.key).toBe(fromB.key);
		a.provider.connect();
		b.provider.connect();
		await waitFor(
			() => snapshot(a.doc) === snapshot(b.doc) && readBoard(a.doc).risks.length === 3,
			{ what: 'offline edits merged' }
		);
		const keys = readBoard(a.doc).risks.map((r) => r.key);
		expect(new Set(keys).size).toBe(3);
		expect(readBoard(a.doc).risks.find((r) => r.id === first.id)!.key).toBe(first.key);
		a.destroy();
		b.destroy();
	});
});

describe('access', () => {
	it('never applies, relays or stores a viewer write, and closes it with 4403', async () => {
		const board = await createBoard(server.url, 'Read only');
		const editor = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
		addRisk(editor.doc, { title: 'from the editor' });
		await waitFor(() => readBoard(viewer.doc).risks.length === 1, { what: 'viewer reads' });
		const storedBefore = (await server.store.listUpdates(board.id)).length;

		addRisk(viewer.doc, { title: 'forged by the viewer' });
		await waitFor(() => viewer.closes.some((c) => c.code === 4403), { what: '4403 close' });
		expect(viewer.provider.shouldConnect).toBe(false);
		// A later editor write still arrives, and the forged risk is nowhere but the viewer's own doc.
		addRisk(editor.doc, { title: 'second editor risk' });
		const fresh = await connectSynced(server.wsUrl, board.id, board.tokens.owner);
		await waitFor(() => readBoard(fresh.doc).risks.length === 2);
		const titles = (doc: Y.Doc) => readBoard(doc).risks.map((r) => r.title);
		expect(titles(fresh.doc)).not.toContain('forged by the viewer');
		expect(titles(editor.doc)).not.toContain('forged by the viewer');
		expect(titles(server.rooms.get(board.id)!.doc)).not.toContain('forged by the viewer');
		const stored = await server.store.listUpdates(board.id);
		expect(stored.length).toBe(storedBefore + 1);
		expect(stored.every((u) => u.role !== 'viewer')).toBe(true);
		expect(
			server.metrics.get('riskboard_frames_rejected_total', { reason: 'read-only' })
		).toBeGreaterThan(0);
		for (const c of [editor, viewer, fresh]) c.destroy();
	});

	it('refuses a missing or wrong token with 4401 and an unknown board with 4404', async () => {
		const board = await createBoard(server.url, 'Tokens');
		const missing = openRaw(server.wsUrl, board.id, null);
		expect((await missing.closed).code).toBe(4401);
		const wrong = openRaw(server.wsUrl, board.id, 'x'.repeat(43));
		expect((await wrong.closed).code).toBe(4401);
		const garbage = openRaw(server.wsUrl, board.id, 'not a token');
		expect((await garbage.closed).code).toBe(4401);
		const other = await createBoard(server.url, 'Other');
		const crossBoard = openRaw(server.wsUrl, board.id, other.tokens.owner);
		expect((await crossBoard.closed).code).toBe(4401);
		const unknown = openRaw(server.wsUrl, 'AAAAAAAAAAAAAAAAAAAAAA', board.tokens.owner);
		expect((await unknown.closed).code).toBe(4404);
		// None of them was sent any board data.
		for (const socket of [missing, wrong, garbage, crossBoard, unknown])
			expect(socket.frames).toEqual([]);
	});

	it('refuses a foreign Origin at the upgrade with HTTP 403, and accepts its own', async () => {
		const board = await createBoard(server.url, 'Origins');
		const foreign = openRaw(server.wsUrl, board.id, board.tokens.owner, {
			origin: 'https://evil.example'
		});
		await expect(foreign.opened).rejects.toMatchObject({ status: 403 });
		for (const host of ['127.0.0.1', 'localhost']) {
			const origin = `http://${host}:${server.port}`;
			const own = openRaw(server.wsUrl, board.id, board.tokens.owner, { origin });
			await own.opened;
			await waitFor(() => own.frames.length > 0, { what: `greeting for ${origin}` });
			own.ws.close();
		}
	});

	it('refuses a DNS-rebinding page (Origin and Host both evil.example:PORT): upgrade and POST', async () => {
		const board = await createBoard(server.url, 'Rebinding');
		const evil = `evil.example:${server.port}`;
		const upgrade = openRaw(server.wsUrl, board.id, board.tokens.owner, {
			origin: `http://${evil}`,
			host: evil
		});
		await expect(upgrade.opened).rejects.toMatchObject({ status: 403 });
		const post = await rawPost(server.port, '/api/boards', JSON.stringify({ title: 'x' }), {
			origin: `http://${evil}`,
			host: evil,
			'content-type': 'application/json'
		});
		expect(post.status).toBe(403);
		expect(JSON.parse(post.body)).toMatchObject({ error: { code: 'origin_not_allowed' } });
		const own = await rawPost(server.port, '/api/boards', JSON.stringify({ title: 'x' }), {
			origin: `http://localhost:${server.port}`,
			host: `localhost:${server.port}`,
			'content-type': 'application/json'
		});
		expect(own.status).toBe(201);
	});

	it('only lets a connection speak for its own awareness client ids', async () => {
		const board = await createBoard(server.url, 'Presence');
		const alice = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const bob = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
		alice.provider.awareness.setLocalStateField('user', { name: 'Alice' });
		bob.provider.awareness.setLocalStateField('user', { name: 'Bob' });
		await waitFor(() => bob.provider.awareness.getStates().get(alice.doc.clientID), {
			what: 'Alice visible to Bob'
		});
		// Bob forges Alice's client id with a higher clock, claiming to be someone else.
		const forged = new Y.Doc();
		forged.clientID = alice.doc.clientID;
		const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
		const fake = new Awareness(forged);
		fake.setLocalState({ user: { name: 'Mallory' } });
		for (let i = 0; i < 5; i++) fake.setLocalState({ user: { name: `Mallory ${i}` } });
		const frame = new Uint8Array([
			MessageType.Awareness,
			...varBytes(encodeAwarenessUpdate(fake, [forged.clientID]))
		]);
		bob.provider.ws!.send(frame);
		// A later genuine change from Bob proves the forged frame was processed before it.
		bob.provider.awareness.setLocalStateField('user', { name: 'Bob 2' });
		await waitFor(
			() =>
				(alice.provider.awareness.getStates().get(bob.doc.clientID) as { user?: { name: string } })
					?.user?.name === 'Bob 2'
		);
		const seen = server.rooms.get(board.id)!.awareness.getStates().get(alice.doc.clientID) as {
			user: { name: string };
		};
		expect(seen.user.name).toBe('Alice');
		expect(
			server.metrics.get('riskboard_frames_rejected_total', { reason: 'awareness-foreign' })
		).toBeGreaterThan(0);
		fake.destroy();
		alice.destroy();
		bob.destroy();
	});
});

describe('save acknowledgement', () => {
	it('answers a save request only once everything before it is stored', async () => {
		const board = await createBoard(server.url, 'Acks');
		const raw = openRaw(server.wsUrl, board.id, board.tokens.editor);
		await raw.opened;
		const local = new Y.Doc();
		raw.send(encodeSyncStep1(Y.encodeStateVector(local)));
		await waitFor(() => raw.frames.some((f) => f[0] === MessageType.Sync && f[1] === 1), {
			what: 'step 2'
		});
		for (const f of raw.frames)
			if (f[0] === MessageType.Sync && f[1] === 1)
				Y.applyUpdate(
					local,
					decodeClientMessage(f).type === 'sync-step2'
						? (decodeClientMessage(f) as { update: Uint8Array }).update
						: new Uint8Array()
				);
		const before = (await server.store.listUpdates(board.id)).length;
		const updates: Uint8Array[] = [];
		local.on('update', (u: Uint8Array) => updates.push(u));
		addRisk(local, { title: 'acked risk' });
		for (const u of updates) raw.send(encodeUpdate(u));
		raw.send(encodeSaveRequest(7));
		let storedAtAck = -1;
		await waitFor(
			async () => {
				const saved = raw.frames.find((f) => f[0] === MessageType.Saved);
				if (!saved) return false;
				const decoder = decoding.createDecoder(saved);
				decoding.readVarUint(decoder);
				expect(decoding.readVarUint(decoder)).toBe(7);
				storedAtAck = (await server.store.listUpdates(board.id)).length;
				return true;
			},
			{ what: 'Saved(7)' }
		);
		expect(storedAtAck).toBeGreaterThan(before);
		raw.ws.close();
	});

	it('never sends the opt-in Saved frame to a client that did not ask', async () => {
		const board = await createBoard(server.url, 'No acks');
		const raw = openRaw(server.wsUrl, board.id, board.tokens.editor);
		await raw.opened;
		const local = new Y.Doc();
		addRisk(local, { title: 'x' });
		raw.send(encodeUpdate(Y.encodeStateAsUpdate(local)));
		await waitFor(async () => (await server.store.listUpdates(board.id)).length === 2, {
			what: 'stored'
		});
		raw.send(encodeSyncStep1(new Uint8Array([0])));
		await waitFor(() => raw.frames.some((f) => f[0] === MessageType.Sync && f[1] === 1));
		expect(raw.frames.some((f) => f[0] === MessageType.Saved)).toBe(false);
		raw.ws.close();
	});
});

function varBytes(payload: Uint8Array): number[] {
	const out: number[] = [];
	let n = payload.length;
	while (n > 127) {
		out.push((n & 127) | 128);
		n >>>= 7;
	}
	out.push(n);
	return [...out, ...payload];
}
