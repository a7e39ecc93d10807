/**
 * The owner's Share panel: the board's links with labels and last use, a labelled link per role,
 * rotating a link (the old one stops working for a browser that has it open, which says so and
 * stops reconnecting) and the new link editing live.
 */
import { expect, test } from '@playwright/test';
import { addRisk, createBoardViaUi, openAs, riskRow } from './helpers.ts';

test('the owner adds a labelled link and rotates the editor link; the old link is told, the new one edits', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Vendor rollout');
	await page.goto(links.owner);
	await expect(page.getByTestId('connection')).toHaveText('Live');

	// A colleague already has the editor link open.
	const old = await openAs(browser, links.editor, { name: 'Olga Old', color: '#0891b2' });
	const sockets: string[] = [];
	old.on('websocket', (ws) => sockets.push(ws.url()));

	await page.getByRole('button', { name: 'Share' }).click();
	const share = page.getByRole('dialog', { name: 'Share' });
	const list = share.getByRole('list', { name: 'Links of this board' });
	await expect(list.getByRole('listitem', { name: 'Owner (Owner)' })).toContainText('your link');
	// The colleague's browser used the editor link just now.
	await expect(list.getByRole('listitem', { name: 'Editor (Editor)' })).toContainText(
		'Last used just now'
	);

	// A labelled link for a vendor's QA team: shown once, to copy.
	await share.getByLabel('Role').selectOption('editor');
	await share.getByLabel('Label').fill('Vendor QA');
	await share.getByRole('button', { name: 'Add link' }).click();
	const vendorLink = await share
		.getByLabel('New editor link “Vendor QA”', { exact: true })
		.inputValue();
	expect(vendorLink).toMatch(/\/b\/[A-Za-z0-9_-]{22}#token=[A-Za-z0-9_-]{43}$/);
	await expect(list.getByRole('listitem', { name: 'Vendor QA (Editor)' })).toContainText(
		'Never used'
	);

	// The editor link leaked: rotate it.
	await share.getByRole('button', { name: 'Rotate Editor', exact: true }).click();
	const rotated = await share.getByLabel('New editor link “Editor”', { exact: true }).inputValue();
	expect(rotated).not.toBe(links.editor);
	await expect(share.getByRole('status').first()).toContainText(
		'The old “Editor” link no longer works.'
	);

	// The browser on the old link is told, within seconds, and stops trying.
	await expect(
		old.getByRole('heading', {
			name: 'This link was revoked — ask the board’s owner for a new one'
		})
	).toBeVisible({ timeout: 6_000 });
	const attempts = sockets.length;
	// Absence can only be watched for a while: its first retries would come within 1.5 s.
	await old.waitForTimeout(2_500);
	expect(sockets.length).toBe(attempts);

	// The new link edits, live for the owner.
	const fresh = await openAs(browser, rotated, { name: 'Nina New', color: '#16a34a' });
	await fresh.keyboard.press('Escape');
	await addRisk(fresh, { title: 'Vendor API rate limits', likelihood: 3, impact: 4 });
	await page.keyboard.press('Escape');
	await expect(riskRow(page, 'Vendor API rate limits')).toBeVisible();

	// So does the labelled vendor link.
	const vendor = await openAs(browser, vendorLink, { name: 'Vic Vendor', color: '#ea580c' });
	await expect(riskRow(vendor, 'Vendor API rate limits')).toBeVisible();
});
