import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addRisk, createBoardViaUi } from './helpers.ts';
import { openAs } from './helpers.ts';
import { registerTable, rowByKey, seedRisks } from './register-helpers.ts';

const shots = process.env.E2E_OUTPUT ?? 'test-results';
mkdirSync(shots, { recursive: true });

const ALICE = { name: 'Alice', color: '#2563eb' };
const BOB = { name: 'Bob', color: '#db2777' };

/** Picks a value in a register cell: the cell's button turns into a native select on focus. */
async function choose(row: Locator, label: string, value: string) {
	await row.getByRole('button', { name: new RegExp(`^${label}:`) }).click();
	await row.getByRole('combobox', { name: label, exact: true }).selectOption(value);
}

async function titleInput(page: Page, key: string) {
	await page.getByRole('button', { name: new RegExp(`^Title of ${key}:`) }).dblclick();
	const input = page.getByLabel(`Title of ${key}`, { exact: true });
	await expect(input).toBeFocused();
	return input;
}

test('two people typing in the same title both keep every character', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Concurrent titles');
	const alice = await openAs(browser, links.editor, ALICE);
	const bob = await openAs(browser, links.editor, BOB);
	await addRisk(alice, { title: 'vendor API', likelihood: 3, impact: 3 });
	await expect(rowByKey(bob, 'R-1')).toContainText('vendor API');

	const a = await titleInput(alice, 'R-1');
	const b = await titleInput(bob, 'R-1');
	await alice.keyboard.press('Home');
	await bob.keyboard.press('End');
	// Presence: each sees the other's name on the title cell.
	await expect(rowByKey(alice, 'R-1').getByText('Bob', { exact: true })).toBeVisible();
	await expect(rowByKey(bob, 'R-1').getByText('Alice', { exact: true })).toBeVisible();

	const mine = 'Late ';
	const theirs = ' is not ready';
	for (let i = 0; i < Math.max(mine.length, theirs.length); i++) {
		if (mine[i]) await alice.keyboard.type(mine[i]!);
		if (theirs[i]) await bob.keyboard.type(theirs[i]!);
	}
	const expected = 'Late vendor API is not ready';
	await expect(a).toHaveValue(expected);
	await expect(b).toHaveValue(expected);
	// Carets stayed where each person was typing.
	expect(await a.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(mine.length);
	expect(await b.evaluate((el: HTMLInputElement) => el.selectionStart)).toBe(expected.length);

	await alice.screenshot({ path: join(shots, 'register-co-typing.png') });
	await alice.keyboard.press('Enter');
	await expect(rowByKey(alice, 'R-1')).toContainText(expected);
	await expect(rowByKey(bob, 'R-1').getByText('Alice', { exact: true })).toHaveCount(0);
});

test('an inline likelihood or impact edit re-scores the risk for the other person', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Inline scoring');
	const alice = await openAs(browser, links.editor, ALICE);
	const bob = await openAs(browser, links.editor, BOB);
	await addRisk(alice, { title: 'Certification slips', likelihood: 2, impact: 2 });
	await expect(rowByKey(bob, 'R-1')).toContainText('Low');

	await choose(rowByKey(alice, 'R-1'), 'Likelihood of R-1', '5');
	await choose(rowByKey(alice, 'R-1'), 'Impact of R-1', '4');
	const badge = rowByKey(bob, 'R-1').getByTitle('Critical risk, score 20');
	await expect(badge).toBeVisible();
	await expect(
		rowByKey(bob, 'R-1').getByRole('button', { name: 'Likelihood of R-1: 5' })
	).toBeVisible();
});

test('closing a risk asks for a reason', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Closing risks');
	const alice = await openAs(browser, links.editor, ALICE);
	await addRisk(alice, { title: 'Data centre lease ends' });
	const row = rowByKey(alice, 'R-1');
	const status = (value: string) => row.getByRole('button', { name: `Status of R-1: ${value}` });

	await choose(row, 'Status of R-1', 'Closed');
	const dialog = alice.getByRole('dialog', { name: 'Close R-1' });
	await expect(dialog).toBeVisible();
	await expect(dialog.getByLabel('Reason for closing')).toBeFocused();
	await expect(status('Open')).toBeVisible();
	await dialog.getByRole('button', { name: 'Close risk' }).click();
	await expect(dialog.getByRole('alert')).toContainText('Say why');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	await expect(status('Open')).toBeVisible();

	await choose(row, 'Status of R-1', 'Closed');
	await dialog.getByLabel('Reason for closing').fill('Lease extended to 2027');
	await dialog.getByRole('button', { name: 'Close risk' }).click();
	await expect(dialog).toBeHidden();
	await expect(status('Closed')).toHaveAttribute('title', 'Closed: Lease extended to 2027');
});

