import { describe, expect, it } from 'vitest';
import { ApiError } from './boards.ts';
import { diffPath, exportPath, fileNameFromDisposition, snapshotsClient } from './snapshots.ts';

interface Call {
	url: string;
	init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response) {
	const calls: Call[] = [];
	const fn = (async (url: string, init: RequestInit = {}) => {
		const call = { url, init };
		calls.push(call);
		return respond(call);
	}) as unknown as typeof fetch;
	return { fn, calls };
}

const json = (body: unknown, status = 200) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('paths', () => {
	it('builds export paths for the register and a matrix, live or of a snapshot', () => {
		expect(exportPath('b1', { kind: 'register', format: 'xlsx' })).toBe(
			'/api/boards/b1/export/register.xlsx'
		);
		expect(
			exportPath('b1', { kind: 'raci', matrixId: 'm 1', format: 'md', snapshotId: 's/2' })
		).toBe('/api/boards/b1/export/raci/m%201.md?snapshot=s%2F2');
	});

	it('builds diff paths with an optional matrix', () => {
		expect(diffPath('b1', { from: 's1', to: 'live' })).toBe('/api/boards/b1/diff?from=s1&to=live');
		expect(diffPath('b1', { from: 's1', to: 's2', matrixId: 'm1' })).toBe(
			'/api/boards/b1/diff?from=s1&to=s2&matrix=m1'
		);
	});
});

describe('fileNameFromDisposition', () => {
	it('prefers the UTF-8 filename*', () => {
		const header = `attachment; filename="Launch-RACI-2024-05-01.xlsx"; filename*=UTF-8''Lancement-%C3%A9t%C3%A9.xlsx`;
		expect(fileNameFromDisposition(header, 'x')).toBe('Lancement-été.xlsx');
	});

	it('falls back to the plain filename, then to the fallback', () => {
		expect(fileNameFromDisposition('attachment; filename="a.csv"', 'x')).toBe('a.csv');
		expect(fileNameFromDisposition('attachment; filename=b.md', 'x')).toBe('b.md');
		expect(fileNameFromDisposition(`attachment; filename*=UTF-8''%E0%A4`, 'x')).toBe('x');
		expect(fileNameFromDisposition(null, 'register.csv')).toBe('register.csv');
	});

	it('never returns a path', () => {
		expect(fileNameFromDisposition('attachment; filename="../../etc/passwd"', 'x')).toBe(
			'.._.._etc_passwd'
		);
	});
});

describe('snapshotsClient', () => {
	it('sends the token as a bearer header, never in the URL', async () => {
		const { fn, calls } = fakeFetch(() => json({ snapshots: [] }));
		await snapshotsClient('b1', 'secret-token', fn).list();
		expect(calls[0]!.url).toBe('/api/boards/b1/snapshots');
		expect(calls[0]!.url).not.toContain('secret');
		expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer secret-token');
	});

	it('creates a matrix snapshot with its matrix id, a board snapshot without', async () => {
		const meta = {
			id: 's1',
			boardId: 'b1',
			name: 'Agreed',
			author: 'Ana',
			role: 'editor',
			createdAt: '2026-01-01T00:00:00.000Z',
			scope: 'matrix',
			matrixId: 'm1',
			digest: 'd'
		};
		const { fn, calls } = fakeFetch(() => json(meta, 201));
		const client = snapshotsClient('b1', 't', fn);
		await client.create({ name: 'Agreed', author: 'Ana', scope: 'matrix', matrixId: 'm1' });
		await client.create({ name: 'All', author: 'Ana', scope: 'board', matrixId: 'm1' });
		expect(JSON.parse(calls[0]!.init.body as string)).toEqual({
			name: 'Agreed',
			author: 'Ana',
			scope: 'matrix',
			matrixId: 'm1'
		});
		expect(JSON.parse(calls[1]!.init.body as string)).toEqual({
			name: 'All',
			author: 'Ana',
			scope: 'board'
		});
		expect(calls[0]!.init.method).toBe('POST');
	});

	it('refuses an answer that does not fit the contract instead of trusting it', async () => {
		const { fn } = fakeFetch(() => json({ id: 's1' }, 201));
		const error = await snapshotsClient('b1', 't', fn)
			.create({ name: 'n', author: 'a', scope: 'board' })
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).code).toBe('unexpected_answer');
	});

	it('turns a refusal into an ApiError with the server message', async () => {
		const { fn } = fakeFetch(() =>
			json({ error: { code: 'forbidden', message: 'Only the owner may delete snapshots.' } }, 403)
		);
		const error = await snapshotsClient('b1', 't', fn)
			.remove('s1')
			.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).status).toBe(403);
		expect((error as ApiError).message).toBe('Only the owner may delete snapshots.');
	});

	it('returns an export as a Blob under the server-chosen name', async () => {
		const { fn, calls } = fakeFetch(
			() =>
				new Response('a,b\r\n', {
					headers: { 'content-disposition': 'attachment; filename="Board-register-2024-01-02.csv"' }
				})
		);
		const file = await snapshotsClient('b1', 't', fn).fetchExport({
			kind: 'register',
			format: 'csv',
			snapshotId: 's9'
		});
		expect(calls[0]!.url).toBe('/api/boards/b1/export/register.csv?snapshot=s9');
		expect(file.fileName).toBe('Board-register-2024-01-02.csv');
		expect(await file.blob.text()).toBe('a,b\r\n');
	});

	it('reports an export refusal', async () => {
		const { fn } = fakeFetch(() =>
			json({ error: { code: 'matrix_not_found', message: 'This board has no such matrix.' } }, 404)
		);
		await expect(
			snapshotsClient('b1', 't', fn).fetchExport({ kind: 'raci', matrixId: 'm', format: 'csv' })
		).rejects.toMatchObject({ status: 404, code: 'matrix_not_found' });
	});
});
