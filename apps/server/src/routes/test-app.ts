/** The app on a MemoryStore for route tests, and a way to edit a board as a client would. */
import type { CreateBoardResponse } from '@riskboard/protocol';
import * as Y from 'yjs';
import { createApp } from '../app.ts';
import { HistoryCache } from '../history.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../log.ts';
import { Metrics } from '../metrics.ts';
import { MemoryStore } from '../storage/memory.ts';
import { RoomManager } from '../sync/rooms.ts';

export async function testApp(options: { graceMs?: number } = {}) {
	const store = new MemoryStore();
	const metrics = new Metrics();
	const log = createLogger('silent');
	const rooms = new RoomManager({
		store,
		metrics,
		log,
		compactEvery: 100,
		graceMs: options.graceMs ?? 5
	});
	const history = new HistoryCache({ store });
	const app = createApp({
		config: loadConfig({ WEB_DIR: '', CREATE_RATE_LIMIT: '0' }),
		store,
		metrics,
		log,
		rooms,
		history
	});
	const created = await app.request('/api/boards', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'Café launch' })
	});
	const board = (await created.json()) as CreateBoardResponse;

	/**
	 * Applies `fn` to the board as stored and appends the resulting update to the log (as written
	 * by a person named `by`), the way a committed client edit ends up there. Waits until no room holds the board, so the next read
	 * loads the edit.
	 */
	async function edit<T>(fn: (doc: Y.Doc) => T, by: string | null = null): Promise<T> {
		while (rooms.get(board.id)) await new Promise((r) => setTimeout(r, 2));
		const load = await store.loadDocument(board.id);
		const doc = new Y.Doc();
		if (load.snapshot) Y.applyUpdate(doc, load.snapshot);
		for (const update of load.updates) Y.applyUpdate(doc, update.data);
		const before = Y.encodeStateVector(doc);
		const result = fn(doc);
		const data = Y.encodeStateAsUpdate(doc, before);
		await store.appendUpdates(board.id, [
			{ data, role: 'editor', connectionId: 'test', tokenId: null, name: by, at: Date.now() }
		]);
		return result;
	}

	const as = (role: keyof CreateBoardResponse['tokens'], init: RequestInit = {}) => ({
		...init,
		headers: { authorization: `Bearer ${board.tokens[role]}`, ...(init.headers ?? {}) }
	});
	const post = (role: keyof CreateBoardResponse['tokens'], body: unknown) =>
		as(role, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	return { app, store, rooms, metrics, history, board, edit, as, post };
}
