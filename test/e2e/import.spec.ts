/**
 * Importing a register as a person does: pick the file, fix what the preview shows (a column the
 * suggestions missed, a text scale value, a bad row), confirm, and a second browser sees the
 * risks live; and a board made from an XLSX with a title block from the home page.
 */
import { expect, test, type Locator } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createBoardViaUi, openAs, riskRow } from './helpers.ts';

/** A register as European Excel saves it: BOM, semicolons, CRLF, German headers, a messy scale. */
const MESSY_CSV = Buffer.from(
	'\uFEFF' +
		[
			'Ref;Risiko;Probability;Impact;Owner;Status',
			'A-1;Lieferant fällt aus;High;4;Zoë Müller;In progress',
			'A-2;Budget überzogen;Extreme;3;zoe müller;Open',
			'A-3;Schlüsselperson geht;Low;9;Jürgen;Open',
			'A-4;"Rechenzentrum; Strom";Medium;5;;Done'
		].join('\r\n') +
		'\r\n',
	'utf8'
);

/** A row of the import preview. */
const previewRow = (panel: Locator, text: string) =>
	panel.getByRole('table', { name: 'Rows to import' }).getByRole('row').filter({ hasText: text });

test('a person imports a messy CSV: fixes a mapping, maps a text scale, skips a bad row; a second browser sees the risks', async ({
	browser,
	page
}) => {
	test.setTimeout(60_000);
	const links = await createBoardViaUi(page, 'Imported register');
	const ada = await openAs(browser, links.editor, { name: 'Ada', color: '#2563eb' });
	const bob = await openAs(browser, links.viewer, { name: 'Bob', color: '#16a34a' });

	await ada.getByRole('button', { name: 'Import…' }).click();
	const panel = ada.getByRole('dialog', { name: 'Import a register' });
	await panel.getByLabel('Spreadsheet file').setInputFiles({
		name: 'register.csv',
		mimeType: 'text/csv',
		buffer: MESSY_CSV
	});
	// Detected: semicolons, UTF-8; "Risiko" matches no field, so there is no title yet.
	await expect(panel.getByLabel('Delimiter')).toHaveValue(';');
	await expect(
		panel.getByRole('status').filter({ hasText: 'No column is mapped to the title' })
	).toBeVisible();
	await expect(panel.getByRole('button', { name: /^Import \d+ risks?$/ })).toBeDisabled();

	await panel.getByLabel('Field for column “Risiko”').selectOption({ label: 'title' });
	await expect(previewRow(panel, 'Lieferant fällt aus')).toBeVisible();

	// "Extreme" is on no known scale: the row says so until the person maps it.
	const extreme = previewRow(panel, 'Budget überzogen');
	await expect(extreme).toContainText('likelihood “Extreme” is not mapped to a level 1–5');
	await expect(panel.getByLabel('likelihood for “High”')).toHaveValue('n:5');
	await panel.getByLabel('likelihood for “Extreme”').selectOption({ label: '5 Almost certain' });
	await expect(extreme).not.toContainText('not mapped');

	// One bad row stays: impact 9. Nothing can be imported until the person skips it.
	const bad = previewRow(panel, 'Schlüsselperson geht');
	await expect(bad).toContainText('impact 9 is outside 1–5');
	const summary = panel.getByRole('status').filter({ hasText: 'will be added' });
	await expect(summary).toHaveText(
		'3 risks will be added, 1 row has errors, 1 person will be created'
	);
	const confirm = panel.getByRole('button', { name: 'Import 3 risks' });
	await expect(confirm).toBeDisabled();
	await panel.getByLabel('Skip the rows with errors').check();
	await confirm.click();
	await expect(panel).toBeHidden();
	await expect(
		ada.getByRole('status').filter({ hasText: '3 risks imported from register.csv' })
	).toBeVisible();

	for (const p of [ada, bob]) {
		await expect(riskRow(p, 'Lieferant fällt aus')).toContainText('Zoë Müller');
		await expect(riskRow(p, 'Budget überzogen')).toBeVisible();
		await expect(riskRow(p, 'Rechenzentrum; Strom')).toBeVisible();
		await expect(riskRow(p, 'Schlüsselperson geht')).toHaveCount(0);
	}

	// Undo from the list of past imports takes the whole import back, for everyone.
	await ada.getByRole('button', { name: 'Import…' }).click();
	await panel.getByRole('button', { name: 'Undo import' }).click();
	await expect(panel.getByText(/Import undone: 3 risks removed/)).toBeVisible();
	await panel.getByRole('button', { name: 'Close' }).first().click();
	await expect(riskRow(bob, 'Lieferant fällt aus')).toHaveCount(0);
});

test('a board from an XLSX with a title block, from the home page', async ({ page }) => {
	await page.goto('/');
	await page.getByLabel('Spreadsheet to create a board from').setInputFiles({
		name: 'Phoenix register.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: readFileSync(
			new URL('../../apps/server/src/import/fixtures/title-block-merged.xlsx', import.meta.url)
		)
	});
	const panel = page.getByRole('dialog', { name: 'Import a register' });
	await expect(panel.getByLabel('Header row')).toHaveValue('4');
	await expect(panel.getByLabel('Sheet', { exact: true })).toHaveValue('Risk Register');
	await expect(previewRow(panel, 'Scope creep')).toContainText('L3 × I3');
	await panel.getByRole('button', { name: 'Import 3 risks' }).click();
	await expect(panel).toBeHidden();
	await expect(page.getByRole('heading', { name: 'Phoenix register' })).toBeVisible();
	await expect(riskRow(page, 'Supplier insolvency')).toContainText('Ada Lovelace');
	await expect(riskRow(page, 'Test lab unavailable')).toContainText('Grace Hopper');
	// Undo in the toast.
	await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByText(/Import undone: 3 risks removed/)).toBeVisible();
	await expect(riskRow(page, 'Supplier insolvency')).toHaveCount(0);
});
