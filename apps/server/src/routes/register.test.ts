import { addPerson, type Risk } from '@riskboard/model';
import { describe, expect, it } from 'vitest';
import { testApp } from './test-app.ts';

const errorOf = async (response: Response) =>
	((await response.json()) as { error: { code: string; message: string } }).error;

describe('the board API', () => {
	it('adds, reads by key, patches, filters, closes and deletes risks, with the author stored', async () => {
		const t = await testApp();
		const { app, board, as, store } = t;
		const ada = await t.edit((doc) => addPerson(doc, { name: 'Ada Lovelace' }));
		const base = `/api/boards/${board.id}/risks`;
		const send = (
			method: string,
			path: string,
			body: unknown,
			headers: Record<string, string> = {}
		) =>
			app.request(path, {
				method,
				headers: {
					authorization: `Bearer ${board.tokens.editor}`,
					'content-type': 'application/json',
					...headers
				},
				body: JSON.stringify(body)
			});

		const created = await send('POST', base, {
			title: 'Vendor slips',
			likelihood: 4,
			impact: 5,
			author: ada
		});
		expect(created.status).toBe(201);
		const risk = (await created.json()) as Risk;
		expect(risk).toMatchObject({ key: 'R-1', title: 'Vendor slips', score: 20, band: 'critical' });
		await send(
			'POST',
			base,
			{ title: 'Café permits', tags: ['legal'] },
			{
				'x-riskboard-author': encodeURIComponent('Zoë Ünal')
			}
		);

		const byKey = await app.request(`${base}/r-1`, as('viewer'));
		expect(((await byKey.json()) as Risk).id).toBe(risk.id);
		const patched = await send('PATCH', `${base}/R-1`, {
			description: 'Cause → event',
			ownerId: ada
		});
		expect(await patched.json()).toMatchObject({ description: 'Cause → event', ownerId: ada });

		const filtered = await app.request(`${base}?band=critical&owner=${ada}`, as('viewer'));
		expect(await filtered.json()).toMatchObject({ total: 1, next: null, risks: [{ key: 'R-1' }] });
		const text = await app.request(`${base}?q=caf%C3%A9`, as('viewer'));
		expect(await text.json()).toMatchObject({ total: 1, risks: [{ key: 'R-2' }] });
		const page1 = (await (await app.request(`${base}?limit=1&sort=-key`, as('viewer'))).json()) as {
			risks: Risk[];
			next: string;
		};
		expect(page1.risks.map((r) => r.key)).toEqual(['R-2']);
		const page2 = await app.request(`${base}?limit=1&sort=-key&cursor=${page1.next}`, as('viewer'));
		expect(await page2.json()).toMatchObject({ risks: [{ key: 'R-1' }], next: null });

		// A rule of the model: Closed needs a reason (422, the model's message); nothing changed.
		const refused = await send('PATCH', `${base}/R-1`, { status: 'Closed' });
		expect(refused.status).toBe(422);
		expect((await errorOf(refused)).code).toBe('rule_refused');
		const closed = await send('POST', `${base}/R-1/close`, { reason: 'Second source signed' });
		expect(await closed.json()).toMatchObject({
			status: 'Closed',
			closedReason: 'Second source signed'
		});

		// Viewers read only.
		const viewer = await app.request(base, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${board.tokens.viewer}`,
				'content-type': 'application/json'
			},
			body: JSON.stringify({ title: 'Nope' })
		});
		expect(viewer.status).toBe(403);

		expect((await send('DELETE', `${base}/R-2`, {})).status).toBe(204);
		expect((await app.request(`${base}/R-2`, as('viewer'))).status).toBe(404);

		// Stored with the link's role and the author: a person, a decoded name, the link's label.
		const written = (await store.listUpdates(board.id)).filter((u) => u.connectionId === 'rest');
		expect(written.map((u) => [u.role, u.name, u.personId])).toEqual([
			['editor', 'Ada Lovelace', ada],
			['editor', 'Zoë Ünal', null],
			['editor', 'Editor', null],
			['editor', 'Editor', null],
			['editor', 'Editor', null]
		]);
	});

	it('refuses a badly encoded author header', async () => {
		const { app, board } = await testApp();
		const response = await app.request(`/api/boards/${board.id}/risks`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${board.tokens.editor}`,
				'content-type': 'application/json',
				'x-riskboard-author': '%E0%A4%A'
			},
			body: JSON.stringify({ title: 'x' })
		});
		expect(response.status).toBe(400);
	});
});

