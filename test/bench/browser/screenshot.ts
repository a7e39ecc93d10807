/**
 * The README screenshot: a realistic board (people, 12 risks across categories and bands, a few
 * mitigation actions) in Chromium at 1280×800, light mode, written to docs/board.png.
 * Run: `npx tsx test/bench/browser/screenshot.ts` (builds the web app first; BENCH_WEB_DIR reuses
 * a build). SCREENSHOT_EXTRAS=<dir> also saves the home page and the board in dark mode there.
 */
import { expect } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { connectSynced } from '../../utils/clients.ts';
import { createBoard, removeDir, spawnServer, tempDataDir } from '../../utils/server.ts';
import { launchChromium, newVisitor } from './chromium.ts';
import { seedDemoBoard } from './seed.ts';
import { buildWeb } from './web-build.ts';

const OUTPUT = fileURLToPath(new URL('../../../docs/board.png', import.meta.url));
const extras = process.env.SCREENSHOT_EXTRAS;

const webDir = buildWeb();
const dataDir = tempDataDir('riskboard-screenshot-');
const server = await spawnServer({ dataDir, env: { WEB_DIR: webDir } });
const browser = await launchChromium();
try {
	const board = await createBoard(server.url, 'Payments platform launch');
	const writer = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
	seedDemoBoard(writer.doc);
	// A second person on the board, so presence shows more than "you".
	writer.provider.awareness.setLocalState({ user: { name: 'Tom Becker', color: '#16a34a' } });

	const link = `${server.url}/b/${board.id}#token=${board.tokens.owner}`;
	for (const colorScheme of extras ? (['light', 'dark'] as const) : (['light'] as const)) {
		const context = await newVisitor(browser, { colorScheme, name: 'Priya Nair' });
		const page = await context.newPage();
		await page.goto(link);
		await expect(page.getByTestId('connection')).toHaveText('Live');
		await expect(
			page.getByText('Card network certification slips past launch').first()
		).toBeVisible();
		await expect(page.getByRole('button', { name: /^Tom Becker/ })).toBeVisible();
		await page.mouse.move(0, 0);
		const path = colorScheme === 'light' ? OUTPUT : `${extras}/board-dark.png`;
		await page.screenshot({ path });
		console.log(`wrote ${path}`);
		if (extras) {
			await page.goto(server.url);
			await page.screenshot({ path: `${extras}/home-${colorScheme}.png`, fullPage: true });
		}
		await context.close();
	}
	writer.destroy();
} finally {
	await browser.close();
	await server.stop();
	removeDir(dataDir);
	if (!process.env.BENCH_WEB_DIR) removeDir(webDir);
}
