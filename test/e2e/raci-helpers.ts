/** Steps of the RACI suite: seeding a board through the model, and finding grid parts. */
import { expect, type Page } from '@playwright/test';

/** Opens a board section (Register, RACI, Snapshots). */
export async function openSection(page: Page, name: 'Register' | 'RACI' | 'Snapshots') {
	await page
		.getByRole('navigation', { name: 'Board sections' })
		.getByRole('button', { name, exact: true })
		.click();
}

/** The RACI grid of the matrix with this name. */
export function raciGrid(page: Page, matrix: string) {
	return page.getByRole('grid', { name: `RACI matrix ${matrix}` });
}

/** The cell of `column` on the activity `activity` (its accessible name starts with both). */
export function raciCell(page: Page, matrix: string, column: string, activity: string) {
	return raciGrid(page, matrix).getByRole('gridcell', {
		name: new RegExp(`^${escape(column)} on ${escape(activity)}:`)
	});
}

/** The check summary button at the top of the open matrix. */
export function checkSummary(page: Page) {
	return page.getByTestId('raci-check-summary');
}

/** Creates a matrix through the "New matrix" dialog. */
export async function createMatrix(page: Page, name: string, preset: 'RACI' | 'RASCI' = 'RACI') {
	await page.getByRole('button', { name: 'New matrix' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'New RACI matrix' });
	await dialog.getByLabel('Matrix name').fill(name);
	await dialog.getByRole('radio', { name: new RegExp(`^${preset} `) }).check();
	await dialog.getByRole('button', { name: 'Create matrix' }).click();
	await expect(dialog).toBeHidden();
	await expect(raciGrid(page, name)).toBeVisible();
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
