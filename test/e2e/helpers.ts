/** Shared steps of the e2e suites: creating a board through the home page. */
import { expect, type Page } from '@playwright/test';

export interface BoardLinks {
	owner: string;
	editor: string;
	viewer: string;
}

/** Creates a board from the home page form and returns the three links it shows. */
export async function createBoardViaUi(page: Page, title: string): Promise<BoardLinks> {
	await page.goto('/');
	await page.getByLabel('Board title').fill(title);
	await page.getByRole('button', { name: 'Create board' }).click();
	await expect(page.getByRole('heading', { name: `“${title}” is ready` })).toBeVisible();
	const link = (label: string) => page.getByLabel(label, { exact: true }).inputValue();
	return {
		owner: await link('Owner link'),
		editor: await link('Editor link'),
		viewer: await link('Viewer link')
	};
}

/** Adds a risk through the board page's form. */
export async function addRisk(
	page: Page,
	risk: { title: string; likelihood?: number; impact?: number }
): Promise<void> {
	const form = page.getByRole('form', { name: 'Add risk' });
	await form.getByLabel('Risk title').fill(risk.title);
	if (risk.likelihood) await form.getByLabel('Likelihood').selectOption(String(risk.likelihood));
	if (risk.impact) await form.getByLabel('Impact').selectOption(String(risk.impact));
	await form.getByRole('button', { name: 'Add risk' }).click();
}

/** The register table's row for a risk title. */
export function riskRow(page: Page, title: string) {
	return page
		.getByRole('table', { name: 'Risk register' })
		.getByRole('row')
		.filter({ hasText: title });
}
