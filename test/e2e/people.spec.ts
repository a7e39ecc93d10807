/**
 * Everyone is a person on the board, a review updates the register, and a TPM changes many risks
 * at once: real Chromium pages against the real server, acting as people do (click, type, keys).
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addPerson, addRisk, readBoard } from '@riskboard/model';
import { openRisk } from './detail-helpers.ts';
import { createBoardViaUi, openAs, riskRow, seedBoard } from './helpers.ts';
import { agendaItem, openReview } from './review-helpers.ts';

/** Opens `link` as a new device and answers "Who are you?" by picking `name` from the list. */
async function pickYourself(browser: Browser, link: string, name: string): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
	const page = await context.newPage();
	await page.goto(link);
	await expect(page.getByTestId('connection')).toHaveText('Live');
	const who = page.getByRole('region', { name: 'Who are you?' });
	await who.getByRole('button', { name }).click();
	await expect(who).toBeHidden();
	await expect(
		page.getByRole('list', { name: 'People on this board' }).getByRole('button', {
			name: new RegExp(`^${name} \\(you\\)`)
		})
	).toBeVisible();
	return page;
}

test('three people run a review as people on the board; decisions set the next review and the next agenda leaves those risks out', async ({
	browser,
	page
}) => {
	// Three browsers through a whole review: as long as the other three-person review suites.
	test.setTimeout(120_000);
	const links = await createBoardViaUi(page, 'Launch readiness');
	const ids = await seedBoard(links.editor, (doc) => {
		const ada = addPerson(doc, { name: 'Ada Lovelace', team: 'PMO' });
		addPerson(doc, { name: 'Bo Chen', team: 'Engineering' });
		addPerson(doc, { name: 'Cy Diaz', team: 'QA' });
		return {
			ada,
			vendor: addRisk(doc, { title: 'Vendor slips', likelihood: 4, impact: 5, ownerId: ada }).id,
			hire: addRisk(doc, { title: 'Late hire', likelihood: 2, impact: 3, ownerId: ada }).id,
			budget: addRisk(doc, { title: 'Budget cut', likelihood: 1, impact: 2 }).id
		};
	});
	expect(ids.vendor).not.toBe('');
	const ada = await pickYourself(browser, links.editor, 'Ada Lovelace');
	const bo = await pickYourself(browser, links.editor, 'Bo Chen');
	const cy = await pickYourself(browser, links.viewer, 'Cy Diaz');

	// The register names the owner as the people list does.
	await expect(riskRow(ada, 'Vendor slips')).toContainText('Ada Lovelace');

	await openReview(ada);
	await expect(ada.getByText('3 risks on the agenda')).toBeVisible();
	await ada.getByRole('button', { name: 'Start review' }).click();
	const banner = (p: Page) => p.getByRole('status', { name: 'Review status' });
	await expect(banner(ada)).toContainText('you are facilitating');
	for (const p of [bo, cy]) {
		await expect(banner(p)).toContainText('following Ada Lovelace');
		await openReview(p);
	}

	const decide = async (title: string, decision: string) => {
		await agendaItem(ada, title).getByRole('button').first().click();
		await ada
			.getByRole('group', { name: 'Decision' })
			.getByRole('button', { name: decision })
			.click();
		await expect(agendaItem(cy, title)).toContainText(decision);
	};
	await decide('Vendor slips', 'Keep');
	await decide('Late hire', 'Accept');
	await expect(cy.getByText('Accept — recorded by Ada Lovelace')).toBeVisible();

	// Everyone's register knows the review happened (the viewer's too).
	await cy
		.getByRole('navigation', { name: 'Board sections' })
		.getByRole('button', { name: 'Register' })
		.click();
	await openRisk(cy, 'R-1');
	await expect(cy.getByTestId('last-reviewed')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);

	await ada.getByRole('button', { name: 'End review' }).click();
	await ada
		.getByRole('group', { name: 'Confirm ending the review' })
		.getByRole('button', { name: 'End now' })
		.click();
	const minutes = ada.getByRole('article', { name: 'Minutes' });
	await expect(minutes).toContainText('facilitated by Ada Lovelace');
	await expect(minutes).toContainText('Keep (recorded by Ada Lovelace)');
	await expect(minutes).toContainText('Accept (recorded by Ada Lovelace)');
	await expect(minutes.getByTestId('minutes-next-review')).toHaveCount(2);
	await expect(minutes.getByTestId('minutes-next-review').first()).toContainText('review cadence');
	const attendees = minutes.getByRole('paragraph').filter({ hasText: /^Attendees:/ });
	await expect(attendees).toContainText('Ada Lovelace');
	await expect(attendees).toContainText('Bo Chen');
	await expect(attendees).toContainText('Cy Diaz');

	// The next review's agenda leaves the two reviewed risks out until they are due again.
	await expect(ada.getByText('1 risk on the agenda')).toBeVisible();
	await ada.getByRole('button', { name: 'Start review' }).click();
	await expect(agendaItem(ada, 'Budget cut')).toBeVisible();
	await expect(agendaItem(ada, 'Vendor slips')).toHaveCount(0);
	await expect(agendaItem(ada, 'Late hire')).toHaveCount(0);
	for (const p of [ada, bo, cy]) await p.context().close();
});

