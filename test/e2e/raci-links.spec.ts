/**
 * Links between RACI activities and the register, with three people in separate contexts:
 * Alice links an activity to a risk and an action in the grid; Bob sees the chips on that row
 * and the activity in the risk's detail drawer (and on the action), and follows the links both
 * ways; unlinking removes both sides; a viewer sees the links but no controls.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	addAction,
	addMatrix,
	addPerson,
	addRaciColumn,
	addRaciRow,
	addRisk
} from '@riskboard/model';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { detailPanel } from './detail-helpers.ts';
import { createBoardViaUi } from './helpers.ts';
import { openAs, seedBoard } from './helpers.ts';
import { openSection, raciGrid } from './raci-helpers.ts';

const shots = process.env.E2E_OUTPUT ?? 'test-results';
mkdirSync(shots, { recursive: true });

/** A matrix "Launch" (Ship beta, Security review), risks, an action on R-1. */
async function seed(link: string) {
	await seedBoard(link, (doc) => {
		const priya = addPerson(doc, { name: 'Priya Nair', team: 'Engineering' });
		const matrixId = addMatrix(doc, { name: 'Launch' });
		addRaciRow(doc, { matrixId, text: 'Ship beta' });
		addRaciRow(doc, { matrixId, text: 'Security review' });
		addRaciColumn(doc, { matrixId, personId: priya });
		const r1 = addRisk(doc, { title: 'Vendor slips', likelihood: 4, impact: 4 });
		addRisk(doc, { title: 'Key person leaves', likelihood: 2, impact: 3 });
		addAction(doc, { riskId: r1.id, text: 'Qualify a second supplier' });
	});
}

const links = (page: Page, activity: string) =>
	raciGrid(page, 'Launch').getByRole('list', { name: `Links of ${activity}` });
const riskChip = (page: Page) =>
	page.getByRole('button', { name: 'Open risk R-1: Vendor slips', exact: true });
const activityInDrawer = (page: Page) =>
	detailPanel(page, 'R-1').getByRole('button', { name: 'Open RACI activity Launch › Ship beta' });

async function shot(page: Page, name: string) {
	await page.screenshot({ path: join(shots, name) });
}

test('an activity linked to a risk shows on both sides, for everyone, until unlinked', async ({
	browser
}) => {
	const setup = await browser.newPage();
	const board = await createBoardViaUi(setup, 'Apollo links');
	await setup.close();
	await seed(board.editor);

	const alice = await openAs(browser, board.editor, { name: 'Alice', color: '#2563eb' });
	const bob = await openAs(browser, board.editor, { name: 'Bob', color: '#db2777' });
	const viewer = await openAs(
		browser,
		board.viewer,
		{ name: 'Vera', color: '#059669' },
		{ colorScheme: 'dark' }
	);
	for (const page of [alice, bob, viewer]) await openSection(page, 'RACI');

	// Alice links "Ship beta" to R-1 (keyboard: type, Enter) and to the action (mouse).
	await alice.getByRole('button', { name: 'Link Ship beta to a risk or action' }).click();
	const search = alice.getByRole('combobox', {
		name: 'Find a risk or action to link to Ship beta'
	});
	await expect(search).toBeFocused();
	await search.fill('vendor');
	const options = alice.getByRole('listbox', { name: 'Risks and actions' }).getByRole('option');
	await expect(options).toHaveText([/R-1\s*Vendor slips/]);
	await search.press('Enter');
	await expect(links(alice, 'Ship beta').getByRole('listitem')).toHaveCount(1);
	await alice.getByRole('button', { name: 'Link Ship beta to a risk or action' }).click();
	await search.fill('supplier');
	await shot(alice, 'links-picker.png');
	await options.filter({ hasText: 'Qualify a second supplier' }).click();
	await expect(links(alice, 'Ship beta').getByRole('listitem')).toHaveCount(2);
	await expect(links(alice, 'Security review')).toHaveCount(0);

	// Bob sees the chips on that row, and R-1's drawer lists the activity (and so does the action).
	await expect(links(bob, 'Ship beta').getByRole('listitem')).toHaveText([
		'R-1',
		/Qualify a second supplier/
	]);
	await shot(bob, 'links-grid.png');
	await riskChip(bob).click();
	await expect(bob.getByRole('table', { name: 'Risk register' })).toBeVisible();
	const drawer = detailPanel(bob, 'R-1');
	await expect(drawer).toBeVisible();
	await expect(activityInDrawer(bob)).toHaveCount(2);
	await activityInDrawer(bob).first().scrollIntoViewIfNeeded();
	await shot(bob, 'links-drawer.png');
	// Following the link back opens the RACI section at that activity.
	await activityInDrawer(bob).first().click();
	await expect(raciGrid(bob, 'Launch')).toBeVisible();
	await expect(riskChip(bob)).toBeVisible();

	// A viewer sees the links but cannot change them.
	await expect(links(viewer, 'Ship beta').getByRole('listitem')).toHaveCount(2);
	await expect(viewer.getByRole('button', { name: /^Link .* to a risk or action$/ })).toHaveCount(
		0
	);
	await expect(viewer.getByRole('button', { name: /^Unlink / })).toHaveCount(0);
	await shot(viewer, 'links-viewer-dark.png');

	// Alice unlinks R-1: gone from the grid for everyone and from R-1's drawer.
	await alice
		.getByRole('button', { name: 'Unlink risk R-1: Vendor slips from Ship beta', exact: true })
		.click();
	await expect(riskChip(bob)).toHaveCount(0);
	await expect(riskChip(viewer)).toHaveCount(0);
	await expect(links(bob, 'Ship beta').getByRole('listitem')).toHaveCount(1);
	await openSection(bob, 'Register');
	await bob.getByRole('button', { name: 'Open R-1', exact: true }).click();
	await expect(
		detailPanel(bob, 'R-1').getByText('No RACI activity is linked to this risk.')
	).toBeVisible();
	// The action is still linked, so it still shows the activity.
	await expect(activityInDrawer(bob)).toHaveCount(1);
});
