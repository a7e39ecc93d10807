/**
 * RACI matrices, snapshots and exports in the browser, with two or three people in separate
 * contexts: live checks while two people edit one matrix, a snapshot compared with the changed
 * matrix, the XLSX of that snapshot read back with exceljs, a viewer who may export only, and a
 * board snapshot whose diff lists register changes field by field.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	addMatrix,
	addPerson,
	addRaciColumn,
	addRaciRow,
	addRisk,
	deleteRisk,
	setRaciCell,
	updateRisk
} from '@riskboard/model';
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createBoardViaUi, openAs, seedBoard } from './helpers.ts';
import { checkSummary, createMatrix, openSection, raciCell, raciGrid } from './raci-helpers.ts';

const shots = process.env.E2E_OUTPUT ?? 'test-results';
mkdirSync(shots, { recursive: true });

const ALICE = { name: 'Alice', color: '#2563eb' };
const BOB = { name: 'Bob', color: '#db2777' };

/** A board with three people and a matrix "Launch" (rows Ship beta, Security review). */
async function seedLaunch(link: string) {
	return seedBoard(link, (doc) => {
		const priya = addPerson(doc, { name: 'Priya Nair', team: 'Engineering' });
		const tom = addPerson(doc, { name: 'Tom Becker', team: 'QA' });
		addPerson(doc, { name: 'Sam Ortiz', team: 'Security' });
		const matrixId = addMatrix(doc, { name: 'Launch' });
		const ship = addRaciRow(doc, { matrixId, text: 'Ship beta' });
		const review = addRaciRow(doc, { matrixId, text: 'Security review' });
		const p = addRaciColumn(doc, { matrixId, personId: priya });
		const t = addRaciColumn(doc, { matrixId, personId: tom });
		setRaciCell(doc, { matrixId, rowId: ship, colId: p, letters: ['R', 'A'] });
		setRaciCell(doc, { matrixId, rowId: ship, colId: t, letters: ['I'] });
		setRaciCell(doc, { matrixId, rowId: review, colId: p, letters: ['C'] });
		setRaciCell(doc, { matrixId, rowId: review, colId: t, letters: ['R', 'A'] });
		return { matrixId };
	});
}

async function shot(page: Page, name: string) {
	await page.screenshot({ path: join(shots, name), fullPage: true });
}

