/**
 * Imports against the real server: the upload and commit over HTTP, the imported risks seen by a
 * stock y-websocket client, a refused and a failed commit leaving the log as it was, and undo
 * taking the import back for everyone while keeping a risk someone edited meanwhile.
 */
import { readBoard, updateRisk } from '@riskboard/model';
import type { CreateBoardResponse, ImportCommitResponse, ImportCreated } from '@riskboard/protocol';
import type { SqliteStore } from '@riskboard/server';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSynced } from '../utils/clients.ts';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.dispose();
});

const fixture = (name: string) =>
	new Uint8Array(
		readFileSync(new URL(`../../apps/server/src/import/fixtures/${name}`, import.meta.url))
	);

function imports(board: CreateBoardResponse) {
	const auth = { authorization: `Bearer ${board.tokens.editor}` };
	return {
		async upload(
			name: string,
			type = 'text/csv',
			body: Uint8Array<ArrayBuffer> | string = fixture(name)
		) {
			const response = await fetch(
				`${server.url}/api/boards/${board.id}/imports?filename=${name}&by=Importer`,
				{ method: 'POST', headers: { ...auth, 'content-type': type }, body }
			);
			expect(response.status).toBe(201);
			return (await response.json()) as ImportCreated;
		},
		async post(path: string, body: unknown = {}) {
			const response = await fetch(`${server.url}/api/boards/${board.id}/imports${path}`, {
				method: 'POST',
				headers: { ...auth, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			});
			return { status: response.status, json: (await response.json()) as Record<string, unknown> };
		}
	};
}

describe('imports against a real server', () => {
	it('a connected stock client sees the imported risks; the log holds one update by the importer', async () => {
		const board = await createBoard(server.url, 'Import');
		const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
		const api = imports(board);
		const { id } = await api.upload(
			'title-block-merged.xlsx',
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		const before = (await server.store.listUpdates(board.id)).length;
		const commit = await api.post(`/${id}/commit`, { mapping: {} });
		expect(commit.status).toBe(200);
		await waitFor(() => readBoard(viewer.doc).risks.length === 3, { what: 'the imported risks' });
		expect(readBoard(viewer.doc).risks.map((r) => r.title)).toEqual([
			'Supplier insolvency',
			'Scope creep',
			'Test lab unavailable'
		]);
		expect(readBoard(viewer.doc).people.map((p) => p.name)).toEqual([
			'Ada Lovelace',
			'Grace Hopper'
		]);
		const log = await server.store.listUpdates(board.id);
		expect(log.length).toBe(before + 1);
		expect(log.at(-1)).toMatchObject({ role: 'editor', name: 'Importer' });
		viewer.destroy();
	});

	it('a refused commit and a commit whose write fails change nothing in the log or the board', async () => {
		const board = await createBoard(server.url, 'Import failures');
		const editor = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const api = imports(board);
		const bad = await api.upload('bad-rows.csv');
		const before = (await server.store.listUpdates(board.id)).length;
		const refused = await api.post(`/${bad.id}/commit`, { mapping: {} });
		expect(refused.status).toBe(422);
		expect((refused.json.error as { code: string }).code).toBe('invalid_rows');
		expect((await server.store.listUpdates(board.id)).length).toBe(before);

		// The disk fills up: the room's commit fails, so the import is neither stored nor relayed.
		// (300 risks with long descriptions: far more than the free space inside the file's pages.)
		const rows = Array.from(
			{ length: 300 },
			(_, i) => `Risk ${i},${'cause and effect '.repeat(40)}`
		);
		const good = await api.upload(
			'many.csv',
			'text/csv',
			['Title,Description', ...rows].join('\n')
		);
		const store = server.store as SqliteStore;
		store.db.pragma(
			`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`
		);
		let failed: Awaited<ReturnType<typeof api.post>>;
		try {
			failed = await api.post(`/${good.id}/commit`, { mapping: {} });
		} finally {
			store.db.pragma('max_page_count = 1073741823');
		}
		expect(failed.status).toBe(503);
		expect((await server.store.listUpdates(board.id)).length).toBe(before);
		// The editor's client reconnects and still has no imported risk.
		await waitFor(() => editor.provider.synced && editor.provider.wsconnected, {
			what: 'reconnect'
		});
		expect(readBoard(editor.doc).risks).toHaveLength(0);
		// The import is a preview again and can be committed now.
		const retried = await api.post(`/${good.id}/commit`, { mapping: {} });
		expect(retried.status).toBe(200);
		await waitFor(() => readBoard(editor.doc).risks.length === 300, { what: 'the retried import' });
		editor.destroy();
	});

	it('undo removes the import for everyone and keeps a risk someone edited meanwhile', async () => {
		const board = await createBoard(server.url, 'Import undo');
		const alice = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const bob = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const api = imports(board);
		const { id } = await api.upload('european-semicolon-bom.csv');
		const commit = await api.post(`/${id}/commit`, { mapping: {} });
		const { riskIds } = commit.json as unknown as ImportCommitResponse;
		await waitFor(() => readBoard(bob.doc).risks.length === 3, { what: 'the import at Bob' });
		updateRisk(bob.doc, riskIds[1]!, { likelihood: 1 });
		await waitFor(() => readBoard(alice.doc).risks[1]?.likelihood === 1, {
			what: 'Bob’s edit at Alice'
		});
		// Bob's edit is committed before it is relayed, so the server has it when undo runs.
		const undone = await api.post(`/${id}/undo`);
		expect(undone.status).toBe(200);
		expect(undone.json).toMatchObject({
			removed: 2,
			kept: expect.arrayContaining([expect.objectContaining({ kind: 'risk', riskId: riskIds[1] })])
		});
		for (const client of [alice, bob]) {
			await waitFor(() => readBoard(client.doc).risks.length === 1, {
				what: 'undo at every client'
			});
			expect(readBoard(client.doc).risks[0]).toMatchObject({ id: riskIds[1], likelihood: 1 });
		}
		alice.destroy();
		bob.destroy();
	});
});
