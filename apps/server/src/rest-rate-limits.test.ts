import type { CreateBoardResponse } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { HistoryCache } from './history.ts';
import { createLogger } from './log.ts';
import { Metrics } from './metrics.ts';
import { MemoryStore } from './storage/memory.ts';
import { RoomManager } from './sync/rooms.ts';

function setup(env: Record<string, string>) {
	const store = new MemoryStore();
	const metrics = new Metrics();
	const log = createLogger('silent');
	const rooms = new RoomManager({ store, metrics, log, compactEvery: 100, graceMs: 10 });
	const config = loadConfig({ WEB_DIR: '', ...env });
	return {
		app: createApp({ config, store, metrics, log, rooms, history: new HistoryCache({ store }) }),
		metrics
	};
}

const create = (headers: Record<string, string> = {}) => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', ...headers },
	body: JSON.stringify({ title: 'Limits' })
});

describe('REST rate limits', () => {
	it('limits board creation per client address, answering 429 with Retry-After', async () => {
		const { app, metrics } = setup({ CREATE_RATE_LIMIT: '3', TRUST_PROXY: '1' });
		// The proxy appends the real address; what the client put before it is not trusted.
		const from = (address: string, spoofed = '9.9.9.9') => ({
			'x-forwarded-for': `${spoofed}, ${address}`
		});
		for (let i = 0; i < 3; i++) {
			const ok = await app.request('/api/boards', create(from('203.0.113.7', `1.1.1.${i}`)));
			expect(ok.status).toBe(201);
			expect(ok.headers.get('ratelimit-remaining')).toBe(String(2 - i));
		}
		const refused = await app.request('/api/boards', create(from('203.0.113.7')));
		expect(refused.status).toBe(429);
		const retry = Number(refused.headers.get('retry-after'));
		expect(retry).toBeGreaterThan(3590);
		expect(retry).toBeLessThanOrEqual(3600);
		const body = (await refused.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('rate_limited');
		expect(body.error.message).toMatch(/More than 3 boards .* Try again in \d+ s\./);
		expect(metrics.get('riskboard_rest_rate_limited_total', { limit: 'create' })).toBe(1);
		expect((await app.request('/api/boards', create(from('198.51.100.1')))).status).toBe(201);
	});

	it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
		const { app } = setup({ CREATE_RATE_LIMIT: '2' });
		expect(
			(await app.request('/api/boards', create({ 'x-forwarded-for': '1.1.1.1' }))).status
		).toBe(201);
		expect(
			(await app.request('/api/boards', create({ 'x-forwarded-for': '2.2.2.2' }))).status
		).toBe(201);
		expect(
			(await app.request('/api/boards', create({ 'x-forwarded-for': '3.3.3.3' }))).status
		).toBe(429);
	});

	it('limits board routes per link: another link of the board keeps working', async () => {
		const { app } = setup({ REST_RATE_LIMIT: '5', REST_RATE_WINDOW_MS: '60000' });
		const board = (await (
			await app.request('/api/boards', create())
		).json()) as CreateBoardResponse;
		const get = (token: string, path = '') =>
			app.request(`/api/boards/${board.id}${path}`, {
				headers: { authorization: `Bearer ${token}` }
			});
		for (let i = 0; i < 3; i++) expect((await get(board.tokens.editor)).status).toBe(200);
		for (let i = 0; i < 2; i++)
			expect((await get(board.tokens.editor, '/snapshots')).status).toBe(200);
		const refused = await get(board.tokens.editor, '/snapshots');
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await get(board.tokens.viewer)).status).toBe(200);
	});

	it('0 disables a limit', async () => {
		const { app } = setup({ CREATE_RATE_LIMIT: '0' });
		for (let i = 0; i < 30; i++)
			expect((await app.request('/api/boards', create())).status).toBe(201);
	});
});
