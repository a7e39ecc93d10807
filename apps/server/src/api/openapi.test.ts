/**
 * The generated OpenAPI document: valid OpenAPI 3.1 (checked by an independent validator), and
 * complete — every REST route the app serves is in it, so a route added without a contract
 * fails here.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { testApp } from '../routes/test-app.ts';

/** Routes of the app that are not REST endpoints of the contract. */
const NOT_DOCUMENTED = new Set(['/api/openapi.json', '/api/docs', '/api/*']);

async function documentOf(app: Awaited<ReturnType<typeof testApp>>['app']) {
	const response = await app.request('/api/openapi.json');
	expect(response.status).toBe(200);
	return (await response.json()) as {
		openapi: string;
		paths: Record<string, Record<string, { security?: unknown[] }>>;
	};
}

describe('the OpenAPI document', () => {
	it('is valid OpenAPI 3.1', async () => {
		const { app } = await testApp();
		const document = await documentOf(app);
		expect(document.openapi).toBe('3.1.0');
		const validator = new Validator();
		const result = await validator.validate(document);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('describes every REST route of the app', async () => {
		const { app } = await testApp();
		const document = await documentOf(app);
		const served = app.routes
			.filter((route) => route.method !== 'ALL' && route.path.startsWith('/api/'))
			.filter((route) => !NOT_DOCUMENTED.has(route.path) && !route.path.startsWith('/api/docs/'))
			.map((route) => ({
				method: route.method.toLowerCase(),
				path: route.path.replace(/:([A-Za-z]+)/g, '{$1}')
			}));
		expect(served.length).toBeGreaterThan(15);
		const missing = served.filter(({ method, path }) => !document.paths[path]?.[method]);
		expect(missing).toEqual([]);
	});

	it('declares the bearer token on every board route', async () => {
		const { app } = await testApp();
		const document = await documentOf(app);
		for (const [path, operations] of Object.entries(document.paths)) {
			if (!path.startsWith('/api/boards/{id}')) continue;
			for (const [method, operation] of Object.entries(operations)) {
				expect(operation.security, `${method} ${path}`).toEqual([{ boardToken: [] }]);
			}
		}
	});

	it('serves a reference page and its assets from this server', async () => {
		const { app } = await testApp();
		const page = await app.request('/api/docs');
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('/api/docs/swagger-ui-bundle.js');
		expect(html).not.toMatch(/https?:\/\//);
		for (const asset of ['swagger-ui-bundle.js', 'swagger-ui.css', 'init.js']) {
			const response = await app.request(`/api/docs/${asset}`);
			expect(response.status, asset).toBe(200);
			expect((await response.text()).length, asset).toBeGreaterThan(10);
		}
	});
});
