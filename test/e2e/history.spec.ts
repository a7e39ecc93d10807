import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { joinAs, openRisk } from './detail-helpers.ts';
import { addRisk, createBoardViaUi } from './helpers.ts';

const shots = process.env.E2E_OUTPUT ?? 'test-results';

async function closePages(...pages: Page[]) {
	for (const page of pages) await page.context().close();
}

test('the risk history shows who changed which field, newest first, and refreshes', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'History of a risk');
	const alice = await joinAs(browser, links.editor, 'Alice', { color: '#e11d48' });
	const bob = await joinAs(browser, links.editor, 'Bob', { color: '#2563eb' });
	await addRisk(alice, { title: 'Vendor sandbox late', likelihood: 2, impact: 3 });

	const alicePanel = await openRisk(alice, 'R-1');
	const inherent = (panel: typeof alicePanel) =>
		panel.getByRole('group', { name: 'Inherent score' });
	await inherent(alicePanel).getByLabel('Likelihood').selectOption('4');
	const bobPanel = await openRisk(bob, 'R-1');
	await expect(inherent(bobPanel).getByLabel('Likelihood')).toHaveValue('4');
	await inherent(bobPanel).getByLabel('Impact').selectOption('5');
	// Alice has Bob's change, so the server has committed it.
	await expect(inherent(alicePanel).getByLabel('Impact')).toHaveValue('5');

	// Collapsed by default: nothing is shown (or fetched) until it is opened.
	const toggle = alicePanel.getByRole('button', { name: 'History', exact: true });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(alicePanel.getByRole('list', { name: 'Changes, newest first' })).toHaveCount(0);
	await toggle.click();
	await expect(toggle).toHaveAttribute('aria-expanded', 'true');
	const rows = alicePanel
		.getByRole('list', { name: 'Changes, newest first' })
		.getByRole('listitem');
	await expect(rows.first()).toContainText('Bob changed Impact 3 → 5');
	await expect(rows.first()).toContainText('Score 12 → 20');
	await expect(rows.nth(1)).toContainText('Alice changed Likelihood 2 → 4');
	await expect(rows.nth(1)).not.toContainText('Bob');
	await expect(rows.last()).toContainText('Alice added this risk');
	await expect(rows.first()).toContainText('just now');

	// A later change appears on Refresh, attributed to its author.
	await bobPanel.getByLabel('Status').selectOption('Watching');
	await expect(alicePanel.getByLabel('Status')).toHaveValue('Watching');
	await expect(rows.first()).toContainText('Bob changed Impact');
	await alicePanel.getByRole('button', { name: 'Refresh history' }).click();
	await expect(rows.first()).toContainText('Bob changed Status Open → Watching');
	await expect(rows).toHaveCount(4);
	await alicePanel.getByRole('heading', { name: 'History' }).scrollIntoViewIfNeeded();
	await alice.screenshot({ path: join(shots, 'risk-history.png') });

	// The history is the same for a viewer link, and no text becomes markup.
	const carol = await joinAs(browser, links.viewer, 'Carol');
	const carolPanel = await openRisk(carol, 'R-1');
	await carolPanel.getByRole('button', { name: 'History', exact: true }).click();
	await expect(
		carolPanel.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem')
	).toHaveText(await rows.allTextContents());
	await closePages(alice, bob, carol);
});
