import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { detailPanel, joinAs, openRisk, riskChip } from './detail-helpers.ts';
import { addRisk, createBoardViaUi, riskRow } from './helpers.ts';

const shots = process.env.E2E_OUTPUT ?? 'test-results';

/** Adds a mitigation action through the panel's "New action" field. */
async function addAction(panel: Locator, text: string) {
	const input = panel.getByRole('textbox', { name: 'New action' });
	await input.fill(text);
	await input.press('Enter');
	await expect(input).toHaveValue('');
}

function actions(panel: Locator) {
	return panel.getByRole('list', { name: 'Mitigation actions' }).getByRole('listitem');
}

/** The value of every action text in plan order. */
async function actionTexts(panel: Locator): Promise<string[]> {
	return actions(panel)
		.getByRole('textbox', { name: /^Action \d+$/ })
		.evaluateAll((nodes) => nodes.map((n) => (n as HTMLTextAreaElement).value));
}

async function closePages(...pages: Page[]) {
	for (const page of pages) await page.context().close();
}

test('two people typing into the same action at once both keep their text', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Co-edited mitigations');
	const alice = await joinAs(browser, links.editor, 'Alice', { color: '#e11d48' });
	const bob = await joinAs(browser, links.editor, 'Bob', { color: '#2563eb' });
	await addRisk(alice, { title: 'Vendor sandbox late', likelihood: 4, impact: 4 });

	const alicePanel = await openRisk(alice, 'R-1');
	await addAction(alicePanel, 'Confirm sandbox date');
	const bobPanel = await openRisk(bob, 'R-1');
	const aliceText = alicePanel.getByRole('textbox', { name: 'Action 1' });
	const bobText = bobPanel.getByRole('textbox', { name: 'Action 1' });
	await expect(bobText).toHaveValue('Confirm sandbox date');

	await aliceText.click();
	await aliceText.press('End');
	await bobText.click();
	await bobText.press('Home');
	// Each sees the other's name on the action they are both editing.
	await expect(alicePanel.getByRole('list', { name: 'Also editing action 1' })).toHaveText('Bob');
	await expect(bobPanel.getByRole('list', { name: 'Also editing action 1' })).toHaveText('Alice');

	await Promise.all([
		alice.keyboard.type(' with the vendor', { delay: 25 }),
		bob.keyboard.type('Today: ', { delay: 25 })
	]);
	const merged = 'Today: Confirm sandbox date with the vendor';
	await expect(aliceText).toHaveValue(merged);
	await expect(bobText).toHaveValue(merged);

	// The carets stayed where each person was typing: one more character lands in place.
	await alice.keyboard.type('!');
	await bob.keyboard.type('>');
	await expect(aliceText).toHaveValue('Today: >Confirm sandbox date with the vendor!');
	await expect(bobText).toHaveValue('Today: >Confirm sandbox date with the vendor!');
	await closePages(alice, bob);
});

test('the other person sees who is editing which field', async ({ browser, page }) => {
	const links = await createBoardViaUi(page, 'Presence on fields');
	const alice = await joinAs(browser, links.editor, 'Alice', { color: '#e11d48' });
	const bob = await joinAs(browser, links.editor, 'Bob', { color: '#2563eb' });
	await addRisk(alice, { title: 'Load test environment shared', likelihood: 3, impact: 4 });

	const alicePanel = await openRisk(alice, 'R-1');
	// Opening moves focus into the panel.
	await expect(alicePanel.getByRole('heading', { name: 'R-1' })).toBeFocused();
	const bobPanel = await openRisk(bob, 'R-1');
	const description = alicePanel.getByRole('textbox', { name: 'Description' });
	await description.click();
	await alice.keyboard.type('Cause: QA and perf share one cluster', { delay: 10 });

	const editing = bobPanel.getByRole('list', { name: 'Also editing description' });
	await expect(editing).toHaveText('Alice');
	await expect(bobPanel.getByRole('textbox', { name: 'Description' })).toHaveValue(
		'Cause: QA and perf share one cluster'
	);
	// Only on the field Alice is in.
	await expect(bobPanel.getByRole('list', { name: 'Also editing contingency plan' })).toHaveCount(
		0
	);
	await bob.screenshot({ path: join(shots, 'detail-presence.png') });

	await alicePanel.getByRole('textbox', { name: 'Contingency plan' }).click();
	await expect(editing).toHaveCount(0);
	await expect(bobPanel.getByRole('list', { name: 'Also editing contingency plan' })).toHaveText(
		'Alice'
	);

	// Escape closes the panel and Alice's presence on the field goes with it.
	await alice.keyboard.press('Escape');
	await expect(detailPanel(alice, 'R-1')).toHaveCount(0);
	await expect(riskChip(alice, 'R-1')).toBeFocused();
	await expect(bobPanel.getByRole('list', { name: /^Also editing/ })).toHaveCount(0);
	await closePages(alice, bob);
});