interface MatrixAnswer {
	matrix: {
		id: string;
		rows: Array<{ id: string }>;
		columns: Array<{ id: string }>;
		cells: Record<string, Record<string, string[]>>;
	};
	checks: { errorCount: number; rows: Record<string, unknown[]> };
	error: { code: string; message: string };
}

describe('RACI matrices over REST', () => {
	it('builds a matrix with live checks and refuses a letter its preset lacks with the model’s message', async () => {
		const t = await testApp();
		const ada = await t.edit((doc) => addPerson(doc, { name: 'Ada' }));
		const base = `/api/boards/${t.board.id}/matrices`;
		const send = async (method: string, path: string, body: unknown) => {
			const response = await t.app.request(path, {
				method,
				headers: {
					authorization: `Bearer ${t.board.tokens.editor}`,
					'content-type': 'application/json'
				},
				body: JSON.stringify(body)
			});
			return { status: response.status, json: (await response.json()) as MatrixAnswer };
		};
		const made = await send('POST', base, { name: 'Launch' });
		expect(made.status).toBe(201);
		const id = made.json.matrix.id;
		const row = await send('POST', `${base}/${id}/rows`, { text: 'Approve budget' });
		const rowId = row.json.matrix.rows[0]!.id;
		// No A and no R yet: the row's errors come with the matrix.
		expect(row.json.checks.errorCount).toBeGreaterThan(0);
		const column = await send('POST', `${base}/${id}/columns`, { personId: ada });
		const colId = column.json.matrix.columns[0]!.id;
		const cell = await send('PUT', `${base}/${id}/cells/${rowId}/${colId}`, {
			letters: ['A', 'R']
		});
		expect(cell.status).toBe(200);
		expect(cell.json.matrix.cells[rowId]![colId]).toEqual(['R', 'A']);
		expect(cell.json.checks.rows[rowId]).toEqual([]);
		const refused = await send('PUT', `${base}/${id}/cells/${rowId}/${colId}`, { letters: ['S'] });
		expect(refused.status).toBe(422);
		expect(refused.json.error.code).toBe('rule_refused');
		expect(refused.json.error.message).toMatch(/S/);
		const again = await t.app.request(`${base}/${id}`, t.as('viewer'));
		const kept = (await again.json()) as {
			matrix: { cells: Record<string, Record<string, string[]>> };
		};
		expect(kept.matrix.cells[rowId]![colId]).toEqual(['R', 'A']);
	});
});

describe('empty bodies', () => {
	it('reads an empty JSON body as {}: fine when every field is optional, a 400 naming the required ones otherwise', async () => {
		const { app, board } = await testApp();
		const empty = (path: string, method = 'PATCH') =>
			app.request(`/api/boards/${board.id}${path}`, {
				method,
				headers: {
					authorization: `Bearer ${board.tokens.owner}`,
					'content-type': 'application/json'
				},
				body: ''
			});
		expect((await empty('/settings')).status).toBe(200);
		const refused = await empty('/links', 'POST');
		expect(refused.status).toBe(400);
		const { error } = (await refused.json()) as {
			error: { code: string; details: Array<{ path: string[] }> };
		};
		expect(error.code).toBe('invalid_request');
		expect(error.details.map((d) => d.path.join('.')).sort()).toEqual(['body.label', 'body.role']);
	});
});
