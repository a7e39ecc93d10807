/**
 * Every page of the built app runs under the server's Content-Security-Policy without a single
 * violation: the home page, then each section of a board a person works through (register, heat
 * map, risk detail, people, settings, RACI, snapshots, a running review with a scoring round).
 * A page collects every `securitypolicyviolation` the browser raises, and Chromium's console
 * reports; any one fails the test.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { joinAs, openPeople, openSettings } from './collab-helpers.ts';
import { openRisk } from './detail-helpers.ts';
import { addRisk, createBoardViaUi } from './helpers.ts';
import { createMatrix } from './raci-helpers.ts';
import { openSection } from './review-helpers.ts';

declare global {
	interface Window {
		__cspViolations?: string[];
	}
}

/** Records the CSP violations of every page of `context` in the page and from its console. */
async function watch(context: BrowserContext, reports: string[]): Promise<void> {
	await context.addInitScript(() => {
		window.__cspViolations = [];
		document.addEventListener('securitypolicyviolation', (event) => {
			window.__cspViolations!.push(
				`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} ` +
					`(${event.sourceFile}:${event.lineNumber}) ${event.sample}`
			);
		});
	});
	context.on('console', (message) => {
		if (/Content[- ]Security[- ]Policy/i.test(message.text())) reports.push(message.text());
	});
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations ?? []);

/** Violations browsers reported to the server (the policy's report-uri) since it started. */
async function reported(baseURL: string): Promise<number> {
	const metrics = await (await fetch(`${baseURL}/metrics`)).text();
	return [...metrics.matchAll(/^riskboard_csp_reports_total\{[^}]*\} (\d+)$/gm)].reduce(
		(sum, match) => sum + Number(match[1]),
		0
	);
}

test('every page runs under the CSP with no violation', async ({ browser, baseURL }) => {
	const reports: string[] = [];
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	await watch(context, reports);
	const home = await context.newPage();
	const response = await home.goto('/');
	const policy = response!.headers()['content-security-policy'] ?? '';
	expect(policy).toContain("frame-ancestors 'none'");
	expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
	expect(policy).toContain("style-src 'self'");
	expect(policy).not.toMatch(/https?:\/\//);
	expect(policy).not.toContain('unsafe-inline');
	expect(policy).toContain('report-uri /api/csp-reports');

	const links = await createBoardViaUi(home, 'Policy check');
	expect(await violations(home)).toEqual([]);

	const fran = await joinAs(browser, links.editor, 'Fran', 2);
	await watch(fran.page.context(), reports);
	// The init script applies to pages loaded from now on: reload so this page is watched too.
	await fran.page.reload();
	await expect(fran.page.getByTestId('connection')).toHaveText('Live');
	const page = fran.page;
	await addRisk(page, { title: 'Vendor slips', likelihood: 4, impact: 5 });
	await addRisk(page, { title: 'Budget cut', likelihood: 2, impact: 2 });
	const panel = await openRisk(page, 'R-1');
	await panel.getByRole('button', { name: 'Close' }).first().click();
	await expect(panel).toBeHidden();

	const people = await openPeople(page);
	await people.getByRole('button', { name: 'Close' }).first().click();
	await expect(people).toBeHidden();
	const settings = await openSettings(page);
	await settings.getByRole('button', { name: 'Close' }).first().click();
	await expect(settings).toBeHidden();

	await openSection(page, 'RACI');
	await createMatrix(page, 'Launch');
	await openSection(page, 'Snapshots');
	await expect(page.getByRole('heading', { name: 'Snapshots' }).first()).toBeVisible();
	await openSection(page, 'Review');
	await page.getByRole('button', { name: 'Start review' }).click();
	await expect(page.getByRole('status', { name: 'Review status' })).toContainText(
		'you are facilitating'
	);
	await page.getByRole('button', { name: 'Start silent scoring' }).click();
	await expect(page.getByRole('button', { name: 'Reveal' }).first()).toBeVisible();

	expect(await violations(page)).toEqual([]);
	expect(await violations(home)).toEqual([]);
	expect(reports).toEqual([]);
	// Nothing in this run so far (other tests included) made a browser report a violation.
	const before = await reported(baseURL!);
	expect(before).toBe(0);

	// The watch itself works: an inline script, which the policy forbids, is reported (once per
	// policy: the header and the app's <meta> both enforce it) and does not run.
	await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.__ran = true';
		document.body.append(script);
	});
	await expect
		.poll(async () => (await violations(page)).map((v) => v.split(' ')[0]))
		.toEqual(['script-src-elem', 'script-src-elem']);
	expect(await page.evaluate(() => 'ran' in window && (window as { __ran?: boolean }).__ran)).toBe(
		false
	);
	// …and the browser reported it to the server, which counted it.
	await expect.poll(() => reported(baseURL!)).toBe(before + 1);
	await context.close();
});