test('a deleted risk comes back with undo, for everyone', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Delete and undo');
	const alice = await openAs(browser, links.editor, ALICE);
	const bob = await openAs(browser, links.editor, BOB);
	await addRisk(alice, { title: 'Keep me', likelihood: 4, impact: 4 });
	await addRisk(alice, { title: 'Delete me', likelihood: 3, impact: 5 });
	await expect(rowByKey(bob, 'R-2')).toBeVisible();

	await rowByKey(alice, 'R-2').getByRole('button', { name: 'Delete R-2' }).click();
	await expect(rowByKey(alice, 'R-2')).toHaveCount(0);
	await expect(rowByKey(bob, 'R-2')).toHaveCount(0);
	const toast = alice.getByRole('status').filter({ hasText: 'Risk R-2 deleted' });
	await expect(toast).toBeVisible();
	await alice.screenshot({ path: join(shots, 'register-undo-toast.png') });

	await toast.getByRole('button', { name: 'Undo' }).click();
	await expect(rowByKey(alice, 'R-2')).toContainText('Delete me');
	await expect(rowByKey(bob, 'R-2')).toContainText('Delete me');
	await expect(rowByKey(bob, 'R-2')).toContainText('15');
	await expect(rowByKey(bob, 'R-1')).toContainText('Keep me');
});

test('filters, search and sort narrow one person’s view only', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Personal views');
	const alice = await openAs(browser, links.editor, ALICE);
	const bob = await openAs(browser, links.editor, BOB);
	await addRisk(alice, { title: 'Vendor API late', likelihood: 5, impact: 4 });
	await addRisk(alice, { title: 'Test lab booked twice', likelihood: 2, impact: 2 });
	await addRisk(alice, { title: 'Vendor contract unsigned', likelihood: 3, impact: 3 });
	const rows = (p: Page) => registerTable(p).getByRole('row');
	await expect(rows(bob)).toHaveCount(4);

	await alice.getByLabel('Search risks').fill('vendor');
	await expect(rows(alice)).toHaveCount(3);
	await alice.getByRole('button', { name: 'Band' }).click();
	await alice.getByRole('group', { name: 'Band' }).getByLabel('Critical').check();
	await alice.keyboard.press('Escape');
	await expect(rows(alice)).toHaveCount(2);
	await expect(rowByKey(alice, 'R-1')).toBeVisible();
	await expect(alice.getByRole('list', { name: 'Active filters and sort' })).toContainText(
		'Band: Critical'
	);

	// Bob's view is untouched, and his sort is his own.
	await expect(rows(bob)).toHaveCount(4);
	await expect(bob.getByLabel('Search risks')).toHaveValue('');
	await bob.getByRole('button', { name: /^Score\. Sort/ }).click();
	await expect(rows(bob).nth(1)).toContainText('R-1');
	await expect(rows(bob).nth(2)).toContainText('R-3');

	// Alice's view is remembered on her device.
	await alice.reload();
	await expect(alice.getByLabel('Search risks')).toHaveValue('vendor');
	await expect(rows(alice)).toHaveCount(2);
	await alice.getByRole('button', { name: 'Remove Band: Critical' }).click();
	await expect(rows(alice)).toHaveCount(3);
	await alice.screenshot({ path: join(shots, 'register-filtered.png') });
});

test('rows reorder with the keyboard, in everyone’s register order', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Reorder');
	const alice = await openAs(browser, links.editor, ALICE);
	const bob = await openAs(browser, links.editor, BOB);
	for (const title of ['First', 'Second', 'Third']) await addRisk(alice, { title });
	await rowByKey(alice, 'R-1').getByRole('button', { name: 'Open R-1' }).focus();
	await alice.keyboard.press('Escape');
	await expect(rowByKey(alice, 'R-1')).toBeFocused();
	await alice.keyboard.press('Alt+ArrowDown');
	await alice.keyboard.press('Alt+ArrowDown');
	await expect(rowByKey(alice, 'R-1')).toBeFocused();
	const rows = registerTable(bob).getByRole('row');
	await expect(rows.nth(1)).toContainText('Second');
	await expect(rows.nth(3)).toContainText('First');
	await alice.keyboard.press('ArrowUp');
	await expect(rowByKey(alice, 'R-3')).toBeFocused();
});

