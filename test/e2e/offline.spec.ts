import { expect, test, type WebSocketRoute } from '@playwright/test';
import { addRisk as addRiskToDoc } from '@riskboard/model';
import { addRisk, createBoardViaUi, riskRow, seedBoard } from './helpers.ts';

test('edits made while the connection is down are kept and saved on reconnect', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Offline edits');

	// Alice's sync socket goes through a switch the test controls; while it is off, every
	// attempt is refused, as when the network or the server is down.
	const context = await browser.newContext();
	const alice = await context.newPage();
	let online = true;
	const open = new Set<WebSocketRoute>();
	await alice.routeWebSocket(/\/sync\//, (ws) => {
		if (!online) {
			void ws.close({ code: 4000, reason: 'test: offline' });
			return;
		}
		ws.connectToServer();
		open.add(ws);
	});
	await alice.goto(links.editor);
	await expect(alice.getByTestId('connection')).toHaveText('Live');

	online = false;
	for (const ws of open) await ws.close({ code: 4000, reason: 'test: offline' });
	await expect(alice.getByTestId('connection')).toHaveText('Offline — reconnecting');
	await addRisk(alice, { title: 'Written on the train', likelihood: 2, impact: 3 });
	await expect(riskRow(alice, 'Written on the train')).toBeVisible();
	await expect(alice.getByTestId('connection')).toHaveText('Offline — changes kept on this device');
	await expect(alice.getByTestId('save-state')).toHaveCount(0);

	// A reload while still offline shows the change from this device's copy, still unsaved.
	await alice.reload();
	await expect(riskRow(alice, 'Written on the train')).toBeVisible();
	await expect(alice.getByTestId('connection')).toHaveText('Offline — changes kept on this device');

	const bob = await (await browser.newContext()).newPage();
	await bob.goto(links.editor);
	await expect(bob.getByTestId('connection')).toHaveText('Live');
	await expect(riskRow(bob, 'Written on the train')).toHaveCount(0);

	online = true;
	await expect(alice.getByTestId('save-state')).toHaveText('All changes saved');
	await expect(riskRow(bob, 'Written on the train')).toBeVisible();
	await context.close();
});

test('a board opened once reloads with the network off, then its edits reach the others', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Offline for real');
	await seedBoard(links.editor, (doc) => {
		addRiskToDoc(doc, { title: 'Vendor slips', likelihood: 4, impact: 4 });
	});
	const context = await browser.newContext();
	const alice = await context.newPage();
	await alice.goto(links.editor);
	await expect(alice.getByTestId('connection')).toHaveText('Live');
	await expect(riskRow(alice, 'Vendor slips')).toBeVisible();
	// The app shell is cached once the service worker controls the page.
	await alice.waitForFunction(async () => {
		await navigator.serviceWorker.ready;
		return navigator.serviceWorker.controller !== null;
	});

	// The browser goes offline: the badge says so at once, and it is the only one.
	await context.setOffline(true);
	await expect(alice.getByTestId('connection')).toHaveText('Offline — reconnecting', {
		timeout: 2_000
	});
	await expect(alice.getByRole('status').filter({ hasText: /offline/i })).toHaveCount(1);
	await addRisk(alice, { title: 'Typed in the tunnel', likelihood: 2, impact: 2 });
	await expect(alice.getByTestId('connection')).toHaveText('Offline — changes kept on this device');

	// Reloading with no network: the cached app and this device's copy of the board.
	await alice.reload();
	await expect(riskRow(alice, 'Vendor slips')).toBeVisible();
	await expect(riskRow(alice, 'Typed in the tunnel')).toBeVisible();
	await expect(alice.getByTestId('connection')).toHaveText('Offline — changes kept on this device');
	await expect(alice.getByRole('status').filter({ hasText: /offline/i })).toHaveCount(1);

	const bob = await (await browser.newContext()).newPage();
	await bob.goto(links.editor);
	await expect(bob.getByTestId('connection')).toHaveText('Live');
	await expect(riskRow(bob, 'Vendor slips')).toBeVisible();
	await expect(riskRow(bob, 'Typed in the tunnel')).toHaveCount(0);

	// Back online: Alice reconnects by herself and Bob gets the edit.
	await context.setOffline(false);
	await expect(alice.getByTestId('connection')).toHaveText('Live');
	await expect(alice.getByTestId('save-state')).toHaveText('All changes saved');
	await expect(riskRow(bob, 'Typed in the tunnel')).toBeVisible();
	await context.close();
});