test('two people edit one matrix at once and each sees the other’s checks', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Checkout launch');
	await seedBoard(links.owner, (doc) => {
		addPerson(doc, { name: 'Priya Nair', team: 'Engineering' });
		addPerson(doc, { name: 'Tom Becker', team: 'QA' });
	});
	const alice = await openAs(browser, links.editor, ALICE);
	const bob = await openAs(browser, links.editor, BOB);
	await openSection(alice, 'RACI');
	await openSection(bob, 'RACI');

	await createMatrix(alice, 'Go-live');
	await expect(raciGrid(bob, 'Go-live')).toBeVisible();

	// Alice adds the columns from the people list, Bob the activity; both see everything.
	const picker = alice.getByLabel('Add person or team');
	await picker.selectOption({ label: 'Priya Nair · Engineering' });
	await picker.selectOption({ label: 'Tom Becker · QA' });
	await bob.getByLabel('New activity').fill('Cut the release branch');
	await bob.getByRole('button', { name: 'Add activity' }).click();
	for (const p of [alice, bob]) {
		await expect(raciGrid(p, 'Go-live').getByRole('columnheader')).toContainText([
			'Activity',
			'Priya Nair',
			'Tom Becker'
		]);
		const row = raciGrid(p, 'Go-live')
			.getByRole('row')
			.filter({ hasText: 'No one is Accountable' });
		await expect(row).toHaveCount(1);
	}
	await expect(checkSummary(alice)).toContainText('4 problems · 2 errors, 2 warnings');

	// Keyboard: Alice types "r" in Priya's cell; the arrows move like a spreadsheet.
	const aliceCell = raciCell(alice, 'Go-live', 'Priya Nair', 'Cut the release branch');
	await aliceCell.focus();
	await alice.keyboard.press('r');
	await expect(aliceCell).toHaveAccessibleName(/: Responsible$/);
	await expect(checkSummary(bob)).toContainText('2 problems · 1 error, 1 warning');
	await alice.keyboard.press('ArrowRight');
	await expect(raciCell(alice, 'Go-live', 'Tom Becker', 'Cut the release branch')).toBeFocused();
	await alice.keyboard.press('ArrowLeft');
	await expect(aliceCell).toBeFocused();

	// Both press "a" at the same moment in different columns of the row: the model's set
	// semantics keep both A's, and both people see the row's error instead of a silent overwrite.
	const bobCell = raciCell(bob, 'Go-live', 'Tom Becker', 'Cut the release branch');
	await bobCell.focus();
	await Promise.all([alice.keyboard.press('a'), bob.keyboard.press('a')]);
	for (const p of [alice, bob]) {
		await expect(
			raciGrid(p, 'Go-live').getByText(
				'2 columns are Accountable (Priya Nair, Tom Becker); exactly one should be'
			)
		).toBeVisible();
		await expect(checkSummary(p)).toContainText('1 problem · 1 error');
	}
	await expect(
		raciCell(bob, 'Go-live', 'Priya Nair', 'Cut the release branch')
	).toHaveAccessibleName(/Responsible and Accountable$/);
	await checkSummary(alice).click();
	await expect(alice.getByRole('list', { name: 'RACI problems' })).toContainText(
		'Activity “Cut the release branch”: 2 columns are Accountable'
	);
	await shot(alice, 'raci-two-people.png');
	await checkSummary(alice).click();

	// Bob resolves it: Delete clears his cell, "i" makes Tom Informed; Alice sees no problems.
	await bob.keyboard.press('Delete');
	await bob.keyboard.press('i');
	await expect(checkSummary(alice)).toContainText('No problems');
	await expect(
		raciCell(alice, 'Go-live', 'Tom Becker', 'Cut the release branch')
	).toHaveAccessibleName(/: Informed$/);

	// Activities: a second one, moved up with the keyboard on its handle, renamed by typing.
	await bob.getByLabel('New activity').fill('Write release notes');
	await bob.getByLabel('New activity').press('Enter');
	await alice.getByRole('button', { name: /^Reorder Write release notes/ }).focus();
	await alice.keyboard.press('ArrowUp');
	await expect(bob.getByRole('textbox', { name: 'Activity 1' })).toHaveValue('Write release notes');
	const text = alice.getByRole('textbox', { name: 'Activity 1' });
	await text.click();
	await text.press('End');
	await text.pressSequentially(' (EN, DE)');
	await expect(bob.getByRole('textbox', { name: 'Activity 1' })).toHaveValue(
		'Write release notes (EN, DE)'
	);
	await expect(bob.getByText('Alice typing…')).toBeVisible();

	// Columns reorder by dragging one header onto the left half of another.
	const header = (p: Page, name: string) =>
		raciGrid(p, 'Go-live').getByRole('columnheader', { name: new RegExp(`^${name}`) });
	await header(bob, 'Tom Becker').dragTo(header(bob, 'Priya Nair'), {
		targetPosition: { x: 4, y: 10 }
	});
	await expect(raciGrid(alice, 'Go-live').getByRole('columnheader')).toContainText([
		'Activity',
		'Tom Becker',
		'Priya Nair'
	]);

	// Deleting the matrix asks first and can be undone.
	await alice.getByRole('button', { name: 'Delete matrix Go-live' }).click();
	await alice
		.getByRole('dialog', { name: 'Delete “Go-live”?' })
		.getByRole('button', { name: 'Delete matrix' })
		.click();
	await expect(bob.getByRole('heading', { name: 'No RACI matrix yet' })).toBeVisible();
	await alice.getByRole('status').getByRole('button', { name: 'Undo' }).click();
	await expect(raciGrid(bob, 'Go-live')).toBeVisible();
	await expect(checkSummary(bob)).toContainText('2 problems');
});

