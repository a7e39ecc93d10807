import {
	addMatrix,
	addPerson,
	addRaciColumn,
	addRaciRow,
	addRisk,
	setRaciCell,
	setRaciRowText,
	type RegisterJson
} from '@riskboard/model';
import type { SnapshotMeta } from '@riskboard/protocol';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { testApp } from './test-app.ts';

async function setup() {
	const t = await testApp();
	const ids = await t.edit((doc) => {
		const ada = addPerson(doc, { name: 'Ada' });
		const matrixId = addMatrix(doc, { name: 'Go-live plan' });
		const row = addRaciRow(doc, { matrixId, text: '=cmd|calc' });
		const col = addRaciColumn(doc, { matrixId, personId: ada });
		setRaciCell(doc, { matrixId, rowId: row, colId: col, letters: ['A', 'R'] });
		addRisk(doc, { title: '+Vendor slips', likelihood: 3, impact: 4 });
		return { matrixId, row };
	});
	return { ...t, ...ids };
}

const today = () => new Date().toISOString().slice(0, 10);

describe('export routes', () => {
	it('serves the register as CSV, XLSX, Markdown and JSON to a viewer, named and typed', async () => {
		const { app, board, as } = await setup();
		const base = `/api/boards/${board.id}/export/register`;
		const expected = {
			csv: 'text/csv; charset=utf-8',
			xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			md: 'text/markdown; charset=utf-8',
			json: 'application/json; charset=utf-8'
		};
		for (const [format, type] of Object.entries(expected)) {
			const response = await app.request(`${base}.${format}`, as('viewer'));
			expect(response.status, format).toBe(200);
			expect(response.headers.get('content-type')).toBe(type);
			expect(response.headers.get('cache-control')).toBe('no-store');
			expect(response.headers.get('content-disposition')).toBe(
				`attachment; filename="cafe-launch-register-${today()}.${format}"; ` +
					`filename*=UTF-8''caf%C3%A9-launch-register-${today()}.${format}`
			);
		}
		const csv = parse(await (await app.request(`${base}.csv`, as('viewer'))).text(), {
			bom: true
		}) as string[][];
		expect(csv[1]!.slice(0, 2)).toEqual(['R-1', "'+Vendor slips"]);
		const json = (await (await app.request(`${base}.json`, as('viewer'))).json()) as RegisterJson;
		expect(json.risks[0]).toMatchObject({ title: '+Vendor slips', score: 12, band: 'High' });
		const md = await (await app.request(`${base}.md`, as('viewer'))).text();
		expect(md).toContain('| R-1 | \\+Vendor slips |');
		const xlsx = new ExcelJS.Workbook();
		await xlsx.xlsx.load(await (await app.request(`${base}.xlsx`, as('viewer'))).arrayBuffer());
		expect(xlsx.worksheets.map((s) => s.name)).toEqual(['Register', 'Heat map']);
		expect(xlsx.getWorksheet('Register')!.getCell('K2').value).toBe(12);
	});

	it('serves a RACI matrix, live or from a snapshot, with the snapshot in the file name', async () => {
		const { app, board, as, post, edit, matrixId, row } = await setup();
		const snap = (await (
			await app.request(
				`/api/boards/${board.id}/snapshots`,
				post('editor', { name: 'Agreed v1', author: 'Ada' })
			)
		).json()) as SnapshotMeta;
		await edit((doc) => setRaciRowText(doc, { matrixId, rowId: row, value: 'Changed' }));
		const base = `/api/boards/${board.id}/export/raci/${matrixId}`;
		const live = parse(await (await app.request(`${base}.csv`, as('viewer'))).text(), {
			bom: true
		});
		expect(live).toEqual([
			['Activity', 'Ada'],
			['Changed', 'R/A']
		]);
		const frozen = await app.request(`${base}.csv?snapshot=${snap.id}`, as('viewer'));
		expect(parse(await frozen.text(), { bom: true })).toEqual([
			['Activity', 'Ada'],
			["'=cmd|calc", 'R/A']
		]);
		expect(frozen.headers.get('content-disposition')).toContain(
			`filename="cafe-launch-go-live-plan-agreed-v1-${snap.createdAt.slice(0, 10)}.csv"`
		);
		const md = await (await app.request(`${base}.md?snapshot=${snap.id}`, as('viewer'))).text();
		expect(md).toContain('Snapshot “Agreed v1” by Ada');
		expect(md).toContain('| \\=cmd\\|calc | R/A |');
		const xlsx = new ExcelJS.Workbook();
		await xlsx.xlsx.load(
			await (await app.request(`${base}.xlsx?snapshot=${snap.id}`, as('viewer'))).arrayBuffer()
		);
		expect(xlsx.worksheets.map((s) => s.name)).toEqual(['Go-live plan', 'Legend', 'Checks']);
		expect(xlsx.worksheets[0]!.getCell('A2').value).toBe('=cmd|calc');
	});

	it('answers clear errors for bad formats, unknown matrices, snapshots and scopes', async () => {
		const { app, board, as, post, matrixId } = await setup();
		const base = `/api/boards/${board.id}/export`;
		const code = async (path: string) => {
			const response = await app.request(path, as('viewer'));
			return [response.status, ((await response.json()) as { error: { code: string } }).error.code];
		};
		expect(await code(`${base}/register.exe`)).toEqual([400, 'bad_format']);
		expect(await code(`${base}/register`)).toEqual([400, 'bad_format']);
		expect(await code(`${base}/raci/${matrixId}.json`)).toEqual([400, 'bad_format']);
		expect(await code(`${base}/other.csv`)).toEqual([404, 'not_found']);
		expect(await code(`${base}/raci/nope.csv`)).toEqual([404, 'matrix_not_found']);
		expect(await code(`${base}/register.csv?snapshot=nope`)).toEqual([404, 'snapshot_not_found']);
		const scoped = (await (
			await app.request(
				`/api/boards/${board.id}/snapshots`,
				post('owner', { name: 'm', author: 'A', scope: 'matrix', matrixId })
			)
		).json()) as SnapshotMeta;
		expect(await code(`${base}/register.csv?snapshot=${scoped.id}`)).toEqual([
			400,
			'snapshot_scope'
		]);
		expect((await app.request(`${base}/register.csv`)).status).toBe(401);
	});
});
