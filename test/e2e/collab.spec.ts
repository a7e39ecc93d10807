/**
 * Collaboration through the board header and its panels, with two or three people in separate
 * browser contexts: presence, per-person undo, the People and Settings panels, and a viewer that
 * can change nothing (not even by writing to the socket itself).
 */
import { addPerson } from '@riskboard/model';
import { encodeUpdate } from '@riskboard/protocol';
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import {
	addPersonInPanel,
	avatar,
	joinAs,
	openPeople,
	openSettings,
	rgb
} from './collab-helpers.ts';
import { createBoardViaUi } from './helpers.ts';

const outputDir = process.env.E2E_OUTPUT ?? 'test-results';

test('presence shows each person by the name and colour they chose; the title is shared', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Checkout redesign');
	const alice = await joinAs(browser, links.editor, 'Alice Moreau', 3);
	const bob = await joinAs(browser, links.editor, 'Bob Okafor', 6);

	// Each sees the other, in the other's colour, and themselves marked "you".
	const bobSeenByAlice = avatar(alice.page, 'Bob Okafor');
	await expect(bobSeenByAlice).toBeVisible();
	await expect(bobSeenByAlice).toHaveAttribute('data-color', bob.color);
	await expect(bobSeenByAlice.locator('.avatar')).toHaveCSS('background-color', rgb(bob.color));
	await expect(bobSeenByAlice.locator('.avatar')).toHaveText('BO');
	await expect(avatar(bob.page, 'Alice Moreau')).toHaveAttribute('data-color', alice.color);
	await expect(avatar(alice.page, 'Alice Moreau (you)')).toBeVisible();

	// Renaming yourself from your own avatar shows up for the others live.
	await avatar(bob.page, 'Bob Okafor (you)').click();
	const dialog = bob.page.getByRole('dialog', { name: 'Who are you?' });
	await dialog.getByLabel('Your name', { exact: true }).fill('Robert Okafor');
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(avatar(alice.page, 'Robert Okafor')).toBeVisible();
	await expect(avatar(alice.page, 'Bob Okafor')).toHaveCount(0);

	// The board title is edited in place and shared.
	await alice.page.getByRole('button', { name: 'Checkout redesign' }).click();
	const title = alice.page.getByRole('textbox', { name: 'Board title' });
	await title.fill('Checkout redesign — Q3 launch');
	await title.press('Enter');
	await expect(bob.page.getByRole('heading', { level: 1 })).toHaveText(
		'Checkout redesign — Q3 launch'
	);
	await alice.page.screenshot({ path: `${outputDir}/collab-header.png` });
});

test("undo in one browser undoes only that person's edit", async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Data platform migration');
	const alice = await joinAs(browser, links.editor, 'Alice Moreau', 1);
	const bob = await joinAs(browser, links.editor, 'Bob Okafor', 2);
	const undo = alice.page.getByRole('button', { name: 'Undo' });
	const redo = alice.page.getByRole('button', { name: 'Redo' });
	await expect(undo).toBeDisabled();
	await expect(redo).toBeDisabled();

	const alicePeople = await openPeople(alice.page);
	const bobPeople = await openPeople(bob.page);
	await addPersonInPanel(alicePeople, { name: 'Priya Nair', team: 'Data engineering' });
	await expect(bobPeople.getByRole('listitem', { name: 'Priya Nair' })).toBeVisible();
	await addPersonInPanel(bobPeople, { name: 'Tom Becker', team: 'SRE' });
	await expect(alicePeople.getByRole('listitem', { name: 'Tom Becker' })).toBeVisible();

	// Alice's focus is still in the add form's name field: the shortcut works inside inputs too.
	await expect(
		alicePeople.getByRole('form', { name: 'Add person' }).getByLabel('Name')
	).toBeFocused();
	await alice.page.keyboard.press('Control+z');
	for (const panel of [alicePeople, bobPeople]) {
		await expect(panel.getByRole('listitem', { name: 'Priya Nair' })).toHaveCount(0);
		await expect(panel.getByRole('listitem', { name: 'Tom Becker' })).toBeVisible();
	}

	// Redo brings Alice's person back; Bob's undo stack was never touched by Alice's edits.
	await alice.page.keyboard.press('Control+Shift+z');
	await expect(bobPeople.getByRole('listitem', { name: 'Priya Nair' })).toBeVisible();
	await alice.page.keyboard.press('Escape');
	await expect(undo).toBeEnabled();
	await expect(redo).toBeDisabled();

	// Bob undoes his own: Tom goes, Priya stays.
	await bob.page.keyboard.press('Escape');
	await bob.page.getByRole('button', { name: 'Undo' }).click();
	const again = await openPeople(alice.page);
	await expect(again.getByRole('listitem', { name: 'Tom Becker' })).toHaveCount(0);
	await expect(again.getByRole('listitem', { name: 'Priya Nair' })).toBeVisible();
});

