/** Steps shared by the collaboration suites: joining a board as a named person, the panels. */
import { expect, type Browser, type Page } from '@playwright/test';

export interface Person {
	page: Page;
	/** The presence colour chosen, as `#rrggbb`. */
	color: string;
}

/**
 * Opens `link` in a fresh browser context (its own storage: a different person), answers "Who are
 * you?" with "I'm not on the list" (a name only), then the name prompt with `name` and the
 * `colorIndex`-th colour (1-based).
 */
export async function joinAs(
	browser: Browser,
	link: string,
	name: string,
	colorIndex: number,
	options: { colorScheme?: 'light' | 'dark' } = {}
): Promise<Person> {
	const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light' });
	const page = await context.newPage();
	await page.goto(link);
	await expect(page.getByTestId('connection')).toHaveText('Live');
	const who = page.getByRole('region', { name: 'Who are you?' });
	await who.getByRole('button', { name: "I'm not on the list" }).click();
	await expect(who).toBeHidden();
	const prompt = page.getByRole('region', { name: 'How should others see you?' });
	await prompt.getByLabel('Your name', { exact: true }).fill(name);
	const swatch = prompt.getByRole('radio', { name: new RegExp(`^Colour ${colorIndex} of`) });
	await swatch.check();
	const color = (await swatch.getAttribute('value')) ?? '';
	await prompt.getByRole('button', { name: 'Save' }).click();
	await expect(prompt).toBeHidden();
	return { page, color };
}

/** The presence avatar (a button) of the person whose label starts with `name`. */
export function avatar(page: Page, name: string) {
	return page
		.getByRole('list', { name: 'People on this board' })
		.getByRole('button', { name: new RegExp(`^${escape(name)}`) });
}

/** Opens the People drawer and returns it. */
export async function openPeople(page: Page) {
	await page.getByRole('button', { name: 'People', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'People' });
	await expect(dialog).toBeVisible();
	return dialog;
}

/** Opens the Settings drawer and returns it. */
export async function openSettings(page: Page) {
	await page.getByRole('button', { name: 'Settings', exact: true }).click();
	const dialog = page.getByRole('dialog', { name: 'Board settings' });
	await expect(dialog).toBeVisible();
	return dialog;
}

/** Adds a person through the open People drawer. */
export async function addPersonInPanel(
	dialog: ReturnType<Page['getByRole']>,
	person: { name: string; team?: string; roleTitle?: string; email?: string }
): Promise<void> {
	const form = dialog.getByRole('form', { name: 'Add person' });
	await form.getByLabel('Name').fill(person.name);
	if (person.team) await form.getByLabel('Team or function').fill(person.team);
	if (person.roleTitle) await form.getByLabel('Role title').fill(person.roleTitle);
	if (person.email) await form.getByLabel('E-mail').fill(person.email);
	await form.getByRole('button', { name: 'Add person' }).click();
	await expect(dialog.getByRole('listitem', { name: person.name, exact: true })).toBeVisible();
}

/** `#rrggbb` as the `rgb(r, g, b)` string computed styles use. */
export function rgb(hex: string): string {
	const n = Number.parseInt(hex.slice(1), 16);
	return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
