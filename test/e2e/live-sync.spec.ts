import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { addRisk, createBoardViaUi, riskRow } from './helpers.ts';

const screenshotPath = fileURLToPath(new URL('../test-results/board-page.png', import.meta.url));

test('a risk added through one editor link appears live through another', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Payments platform launch');
	expect(links.editor).toMatch(/\/b\/[\w-]{22}#token=[\w-]{43}$/);

	// Two people, two separate browser contexts (no shared storage or BroadcastChannel).
	const alice = await (await browser.newContext()).newPage();
	const bob = await (await browser.newContext()).newPage();
	for (const person of [alice, bob]) {
		await person.goto(links.editor);
		await expect(person.getByTestId('connection')).toHaveText('Live');
		await expect(person.getByTestId('role-badge')).toHaveText('Editor');
		// The token is remembered on the device and dropped from the address bar.
		await expect(person).toHaveURL(/\/b\/[\w-]{22}$/);
	}
	await expect(alice.getByRole('heading', { level: 1 })).toHaveText('Payments platform launch');

	await addRisk(alice, { title: 'Card network certification slips', likelihood: 4, impact: 5 });
	await expect(alice.getByTestId('save-state')).toHaveText('All changes saved');

	const row = riskRow(bob, 'Card network certification slips');
	await expect(row).toBeVisible();
	await expect(row).toContainText('R-1');
	await expect(row).toContainText('20');
	await expect(row).toContainText('Critical');

	// And back the other way.
	await addRisk(bob, { title: 'Fraud vendor contract not signed', likelihood: 3, impact: 3 });
	await expect(riskRow(alice, 'Fraud vendor contract not signed')).toContainText('R-2');
	await addRisk(alice, { title: 'Load test environment shared with QA', likelihood: 2, impact: 2 });
	await addRisk(bob, {
		title: 'PCI scope of the new tokenisation service unclear',
		likelihood: 3,
		impact: 4
	});
	await expect(alice.getByRole('table', { name: 'Risk register' }).getByRole('row')).toHaveCount(5);
	await expect(alice.getByTestId('save-state')).toHaveText('All changes saved');
	await expect(bob.getByTestId('save-state')).toHaveText('All changes saved');

	await alice.setViewportSize({ width: 1280, height: 720 });
	await alice.screenshot({ path: screenshotPath, fullPage: true });
});

test('a viewer link is read-only and still sees changes live', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Data centre migration');

	const viewer = await (await browser.newContext()).newPage();
	await viewer.goto(links.viewer);
	await expect(viewer.getByTestId('connection')).toHaveText('Live');
	await expect(viewer.getByTestId('role-badge')).toHaveText('Read-only');
	await expect(viewer.getByRole('note')).toContainText('read-only');
	const form = viewer.getByRole('form', { name: 'Add risk' });
	await expect(form.getByLabel('Risk title')).toBeDisabled();
	await expect(form.getByRole('button', { name: 'Add risk' })).toBeDisabled();

	// The owner trying the viewer link on their own device stays the owner there.
	await page.goto(links.viewer);
	await expect(page.getByTestId('role-badge')).toHaveText('Read-only');
	await page.goto('/');
	await expect(
		page
			.getByRole('listitem')
			.filter({ hasText: 'Data centre migration' })
			.getByTestId('role-badge')
	).toHaveText('Owner');

	const editor = await (await browser.newContext()).newPage();
	await editor.goto(links.editor);
	await addRisk(editor, { title: 'Cut-over window too short' });
	await expect(riskRow(viewer, 'Cut-over window too short')).toBeVisible();
	await expect(viewer.getByTestId('save-state')).toHaveText('All changes saved');
});

test('a link with an unknown token says it is not valid', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Token check');
	const forged = links.viewer.replace(/#token=.*$/, `#token=${'x'.repeat(43)}`);

	const stranger = await (await browser.newContext()).newPage();
	await stranger.goto(forged);
	await expect(stranger.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();
});

test('an unknown board says so', async ({ page }) => {
	await page.goto(`/b/${'a'.repeat(22)}#token=${'x'.repeat(43)}`);
	await expect(page.getByRole('heading', { name: /not (found|valid)/ })).toBeVisible();
});
