/**
 * The HTTP edge of a real server on its documented defaults: REST rate limits from real client
 * addresses.
 */
import { loadConfig } from '@riskboard/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';

const defaults = loadConfig({});
let server: TestServer;
beforeAll(async () => {
	// The test helpers switch the creation limit off for other suites; this one wants the default.
	server = await startTestServer({ CREATE_RATE_LIMIT: String(defaults.createRateLimit) });
});
afterAll(async () => {
	await server.dispose();
});

const createFrom = (url: string) =>
	fetch(`${url}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: 'Burst' })
	});

describe('REST rate limits (documented defaults)', () => {
	it(`creates ${defaults.createRateLimit} boards per address per hour, then 429 with Retry-After`, async () => {
		for (let i = 0; i < defaults.createRateLimit; i++) {
			expect((await createFrom(server.url)).status).toBe(201);
		}
		const refused = await createFrom(server.url);
		expect(refused.status).toBe(429);
		const retryAfter = Number(refused.headers.get('retry-after'));
		expect(retryAfter).toBeGreaterThan(0);
		expect(retryAfter).toBeLessThanOrEqual(defaults.createRateWindowMs / 1000);
		expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
	});

	it(`answers ${defaults.restRateLimit} requests per link per minute, then 429; other links go on`, async () => {
		const other = await startTestServer();
		try {
			const board = await createBoard(other.url, 'Busy link');
			const get = (token: string) =>
				fetch(`${other.url}/api/boards/${board.id}`, {
					headers: { authorization: `Bearer ${token}` }
				});
			let ok = 0;
			for (let sent = 0; sent < defaults.restRateLimit; sent += 50) {
				const batch = await Promise.all(
					Array.from({ length: Math.min(50, defaults.restRateLimit - sent) }, () =>
						get(board.tokens.editor)
					)
				);
				ok += batch.filter((r) => r.status === 200).length;
			}
			expect(ok).toBe(defaults.restRateLimit);
			const refused = await get(board.tokens.editor);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
			expect((await get(board.tokens.viewer)).status).toBe(200);
		} finally {
			await other.dispose();
		}
	});
});
