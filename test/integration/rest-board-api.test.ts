/**
 * A board run through REST alone, against a real server: a script that knows only `fetch` and
 * the OpenAPI document creates a risk, patches it and adds an action; a stock y-websocket client
 * on the board sees each change live; the history names the author the script gave; a POST
 * retried with the same Idempotency-Key creates one risk.
 */
import { readBoard } from '@riskboard/model';
import { afterEach, describe, expect, it } from 'vitest';
import { connectSynced } from '../utils/clients.ts';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface OpenApi {
	paths: Record<
		string,
		Record<string, { requestBody?: unknown; parameters?: Array<{ name: string }> }>
	>;
}

/**
 * What an integration writes: it reads the document to find its operations (no SDK, no
 * websocket, no Yjs), then calls them with `fetch`.
 */
function restScript(origin: string, boardId: string, token: string) {
	let document: OpenApi | null = null;
	const call = async (
		method: string,
		template: string,
		params: Record<string, string>,
		body?: unknown,
		headers: Record<string, string> = {}
	) => {
		document ??= (await (await fetch(`${origin}/api/openapi.json`)).json()) as OpenApi;
		const operation = document.paths[template]?.[method];
		if (!operation) throw new Error(`the document has no ${method} ${template}`);
		const path = template.replace(/\{(\w+)\}/g, (_m, name: string) =>
			encodeURIComponent(name === 'id' ? boardId : params[name]!)
		);
		const response = await fetch(`${origin}${path}`, {
			method: method.toUpperCase(),
			headers: {
				authorization: `Bearer ${token}`,
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...headers
			},
			...(body === undefined ? {} : { body: JSON.stringify(body) })
		});
		const text = await response.text();
		return {
			status: response.status,
			json: (text ? JSON.parse(text) : null) as Record<string, unknown>
		};
	};
	return { call, document: () => document };
}

describe('the board through REST alone', () => {
	let server: TestServer;

	it('creates, patches and plans a risk while a stock client sees each change; history names the author', async () => {
		server = await startTestServer();
		cleanup.push(() => server.dispose());
		const board = await createBoard(server.url, 'Release train');
		const watcher = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
		cleanup.push(() => watcher.destroy());
		const live = () => readBoard(watcher.doc);
		const script = restScript(server.url, board.id, board.tokens.editor);

		const created = await script.call(
			'post',
			'/api/boards/{id}/risks',
			{},
			{ title: 'Release 4.2 misses the freeze', likelihood: 3, impact: 4, tags: ['release'] },
			{ 'X-Riskboard-Author': encodeURIComponent('CI — release bot') }
		);
		expect(created.status).toBe(201);
		expect(created.json).toMatchObject({ key: 'R-1', score: 12 });
		const riskId = String(created.json.id);
		await waitFor(() => live().risks.find((r) => r.id === riskId), { what: 'the risk, live' });
		expect(script.document()!.paths['/api/boards/{id}/risks']!.post!.parameters).toEqual(
			expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key' })])
		);

		const patched = await script.call(
			'patch',
			'/api/boards/{id}/risks/{risk}',
			{ risk: 'R-1' },
			{ impact: 5, description: 'Two blocking bugs open', author: 'Dana from QA' }
		);
		expect(patched).toMatchObject({ status: 200, json: { score: 15 } });
		await waitFor(
			() => live().risks.find((r) => r.id === riskId)?.description === 'Two blocking bugs open',
			{ what: 'the patch, live' }
		);
		expect(live().risks[0]).toMatchObject({ impact: 5, score: 15 });

		const action = await script.call(
			'post',
			'/api/boards/{id}/actions',
			{},
			{ riskId: 'R-1', text: 'Triage the blockers daily', progress: 20 }
		);
		expect(action.status).toBe(201);
		await waitFor(() => live().actions.some((a) => a.text === 'Triage the blockers daily'), {
			what: 'the action, live'
		});
		expect(live().risks[0]!.actionIds).toEqual([action.json.id]);

		// A refused write (the model's rule) changes nothing anyone sees.
		const refused = await script.call(
			'patch',
			'/api/boards/{id}/risks/{risk}',
			{ risk: 'R-1' },
			{ status: 'Closed' }
		);
		expect(refused.status).toBe(422);
		expect(live().risks[0]!.status).toBe('Open');

		const history = await script.call('get', '/api/boards/{id}/risks/{riskId}/history', { riskId });
		const entries = history.json.entries as Array<{ field: string; by: string; role: string }>;
		expect(entries.find((e) => e.field === '*')).toMatchObject({
			by: 'CI — release bot',
			role: 'editor'
		});
		expect(entries.find((e) => e.field === 'impact')).toMatchObject({ by: 'Dana from QA' });
		expect(entries.find((e) => e.field === 'actions')).toMatchObject({ by: 'Editor' });
	});

	it('creates once when a POST is retried with the same Idempotency-Key', async () => {
		server = await startTestServer();
		cleanup.push(() => server.dispose());
		const board = await createBoard(server.url, 'Retries');
		const script = restScript(server.url, board.id, board.tokens.editor);
		const body = { title: 'Flaky network in CI' };
		const key = { 'Idempotency-Key': 'ticket-4711' };
		const first = await script.call('post', '/api/boards/{id}/risks', {}, body, key);
		const retry = await script.call('post', '/api/boards/{id}/risks', {}, body, key);
		expect([first.status, retry.status]).toEqual([201, 201]);
		expect(retry.json).toEqual(first.json);
		const list = await script.call('get', '/api/boards/{id}/risks', {});
		expect(list.json.total).toBe(1);
		const reused = await script.call('post', '/api/boards/{id}/risks', {}, { title: 'Other' }, key);
		expect(reused).toMatchObject({
			status: 422,
			json: { error: { code: 'idempotency_key_reused' } }
		});
	});
});
