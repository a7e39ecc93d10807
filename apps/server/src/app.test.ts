import type { CreateBoardResponse } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { HistoryCache } from './history.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { Metrics } from './metrics.ts';
import { MemoryStore } from './storage/memory.ts';
import { RoomManager } from './sync/rooms.ts';

function setup(env: Record<string, string> = {}, store = new MemoryStore()) {
	const lines: string[] = [];
	const config = loadConfig({ WEB_DIR: '', ...env });
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
		[{}, 400, 'invalid_request'],
		[{ title: '   ' }, 400, 'invalid_request'],
		[{ title: 42 }, 400, 'invalid_request'],
		[{ title: 'x'.repeat(201) }, 400, 'invalid_request'],
		[null, 400, 'invalid_request']
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
		expect(await broken.json()).toMatchObject({ error: { code: 'invalid_request' } });
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
		for (const origin of ['http://localhost:8787', 'http://127.0.0.1:8787']) {
			const own = await app.request(
				'http://localhost:8787/api/boards',
				json({ title: 'x' }, { origin, host: 'localhost:8787' })
			);
			expect(own.status).toBe(201);
		}
		const configured = await app.request(
			'http://localhost/api/boards',
			json({ title: 'x' }, { origin: 'https://risk.example.com', host: 'localhost' })
		);
		expect(configured.status).toBe(201);
	});

	it('ignores Host: a rebinding page whose Origin matches its Host is refused', async () => {
		const { app } = setup();
		const rebound = await app.request(
			'http://evil.example:8787/api/boards',
			json({ title: 'x' }, { origin: 'http://evil.example:8787', host: 'evil.example:8787' })
		);
		expect(rebound.status).toBe(403);
		expect(await rebound.json()).toMatchObject({ error: { code: 'origin_not_allowed' } });
	});

	it('with PUBLIC_URL accepts that origin only (plus ALLOWED_ORIGINS), not loopback', async () => {
		const { app } = setup({ PUBLIC_URL: 'https://risk.example.com/' });
		const post = (origin: string) =>
			app.request('/api/boards', json({ title: 'x' }, { origin, host: 'risk.example.com' }));
		expect((await post('https://risk.example.com')).status).toBe(201);
		expect((await post('http://localhost:8787')).status).toBe(403);
		expect((await post('http://risk.example.com')).status).toBe(403);
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

/** A store whose board reads fail with `error`. */
function failingStore(error: Error): MemoryStore {
	const store = new MemoryStore();
	store.getBoard = () => Promise.reject(error);
	return store;
}

describe('failures', () => {
	it('answers storage failures 503 with Retry-After, never 500', async () => {
		const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
		const { app, metrics } = setup({}, failingStore(full));
		const response = await app.request('/api/boards/AAAAAAAAAAAAAAAAAAAAAA', {
			headers: { authorization: 'Bearer x' }
		});
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('5');
		expect(await response.json()).toMatchObject({ error: { code: 'storage_unavailable' } });
		expect(metrics.get('riskboard_storage_errors_total')).toBe(1);
	});

	it('answers a bug 500 with the request id it logged', async () => {
		const { app, lines } = setup({}, failingStore(new TypeError('board.title is undefined')));
		const response = await app.request('/api/boards/AAAAAAAAAAAAAAAAAAAAAA', {
			headers: { authorization: 'Bearer x' }
		});
		expect(response.status).toBe(500);
		const body = (await response.json()) as { error: { code: string; requestId: string } };
		expect(body.error.code).toBe('internal');
		expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
		expect(response.headers.get('x-request-id')).toBe(body.error.requestId);
		const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
		expect(logged).toContainEqual(
			expect.objectContaining({
				level: 'error',
				msg: 'request failed',
				requestId: body.error.requestId
			})
		);
	});
});

describe('CSP reports', () => {
	const report = (body: unknown) => ({
		method: 'POST',
		headers: { 'content-type': 'application/csp-report' },
		body: JSON.stringify(body)
	});

	it('counts and logs a violation, and answers 204 to anything', async () => {
		const { app, metrics, lines } = setup();
		const answer = await app.request(
			'/api/csp-reports',
			report({
				'csp-report': {
					'effective-directive': 'script-src-elem',
					'blocked-uri': 'inline',
					'source-file': 'http://127.0.0.1:8787/b/x',
					'line-number': 4
				}
			})
		);
		expect(answer.status).toBe(204);
		expect(metrics.get('riskboard_csp_reports_total', { directive: 'script-src-elem' })).toBe(1);
		expect(lines.some((l) => l.includes('"csp violation"') && l.includes('script-src-elem'))).toBe(
			true
		);
		expect((await app.request('/api/csp-reports', report('nonsense'))).status).toBe(204);
		const weird = report({ 'csp-report': { 'effective-directive': 'x'.repeat(500) } });
		expect((await app.request('/api/csp-reports', weird)).status).toBe(204);
		expect(metrics.get('riskboard_csp_reports_total', { directive: 'other' })).toBe(1);
	});

	it('takes at most 100 reports a minute from one address', async () => {
		const { app } = setup();
		const body = { 'csp-report': { 'effective-directive': 'img-src' } };
		for (let i = 0; i < 100; i++) {
			expect((await app.request('/api/csp-reports', report(body))).status).toBe(204);
		}
		expect((await app.request('/api/csp-reports', report(body))).status).toBe(429);
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
		expect(loadConfig({ PUBLIC_URL: 'https://risk.example.com/' }).publicUrl).toBe(
			'https://risk.example.com'
		);
		expect(() => loadConfig({ PUBLIC_URL: 'https://a.example/board' })).toThrow(/PUBLIC_URL/);
		expect(() => loadConfig({ PUBLIC_URL: 'risk.example.com' })).toThrow(/PUBLIC_URL/);
		expect(loadConfig({}).timeZone).toBe('UTC');
		expect(loadConfig({ TZ: 'Pacific/Auckland' }).timeZone).toBe('Pacific/Auckland');
		expect(loadConfig({ TZ: ':America/New_York' }).timeZone).toBe('America/New_York');
		expect(() => loadConfig({ TZ: 'Mars/Olympus' })).toThrow(/TZ must be an IANA time zone/);
		expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
		expect(() => loadConfig({ REST_RATE_WINDOW_MS: '0' })).toThrow(/REST_RATE_WINDOW_MS/);
	});
});
