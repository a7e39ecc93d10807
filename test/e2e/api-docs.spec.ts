/**
 * The API reference at /api/docs: Swagger UI served by this server (no CDN: every request the
 * page makes stays on this origin) renders the generated OpenAPI document under the page's own
 * Content-Security-Policy without a violation.
 */
import { expect, test } from '@playwright/test';

test('the API reference renders the contract from this server alone', async ({ page, baseURL }) => {
	const foreign: string[] = [];
	const violations: string[] = [];
	page.on('request', (request) => {
		if (!request.url().startsWith(baseURL!) && !request.url().startsWith('data:')) {
			foreign.push(request.url());
		}
	});
	page.on('console', (message) => {
		if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
	});
	await page.goto('/api/docs');
	await expect(page.getByRole('heading', { name: /Riskboard REST API/ })).toBeVisible();
	// The operations of the document are listed, grouped by tag; one opens on a click.
	await expect(page.getByRole('heading', { name: 'Links' })).toBeVisible();
	const revoke = page.getByText('/api/boards/{id}/links/{link}', { exact: true }).first();
	await revoke.click();
	await expect(page.getByText('token_revoked').first()).toBeVisible();
	expect(foreign).toEqual([]);
	expect(violations).toEqual([]);
});