test('a frozen matrix, the changes since, and its XLSX with the frozen values', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Payments launch');
	await seedLaunch(links.owner);
	const owner = await openAs(browser, links.owner, ALICE);
	const editor = await openAs(browser, links.editor, BOB);
	await openSection(owner, 'RACI');
	await openSection(editor, 'RACI');
	await expect(raciGrid(editor, 'Launch')).toBeVisible();

	// Freeze the matrix as the editor (the author is their display name).
	await editor.getByRole('button', { name: 'Freeze' }).click();
	const freeze = editor.getByRole('dialog', { name: 'Freeze a snapshot' });
	await freeze.getByLabel('Snapshot name').fill('Agreed v1');
	await expect(freeze.getByRole('radio', { name: /This matrix/ })).toBeChecked();
	await expect(freeze).toContainText('Taken by Bob');
	await freeze.getByRole('button', { name: 'Freeze' }).click();
	await expect(freeze).toBeHidden();
	await expect(
		editor.getByRole('status').filter({ hasText: 'Snapshot “Agreed v1” taken' })
	).toBeVisible();

	// Then the matrix changes: a click cycles Tom's I on "Ship beta" to empty, and a new activity.
	const tomShip = raciCell(owner, 'Launch', 'Tom Becker', 'Ship beta');
	await tomShip.click();
	await expect(tomShip).toHaveAccessibleName(/: empty$/);
	await owner.getByLabel('New activity').fill('Sign-off');
	await owner.getByRole('button', { name: 'Add activity' }).click();
	await expect(raciGrid(editor, 'Launch').getByRole('row')).toHaveCount(4);

	// The diff of the snapshot with now shows exactly those two changes.
	await openSection(editor, 'Snapshots');
	const list = editor.getByRole('list', { name: 'Snapshots' });
	const item = list.getByRole('listitem', { name: 'Agreed v1' });
	await expect(item).toContainText('Bob');
	await expect(item).toContainText('Matrix · Launch');
	await item.getByRole('button', { name: 'Compare Agreed v1 with now' }).click();
	const diff = editor.getByRole('region', { name: 'Differences' });
	await expect(diff.getByTestId('diff-count')).toHaveText('2 changes');
	await expect(diff.getByRole('list', { name: 'Activities added' })).toHaveText(/Sign-off/);
	const cells = diff.getByRole('table', { name: 'Changed cells' }).getByRole('row');
	await expect(cells).toHaveCount(2);
	await expect(cells.nth(1).getByRole('cell')).toHaveText(['Ship beta', 'Tom Becker', 'I', '—']);
	await expect(diff.getByRole('list', { name: 'Activities removed' })).toHaveCount(0);
	await expect(diff.getByRole('list', { name: 'Columns added' })).toHaveCount(0);
	await shot(editor, 'raci-diff.png');

	// Opened read-only, the snapshot shows the frozen letters and no edit controls.
	await item.getByRole('button', { name: /^Agreed v1/ }).click();
	const viewer = editor.getByRole('region', { name: 'Snapshot' });
	await expect(viewer).toContainText('Snapshot · read-only');
	await expect(
		viewer.getByRole('gridcell', { name: /^Tom Becker on Ship beta:/ })
	).toHaveAccessibleName(/: Informed$/);
	await expect(viewer.getByRole('textbox')).toHaveCount(0);
	await expect(viewer.getByRole('row')).toHaveCount(3);
	await shot(editor, 'raci-snapshot-open.png');

	// The XLSX of the snapshot, chosen from the RACI workspace, holds the frozen values.
	await openSection(owner, 'RACI');
	await owner.getByRole('button', { name: 'Export', exact: true }).click();
	const panel = owner.getByRole('group', { name: 'Export Launch' });
	await panel.getByLabel('Version').selectOption({ label: 'Snapshot “Agreed v1”' });
	const [download] = await Promise.all([
		owner.waitForEvent('download'),
		panel.getByRole('button', { name: 'Excel (XLSX)' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(
		/^payments-launch-launch-agreed-v1-\d{4}-\d{2}-\d{2}\.xlsx$/
	);
	const file = join(shots, 'raci-snapshot.xlsx');
	await download.saveAs(file);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile(file);
	const sheet = workbook.worksheets[0]!;
	const values = (row: number) =>
		[1, 2, 3].map((c) => String(sheet.getRow(row).getCell(c).value ?? ''));
	expect(values(1)).toEqual(['Activity', 'Priya Nair', 'Tom Becker']);
	expect(values(2)).toEqual(['Ship beta', 'R/A', 'I']);
	expect(values(3)).toEqual(['Security review', 'C', 'R/A']);
	expect(sheet.rowCount).toBe(3);
	expect(workbook.worksheets.map((s) => s.name)).toEqual(['Launch', 'Legend', 'Checks']);

	// Only the owner may delete a snapshot.
	await expect(editor.getByRole('button', { name: 'Delete snapshot Agreed v1' })).toHaveCount(0);
	await openSection(owner, 'Snapshots');
	await owner.getByRole('button', { name: 'Delete snapshot Agreed v1' }).click();
	await owner
		.getByRole('dialog', { name: /Delete snapshot/ })
		.getByRole('button', { name: 'Delete snapshot' })
		.click();
	await expect(owner.getByRole('listitem', { name: 'Agreed v1' })).toHaveCount(0);
});

test('a viewer sees the matrix and its checks, can export, and has no edit controls', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Vendor onboarding');
	await seedLaunch(links.owner);
	const viewer = await openAs(
		browser,
		links.viewer,
		{ name: 'Val', color: '#16a34a' },
		{
			colorScheme: 'dark'
		}
	);
	await openSection(viewer, 'RACI');
	const grid = raciGrid(viewer, 'Launch');
	await expect(grid).toBeVisible();
	await expect(grid).toHaveAttribute('aria-readonly', 'true');
	await expect(checkSummary(viewer)).toContainText('No problems');
	await expect(grid.getByRole('columnheader', { name: /Sam Ortiz/ })).toHaveCount(0);

	// No way to edit: no create, rename, add, delete, freeze; keys do nothing to a cell.
	for (const name of ['New matrix', 'Freeze', 'Add activity', 'Delete matrix Launch']) {
		await expect(viewer.getByRole('button', { name, exact: true })).toHaveCount(0);
	}
	await expect(viewer.getByLabel('Add person or team')).toHaveCount(0);
	await expect(grid.getByRole('textbox')).toHaveCount(0);
	const cell = raciCell(viewer, 'Launch', 'Priya Nair', 'Ship beta');
	await cell.focus();
	await viewer.keyboard.press('Delete');
	await cell.click();
	await expect(cell).toHaveAccessibleName(/Responsible and Accountable$/);
	await shot(viewer, 'raci-viewer-dark.png');

	// Exporting works for a viewer.
	await viewer.getByRole('button', { name: 'Export', exact: true }).click();
	const [download] = await Promise.all([
		viewer.waitForEvent('download'),
		viewer
			.getByRole('group', { name: 'Export Launch' })
			.getByRole('button', { name: 'Markdown' })
			.click()
	]);
	expect(download.suggestedFilename()).toMatch(/^vendor-onboarding-launch-\d{4}-\d{2}-\d{2}\.md$/);

	// The Snapshots tab: export yes, freeze no.
	await openSection(viewer, 'Snapshots');
	await expect(viewer.getByRole('button', { name: 'Freeze board' })).toHaveCount(0);
	await viewer.getByRole('button', { name: 'Export live register' }).click();
	const [json] = await Promise.all([
		viewer.waitForEvent('download'),
		viewer.getByRole('button', { name: 'JSON' }).click()
	]);
	expect(json.suggestedFilename()).toMatch(/register.*\.json$/);
});

test('a board snapshot compared with now lists register changes field by field', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Data centre move');
	const ids = await seedBoard(links.owner, (doc) => ({
		power: addRisk(doc, { title: 'Power feed delayed', likelihood: 2, impact: 4 }).id,
		racks: addRisk(doc, { title: 'Racks arrive late', likelihood: 3, impact: 3 }).id
	}));
	await seedLaunch(links.owner);
	const owner = await openAs(browser, links.owner, ALICE, { colorScheme: 'dark' });
	await openSection(owner, 'Snapshots');
	await owner.getByRole('button', { name: 'Freeze board' }).click();
	const freeze = owner.getByRole('dialog', { name: 'Freeze a snapshot' });
	await freeze.getByLabel('Snapshot name').fill('Steering committee');
	await freeze.getByRole('button', { name: 'Freeze' }).click();
	const viewer = owner.getByRole('region', { name: 'Snapshot' });
	await expect(viewer.getByRole('table', { name: 'Frozen register' })).toContainText(
		'Power feed delayed'
	);

	await seedBoard(links.editor, (doc) => {
		updateRisk(doc, ids.power, { likelihood: 4 });
		deleteRisk(doc, ids.racks);
		addRisk(doc, { title: 'Cooling capacity short', likelihood: 1, impact: 5 });
	});
	await owner
		.getByRole('listitem', { name: 'Steering committee' })
		.getByRole('button', { name: 'Compare Steering committee with now' })
		.click();
	const diff = owner.getByRole('region', { name: 'Differences' });
	await expect(diff.getByRole('list', { name: 'Risks added' })).toContainText(
		'Cooling capacity short'
	);
	await expect(diff.getByRole('list', { name: 'Risks removed' })).toContainText(
		'Racks arrive late'
	);
	const changes = diff.getByRole('table', { name: 'Changes to R-1 Power feed delayed' });
	await expect(changes.getByRole('row', { name: /^Likelihood/ }).getByRole('cell')).toHaveText([
		'2',
		'4'
	]);
	await expect(changes.getByRole('row', { name: /^Score/ }).getByRole('cell')).toHaveText([
		'8',
		'16'
	]);
	await expect(diff.getByText('No matrix changed.')).toBeVisible();
	await shot(owner, 'raci-board-diff-dark.png');
});
