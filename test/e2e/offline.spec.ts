import { expect, test, type WebSocketRoute } from '@playwright/test';
import { addRisk, createBoardViaUi, riskRow } from './helpers.ts';

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
	await expect(alice.getByTestId('save-state')).toHaveText('Offline — changes kept on this device');

	// A reload while still offline shows the change from this device's copy, still unsaved.
	await alice.reload();
	await expect(riskRow(alice, 'Written on the train')).toBeVisible();
	await expect(alice.getByTestId('save-state')).toHaveText('Offline — changes kept on this device');

	const bob = await (await browser.newContext()).newPage();
	await bob.goto(links.editor);
	await expect(bob.getByTestId('connection')).toHaveText('Live');
	await expect(riskRow(bob, 'Written on the train')).toHaveCount(0);

	online = true;
	await expect(alice.getByTestId('save-state')).toHaveText('All changes saved');
	await expect(riskRow(bob, 'Written on the train')).toBeVisible();
	await context.close();
});
