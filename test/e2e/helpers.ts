/** Shared steps of the e2e suites: creating a board, opening it as a named person, seeding it. */
import { expect, type Browser, type Page } from '@playwright/test';
import { readBoard } from '@riskboard/model';
import type * as Y from 'yjs';
import { connectSynced } from '../utils/clients.ts';
import { waitFor } from '../utils/wait.ts';

export interface BoardLinks {
	owner: string;
	editor: string;
	viewer: string;
}

/** Creates a board from the home page form and returns the three links it shows. */
export async function createBoardViaUi(page: Page, title: string): Promise<BoardLinks> {
	await page.goto('/');
	await page.getByLabel('Board title').fill(title);
	await page.getByRole('button', { name: 'Create board' }).click();
	await expect(page.getByRole('heading', { name: `“${title}” is ready` })).toBeVisible();
	const link = (label: string) => page.getByLabel(label, { exact: true }).inputValue();
	return {
		owner: await link('Owner link'),
		editor: await link('Editor link'),
		viewer: await link('Viewer link')
	};
}

/** Adds a risk through the board page's form. */
export async function addRisk(
	page: Page,
	risk: { title: string; likelihood?: number; impact?: number }
): Promise<void> {
	const form = page.getByRole('form', { name: 'Add risk' });
	await form.getByLabel('Risk title').fill(risk.title);
	if (risk.likelihood) await form.getByLabel('Likelihood').selectOption(String(risk.likelihood));
	if (risk.impact) await form.getByLabel('Impact').selectOption(String(risk.impact));
	await form.getByRole('button', { name: 'Add risk' }).click();
}

/** The register table's row for a risk title. */
export function riskRow(page: Page, title: string) {
	return page
		.getByRole('table', { name: 'Risk register' })
		.getByRole('row')
		.filter({ hasText: title });
}

/** Opens `link` in a fresh browser context as a person with this name and colour. */
export async function openAs(
	browser: Browser,
	link: string,
	identity: { name: string; color: string },
	options: {
		colorScheme?: 'light' | 'dark';
		/** Runs on the new page before it loads the board (e.g. to record its traffic). */
		prepare?: (page: Page) => void;
		/** The person on the board this page is; default none (a name only). */
		personId?: string | null;
		/** The window size (default 1280×800); `phone` adds touch and a phone's pixel ratio. */
		viewport?: { width: number; height: number; phone?: boolean };
	} = {}
): Promise<Page> {
	const { width, height, phone } = options.viewport ?? { width: 1280, height: 800 };
	const context = await browser.newContext({
		viewport: { width, height },
		colorScheme: options.colorScheme ?? 'light',
		...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {})
	});
	// A name only on this board ("Who are you?" answered "not on the list") unless a person is
	// given; the board id is the link's path.
	const boardId = new URL(link, 'http://x').pathname.split('/').at(-1) ?? '';
	await context.addInitScript(
		({ saved, key, personId }) => {
			localStorage.setItem('riskboard:identity', JSON.stringify(saved));
			if (localStorage.getItem(key) === null) localStorage.setItem(key, JSON.stringify(personId));
		},
		{ saved: identity, key: `riskboard:person:${boardId}`, personId: options.personId ?? null }
	);
	const page = await context.newPage();
	options.prepare?.(page);
	await page.goto(link);
	await expect(page.getByTestId('connection')).toHaveText('Live');
	return page;
}

/**
 * Writes to the board behind `link` through a stock y-websocket client using the model (one
 * transaction), and waits until the server has relayed the result to a second client.
 */
export async function seedBoard<T>(
	link: string,
	write: (doc: Y.Doc) => T,
	options: { timeoutMs?: number } = {}
): Promise<T> {
	const url = new URL(link);
	const boardId = url.pathname.split('/').at(-1)!;
	const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
	const wsUrl = `ws://${url.host}`;
	const writer = await connectSynced(wsUrl, boardId, token);
	const reader = await connectSynced(wsUrl, boardId, token);
	try {
		let result!: T;
		writer.doc.transact(() => (result = write(writer.doc)));
		const expected = JSON.stringify(readBoard(writer.doc));
		await waitFor(() => JSON.stringify(readBoard(reader.doc)) === expected, {
			timeoutMs: options.timeoutMs ?? 10_000,
			what: 'seeded board relayed'
		});
		return result;
	} finally {
		writer.destroy();
		reader.destroy();
	}
}
