import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { builtAppPolicy, securityHeaders } from './security-headers.ts';

const dirs: string[] = [];
afterEach(() => {
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A web dir whose index.html carries the <meta> policy SvelteKit writes. */
function builtApp(policy: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'riskboard-csp-'));
	dirs.push(dir);
	writeFileSync(
		join(dir, 'index.html'),
		`<!doctype html><html><head><meta http-equiv="content-security-policy" content="${policy}"></head><body></body></html>`
	);
	return dir;
}

async function headersOf(options: { webDir: string; https: boolean }): Promise<Headers> {
	const app = new Hono();
	app.use('*', securityHeaders(options));
	app.get('/', (c) => c.text('ok'));
	return (await app.request('/')).headers;
}

describe('security headers', () => {
	it("sends the built app's policy as a header, with frame-ancestors 'none'", async () => {
		const dir = builtApp(
			"default-src 'self'; script-src 'self' 'sha256-abc='; style-src 'self'; base-uri 'none'"
		);
		expect(builtAppPolicy(dir)).toEqual({
			'default-src': ["'self'"],
			'script-src': ["'self'", "'sha256-abc='"],
			'style-src': ["'self'"],
			'base-uri': ["'none'"]
		});
		const headers = await headersOf({ webDir: dir, https: false });
		expect(headers.get('content-security-policy')).toBe(
			"default-src 'self'; script-src 'self' 'sha256-abc='; style-src 'self'; base-uri 'none'; frame-ancestors 'none'; report-uri /api/csp-reports"
		);
		expect(headers.get('x-frame-options')).toBe('DENY');
		expect(headers.get('referrer-policy')).toBe('no-referrer');
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(headers.get('permissions-policy')).toContain('camera=()');
		expect(headers.get('strict-transport-security')).toBeNull();
	});

	it('allows nothing without a built app, and sends HSTS only behind an HTTPS public URL', async () => {
		const headers = await headersOf({ webDir: '', https: true });
		expect(headers.get('content-security-policy')).toBe(
			"default-src 'none'; frame-ancestors 'none'; report-uri /api/csp-reports"
		);
		expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
	});
});
