import {
	addMatrix,
	addPerson,
	addRaciColumn,
	addRaciRow,
	raciTable,
	readBoard,
	removeRaciColumn,
	setRaciCell
} from '@riskboard/model';
import type { DiffResponse, SnapshotMeta, SnapshotWithBoard } from '@riskboard/protocol';
import type { CreateBoardResponse } from '@riskboard/protocol';
import type { SqliteStore } from '@riskboard/server';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

function api(board: CreateBoardResponse, role: keyof CreateBoardResponse['tokens']) {
	return (path: string, init: RequestInit = {}) =>
		fetch(`${server.url}/api/boards/${board.id}${path}`, {
			...init,
			headers: {
				authorization: `Bearer ${board.tokens[role]}`,
				'content-type': 'application/json',
				...(init.headers ?? {})
			}
		});
}

/** Waits until the viewer has the editor's document: the server relays only committed edits. */
async function committed(editor: TestClient, viewer: TestClient): Promise<void> {
	const want = JSON.stringify(readBoard(editor.doc, { today: '2025-01-15' }));
	await waitFor(() => JSON.stringify(readBoard(viewer.doc, { today: '2025-01-15' })) === want, {
		what: 'the edit to be committed and relayed'
	});
}

describe('snapshots, diffs and exports against a real server', () => {
	it('freezes a matrix, diffs exactly the later edits, and exports the frozen values', async () => {
		const board = await createBoard(server.url, 'Apollo launch');
		const editor = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
		const doc = editor.doc;
		const ada = addPerson(doc, { name: 'Ada', team: 'Eng' });
		const bob = addPerson(doc, { name: 'Bob', team: 'QA' });
		const matrixId = addMatrix(doc, { name: 'Launch RACI' });
		const ship = addRaciRow(doc, { matrixId, text: '=HYPERLINK("http://evil.example","Ship")' });
		const test = addRaciRow(doc, { matrixId, text: 'Test it' });
		const colAda = addRaciColumn(doc, { matrixId, personId: ada });
		const colBob = addRaciColumn(doc, { matrixId, personId: bob });
		setRaciCell(doc, { matrixId, rowId: ship, colId: colAda, letters: ['A', 'R'] });
		setRaciCell(doc, { matrixId, rowId: test, colId: colAda, letters: ['A'] });
		setRaciCell(doc, { matrixId, rowId: test, colId: colBob, letters: ['R'] });
		await committed(editor, viewer);

		const asEditor = api(board, 'editor');
		const asViewer = api(board, 'viewer');
		const refused = await asViewer('/snapshots', {
			method: 'POST',
			body: JSON.stringify({ name: 'nope', author: 'Vic' })
		});
		expect(refused.status).toBe(403);
		const created = await asEditor('/snapshots', {
			method: 'POST',
			body: JSON.stringify({ name: 'Agreed v1', author: 'Ada', scope: 'matrix', matrixId })
		});
		expect(created.status).toBe(201);
		const snap = (await created.json()) as SnapshotMeta;

		// Change the live matrix: one cell, one new row, one column removed.
		setRaciCell(doc, { matrixId, rowId: ship, colId: colAda, letters: ['A'] });
		setRaciCell(doc, { matrixId, rowId: ship, colId: colBob, letters: ['R'] });
		const docs = addRaciRow(doc, { matrixId, text: 'Write docs' });
		removeRaciColumn(doc, { matrixId, colId: colBob });
		await committed(editor, viewer);

		const diff = (await (await asViewer(`/diff?from=${snap.id}&to=live`)).json()) as DiffResponse;
		expect(diff.scope).toBe('matrix');
		if (diff.scope !== 'matrix') throw new Error('matrix diff expected');
		expect(diff.diff).toMatchObject({
			renamed: null,
			rowsAdded: [{ id: docs, text: 'Write docs' }],
			rowsRemoved: [],
			rowsRenamed: [],
			columnsAdded: [],
			columnsRemoved: [{ id: colBob, label: 'Bob' }],
			changeCount: 4
		});
		expect(
			diff.diff.cellsChanged.map((c) => [c.rowId, c.colId, c.before.join(''), c.after.join('')])
		).toEqual([
			[ship, colAda, 'RA', 'A'],
			[test, colBob, 'R', '']
		]);

		// The frozen matrix, as stored, is what the XLSX export of the snapshot holds.
		const frozen = (await (await asViewer(`/snapshots/${snap.id}`)).json()) as SnapshotWithBoard;
		const expected = raciTable(frozen.board.matrices[0]!);
		const download = await asViewer(`/export/raci/${matrixId}.xlsx?snapshot=${snap.id}`);
		expect(download.status).toBe(200);
		expect(download.headers.get('content-disposition')).toMatch(
			/^attachment; filename="apollo-launch-launch-raci-agreed-v1-\d{4}-\d{2}-\d{2}\.xlsx"/
		);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(await download.arrayBuffer());
		const sheet = workbook.worksheets[0]!;
		const values = [expected.header, ...expected.rows].map((row, r) =>
			row.map((_, c) => sheet.getCell(r + 1, c + 1).value ?? '')
		);
		// The workbook holds formula-looking text as itself in a quote-prefixed text cell, where
		// the table (and CSV) neutralise it with a leading apostrophe.
		const unquoted = (v: unknown) =>
			typeof v === 'string' && /^'[=+\-@]/.test(v) ? v.slice(1) : v;
		expect(values).toEqual([expected.header, ...expected.rows].map((row) => row.map(unquoted)));
		expect(values).toEqual([
			['Activity', 'Ada', 'Bob'],
			['=HYPERLINK("http://evil.example","Ship")', 'R/A', ''],
			['Test it', 'A', 'R']
		]);
		expect(sheet.getCell('A2').type).toBe(ExcelJS.ValueType.String);
		expect(sheet.getCell('A2').numFmt).toBe('@');
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Launch RACI', 'Legend', 'Checks']);

		editor.destroy();
		viewer.destroy();
	});

	it('exports and snapshots a board nobody has open, and lets its room unload again', async () => {
		const board = await createBoard(server.url, 'Cold board');
		const asOwner = api(board, 'owner');
		await waitFor(() => server.rooms.size === 0, { what: 'no rooms loaded' });
		const csv = await asOwner('/export/register.csv');
		expect(csv.status).toBe(200);
		const bytes = new Uint8Array(await csv.arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs for UTF-8
		expect(new TextDecoder().decode(bytes)).toMatch(/^Key,Title,Description/);
		const created = await asOwner('/snapshots', {
			method: 'POST',
			body: JSON.stringify({ name: 'Baseline', author: 'Owner' })
		});
		expect(created.status).toBe(201);
		await waitFor(() => server.rooms.size === 0, { what: 'the room to unload after the reads' });
		const list = (await (await asOwner('/snapshots')).json()) as { snapshots: SnapshotMeta[] };
		expect(list.snapshots.map((s) => s.name)).toEqual(['Baseline']);
		expect(
			(await asOwner(`/snapshots/${list.snapshots[0]!.id}`, { method: 'DELETE' })).status
		).toBe(204);
	});
	it('a snapshot changed outside the server is refused by name; the rest of the board works', async () => {
		const board = await createBoard(server.url, 'Tampered');
		const call = api(board, 'owner');
		const take = async (name: string) =>
			(await (
				await call('/snapshots', {
					method: 'POST',
					body: JSON.stringify({ name, author: 'Ada' })
				})
			).json()) as SnapshotMeta;
		const good = await take('Good');
		const bad = await take('Baseline');
		// Someone edits the SQLite file by hand (the server's own trigger forbids it).
		const db = (server.store as SqliteStore).db;
		db.exec('DROP TRIGGER named_snapshots_immutable');
		db.prepare(
			`UPDATE named_snapshots SET board_json = replace(board_json, 'Tampered', 'Forged') WHERE id = ?`
		).run(bad.id);

		for (const path of [
			`/snapshots/${bad.id}`,
			`/diff?from=${bad.id}`,
			`/export/register.csv?snapshot=${bad.id}`
		]) {
			const refused = await call(path);
			expect(refused.status, path).toBe(409);
			const body = (await refused.json()) as { error: { code: string; message: string } };
			expect(body.error.code).toBe('snapshot_corrupt');
			expect(body.error.message).toContain('“Baseline”');
			expect(body.error.message).toContain(bad.id);
		}
		expect((await call(`/snapshots/${good.id}`)).status).toBe(200);
		expect((await call('/snapshots')).status).toBe(200);
		expect((await call(`/diff?from=${good.id}`)).status).toBe(200);
		expect((await call('/export/register.json')).status).toBe(200);
		expect((await call(`/snapshots/${bad.id}`, { method: 'DELETE' })).status).toBe(204);
	});
});
