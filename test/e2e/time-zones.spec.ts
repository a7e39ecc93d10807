/**
 * "Today" is the board's day in its time zone, not the browser's: at one fixed instant a browser
 * in London shows a board in Pacific/Auckland on the 11th (its risk due on the 10th overdue, its
 * review due and on the agenda) and a board in America/Los_Angeles on the 10th (nothing late).
 * The server computes the same days (test/integration/time-zones.test.ts). The zone is editable
 * in Settings, and a board made from the home page takes the browser's zone.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addRisk as addRiskTo } from '@riskboard/model';
import type { CreateBoardResponse } from '@riskboard/protocol';
import { openSettings } from './collab-helpers.ts';
import { createBoardViaUi, seedBoard } from './helpers.ts';
import { openSection } from './review-helpers.ts';

// 20:30 UTC on 10 March 2026: the 11th in Auckland, the 10th in Los Angeles and in London.
const INSTANT = new Date('2026-03-10T20:30:00Z');
const FRAN = { name: 'Fran', color: '#2563eb' };

async function boardIn(baseURL: string, timeZone: string): Promise<string> {
	const response = await fetch(`${baseURL}/api/boards`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title: `Board in ${timeZone}`, timeZone })
	});
	const board = (await response.json()) as CreateBoardResponse;
	const link = `${baseURL}/b/${board.id}#token=${board.tokens.editor}`;
	await seedBoard(link, (doc) =>
		addRiskTo(doc, {
			title: 'Vendor slips',
			dueDate: '2026-03-10',
			nextReviewDate: '2026-03-11'
		})
	);
	return link;
}

/** Opens `link` in a London browser whose clock stands at INSTANT. */
async function openInLondon(browser: Browser, link: string): Promise<Page> {
	const context = await browser.newContext({
		timezoneId: 'Europe/London',
		viewport: { width: 1280, height: 800 }
	});
	await context.addInitScript((saved) => {
		localStorage.setItem('riskboard:identity', JSON.stringify(saved));
	}, FRAN);
	const opened = await context.newPage();
	await opened.clock.setFixedTime(INSTANT);
	await opened.goto(link);
	await expect(opened.getByTestId('connection')).toHaveText('Live');
	return opened;
}

/**
 * What the page says about the board's day: the due-date cell (marked overdue or not), the rows
 * the Overdue filter keeps (`late`: the one risk, or none), Settings' today and the agenda size.
 */
async function boardDay(page: Page, late: boolean) {
	const due = page.getByRole('button', { name: /^Due date of R-1/ });
	await expect(due).toBeVisible();
	const dueLabel = await due.getAttribute('aria-label');
	const overdue = page.getByRole('button', { name: 'Overdue', exact: true });
	await overdue.click();
	await expect(overdue).toHaveAttribute('aria-pressed', 'true');
	const rows = page.getByRole('table', { name: 'Risk register' }).getByRole('row');
	await expect(rows.filter({ hasText: 'Vendor slips' })).toHaveCount(late ? 1 : 0);
	await overdue.click();
	await expect(rows.filter({ hasText: 'Vendor slips' })).toHaveCount(1);
	const settings = await openSettings(page);
	const today = await settings.getByTestId('board-today').textContent();
	const zone = await settings.getByLabel('Board time zone').inputValue();
	await settings.getByRole('button', { name: 'Close' }).first().click();
	await openSection(page, 'Review');
	const agenda = await page.getByText(/risks? on the agenda/).textContent();
	await openSection(page, 'Register');
	return { dueLabel, today, zone, agenda };
}

test('two boards in different zones show different days in one browser at one instant', async ({
	browser,
	baseURL
}) => {
	const auckland = await openInLondon(browser, await boardIn(baseURL!, 'Pacific/Auckland'));
	const angeles = await openInLondon(browser, await boardIn(baseURL!, 'America/Los_Angeles'));
	expect(await auckland.evaluate(() => new Date().toISOString())).toBe(INSTANT.toISOString());

	expect(await boardDay(auckland, true)).toEqual({
		dueLabel: 'Due date of R-1: Mar 10, 2026 (overdue)',
		today: '2026-03-11',
		zone: 'Pacific/Auckland',
		agenda: '1 risk on the agenda, most severe first.'
	});
	expect(await boardDay(angeles, false)).toEqual({
		dueLabel: 'Due date of R-1: Mar 10, 2026',
		today: '2026-03-10',
		zone: 'America/Los_Angeles',
		agenda: '0 risks on the agenda, most severe first.'
	});

	// Moving the Los Angeles board to Auckland's zone moves its day: now its risk is late too.
	const settings = await openSettings(angeles);
	await settings.getByLabel('Board time zone').selectOption('Pacific/Auckland');
	await expect(settings.getByTestId('board-today')).toHaveText('2026-03-11');
	await settings.getByRole('button', { name: 'Close' }).first().click();
	expect(await boardDay(angeles, true)).toEqual({
		dueLabel: 'Due date of R-1: Mar 10, 2026 (overdue)',
		today: '2026-03-11',
		zone: 'Pacific/Auckland',
		agenda: '1 risk on the agenda, most severe first.'
	});
});

test("a board made on the home page takes the browser's time zone", async ({ browser }) => {
	const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
	await context.addInitScript((saved) => {
		localStorage.setItem('riskboard:identity', JSON.stringify(saved));
	}, FRAN);
	const page = await context.newPage();
	const links = await createBoardViaUi(page, 'Made in Tokyo');
	await page.goto(links.editor);
	await expect(page.getByTestId('connection')).toHaveText('Live');
	const settings = await openSettings(page);
	await expect(settings.getByLabel('Board time zone')).toHaveValue('Asia/Tokyo');
	await context.close();
});
