import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import {
	detailPanel,
	heatCell,
	heatMap,
	joinAs,
	openRisk,
	riskChip,
	showRisksInHeatMap
} from './detail-helpers.ts';
import { addRisk, createBoardViaUi, riskRow } from './helpers.ts';

const shots = process.env.E2E_OUTPUT ?? 'test-results';

test('dragging a risk to another cell re-scores it for the other person', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Heat map drag');
	const alice = await joinAs(browser, links.editor, 'Alice', { color: '#e11d48' });
	const bob = await joinAs(browser, links.editor, 'Bob', { color: '#2563eb' });

	await addRisk(alice, { title: 'Vendor API not ready', likelihood: 2, impact: 2 });
	await addRisk(alice, { title: 'Key engineer leaves', likelihood: 2, impact: 2 });
	await expect(heatCell(bob, 2, 2)).toHaveAccessibleName(/^2 risks/);
	await expect(heatCell(bob, 5, 4)).toHaveAccessibleName(/^0 risks/);
	await heatMap(bob).screenshot({ path: join(shots, 'heatmap-counts.png') });

	// Bob watches R-1's score in his detail panel while Alice drags it.
	const panel = await openRisk(bob, 'R-1');
	const score = panel.getByTestId('detail-inherent-score');
	await expect(score).toContainText('4');
	await expect(score).toContainText('Low');

	await showRisksInHeatMap(alice);
	await riskChip(alice, 'R-1').dragTo(heatCell(alice, 5, 4));

	await expect(score).toContainText('20');
	await expect(score).toContainText('Critical');
	await expect(heatCell(bob, 2, 2)).toHaveAccessibleName(/^1 risk,/);
	await expect(heatCell(bob, 5, 4)).toHaveAccessibleName(/^1 risk,/);
	await expect(
		panel.getByRole('group', { name: 'Inherent score' }).getByLabel('Likelihood')
	).toHaveValue('5');
	await expect(riskRow(bob, 'Vendor API not ready')).toContainText('Critical');

	// Residual mode moves the residual pair and leaves the inherent one alone.
	await heatMap(alice).getByRole('button', { name: 'Residual', exact: true }).click();
	await expect(heatMap(alice).getByText('2 open risks are not scored yet.')).toBeVisible();
	await panel
		.getByRole('group', { name: 'Residual score (after mitigation)' })
		.getByLabel('Likelihood')
		.selectOption('3');
	await panel
		.getByRole('group', { name: 'Residual score (after mitigation)' })
		.getByLabel('Impact')
		.selectOption('3');
	await riskChip(alice, 'R-1').dragTo(heatCell(alice, 1, 2));
	await expect(panel.getByTestId('detail-residual-score')).toContainText('2');
	await expect(score).toContainText('20');

	await alice.screenshot({ path: join(shots, 'heatmap-drag.png') });
	await alice.context().close();
	await bob.context().close();
});

test('a risk moves between cells with the keyboard, announced; viewers cannot move', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Heat map keyboard');
	const alice = await joinAs(browser, links.editor, 'Alice');
	const viewer = await joinAs(browser, links.viewer, 'Vera');
	await addRisk(alice, { title: 'Certificate expiry unnoticed', likelihood: 3, impact: 3 });
	await expect(heatCell(viewer, 3, 3)).toHaveAccessibleName(/^1 risk,/);

	await showRisksInHeatMap(alice);
	const chip = riskChip(alice, 'R-1');
	await chip.focus();
	await alice.keyboard.press('Enter');
	const live = heatMap(alice).getByRole('status');
	await expect(live).toContainText('Picked up R-1');
	await alice.keyboard.press('ArrowUp');
	await alice.keyboard.press('ArrowRight');
	await expect(live).toContainText('likelihood 4');
	await expect(live).toContainText('impact 4');
	// Escape puts it back.
	await alice.keyboard.press('Escape');
	await expect(live).toContainText('cancelled');
	await expect(heatCell(alice, 3, 3)).toHaveAccessibleName(/^1 risk,/);

	await chip.focus();
	await alice.keyboard.press(' ');
	await alice.keyboard.press('ArrowUp');
	await alice.keyboard.press('ArrowUp');
	await alice.keyboard.press('ArrowRight');
	await alice.keyboard.press('Enter');
	await expect(live).toContainText('R-1 moved to likelihood 5');
	await expect(heatCell(viewer, 5, 4)).toHaveAccessibleName(/^1 risk,/);
	await expect(heatCell(viewer, 3, 3)).toHaveAccessibleName(/^0 risks,/);
	// Focus follows the risk to its new cell, so it can keep moving.
	await expect(riskChip(alice, 'R-1')).toBeFocused();
	await expect(detailPanel(alice, 'R-1')).toHaveCount(0);

	// The viewer sees chips but cannot pick them up or drag them.
	await showRisksInHeatMap(viewer);
	const viewerChip = riskChip(viewer, 'R-1');
	await expect(viewerChip).toHaveAttribute('draggable', 'false');
	await viewerChip.focus();
	await viewer.keyboard.press('Enter');
	// For a viewer Enter just opens the risk, read-only.
	await expect(detailPanel(viewer, 'R-1')).toBeVisible();
	await expect(heatMap(viewer).getByRole('status')).not.toContainText('Picked up');
	await expect(heatCell(alice, 5, 4)).toHaveAccessibleName(/^1 risk,/);

	await alice.context().close();
	await viewer.context().close();
});

test('clicking a cell filters the register to it, clicking again clears', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Heat map filter');
	const alice = await joinAs(browser, links.editor, 'Alice', { colorScheme: 'dark' });
	await addRisk(alice, { title: 'Payments gateway outage', likelihood: 4, impact: 5 });
	await addRisk(alice, { title: 'Data migration slips', likelihood: 4, impact: 5 });
	await addRisk(alice, { title: 'Security review late', likelihood: 2, impact: 3 });
	const rows = alice.getByRole('table', { name: 'Risk register' }).getByRole('row');
	await expect(riskRow(alice, 'Security review late')).toBeVisible();

	const cell = heatCell(alice, 4, 5);
	await cell.click();
	await expect(cell).toHaveAttribute('aria-pressed', 'true');
	await expect(heatMap(alice).getByRole('status')).toContainText(
		'Register filtered to likelihood 4 Likely, impact 5 Severe'
	);
	await expect(riskRow(alice, 'Security review late')).toHaveCount(0);
	await expect(riskRow(alice, 'Payments gateway outage')).toBeVisible();
	await expect(riskRow(alice, 'Data migration slips')).toBeVisible();

	await alice.screenshot({ path: join(shots, 'heatmap-filter-dark.png') });

	await cell.click();
	await expect(cell).toHaveAttribute('aria-pressed', 'false');
	await expect(riskRow(alice, 'Security review late')).toBeVisible();
	await expect(rows.filter({ hasText: 'R-' })).toHaveCount(3);
	await alice.context().close();
});
