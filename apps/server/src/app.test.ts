import type { CreateBoardResponse } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { HistoryCache } from './history.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { Metrics } from './metrics.ts';
import { MemoryStore } from './storage/memory.ts';
import { RoomManager } from './sync/rooms.ts';

function setup(env: Record<string, string> = {}) {
	const lines: string[] = [];
	const config = loadConfig({ WEB_DIR: '', ...env });
	const store = new MemoryStore();
	const metrics = new Metrics();
	const log = createLogger('debug', (line) => lines.push(line));
	const rooms = new RoomManager({ store, metrics, log, compactEvery: 100, graceMs: 10 });
	return {
		app: createApp({ config, store, metrics, log, rooms, history: new HistoryCache({ store }) }),
		store,
		metrics,
		lines
	};
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', ...headers },
	body: JSON.stringify(body)
});

describe('REST API', () => {
	it('creates a board with three distinct capability tokens, storing only hashes', async () => {
		const { app, store } = setup();
		const response = await app.request('/api/boards', json({ title: '  Apollo launch  ' }));
		expect(response.status).toBe(201);
		const body = (await response.json()) as CreateBoardResponse;
		expect(body.title).toBe('Apollo launch');
		expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
		const tokens = Object.values(body.tokens);
		expect(new Set(tokens).size).toBe(3);
		for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(await store.findToken(body.id, body.tokens.owner)).toBeNull();
		const info = await app.request(`/api/boards/${body.id}`, {
			headers: { authorization: `Bearer ${body.tokens.viewer}` }
		});
		const viewerInfo = (await info.json()) as Record<string, unknown>;
		expect(viewerInfo).toMatchObject({ id: body.id, title: 'Apollo launch', role: 'viewer' });
		expect(viewerInfo).not.toHaveProperty('quarantinedUpdates');
	});

	it('tells the owner, and only the owner, how many stored changes were quarantined', async () => {
		const { app, store } = setup();
		const response = await app.request('/api/boards', json({ title: 'Quarantine' }));
		const body = (await response.json()) as CreateBoardResponse;
		const info = async (token: string) =>
			(await (
				await app.request(`/api/boards/${body.id}`, {
					headers: { authorization: `Bearer ${token}` }
				})
			).json()) as Record<string, unknown>;
		expect((await info(body.tokens.owner)).quarantinedUpdates).toBe(0);
		await store.quarantineUpdates(body.id, [{ seq: 1, reason: 'test' }]);
		expect((await info(body.tokens.owner)).quarantinedUpdates).toBe(1);
		expect(await info(body.tokens.editor)).not.toHaveProperty('quarantinedUpdates');
	});

	it.each([
		[{}, 400, 'invalid_title'],
		[{ title: '   ' }, 400, 'invalid_title'],
		[{ title: 42 }, 400, 'invalid_title'],
		[{ title: 'x'.repeat(201) }, 400, 'invalid_title'],
		[null, 400, 'invalid_title']
	])('refuses body %j with %i %s', async (body, status, code) => {
		const { app } = setup();
		const response = await app.request('/api/boards', json(body));
		expect(response.status).toBe(status);
		expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
	});

	it('refuses broken JSON, non-JSON and oversized bodies with clear errors', async () => {
		const { app } = setup({ MAX_REQUEST_BYTES: '100' });
		const broken = await app.request('/api/boards', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{"title":'
		});
		expect(broken.status).toBe(400);
		expect(await broken.json()).toMatchObject({ error: { code: 'invalid_json' } });
		const text = await app.request('/api/boards', { method: 'POST', body: 'title=x' });
		expect(text.status).toBe(415);
		const big = await app.request('/api/boards', json({ title: 'x'.repeat(500) }));
		expect(big.status).toBe(413);
		expect(await big.json()).toMatchObject({ error: { code: 'body_too_large' } });
	});

	it('answers 404 for an unknown board and 401 for a missing or wrong token', async () => {
		const { app } = setup();
		const created = (await (
			await app.request('/api/boards', json({ title: 'B' }))
		).json()) as CreateBoardResponse;
		const unknown = await app.request('/api/boards/AAAAAAAAAAAAAAAAAAAAAA', {
			headers: { authorization: `Bearer ${created.tokens.owner}` }
		});
		expect(unknown.status).toBe(404);
		expect((await app.request(`/api/boards/${created.id}`)).status).toBe(401);
		const wrong = await app.request(`/api/boards/${created.id}`, {
			headers: { authorization: `Bearer ${'a'.repeat(43)}` }
		});
		expect(wrong.status).toBe(401);
		expect((await app.request('/api/nothing')).status).toBe(404);
	});

	it('refuses writes from a foreign browser origin but allows its own and configured ones', async () => {
		const { app, metrics } = setup({ ALLOWED_ORIGINS: 'https://risk.example.com' });
		const foreign = await app.request(
			'http://localhost/api/boards',
			json({ title: 'x' }, { origin: 'https://evil.example', host: 'localhost' })
		);
		expect(foreign.status).toBe(403);
		expect(metrics.get('riskboard_connections_refused_total', { reason: 'origin' })).toBe(1);
		const own = await app.request(
			'http://localhost:8787/api/boards',
			json({ title: 'x' }, { origin: 'http://localhost:8787', host: 'localhost:8787' })
		);
		expect(own.status).toBe(201);
		const configured = await app.request(
			'http://localhost/api/boards',
			json({ title: 'x' }, { origin: 'https://risk.example.com', host: 'localhost' })
		);
		expect(configured.status).toBe(201);
	});

	it('can restrict board creation to holders of a secret', async () => {
		const { app } = setup({ CREATE_BOARD_SECRET: 'let-me-in' });
		expect((await app.request('/api/boards', json({ title: 'x' }))).status).toBe(403);
		const ok = await app.request(
			'/api/boards',
			json({ title: 'x' }, { authorization: 'Bearer let-me-in' })
		);
		expect(ok.status).toBe(201);
	});

	it('serves health and Prometheus metrics, and never logs tokens', async () => {
		const { app, lines } = setup();
		const created = (await (
			await app.request('/api/boards', json({ title: 'B' }))
		).json()) as CreateBoardResponse;
		await app.request(`/api/boards/${created.id}`, {
			headers: { authorization: `Bearer ${created.tokens.owner}` }
		});
		expect(await (await app.request('/healthz')).json()).toMatchObject({ ok: true });
		const metrics = await (await app.request('/metrics')).text();
		expect(metrics).toContain('# TYPE riskboard_boards_created_total counter');
		expect(metrics).toContain('riskboard_boards_created_total 1');
		const all = lines.join('\n');
		for (const token of Object.values(created.tokens)) expect(all).not.toContain(token);
	});

	it('sets security headers and says when the web app is not built', async () => {
		const { app } = setup();
		const response = await app.request('/');
		expect(response.status).toBe(503);
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
	});
});

describe('loadConfig', () => {
	it('has documented defaults and rejects bad values', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({
			port: 8787,
			host: '127.0.0.1',
			storage: 'sqlite',
			maxMessageBytes: 4194304
		});
		expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
		expect(() => loadConfig({ STORAGE: 'mongo' })).toThrow(/STORAGE/);
		expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(/origin/);
	});
});
