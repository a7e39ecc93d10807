/**
 * The browser benchmark's large board (10,000 risks by default): how long it takes to open,
 * how smoothly the register scrolls, and how quickly a keystroke in a title reaches the next
 * frame. Everything a person does goes through Playwright's mouse and keyboard; the page
 * measures with `performance.now()` and `requestAnimationFrame` (page-probes.ts).
 */
import type { Browser, Page } from '@playwright/test';
import { newVisitor } from './chromium.ts';
import {
	frameProbe,
	inputProbe,
	interactiveProbe,
	probeScript,
	socketProbe
} from './page-probes.ts';

/** What "interactive" looks for (the same as the 1,000-risk board's measure). */
export const SELECTORS = { quickAdd: 'form[aria-label="Add risk"] input', firstKey: 'R-1' };
const TABLE = '[role="table"][aria-labelledby="register-heading"]';

/** Where a load's time went, in ms since navigation start (see `socketProbe`). */
export interface LoadParts {
	/** The page created its websocket. */
	socket: number;
	/** The board's state (the largest message) arrived. */
	boardBytes: number;
	interactive: number;
}

/** Opens the board in a fresh context (a first visit) and waits until it is interactive. */
export async function openBoard(
	browser: Browser,
	link: string,
	viewport?: { width: number; height: number }
): Promise<{ page: Page; ms: number; parts: LoadParts; close: () => Promise<void> }> {
	const context = await newVisitor(browser, viewport ? { viewport } : {});
	await context.addInitScript(probeScript(interactiveProbe, SELECTORS));
	await context.addInitScript(probeScript(frameProbe));
	await context.addInitScript(probeScript(inputProbe));
	await context.addInitScript(probeScript(socketProbe));
	const page = await context.newPage();
	await page.goto(link, { waitUntil: 'commit' });
	const ms = await page.evaluate(() => window.__rbInteractive!);
	const parts = await page.evaluate((interactive) => {
		// The sync reply may arrive after the first rows showed (from this device's copy).
		const arrived = window.__rbLargestMessage?.at ?? interactive;
		return {
			socket: window.__rbSocketOpened ?? interactive,
			boardBytes: Math.min(arrived, interactive),
			interactive
		};
	}, ms);
	return { page, ms, parts, close: () => context.close() };
}

/** One animation frame of the page (a person's pace between wheel turns). */
function nextFrame(page: Page): Promise<void> {
	return page.evaluate(
		() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
	);
}

/**
 * Scrolls the register with the mouse wheel, `steps` notches of `delta` pixels down and then
 * back up, one notch per frame, and returns every frame interval seen meanwhile. Fails if the
 * rows did not follow (the last row index shown must have moved past the first screen).
 */
export async function scrollFrames(page: Page, steps = 60, delta = 200): Promise<number[]> {
	const table = page.locator(TABLE);
	const box = await table.boundingBox();
	if (!box) throw new Error('register table not on screen');
	await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
	await page.evaluate(() => window.__rbFrames!.start());
	for (let i = 0; i < steps; i++) {
		await page.mouse.wheel(0, delta);
		await nextFrame(page);
	}
	const deepest = await page
		.locator(`${TABLE} [role="row"][aria-rowindex]`)
		.evaluateAll((rows) => Math.max(...rows.map((r) => Number(r.getAttribute('aria-rowindex')))));
	for (let i = 0; i < steps; i++) {
		await page.mouse.wheel(0, -delta);
		await nextFrame(page);
	}
	const intervals = await page.evaluate(() => window.__rbFrames!.stop());
	const expected = Math.floor((steps * delta) / 40 / 2);
	if (deepest < expected) {
		throw new Error(`the register did not scroll: deepest row shown ${deepest} < ${expected}`);
	}
	return intervals;
}

/**
 * Double-clicks the title of the row `rowIndex` (aria-rowindex, 2 = first risk) to edit it and
 * types `text` at `delayMs` between keys; returns each keystroke's input-to-next-frame delay.
 */
export async function typingDelays(
	page: Page,
	text: string,
	{ rowIndex = 4, delayMs = 40 }: { rowIndex?: number; delayMs?: number } = {}
): Promise<number[]> {
	const row = page.locator(`${TABLE} [role="row"][aria-rowindex="${rowIndex}"]`);
	await row.locator('.title-cell').dblclick();
	const input = row.getByRole('textbox', { name: /^Title of / });
	await input.waitFor();
	const before = await page.evaluate(() => window.__rbInputDelays!.length);
	await input.press('End');
	await page.keyboard.type(text, { delay: delayMs });
	await nextFrame(page);
	await nextFrame(page);
	const delays = await page.evaluate((from) => window.__rbInputDelays!.slice(from), before);
	const value = await input.inputValue();
	if (!value.endsWith(text)) throw new Error(`typed text missing from the title: "${value}"`);
	await input.press('Enter');
	if (delays.length !== text.length) {
		throw new Error(`saw ${delays.length} input events for ${text.length} keystrokes`);
	}
	return delays;
}
