/**
 * `POST /api/csp-reports`: where browsers report Content-Security-Policy violations (the policy's
 * `report-uri`). Each report is counted (`riskboard_csp_reports_total`, by directive) and logged
 * with the directive, the blocked resource and where it happened, so an operator sees a page the
 * policy breaks; the e2e suite fails when any test caused one. Answers 204 whatever it was sent:
 * a report is only ever counted, never stored or echoed.
 */
import { createRoute } from '@hono/zod-openapi';
import { createApi, errors, type Api } from '../api/contract.ts';
import type { AppDeps } from '../deps.ts';

/**
 * No body schema on purpose: browsers send `application/csp-report` or
 * `application/reports+json` in two shapes, and a report that fits neither is still answered 204
 * (only counted when it can be read), so a browser never retries it.
 */
const report = createRoute({
	method: 'post',
	path: '/',
	summary: 'Where browsers report Content-Security-Policy violations',
	tags: ['Operations'],
	responses: { 204: { description: 'Counted (or ignored)' }, ...errors(413, 429) }
});

/** The fields of a report worth logging, from either report format browsers send. */
function summarise(body: unknown): { directive: string; blocked: string; source: string } | null {
	const report =
		(body as { 'csp-report'?: Record<string, unknown> } | null)?.['csp-report'] ??
		(Array.isArray(body)
			? ((body[0] as { body?: Record<string, unknown> } | undefined)?.body ?? null)
			: null);
	if (!report || typeof report !== 'object') return null;
	const text = (...keys: string[]) => {
		for (const key of keys) {
			const value = report[key];
			if (typeof value === 'string' || typeof value === 'number')
				return String(value).slice(0, 200);
		}
		return '';
	};
	return {
		directive: text('effective-directive', 'effectiveDirective', 'violated-directive') || 'unknown',
		blocked: text('blocked-uri', 'blockedURL') || 'inline',
		source: `${text('source-file', 'sourceFile')}:${text('line-number', 'lineNumber')}`
	};
}

export function cspReportRoutes(deps: AppDeps): Api {
	const app = createApi();
	app.openapi(report, async (c) => {
		const report = summarise(await c.req.json().catch(() => null));
		if (report) {
			// Directive names are a small fixed set; anything else is one label, not a new series.
			const directive = /^[a-z-]{1,40}$/.test(report.directive) ? report.directive : 'other';
			deps.metrics.inc('riskboard_csp_reports_total', { directive });
			deps.log.warn('csp violation', report);
		}
		return c.body(null, 204);
	});
	return app;
}