test('people added, edited, reordered and removed in one browser show in the other', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Mobile app relaunch');
	const owner = page;
	await owner.goto(links.owner);
	const editor = await joinAs(browser, links.editor, 'Dana Wu', 4);
	await owner
		.getByRole('region', { name: 'Who are you?' })
		.getByRole('button', { name: "I'm not on the list" })
		.click();
	await owner
		.getByRole('region', { name: 'How should others see you?' })
		.getByRole('button', {
			name: 'Not now'
		})
		.click();

	const ownerPeople = await openPeople(owner);
	await addPersonInPanel(ownerPeople, {
		name: 'Sam Patel',
		team: 'QA',
		roleTitle: 'Test lead',
		email: 'sam@example.com'
	});
	await addPersonInPanel(ownerPeople, { name: 'Lena Fischer', team: 'Security' });

	const editorPeople = await openPeople(editor.page);
	const sam = editorPeople.getByRole('listitem', { name: 'Sam Patel' });
	await expect(sam.getByRole('textbox', { name: 'Team or function' })).toHaveValue('QA');
	await expect(sam.getByRole('textbox', { name: 'Role title' })).toHaveValue('Test lead');
	await expect(sam.getByRole('textbox', { name: 'E-mail' })).toHaveValue('sam@example.com');

	// Rename in place: Enter commits.
	const name = sam.getByRole('textbox', { name: 'Name' });
	await name.fill('Samir Patel');
	await name.press('Enter');
	await expect(ownerPeople.getByRole('listitem', { name: 'Samir Patel' })).toBeVisible();

	// The model's refusal is shown next to the field, and nothing changes.
	const email = editorPeople
		.getByRole('listitem', { name: 'Lena Fischer' })
		.getByRole('textbox', { name: 'E-mail' });
	await email.fill('not an address');
	await email.press('Enter');
	await expect(editorPeople.getByRole('alert')).toContainText('is not an address');
	await email.press('Escape');
	await expect(email).toHaveValue('');

	// Reorder: Lena moves above Samir for everyone.
	await editorPeople.getByRole('button', { name: 'Move Lena Fischer up' }).click();
	const order = ownerPeople.getByRole('list', { name: 'People list' }).getByRole('listitem');
	await expect(order).toHaveCount(2);
	await expect(order.first()).toHaveAccessibleName('Lena Fischer');

	// Remove, with confirmation, and undo it.
	await ownerPeople.getByRole('button', { name: 'Remove Samir Patel' }).click();
	await ownerPeople
		.getByRole('group', { name: 'Confirm removal of Samir Patel' })
		.getByRole('button', { name: 'Remove' })
		.click();
	await expect(editorPeople.getByRole('listitem', { name: 'Samir Patel' })).toHaveCount(0);
	await ownerPeople.getByRole('button', { name: 'Undo' }).click();
	await expect(editorPeople.getByRole('listitem', { name: 'Samir Patel' })).toBeVisible();
	await editor.page.screenshot({ path: `${outputDir}/collab-people.png` });
});

test('settings changed in one browser apply in the other; bad band bounds are refused', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Vendor onboarding');
	const alice = await joinAs(browser, links.editor, 'Alice Moreau', 1);
	const bob = await joinAs(browser, links.editor, 'Bob Okafor', 2, { colorScheme: 'dark' });
	const aliceSettings = await openSettings(alice.page);
	const bobSettings = await openSettings(bob.page);

	const categories = aliceSettings.getByRole('form', { name: 'Add category' });
	await categories.getByLabel('New category').fill('Regulatory');
	await categories.getByRole('button', { name: 'Add' }).click();
	await expect(bobSettings.getByRole('listitem', { name: 'Regulatory' })).toBeVisible();

	const vendor = aliceSettings
		.getByRole('listitem', { name: 'Vendor' })
		.getByRole('textbox', { name: 'Category name' });
	await vendor.fill('Supplier');
	await vendor.press('Tab');
	await expect(bobSettings.getByRole('listitem', { name: 'Supplier' })).toBeVisible();

	const likely = aliceSettings.getByRole('textbox', { name: 'Likelihood 5' });
	await likely.fill('Near certain');
	await likely.press('Enter');
	await expect(bobSettings.getByRole('textbox', { name: 'Likelihood 5' })).toHaveValue(
		'Near certain'
	);

	const bands = aliceSettings.getByRole('form', { name: 'Score bands' });
	await bands.getByLabel('Low up to').fill('10');
	await bands.getByLabel('Medium up to').fill('8');
	await bands.getByRole('button', { name: 'Save bands' }).click();
	await expect(bands.getByRole('alert')).toContainText('low < medium < high');
	await bands.getByLabel('Medium up to').fill('12');
	await bands.getByRole('button', { name: 'Save bands' }).click();
	await expect(bands.getByRole('alert')).toHaveCount(0);
	await expect(bobSettings.getByLabel('Low up to')).toHaveValue('10');
	await expect(bobSettings.getByLabel('Medium up to')).toHaveValue('12');

	const raci = bobSettings.getByLabel('Most activities with A per person');
	await raci.fill('3');
	await raci.press('Tab');
	await expect(aliceSettings.getByLabel('Most activities with A per person')).toHaveValue('3');
	await bob.page.screenshot({ path: `${outputDir}/collab-settings-dark.png` });
});

