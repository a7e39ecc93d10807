/**
 * The production bundle (`apps/server/dist/`, what `pnpm start` runs) with plain node: the parts
 * it loads lazily or in a thread of their own — the import parser's worker and the XLSX writer —
 * work there too, not only from the TypeScript sources the other suites run. (An import once
 * answered 500 from the bundle because its worker file was not in it.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	buildServerBundle,
	createBoard,
	removeDir,
	spawnServer,
	tempDataDir,
	type ChildServer
} from '../utils/server.ts';

let server: ChildServer;
let dataDir: string;
beforeAll(async () => {
	buildServerBundle();
	dataDir = tempDataDir('riskboard-bundle-');
	server = await spawnServer({ dataDir, bundle: true });
}, 120_000);
afterAll(async () => {
	await server?.stop();
	removeDir(dataDir);
});

describe('the production bundle', () => {
	it('parses an uploaded register in its worker thread and commits it', async () => {
		const board = await createBoard(server.url, 'Bundle');
		const auth = { authorization: `Bearer ${board.tokens.editor}` };
		const upload = await fetch(
			`${server.url}/api/boards/${board.id}/imports?filename=register.csv`,
			{
				method: 'POST',
				headers: { ...auth, 'content-type': 'text/csv' },
				body: 'Risk;Probability;Impact\nVendor late;3;4\n"Scope; creep";High;2\n'
			}
		);
		const created = (await upload.json()) as {
			id: string;
			preview: { delimiter: string; summary: { total: number } };
		};
		expect(upload.status, JSON.stringify(created)).toBe(201);
		expect(created.preview.delimiter).toBe(';');
		expect(created.preview.summary.total).toBe(2);
		const commit = await fetch(
			`${server.url}/api/boards/${board.id}/imports/${created.id}/commit`,
			{
				method: 'POST',
				headers: { ...auth, 'content-type': 'application/json' },
				body: JSON.stringify({ mapping: {}, skipInvalid: true })
			}
		);
		expect(commit.status, await commit.clone().text()).toBe(200);
		const risks = await fetch(`${server.url}/api/boards/${board.id}/risks`, { headers: auth });
		const list = (await risks.json()) as { risks: Array<{ title: string }> };
		expect(list.risks.map((r) => r.title)).toContain('Vendor late');
	}, 60_000);

	it('writes an XLSX export (its writer is loaded on first use)', async () => {
		const board = await createBoard(server.url, 'Bundle export');
		const response = await fetch(`${server.url}/api/boards/${board.id}/export/register.xlsx`, {
			headers: { authorization: `Bearer ${board.tokens.viewer}` }
		});
		expect(response.status).toBe(200);
		const bytes = new Uint8Array(await response.arrayBuffer());
		// An XLSX file is a ZIP archive: it starts with "PK".
		expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]);
	}, 60_000);
});
