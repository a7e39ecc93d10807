/** Steps shared by the detail-panel and heat-map suites: named people, opening a risk. */
import { expect, type Browser, type Page } from '@playwright/test';
import { openAs } from './helpers.ts';

/** Opens `link` in a fresh browser context as a person with this display name and colour. */
export function joinAs(
	browser: Browser,
	link: string,
	name: string,
	options: { color?: string; colorScheme?: 'light' | 'dark' } = {}
): Promise<Page> {
	return openAs(browser, link, { name, color: options.color ?? '#2563eb' }, options);
}

/** The heat map aside. */
export function heatMap(page: Page) {
	return page.getByRole('region', { name: 'Heat map', exact: true });
}

/** Shows risk chips in the heat-map cells (idempotent). */
export async function showRisksInHeatMap(page: Page): Promise<void> {
	const toggle = heatMap(page).getByRole('button', { name: 'Show risks' });
	if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
	await expect(toggle).toHaveAttribute('aria-pressed', 'true');
}

/** A risk's chip in the heat map, by key (`R-1`). */
export function riskChip(page: Page, key: string) {
	return heatMap(page).getByRole('button', { name: new RegExp(`^${key}: `) });
}

/** A heat-map cell's count button (it filters the register to the cell). */
export function heatCell(page: Page, likelihood: number, impact: number) {
	return heatMap(page).getByRole('button', {
		name: new RegExp(`risks?, likelihood ${likelihood} .*, impact ${impact} `)
	});
}

/** Opens a risk's detail panel from its heat-map chip and returns the panel. */
export async function openRisk(page: Page, key: string) {
	await showRisksInHeatMap(page);
	await riskChip(page, key).click();
	const panel = detailPanel(page, key);
	await expect(panel).toBeVisible();
	return panel;
}

/** The open detail panel of a risk. */
export function detailPanel(page: Page, key: string) {
	return page.getByRole('dialog', { name: `Risk ${key}` });
}