test('a viewer can change nothing, and a forged write from its page is refused', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Warehouse automation');
	const owner = await joinAs(browser, links.owner, 'Olivia Grant', 5);
	const viewer = await joinAs(browser, links.viewer, 'Victor Lind', 7);
	const ownerPeople = await openPeople(owner.page);
	await addPersonInPanel(ownerPeople, { name: 'Ines Duarte', team: 'Operations' });

	// Nothing to edit: no title button, no undo, panels read-only.
	await expect(viewer.page.getByTestId('role-badge')).toHaveText('Read-only');
	await expect(viewer.page.getByRole('note')).toContainText('read-only');
	await expect(viewer.page.getByRole('heading', { level: 1 }).getByRole('button')).toHaveCount(0);
	await expect(viewer.page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
	const viewerPeople = await openPeople(viewer.page);
	await expect(viewerPeople.getByRole('listitem', { name: 'Ines Duarte' })).toContainText(
		'Operations'
	);
	await expect(viewerPeople.getByRole('form', { name: 'Add person' })).toHaveCount(0);
	await expect(viewerPeople.getByRole('textbox')).toHaveCount(0);
	await expect(viewerPeople.getByRole('button', { name: /^(Remove|Move)/ })).toHaveCount(0);
	await viewer.page.keyboard.press('Escape');
	const viewerSettings = await openSettings(viewer.page);
	await expect(viewerSettings.getByRole('textbox')).toHaveCount(0);
	await expect(viewerSettings.getByLabel('Low up to')).toBeDisabled();
	await expect(viewerSettings.getByLabel('Most activities with A per person')).toBeDisabled();
	await expect(viewerSettings.getByRole('form', { name: 'Add category' })).toHaveCount(0);
	await viewer.page.keyboard.press('Escape');

	// A forged write, straight onto the socket with the viewer's token: a Yjs update adding a
	// person, built here with the real model and framed as the protocol says.
	const forged = new Y.Doc();
	addPerson(forged, { name: 'Mallory Forged' });
	const frame = Array.from(encodeUpdate(Y.encodeStateAsUpdate(forged)));
	const viewerUrl = new URL(links.viewer);
	const boardId = viewerUrl.pathname.split('/').at(-1)!;
	const token = new URLSearchParams(viewerUrl.hash.slice(1)).get('token')!;
	const close = await viewer.page.evaluate(
		async ({ boardId, token, frame }) =>
			await new Promise<{ code: number; reason: string }>((resolve) => {
				const ws = new WebSocket(
					`${location.origin.replace(/^http/, 'ws')}/sync/${boardId}?token=${encodeURIComponent(token)}`
				);
				ws.binaryType = 'arraybuffer';
				ws.onopen = () => ws.send(new Uint8Array(frame));
				ws.onclose = (event) => resolve({ code: event.code, reason: event.reason });
			}),
		{ boardId, token, frame }
	);
	expect(close.code).toBe(4403);

	// The change reaches nobody: a later owner edit arrives everywhere, the forged one nowhere,
	// not even after a reload from the server.
	await addPersonInPanel(ownerPeople, { name: 'After the forgery' });
	const again = await openPeople(viewer.page);
	await expect(again.getByRole('listitem', { name: 'After the forgery' })).toBeVisible();
	await expect(again.getByRole('listitem', { name: 'Mallory Forged' })).toHaveCount(0);
	await expect(ownerPeople.getByRole('listitem', { name: 'Mallory Forged' })).toHaveCount(0);
	const fresh = await (await browser.newContext()).newPage();
	await fresh.goto(links.editor);
	await expect(fresh.getByTestId('connection')).toHaveText('Live');
	const freshPeople = await openPeople(fresh);
	await expect(freshPeople.getByRole('listitem', { name: 'After the forgery' })).toBeVisible();
	await expect(freshPeople.getByRole('listitem', { name: 'Mallory Forged' })).toHaveCount(0);
	// The viewer's own board connection is unaffected by the refused side socket.
	await expect(viewer.page.getByTestId('connection')).toHaveText('Live');
});
