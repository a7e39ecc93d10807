import {
	addMatrix,
	addPerson,
	addRaciColumn,
	addRaciRow,
	addRisk,
	setRaciCell
} from '@riskboard/model';
import type { DiffResponse, SnapshotMeta, SnapshotWithBoard } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { testApp } from './test-app.ts';

async function withMatrix() {
	const t = await testApp();
	const ids = await t.edit((doc) => {
		const ada = addPerson(doc, { name: 'Ada' });
		const matrixId = addMatrix(doc, { name: 'Launch' });
		const row = addRaciRow(doc, { matrixId, text: 'Ship it' });
		const col = addRaciColumn(doc, { matrixId, personId: ada });
		setRaciCell(doc, { matrixId, rowId: row, colId: col, letters: ['A', 'R'] });
		addRisk(doc, { title: 'Vendor slips' });
		return { matrixId, row, col };
	});
	return { ...t, ...ids };
}

const errorCode = async (response: Response) =>
	((await response.json()) as { error: { code: string } }).error.code;

describe('snapshot routes', () => {
	it('takes, lists, opens and deletes snapshots with role checks', async () => {
		const { app, board, post, as, store } = await withMatrix();
		const base = `/api/boards/${board.id}/snapshots`;
		const first = await app.request(base, post('editor', { name: ' Agreed ', author: 'Ada' }));
		expect(first.status).toBe(201);
		const meta = (await first.json()) as SnapshotMeta;
		expect(meta).toMatchObject({
			boardId: board.id,
			name: 'Agreed',
			author: 'Ada',
			role: 'editor',
			scope: 'board',
			matrixId: null
		});
		expect(meta.digest).toMatch(/^[0-9a-f]{64}$/);
		const second = (await (
			await app.request(base, post('owner', { name: 'Later', author: 'Bo' }))
		).json()) as SnapshotMeta;

		const viewer = await app.request(base, post('viewer', { name: 'x', author: 'V' }));
		expect(viewer.status).toBe(403);
		expect(await errorCode(viewer)).toBe('forbidden');

		const list = (await (await app.request(base, as('viewer'))).json()) as {
			snapshots: SnapshotMeta[];
		};
		expect(list.snapshots.map((s) => s.id)).toEqual([second.id, meta.id]);

		const opened = (await (
			await app.request(`${base}/${meta.id}`, as('viewer'))
		).json()) as SnapshotWithBoard;
		expect(opened.board.title).toBe('Café launch');
		expect(opened.board.matrices[0]!.cells).toBeTruthy();
		const stored = await store.getNamedSnapshot(board.id, meta.id);
		const fromState = new Y.Doc();
		Y.applyUpdate(fromState, stored!.state);
		expect(fromState.getMap('meta').get('title')).toBe('Café launch');

		expect(
			(await app.request(`${base}/${meta.id}`, as('editor', { method: 'DELETE' }))).status
		).toBe(403);
		expect(
			(await app.request(`${base}/${meta.id}`, as('owner', { method: 'DELETE' }))).status
		).toBe(204);
		const gone = await app.request(`${base}/${meta.id}`, as('owner'));
		expect(gone.status).toBe(404);
		expect(await errorCode(gone)).toBe('snapshot_not_found');
		expect(
			(await app.request(`${base}/${meta.id}`, as('owner', { method: 'DELETE' }))).status
		).toBe(404);
		expect((await app.request(base)).status).toBe(401);
	});

	it.each([
		[{ author: 'A' }, 400, 'invalid_request'],
		[{ name: 'n' }, 400, 'invalid_request'],
		[{ name: 'n', author: 'A', scope: 'everything' }, 400, 'invalid_request'],
		[{ name: 'n', author: 'A', scope: 'matrix' }, 400, 'invalid_request'],
		[{ name: 'n', author: 'A', matrixId: 'm' }, 400, 'invalid_request'],
		[{ name: 'n', author: 'A', scope: 'matrix', matrixId: 'nope' }, 404, 'matrix_not_found'],
		[{ name: 'n'.repeat(201), author: 'A' }, 400, 'invalid_request']
	])('refuses %j with %i %s', async (body, status, code) => {
		const { app, board, post } = await testApp();
		const response = await app.request(`/api/boards/${board.id}/snapshots`, post('owner', body));
		expect(response.status).toBe(status);
		expect(await errorCode(response)).toBe(code);
	});

	it('diffs a snapshot against the live board and between snapshots', async () => {
		const { app, board, post, as, edit, matrixId, row, col } = await withMatrix();
		const snap = (await (
			await app.request(
				`/api/boards/${board.id}/snapshots`,
				post('editor', { name: 'v1', author: 'Ada' })
			)
		).json()) as SnapshotMeta;
		await edit((doc) => {
			setRaciCell(doc, { matrixId, rowId: row, colId: col, letters: ['R'] });
			addRisk(doc, { title: 'New risk' });
		});
		const live = (await (
			await app.request(`/api/boards/${board.id}/diff?from=${snap.id}`, as('viewer'))
		).json()) as DiffResponse;
		expect(live.scope).toBe('board');
		expect(live.from).toMatchObject({ kind: 'snapshot', id: snap.id, name: 'v1' });
		expect(live.to.kind).toBe('live');
		if (live.scope !== 'board') throw new Error('board diff expected');
		expect(live.diff.risks.added.map((r) => r.title)).toEqual(['New risk']);
		expect(live.diff.matrices.changed[0]!.cellsChanged).toEqual([
			{ rowId: row, row: 'Ship it', colId: col, column: 'Ada', before: ['R', 'A'], after: ['R'] }
		]);
		expect(live.diff.changeCount).toBe(2);

		const matrixOnly = (await (
			await app.request(
				`/api/boards/${board.id}/diff?from=${snap.id}&to=live&matrix=${matrixId}`,
				as('viewer')
			)
		).json()) as DiffResponse;
		expect(matrixOnly).toMatchObject({ scope: 'matrix', matrixId, diff: { changeCount: 1 } });

		const same = (await (
			await app.request(`/api/boards/${board.id}/diff?from=${snap.id}&to=${snap.id}`, as('viewer'))
		).json()) as DiffResponse;
		expect(same.diff.changeCount).toBe(0);
	});

	it('gives matrix snapshots a matrix diff, and clear errors for bad diff requests', async () => {
		const { app, board, post, as, edit, matrixId, row, col } = await withMatrix();
		const snap = (await (
			await app.request(
				`/api/boards/${board.id}/snapshots`,
				post('owner', { name: 'RACI v1', author: 'Ada', scope: 'matrix', matrixId })
			)
		).json()) as SnapshotMeta;
		expect(snap).toMatchObject({ scope: 'matrix', matrixId });
		const opened = (await (
			await app.request(`/api/boards/${board.id}/snapshots/${snap.id}`, as('viewer'))
		).json()) as SnapshotWithBoard;
		expect(opened.board.risks).toEqual([]);
		await edit((doc) => setRaciCell(doc, { matrixId, rowId: row, colId: col, letters: [] }));
		const diff = (await (
			await app.request(`/api/boards/${board.id}/diff?from=${snap.id}`, as('viewer'))
		).json()) as DiffResponse;
		expect(diff.scope).toBe('matrix');
		expect(diff.diff.changeCount).toBe(1);

		const base = `/api/boards/${board.id}/diff`;
		expect(await errorCode(await app.request(base, as('viewer')))).toBe('invalid_request');
		expect(await errorCode(await app.request(`${base}?from=nope`, as('viewer')))).toBe(
			'snapshot_not_found'
		);
		expect(await errorCode(await app.request(`${base}?from=../x`, as('viewer')))).toBe(
			'snapshot_not_found'
		);
		const noMatrix = await app.request(`${base}?from=live&matrix=nope`, as('viewer'));
		expect(noMatrix.status).toBe(404);
		expect(await errorCode(noMatrix)).toBe('matrix_not_found');
	});

	it('takes the snapshot from committed state and lets the room unload afterwards', async () => {
		const { app, board, post, rooms, metrics } = await withMatrix();
		expect(rooms.size).toBe(0);
		const response = await app.request(
			`/api/boards/${board.id}/snapshots`,
			post('owner', { name: 'cold', author: 'Ada' })
		);
		expect(response.status).toBe(201);
		expect(metrics.get('riskboard_snapshots_created_total')).toBe(1);
		while (rooms.size > 0) await new Promise((r) => setTimeout(r, 2));
	});
});
