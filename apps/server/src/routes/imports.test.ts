import { addPerson, addRisk, readBoard, updateRisk } from '@riskboard/model';
import type {
	ImportCommitResponse,
	ImportCreated,
	ImportInfo,
	ImportList,
	ImportUndoResponse
} from '@riskboard/protocol';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stopParser } from '../import/parse-pool.ts';
import { testApp } from './test-app.ts';

const fixture = (name: string) =>
	readFileSync(new URL(`../import/fixtures/${name}`, import.meta.url));
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

afterAll(stopParser);

async function setup() {
	const t = await testApp();
	const upload = (
		role: 'owner' | 'editor' | 'viewer',
		name: string,
		type = 'text/csv',
		query = ''
	) =>
		t.app.request(
			`/api/boards/${t.board.id}/imports?filename=${encodeURIComponent(name)}${query}`,
			{
				method: 'POST',
				headers: { authorization: `Bearer ${t.board.tokens[role]}`, 'content-type': type },
				body: fixture(name)
			}
		);
	const call = (path: string, body?: unknown) =>
		t.app.request(
			`/api/boards/${t.board.id}/imports${path}`,
			body === undefined ? t.as('editor') : t.post('editor', body)
		);
	const risks = () => t.rooms.read(t.board.id, (doc) => readBoard(doc).risks);
	return { ...t, upload, call, risks };
}