test('adding, reordering and completing actions updates the rollup for the other person', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Mitigation rollup');
	const alice = await joinAs(browser, links.editor, 'Alice');
	const bob = await joinAs(browser, links.editor, 'Bob');
	await addRisk(alice, { title: 'Cut-over window too short', likelihood: 4, impact: 5 });
	const row = riskRow(bob, 'Cut-over window too short');

	const panel = await openRisk(alice, 'R-1');
	await addAction(panel, 'Rehearse cut-over');
	await addAction(panel, 'Agree rollback criteria');
	await addAction(panel, 'Book weekend window');
	await expect(row).toContainText('0/3');
	const bobPanel = await openRisk(bob, 'R-1');
	await expect(bobPanel.getByTestId('plan-rollup')).toContainText('0/3 done');

	// Keyboard reorder on the handle: "Book weekend window" to the top, then one down.
	const handle = panel.getByRole('button', { name: 'Reorder Book weekend window' });
	await handle.focus();
	await alice.keyboard.press('Home');
	await expect(handle).toBeFocused();
	await alice.keyboard.press('ArrowDown');
	const order = ['Rehearse cut-over', 'Book weekend window', 'Agree rollback criteria'];
	await expect.poll(() => actionTexts(bobPanel)).toEqual(order);

	// Drag "Agree rollback criteria" onto the top half of the first action (the line shows above).
	await panel
		.getByRole('button', { name: 'Reorder Agree rollback criteria' })
		.dragTo(actions(panel).first(), { targetPosition: { x: 40, y: 4 } });
	await expect
		.poll(() => actionTexts(bobPanel))
		.toEqual(['Agree rollback criteria', 'Rehearse cut-over', 'Book weekend window']);

	// Complete one with the check, another through its status; an overdue one counts as late.
	await panel.getByRole('button', { name: 'Done: Rehearse cut-over' }).click();
	await expect(row).toContainText('1/3');
	const third = actions(panel).nth(2);
	await third.getByLabel('Status').selectOption('Done');
	await expect(row).toContainText('2/3');
	await expect(bobPanel.getByTestId('plan-rollup')).toContainText('2/3 done');
	const first = actions(panel).first();
	await first.getByLabel('Due date').fill('2020-01-31');
	await expect(bobPanel.getByTestId('plan-rollup')).toContainText('1 overdue');
	await first.getByLabel('Progress percent').fill('40');
	await first.getByLabel('Progress percent').press('Tab');
	await expect(actions(bobPanel).first().getByLabel('Progress', { exact: true })).toHaveValue('40');

	// Delete is undoable.
	await panel.getByRole('button', { name: 'Delete Book weekend window' }).click();
	await expect(row).toContainText('1/2');
	await panel.getByRole('button', { name: 'Undo' }).click();
	await expect(row).toContainText('2/3');
	await expect.poll(() => actionTexts(bobPanel)).toContain('Book weekend window');

	await alice.screenshot({ path: join(shots, 'detail-actions.png') });
	await closePages(alice, bob);
});

