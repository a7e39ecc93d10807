/**
 * Review sessions with a facilitator and two participants in separate browser contexts: the
 * banner, following the facilitator's focus (and stopping), co-edited notes and decisions.
 */
import { expect, test, type Page } from '@playwright/test';
import { agendaItem, openReview, shownTitle } from './review-helpers.ts';
import { joinAs } from './collab-helpers.ts';
import { addRisk, createBoardViaUi, riskRow } from './helpers.ts';

const outputDir = process.env.E2E_OUTPUT ?? 'test-results';

test('participants follow the facilitator, can stop following, and see decisions', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Quarterly risk review');
	const fran = await joinAs(browser, links.editor, 'Fran Facilitator', 1);
	await fran.page.setViewportSize({ width: 1280, height: 800 });
	await addRisk(fran.page, { title: 'Vendor delay', likelihood: 4, impact: 5 });
	await addRisk(fran.page, { title: 'Key engineer leaves', likelihood: 3, impact: 3 });
	await addRisk(fran.page, { title: 'Budget cut', likelihood: 2, impact: 2 });
	await expect(riskRow(fran.page, 'Budget cut')).toBeVisible();
	const pia = await joinAs(browser, links.editor, 'Pia Participant', 3);
	const quinn = await joinAs(browser, links.viewer, 'Quinn Viewer', 6, { colorScheme: 'dark' });

	// The facilitator starts a review of the due risks; everyone sees the banner.
	await openReview(fran.page);
	await fran.page.getByRole('button', { name: 'Start review' }).click();
	const banner = (p: Page) => p.getByRole('status', { name: 'Review status' });
	await expect(banner(fran.page)).toContainText('you are facilitating');
	for (const p of [pia.page, quinn.page]) {
		await expect(banner(p)).toContainText('Review in progress — following Fran Facilitator');
		await openReview(p);
	}
	await expect(agendaItem(pia.page, 'Vendor delay')).toBeVisible();
	await expect(agendaItem(pia.page, 'Budget cut')).toBeVisible();

	// Focus moves both followers' views.
	await agendaItem(fran.page, 'Key engineer leaves').getByRole('button').first().click();
	for (const p of [pia.page, quinn.page]) {
		await expect(shownTitle(p)).toHaveText('Key engineer leaves');
		await expect(agendaItem(p, 'Key engineer leaves')).toHaveAttribute('aria-current', 'step');
	}

	// Pia stops following: the next focus change moves Quinn only.
	await banner(pia.page).getByRole('button', { name: 'Stop following' }).click();
	await expect(banner(pia.page)).toContainText('(not following)');
	await agendaItem(fran.page, 'Vendor delay').getByRole('button').first().click();
	await expect(shownTitle(quinn.page)).toHaveText('Vendor delay');
	await expect(agendaItem(pia.page, 'Vendor delay')).toHaveAttribute('aria-current', 'step');
	await expect(shownTitle(pia.page)).toHaveText('Key engineer leaves');

	// Notes are co-edited; a decision shows for everyone with who recorded it.
	await fran.page
		.getByRole('textbox', { name: 'Discussion notes' })
		.fill('Supplier confirmed a two-week slip.');
	await expect(quinn.page.getByRole('textbox', { name: 'Discussion notes' })).toHaveValue(
		'Supplier confirmed a two-week slip.'
	);
	await fran.page
		.getByRole('group', { name: 'Decision' })
		.getByRole('button', { name: 'Escalate' })
		.click();
	await expect(quinn.page.getByText('Escalate — recorded by Fran Facilitator')).toBeVisible();
	await expect(agendaItem(pia.page, 'Vendor delay')).toContainText('Escalate');

	// Following again jumps to the current focus.
	await banner(pia.page).getByRole('button', { name: 'Follow again' }).click();
	await expect(shownTitle(pia.page)).toHaveText('Vendor delay');
	await expect(pia.page.getByText('Escalate — recorded by Fran Facilitator')).toBeVisible();

	// The facilitator hands over to Pia: she now leads, Fran follows her.
	await fran.page
		.getByLabel('Hand the facilitator role to')
		.selectOption({ label: 'Pia Participant' });
	await fran.page.getByRole('button', { name: 'Hand over' }).click();
	await expect(banner(pia.page)).toContainText('you are facilitating');
	await expect(banner(fran.page)).toContainText('following Pia Participant');
	await expect(banner(quinn.page)).toContainText('following Pia Participant');
	await agendaItem(pia.page, 'Budget cut').getByRole('button').first().click();
	await expect(shownTitle(fran.page)).toHaveText('Budget cut');
	await expect(shownTitle(quinn.page)).toHaveText('Budget cut');

	await fran.page.screenshot({ path: `${outputDir}/review-facilitator.png` });
	await quinn.page.setViewportSize({ width: 1280, height: 800 });
	await quinn.page.screenshot({ path: `${outputDir}/review-participant-dark.png` });
});
