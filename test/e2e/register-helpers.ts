/** Steps of the register suite: people with a name, rows by key, and seeding big boards. */
import { expect, type Browser, type Page } from '@playwright/test';
import { addRisk as addRiskToDoc, readBoard, type NewRisk } from '@riskboard/model';
import { connectSynced } from '../utils/clients.ts';
import { waitFor } from '../utils/wait.ts';

/** Opens `link` in a fresh browser context as a person with this name and colour. */
export async function openAs(
	browser: Browser,
	link: string,
	identity: { name: string; color: string },
	options: { colorScheme?: 'light' | 'dark' } = {}
): Promise<Page> {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		colorScheme: options.colorScheme ?? 'light'
	});
	await context.addInitScript((saved) => {
		localStorage.setItem('riskboard:identity', JSON.stringify(saved));
	}, identity);
	const page = await context.newPage();
	await page.goto(link);
	await expect(page.getByTestId('connection')).toHaveText('Live');
	return page;
}

/** The register table. */
export function registerTable(page: Page) {
	return page.getByRole('table', { name: 'Risk register' });
}

/** The register row of the risk with this key (`R-3`). */
export function rowByKey(page: Page, key: string) {
	return registerTable(page)
		.getByRole('row')
		.filter({ has: page.getByRole('button', { name: `Open ${key}`, exact: true }) });
}

/**
 * Adds `count` risks to the board behind `link` through a stock y-websocket client using the
 * model (one transaction), and waits until the server has relayed them to a second client.
 */
export async function seedRisks(
	link: string,
	count: number,
	make: (index: number) => Omit<NewRisk, 'origin' | 'now'>
): Promise<void> {
	const url = new URL(link);
	const boardId = url.pathname.split('/').at(-1)!;
	const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
	const wsUrl = `ws://${url.host}`;
	const writer = await connectSynced(wsUrl, boardId, token);
	const reader = await connectSynced(wsUrl, boardId, token);
	try {
		writer.doc.transact(() => {
			for (let i = 0; i < count; i++) addRiskToDoc(writer.doc, make(i));
		});
		await waitFor(() => readBoard(reader.doc).risks.length >= count, {
			timeoutMs: 20_000,
			what: `${count} risks relayed`
		});
	} finally {
		writer.destroy();
		reader.destroy();
	}
}