test('a viewer’s register has no enabled inputs', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Read only register');
	const alice = await openAs(browser, links.editor, ALICE);
	await addRisk(alice, { title: 'Only editors change this', likelihood: 3, impact: 4 });
	const viewer = await openAs(browser, links.viewer, BOB, { colorScheme: 'dark' });
	const table = registerTable(viewer);
	await expect(rowByKey(viewer, 'R-1')).toContainText('Only editors change this');
	await expect(table.locator('input, select, textarea')).toHaveCount(0);
	await expect(table.getByRole('button', { name: 'Delete R-1' })).toHaveCount(0);
	const form = viewer.getByRole('form', { name: 'Add risk' });
	await expect(form.getByLabel('Risk title')).toBeDisabled();
	await expect(form.getByRole('button', { name: 'Add risk' })).toBeDisabled();
	await viewer.screenshot({ path: join(shots, 'register-viewer-dark.png') });
});

test('1,000 risks render fast and scroll smoothly', async ({ browser, page }) => {
	test.setTimeout(90_000);
	const links = await createBoardViaUi(page, 'Big register');
	await seedRisks(links.editor, 1000, (i) => ({
		title: `Risk number ${i + 1} about ${['vendors', 'schedule', 'security', 'staffing'][i % 4]}`,
		likelihood: (i % 5) + 1,
		impact: ((i * 3) % 5) + 1,
		tags: i % 7 === 0 ? ['seven'] : [],
		dueDate: i % 11 === 0 ? '2024-01-01' : null
	}));

	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const alice = await context.newPage();
	const started = Date.now();
	await alice.goto(links.editor);
	await expect(alice.getByText('1000 risks')).toBeVisible({ timeout: 20_000 });
	await expect(rowByKey(alice, 'R-1')).toBeVisible();
	const firstRender = Date.now() - started;

	const table = registerTable(alice);
	const rendered = await table.getByRole('row').count();
	expect(rendered).toBeLessThan(60);

	// Main-thread CPU time (thread ticks, so other busy processes on the machine do not count)
	// and wall-clock frame times while scrolling through the whole list.
	const cdp = await context.newCDPSession(alice);
	await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
	const metrics = async () => {
		const { metrics: list } = await cdp.send('Performance.getMetrics');
		return Object.fromEntries(list.map((m) => [m.name, m.value]));
	};
	const scroll = async (step: number) => {
		const before = await metrics();
		const frames = await table.evaluate(async (scroller, step) => {
			const times: number[] = [];
			let last = performance.now();
			for (let i = 0; i < 120; i++) {
				scroller.scrollTop += step;
				await new Promise(requestAnimationFrame);
				const now = performance.now();
				times.push(now - last);
				last = now;
			}
			return times.sort((x, y) => x - y);
		}, step);
		const after = await metrics();
		const cpu = (name: string) =>
			Math.round((((after[name]! - before[name]!) * 1000) / 120) * 10) / 10;
		const p = (q: number) => Math.round(frames[Math.floor(q * (frames.length - 1))]! * 10) / 10;
		return {
			stepPx: step,
			wallFrameMs: { p50: p(0.5), p95: p(0.95) },
			cpuPerFrameMs: {
				task: cpu('TaskDuration'),
				script: cpu('ScriptDuration'),
				layout: cpu('LayoutDuration'),
				style: cpu('RecalcStyleDuration')
			}
		};
	};
	const report = {
		firstRenderMs: firstRender,
		renderedRows: rendered,
		scroll: [await scroll(120)]
	};
	await table.evaluate((el) => (el.scrollTop = 0));
	report.scroll.push(await scroll(400));
	console.log(`register-perf ${JSON.stringify(report)}`);
	test.info().annotations.push({ type: 'perf', description: JSON.stringify(report) });

	// Keyboard focus survives scrolling far away and back.
	await table.evaluate((el) => (el.scrollTop = 0));
	await rowByKey(alice, 'R-1').getByRole('button', { name: 'Open R-1' }).focus();
	await alice.keyboard.press('Escape');
	await alice.keyboard.press('End');
	await expect(rowByKey(alice, 'R-1000')).toBeFocused();
	await alice.keyboard.press('PageUp');
	await expect(table.locator('[role="row"]:focus')).toHaveCount(1);
	await alice.keyboard.press('Home');
	await expect(rowByKey(alice, 'R-1')).toBeFocused();
	await alice.screenshot({ path: join(shots, 'register-1000.png') });
});