test('an action linked to two risks shows on both; the last link cannot be removed', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Shared mitigations');
	const alice = await joinAs(browser, links.editor, 'Alice');
	const bob = await joinAs(browser, links.editor, 'Bob', { colorScheme: 'dark' });
	await addRisk(alice, { title: 'Payments vendor SLA unclear', likelihood: 3, impact: 4 });
	await addRisk(alice, { title: 'Fraud checks add latency', likelihood: 2, impact: 4 });

	const panel = await openRisk(alice, 'R-1');
	await addAction(panel, 'Weekly vendor sync');
	await panel.getByRole('button', { name: 'Link to another risk' }).click();
	await panel.getByRole('combobox', { name: 'Link this action to another risk' }).selectOption({
		label: 'R-2 · Fraud checks add latency'
	});
	await expect(panel.getByRole('list', { name: 'Also applies to' })).toHaveText('R-2');

	// Bob sees it in R-2's plan, pointing back to R-1.
	const bobPanel = await openRisk(bob, 'R-2');
	await expect(bobPanel.getByRole('textbox', { name: 'Action 1' })).toHaveValue(
		'Weekly vendor sync'
	);
	await expect(bobPanel.getByRole('list', { name: 'Also applies to' })).toHaveText('R-1');
	await expect(riskRow(bob, 'Fraud checks add latency')).toContainText('0/1');
	await expect(riskRow(bob, 'Payments vendor SLA unclear')).toContainText('0/1');
	await bob.screenshot({ path: join(shots, 'detail-linked-dark.png') });

	// Following the link opens the other risk.
	await bobPanel.getByRole('button', { name: /^Open R-1/ }).click();
	const bobR1 = detailPanel(bob, 'R-1');
	await expect(bobR1.getByRole('list', { name: 'Also applies to' })).toHaveText('R-2');

	// Unlinking from R-2 leaves it only on R-1; unlinking that last one is refused with a reason.
	await panel.getByRole('button', { name: 'Unlink from R-2' }).click();
	await expect(riskRow(bob, 'Fraud checks add latency')).not.toContainText('0/1');
	await expect(bobR1.getByRole('list', { name: 'Also applies to' })).toHaveCount(0);
	await panel.getByRole('button', { name: 'Unlink Weekly vendor sync from this risk' }).click();
	await expect(panel.getByRole('alert')).toContainText('delete the action instead');
	await expect(actions(panel)).toHaveCount(1);
	await closePages(alice, bob);
});

test('every other field edits live; closing asks for a reason; links open safely', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Risk fields');
	const alice = await joinAs(browser, links.editor, 'Alice');
	const viewer = await joinAs(browser, links.viewer, 'Vera');
	await addRisk(alice, { title: 'Release train blocked by audit', likelihood: 3, impact: 3 });

	const panel = await openRisk(alice, 'R-1');
	const seen = await openRisk(viewer, 'R-1');
	await panel.getByLabel('Category').selectOption({ label: 'Compliance' });
	await panel.getByLabel('Response').selectOption('Escalate');
	await panel.getByLabel('Due date').fill('2020-02-01');
	await panel.getByRole('textbox', { name: 'Add tag' }).fill('audit');
	await panel.getByRole('textbox', { name: 'Add tag' }).press('Enter');
	await panel.getByRole('textbox', { name: 'Link URL' }).fill('jira.example.com/browse/REL-7');
	await panel.getByRole('button', { name: 'Add link' }).click();
	await panel.getByRole('textbox', { name: 'Link URL' }).fill('javascript:alert(1)');
	await panel.getByRole('button', { name: 'Add link' }).click();
	await expect(panel.getByRole('alert')).toContainText('http(s) URL');

	await expect(seen.getByLabel('Category')).toHaveValue(
		await panel.getByLabel('Category').inputValue()
	);
	await expect(seen.getByLabel('Response')).toHaveValue('Escalate');
	await expect(seen.getByText('Overdue')).toBeVisible();
	await expect(seen.getByRole('list', { name: 'Tags' })).toHaveText('audit');
	const link = seen.getByRole('link', { name: 'jira.example.com/browse/REL-7' });
	await expect(link).toHaveAttribute('href', 'https://jira.example.com/browse/REL-7');
	await expect(link).toHaveAttribute('target', '_blank');
	await expect(link).toHaveAttribute('rel', /noopener noreferrer/);
	// The viewer's panel is read-only.
	await expect(seen.getByRole('textbox', { name: 'Title' })).not.toBeEditable();
	await expect(seen.getByLabel('Status')).toBeDisabled();
	await expect(seen.getByRole('textbox', { name: 'New action' })).toHaveCount(0);
	await viewer.screenshot({ path: join(shots, 'detail-viewer.png') });

	// Closing needs a reason; cancelling leaves the risk open.
	await panel.getByLabel('Status').selectOption('Closed');
	const closing = panel.getByRole('form', { name: 'Close risk' });
	await expect(closing.getByRole('button', { name: 'Close risk' })).toBeDisabled();
	await closing.getByRole('button', { name: 'Cancel' }).click();
	await expect(panel.getByLabel('Status')).toHaveValue('Open');
	await panel.getByLabel('Status').selectOption('Closed');
	await closing.getByLabel('Reason for closing').fill('Audit moved to Q3');
	await closing.getByRole('button', { name: 'Close risk' }).click();
	await expect(seen.getByLabel('Status')).toHaveValue('Closed');
	await expect(seen.getByLabel('Reason for closing')).toHaveValue('Audit moved to Q3');
	await closePages(alice, viewer);
});
