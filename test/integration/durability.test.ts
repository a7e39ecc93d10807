import { addRisk, getRiskText, readBoard } from '@riskboard/model';
import type { SqliteStore } from '@riskboard/server';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient, connectSynced } from '../utils/clients.ts';
import {
	createBoard,
	removeDir,
	spawnServer,
	startTestServer,
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

/** True when `doc` holds every struct `reference` holds (insert-only workloads). */
function contains(doc: Y.Doc, reference: Y.Doc): boolean {
	const have = Y.decodeStateVector(Y.encodeStateVector(doc));
	for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(reference))) {
		if ((have.get(client) ?? 0) < clock) return false;
	}
	return true;
}

describe('durability', () => {
	it('keeps every edit across a graceful restart', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = track(await spawnServer({ dataDir }));
		const board = await createBoard(first.url, 'Restart');
		const a = await connectSynced(first.wsUrl, board.id, board.tokens.editor);
		const b = await connectSynced(first.wsUrl, board.id, board.tokens.owner);
		for (let i = 0; i < 50; i++) addRisk(i % 2 ? a.doc : b.doc, { title: `risk ${i}` });
		getRiskText(a.doc, readBoard(a.doc).risks[0]!.id, 'description').insert(
			0,
			'cause → event → effect'
		);
		await waitFor(
			() =>
				JSON.stringify(readBoard(a.doc)) === JSON.stringify(readBoard(b.doc)) &&
				readBoard(a.doc).risks.length === 50
		);
		const expected = JSON.stringify(readBoard(a.doc));
		a.destroy();
		b.destroy();
		await first.stop('SIGTERM');
		expect((await first.exited).code).toBe(0);

		const second = track(await spawnServer({ dataDir }));
		const c = await connectSynced(second.wsUrl, board.id, board.tokens.viewer);
		expect(JSON.stringify(readBoard(c.doc))).toBe(expected);
		c.destroy();
	});

	it('loses no update another client had received when the server is killed with SIGKILL mid-burst', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = track(await spawnServer({ dataDir }));
		const board = await createBoard(first.url, 'Crash');
		const writer = await connectSynced(first.wsUrl, board.id, board.tokens.editor);
		const observer = await connectSynced(first.wsUrl, board.id, board.tokens.viewer);
		const observed = () => readBoard(observer.doc).risks.length;

		// The writer bursts edits without pause; the server is killed while they are in flight.
		let sent = 0;
		let stop = false;
		const burst = (async () => {
			while (!stop && sent < 5000) {
				addRisk(writer.doc, { title: `burst ${sent++}` });
				if (sent % 10 === 0) await new Promise((r) => setImmediate(r));
			}
		})();
		await waitFor(() => observed() >= 200, { what: 'observer receiving the burst' });
		process.kill(first.pid, 'SIGKILL');
		expect((await first.exited).signal).toBe('SIGKILL');
		stop = true;
		await burst;
		// Freeze what the observer had; stop both clients so nothing is re-sent after the restart.
		const received = new Y.Doc();
		Y.applyUpdate(received, Y.encodeStateAsUpdate(observer.doc));
		writer.destroy();
		observer.destroy();

		const second = track(await spawnServer({ dataDir }));
		const fresh = await connectSynced(second.wsUrl, board.id, board.tokens.owner);
		const had = readBoard(received).risks.length;
		const recovered = readBoard(fresh.doc).risks.length;
		console.log(
			`SIGKILL: writer created ${sent}, observer had received ${had}, server recovered ${recovered}`
		);
		expect(had).toBeGreaterThanOrEqual(200);
		expect(recovered).toBeGreaterThanOrEqual(had);
		expect(contains(fresh.doc, received)).toBe(true);
		const recoveredIds = new Set(readBoard(fresh.doc).risks.map((r) => r.id));
		for (const risk of readBoard(received).risks) expect(recoveredIds.has(risk.id)).toBe(true);
		fresh.destroy();
	});

	it('on a full disk: websocket 4503, REST 503 with Retry-After, stays up, loses no acknowledged edit, stores the rest once space returns', async () => {
		const server = await startTestServer({ ROOM_GRACE_MS: '10000' });
		cleanup.push(() => server.dispose());
		const store = server.store as SqliteStore;
		const board = await createBoard(server.url, 'Full disk');
		const writer = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
		// Twenty edits the server acknowledged (relayed only after they were committed).
		for (let i = 0; i < 20; i++)
			addRisk(writer.doc, { title: `stored before the disk filled ${i}` });
		await waitFor(() => readBoard(reader.doc).risks.length === 20);
		const acknowledged = readBoard(reader.doc).risks.map((r) => r.id);

		store.db.pragma(
			`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`
		);
		let id = '';
		writer.doc.transact(() => {
			id = addRisk(writer.doc, { title: 'written while full' }).id;
			getRiskText(writer.doc, id, 'description').insert(0, 'x'.repeat(200_000));
		});
		await waitFor(() => writer.closes.some((c) => c.code === 4503), { what: '4503 close' });
		expect(server.metrics.get('riskboard_storage_errors_total')).toBeGreaterThan(0);
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		// Nothing unstored was relayed to the reader.
		expect(readBoard(reader.doc).risks.map((r) => r.id)).toEqual(acknowledged);

		// REST answers 503 with Retry-After, never 500: creating a board, taking a snapshot.
		const created = await fetch(`${server.url}/api/boards`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'x'.repeat(200) })
		});
		expect(created.status).toBe(503);
		expect(created.headers.get('retry-after')).toBe('5');
		expect(await created.json()).toMatchObject({ error: { code: 'storage_unavailable' } });
		const snapshot = await fetch(`${server.url}/api/boards/${board.id}/snapshots`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				authorization: `Bearer ${board.tokens.owner}`
			},
			body: JSON.stringify({ name: 'during the outage', author: 'Ada' })
		});
		expect(snapshot.status).toBe(503);
		expect(snapshot.headers.get('retry-after')).toBe('5');

		store.db.pragma('max_page_count = 1073741823');
		// The stock client reconnects by itself (4503 is "retry later") and resends what it has.
		await waitFor(() => readBoard(reader.doc).risks.length === 21, {
			timeoutMs: 20_000,
			what: 'edit stored after recovery'
		});
		const stored = new Y.Doc();
		const loaded = await store.loadDocument(board.id);
		if (loaded.snapshot) Y.applyUpdate(stored, loaded.snapshot);
		for (const u of loaded.updates) Y.applyUpdate(stored, u.data);
		const risk = readBoard(stored).risks.find((r) => r.id === id)!;
		expect(risk.description.length).toBe(200_000);
		// 0 acknowledged edits lost.
		const storedIds = new Set(readBoard(stored).risks.map((r) => r.id));
		expect(acknowledged.filter((a) => !storedIds.has(a))).toEqual([]);
		expect((await createBoard(server.url, 'After the outage')).id).toBeTruthy();
		writer.destroy();
		reader.destroy();
	});

	it('a client reconnecting after a restart resends edits made while the server was down', async () => {
		const dataDir = tempDataDir();
		cleanup.push(() => removeDir(dataDir));
		const first = track(await spawnServer({ dataDir }));
		const board = await createBoard(first.url, 'Offline');
		const port = first.port;
		const client = connectClient(first.wsUrl, board.id, board.tokens.editor);
		await waitFor(() => client.provider.synced);
		await first.stop('SIGTERM');
		addRisk(client.doc, { title: 'made while the server was down' });
		const second = track(await spawnServer({ dataDir, port }));
		const other = await connectSynced(second.wsUrl, board.id, board.tokens.viewer);
		await waitFor(() => readBoard(other.doc).risks.length === 1, { timeoutMs: 20_000 });
		client.destroy();
		other.destroy();
	});
});
