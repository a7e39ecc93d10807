/**
 * Security headers on every answer, from Hono's `secure-headers` middleware. The
 * Content-Security-Policy is the one SvelteKit wrote into the built app (`kit.csp` in hash mode,
 * see apps/web/svelte.config.js: its bootstrap script's hash, everything else from this origin
 * only), read once from `index.html`, plus `frame-ancestors 'none'`, which only a header can
 * carry. Without a built app the policy allows nothing at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type Policy = NonNullable<
	NonNullable<Parameters<typeof secureHeaders>[0]>['contentSecurityPolicy']
>;

const META = /<meta http-equiv="content-security-policy" content="([^"]*)"/i;

/** The policy of the built web app's `index.html` <meta>, as directives; null without one. */
export function builtAppPolicy(webDir: string): Record<string, string[]> | null {
	if (!webDir) return null;
	let html: string;
	try {
		html = readFileSync(join(webDir, 'index.html'), 'utf8');
	} catch {
		return null;
	}
	const content = META.exec(html)?.[1];
	if (!content) return null;
	const directives: Record<string, string[]> = {};
	for (const part of content.replace(/&#39;|&apos;/g, "'").split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) directives[name] = values;
	}
	return directives;
}

const camel = (name: string) => name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/**
 * The CSP directives the server sends: the built app's, plus frame-ancestors 'none' and a
 * `report-uri` (kept to `report-uri`: Chromium sends those at once, `report-to` in batches).
 */
export function contentSecurityPolicy(webDir: string): Policy {
	const built = builtAppPolicy(webDir) ?? { 'default-src': ["'none'"] };
	const policy: Record<string, string[]> = {};
	for (const [name, values] of Object.entries(built)) policy[camel(name)] = values;
	policy.frameAncestors = ["'none'"];
	// Violations are reported to the server (routes/csp-reports.ts), which counts and logs them.
	policy.reportUri = ['/api/csp-reports'];
	return policy as Policy;
}

/**
 * The API reference page's policy (`/api/docs`, Swagger UI from this server): its scripts and
 * styles from this origin only, plus the style attributes Swagger UI sets and its inline SVG
 * images; it talks only to this origin (the document, "try it out").
 */
export const DOCS_POLICY: Policy = {
	defaultSrc: ["'none'"],
	scriptSrc: ["'self'"],
	styleSrc: ["'self'", "'unsafe-inline'"],
	imgSrc: ["'self'", 'data:'],
	fontSrc: ["'self'"],
	connectSrc: ["'self'"],
	frameAncestors: ["'none'"],
	reportUri: ['/api/csp-reports']
};

/** The middleware: CSP, no framing, no referrer, no sniffing, same-origin isolation. */
export function securityHeaders(options: { webDir: string; https: boolean }): MiddlewareHandler {
	const app = headers(options, contentSecurityPolicy(options.webDir));
	const docs = headers(options, DOCS_POLICY);
	return (c, next) =>
		c.req.path === '/api/docs' || c.req.path.startsWith('/api/docs/')
			? docs(c, next)
			: app(c, next);
}

function headers(options: { https: boolean }, policy: Policy): MiddlewareHandler {
	return secureHeaders({
		contentSecurityPolicy: policy,
		xFrameOptions: 'DENY',
		referrerPolicy: 'no-referrer',
		// Browsers ignore HSTS over plain HTTP; send it only when the public URL is HTTPS.
		strictTransportSecurity: options.https ? 'max-age=15552000; includeSubDomains' : false,
		permissionsPolicy: {
			camera: [],
			microphone: [],
			geolocation: [],
			payment: [],
			usb: []
		}
	});
}