test('a TPM reassigns five risks in one bulk edit, undoes it in one step, and finds risks by category', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Re-org');
	const { bo } = await seedBoard(links.editor, (doc) => {
		const ada = addPerson(doc, { name: 'Ada Lovelace' });
		const bo = addPerson(doc, { name: 'Bo Chen' });
		const vendor = readBoard(doc).settings.categories.find((c) => c.name === 'Vendor')!.id;
		for (const title of ['Chip shortage', 'API late', 'Cert slips', 'Lab booked', 'Key hire'])
			addRisk(doc, { title, ownerId: ada, categoryId: title === 'Chip shortage' ? vendor : null });
		addRisk(doc, { title: 'Supplier bust', ownerId: ada, categoryId: vendor });
		return { bo };
	});
	expect(bo).not.toBe('');
	const tpm = await openAs(browser, links.editor, { name: 'Tess PM', color: '#2563eb' });
	const five = ['Chip shortage', 'API late', 'Cert slips', 'Lab booked', 'Key hire'];
	await expect(riskRow(tpm, 'Key hire')).toBeVisible();

	// Click the first row's box, Shift-click the fifth: five picked.
	await tpm.getByRole('checkbox', { name: 'Pick R-1 for a bulk edit' }).click();
	await tpm
		.getByRole('checkbox', { name: 'Pick R-5 for a bulk edit' })
		.click({ modifiers: ['Shift'] });
	const bar = tpm.getByRole('toolbar', { name: 'Bulk edit of the picked risks' });
	await expect(bar).toContainText('5 selected');
	await bar.getByLabel('Set the owner of 5 risks').selectOption({ label: 'Bo Chen' });
	for (const title of five) await expect(riskRow(tpm, title)).toContainText('Bo Chen');
	await expect(riskRow(tpm, 'Supplier bust')).toContainText('Ada Lovelace');

	// One undo reverts all five.
	await tpm.getByRole('group', { name: 'History' }).getByRole('button', { name: 'Undo' }).click();
	for (const title of five) await expect(riskRow(tpm, title)).toContainText('Ada Lovelace');
	await expect(
		tpm.getByRole('group', { name: 'History' }).getByRole('button', { name: 'Undo' })
	).toBeDisabled();

	// Ctrl+A from a row picks every shown row; Escape clears.
	await tpm.getByRole('button', { name: 'Clear selection' }).click();
	await expect(bar).toBeHidden();
	await tpm.getByRole('checkbox', { name: 'Pick R-2 for a bulk edit' }).click();
	await tpm.getByRole('checkbox', { name: 'Pick R-2 for a bulk edit' }).press('Shift+Tab');
	await tpm.keyboard.press('ControlOrMeta+a');
	await expect(bar).toContainText('6 selected');
	await tpm.keyboard.press('Escape');
	await expect(bar).toBeHidden();

	// Search covers the category; the row says which field matched.
	const search = tpm.getByRole('searchbox', { name: 'Search risks' });
	await expect(search).toHaveAttribute('placeholder', /category, owner, description/);
	await search.fill('vendor');
	const table = tpm.getByRole('table', { name: 'Risk register' });
	await expect(table.getByTestId('search-match')).toHaveCount(2);
	await expect(riskRow(tpm, 'Chip shortage').getByTestId('search-match')).toHaveText(
		'category: Vendor'
	);
	await expect(riskRow(tpm, 'API late')).toHaveCount(0);
	await tpm.context().close();
});