// The first upload starts the parser thread (~0.7 s, far more on a loaded machine).
describe('import routes', { timeout: 30_000 }, () => {
	it('previews the bad-rows file, refuses to commit it whole, then imports exactly the valid rows', async () => {
		const t = await setup();
		const created = await t.upload('editor', 'bad-rows.csv');
		expect(created.status).toBe(201);
		const { id, preview } = (await created.json()) as ImportCreated;
		expect(preview).toMatchObject({
			status: 'preview',
			format: 'csv',
			encoding: 'utf-8',
			delimiter: ',',
			headerRow: 1
		});
		expect(preview.summary).toMatchObject({ total: 6, valid: 2, invalid: 4 });
		expect(preview.rows[1]).toMatchObject({
			line: 3,
			errors: [{ column: 'Likelihood', message: 'likelihood 7 is outside 1–5' }]
		});
		const before = (await t.store.listUpdates(t.board.id)).length;
		const refused = await t.call(`/${id}/commit`, { mapping: {} });
		expect(refused.status).toBe(422);
		const body = (await refused.json()) as {
			error: { code: string; message: string; rows: unknown[] };
		};
		expect(body.error.code).toBe('invalid_rows');
		expect(body.error.rows).toContainEqual({ line: 4, column: 'Title', message: 'title is empty' });
		expect((await t.store.listUpdates(t.board.id)).length).toBe(before);
		expect(await t.risks()).toHaveLength(0);
		const committed = await t.call(`/${id}/commit`, { mapping: {}, skipInvalid: true, by: 'Ada' });
		expect(committed.status).toBe(200);
		const result = (await committed.json()) as ImportCommitResponse;
		expect(result).toMatchObject({ created: 2, updated: 0, skipped: 0 });
		expect((await t.risks()).map((r) => [r.title, r.sourceId])).toEqual([
			['Good row', 'B-1'],
			['Another good row', 'B-6']
		]);
		// One stored update, written by the importer through their link.
		const log = await t.store.listUpdates(t.board.id);
		expect(log.length).toBe(before + 1);
		expect(log.at(-1)).toMatchObject({ role: 'editor', name: 'Ada', connectionId: 'rest' });
		// A second commit of the same import is refused.
		expect((await t.call(`/${id}/commit`, { mapping: {} })).status).toBe(409);
		const listed = (await (await t.call('')).json()) as ImportList;
		expect(listed.imports).toMatchObject([
			{ id, filename: 'bad-rows.csv', status: 'committed', result: { created: 2 } }
		]);
	});

	it('re-previews with a mapping and value mapping, re-parsing on a new delimiter, and commits the European file', async () => {
		const t = await setup();
		await t.edit((doc) => addPerson(doc, { name: 'Zoe Muller', email: 'zoe@example.com' }));
		const { id, preview } = (await (
			await t.upload('owner', 'european-semicolon-bom.csv')
		).json()) as ImportCreated;
		expect(preview.delimiter).toBe(';');
		expect(preview.values.owner).toMatchObject({
			'Zoë Müller': expect.any(String),
			'zoe@example.com': expect.any(String),
			'Jürgen Groß': { new: 'Jürgen Groß' }
		});
		expect(preview.summaryText).toBe('3 risks will be added, 1 person will be created');
		// A wrong delimiter re-parses the stored file; the right one brings the columns back.
		const comma = await t.call(`/${id}/preview`, { delimiter: ',' });
		expect(
			((await comma.json()) as { preview: ImportCreated['preview'] }).preview.columns
		).toHaveLength(1);
		const back = (await (
			await t.call(`/${id}/preview`, {
				delimiter: ';',
				mapping: { 1: 'tags' },
				values: { impact: { Medium: 2 } }
			})
		).json()) as { preview: ImportCreated['preview'] };
		expect(back.preview.columns[1]).toMatchObject({ header: 'Risikotitel', field: 'tags' });
		expect(back.preview.rows[0]!.risk).toMatchObject({ impact: 2, tags: ['x'] });
		const done = (await (
			await t.call(`/${id}/commit`, { mapping: { 1: null }, values: { impact: { Medium: 2 } } })
		).json()) as ImportCommitResponse;
		expect(done.created).toBe(3);
		const board = await t.rooms.read(t.board.id, (doc) => readBoard(doc));
		expect(board.risks[0]).toMatchObject({
			title: 'Lieferant liefert zu spät',
			impact: 2,
			dueDate: '2026-09-12',
			status: 'Mitigating',
			tags: []
		});
		expect(board.risks[2]).toMatchObject({ status: 'Closed', closedReason: 'Imported as closed' });
		expect(board.people.map((p) => p.name).sort()).toEqual(['Jürgen Groß', 'Zoe Muller']);
	});

	it('imports an XLSX with a title block, and re-imports it as updates by source id', async () => {
		const t = await setup();
		const first = (await (
			await t.upload('editor', 'title-block-merged.xlsx', XLSX)
		).json()) as ImportCreated;
		expect(first.preview).toMatchObject({
			format: 'xlsx',
			sheets: ['Risk Register'],
			headerRow: 4
		});
		await t.call(`/${first.id}/commit`, { mapping: {} });
		const imported = await t.risks();
		expect(
			imported.map((r) => [r.sourceId, r.likelihood, r.impact, r.nextReviewDate, r.response])
		).toEqual([
			['PX-1', 4, 5, '2026-09-12', 'Transfer'],
			['PX-2', 3, 3, '2026-10-01', 'Mitigate'],
			['PX-3', 2, 4, '2026-11-15', 'Accept']
		]);
		await t.edit((doc) => updateRisk(doc, imported[0]!.id, { likelihood: 1 }));
		const again = (await (
			await t.upload('editor', 'title-block-merged.xlsx', XLSX)
		).json()) as ImportCreated;
		expect(again.preview.summary).toMatchObject({ duplicates: 3, add: 0, skip: 3 });
		const update = (await (
			await t.call(`/${again.id}/commit`, { mapping: {}, duplicates: 'update' })
		).json()) as ImportCommitResponse;
		expect(update).toMatchObject({ created: 0, updated: 1, skipped: 0 });
		expect((await t.risks()).map((r) => r.likelihood)).toEqual([4, 3, 2]);
		// Undo of the update puts the edited value back.
		const undone = (await (await t.call(`/${again.id}/undo`, {})).json()) as ImportUndoResponse;
		expect(undone).toMatchObject({ removed: 0, restored: 1, kept: [] });
		expect((await t.risks()).map((r) => r.likelihood)).toEqual([1, 3, 2]);
	});

	it('undo removes the import and keeps a risk edited since, saying which', async () => {
		const t = await setup();
		const { id } = (await (
			await t.upload('editor', 'quoted-newlines.csv')
		).json()) as ImportCreated;
		const { riskIds } = (await (
			await t.call(`/${id}/commit`, { mapping: {} })
		).json()) as ImportCommitResponse;
		await t.edit((doc) => updateRisk(doc, riskIds[1]!, { impact: 1 }), 'Bob');
		const undone = await t.call(`/${id}/undo`, {});
		expect(undone.status).toBe(200);
		expect(await undone.json()).toMatchObject({
			removed: 1,
			kept: [{ kind: 'risk', riskId: riskIds[1], reason: 'R-2 was changed after the import' }]
		});
		expect((await t.risks()).map((r) => r.title)).toEqual(['Data centre outage']);
		expect((await t.call(`/${id}/undo`, {})).status).toBe(409);
		const status = (await (await t.call(`/${id}`)).json()) as ImportInfo;
		expect(status).toMatchObject({ status: 'undone', undo: { removed: 1 } });
	});

	it('refuses viewers, wrong types, oversize files, broken files and unknown imports', async () => {
		const t = await setup();
		expect((await t.upload('viewer', 'bad-rows.csv')).status).toBe(403);
		const wrongType = await t.upload('editor', 'bad-rows.csv', 'application/pdf');
		expect(wrongType.status).toBe(415);
		expect((await t.upload('editor', 'title-block-merged.xlsx', 'text/csv')).status).toBe(415);
		const broken = await t.upload('editor', 'broken-quote.csv');
		expect(broken.status).toBe(422);
		expect(((await broken.json()) as { error: { message: string } }).error.message).toMatch(
			/^Unclosed quote starting at line 4/
		);
		const corrupt = await t.upload('editor', 'corrupt.xlsx', XLSX);
		expect(corrupt.status).toBe(422);
		const empty = await t.app.request(`/api/boards/${t.board.id}/imports?filename=e.csv`, {
			method: 'POST',
			headers: { authorization: `Bearer ${t.board.tokens.editor}`, 'content-type': 'text/csv' },
			body: ''
		});
		expect(empty.status).toBe(422);
		const big = await t.app.request(`/api/boards/${t.board.id}/imports?filename=big.csv`, {
			method: 'POST',
			headers: { authorization: `Bearer ${t.board.tokens.editor}`, 'content-type': 'text/csv' },
			body: 'Title\n' + 'x\n'.repeat(6 * 1024 * 1024)
		});
		expect(big.status).toBe(413);
		// 100 KiB is over the JSON limit but fine for an import.
		const mid = await t.app.request(`/api/boards/${t.board.id}/imports?filename=mid.csv`, {
			method: 'POST',
			headers: { authorization: `Bearer ${t.board.tokens.editor}`, 'content-type': 'text/csv' },
			body: 'Title\n' + Array.from({ length: 10_000 }, (_, i) => `Risk ${i}`).join('\n')
		});
		expect(mid.status).toBe(201);
		expect((await t.call('/nope')).status).toBe(404);
		expect((await t.call('/nope/commit', { mapping: {} })).status).toBe(404);
		expect((await t.call('/x/commit', { mapping: { a: 'title' } })).status).toBe(400);
	});

	it('a refused commit (no title column) writes nothing and the preview stays committable', async () => {
		const t = await setup();
		const riskId = await t.edit((doc) => addRisk(doc, { title: 'Good row', sourceId: 'B-1' }).id);
		const { id, preview } = (await (
			await t.upload('editor', 'bad-rows.csv')
		).json()) as ImportCreated;
		expect(preview.rows[0]!.duplicateOf).toBe(riskId);
		const before = (await t.store.listUpdates(t.board.id)).length;
		const refused = await t.call(`/${id}/commit`, { mapping: { 1: null }, skipInvalid: true });
		expect(refused.status).toBe(422);
		expect(((await refused.json()) as { error: { code: string } }).error.code).toBe(
			'invalid_mapping'
		);
		expect((await t.store.listUpdates(t.board.id)).length).toBe(before);
		// The import is still a preview and can be committed properly.
		expect((await t.call(`/${id}/commit`, { mapping: {}, skipInvalid: true })).status).toBe(200);
	});
});
