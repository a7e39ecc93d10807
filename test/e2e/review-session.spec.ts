/**
 * A review end to end with a facilitator and two participants, each in their own browser
 * context: follow, silent scoring (nobody's page or received data holds another vote before the
 * reveal), apply the result, decide, agree an action, end, minutes, and "since the last review".
 */
import { expect, test, type Page } from '@playwright/test';
import { agendaItem, openReview, openSection, shownTitle } from './review-helpers.ts';
import { addRisk, createBoardViaUi, openAs, riskRow, seedBoard } from './helpers.ts';
import { decodeFrames, recordTraffic, type Traffic } from './traffic.ts';
import { addPerson, addRisk as addRiskToDoc } from '@riskboard/model';

const outputDir = process.env.E2E_OUTPUT ?? 'test-results';

const FRAN = { name: 'Fran Facilitator', color: '#2563eb' };
const PIA = { name: 'Pia Participant', color: '#db2777' };
const QUINN = { name: 'Quinn Quick', color: '#059669' };

async function vote(page: Page, likelihood: number, impact: number) {
	const card = page.getByRole('form', { name: 'Your vote' });
	await card
		.getByRole('group', { name: 'Your likelihood' })
		.getByRole('radio', { name: new RegExp(`^${likelihood}\\b`) })
		.check();
	await card
		.getByRole('group', { name: 'Your impact' })
		.getByRole('radio', { name: new RegExp(`^${impact}\\b`) })
		.check();
	await card.getByRole('button', { name: /Submit vote|Change my vote/ }).click();
	await expect(page.getByTestId('my-vote')).toContainText(`You voted ${likelihood} × ${impact}`);
}

/**
 * What `who`'s page could know about the others' votes before the reveal: nothing. Checks the
 * DOM, every REST answer (bar `who`'s own vote), every round event and awareness state, and the
 * Yjs document built from every sync frame the page received.
 */
async function expectNoOtherVotes(page: Page, traffic: Traffic, own: string) {
	await expect(page.getByTestId('round-results')).toHaveCount(0);
	await expect(page.getByRole('table', { name: 'Votes' })).toHaveCount(0);
	const text = await page.locator('body').innerText();
	expect(text).not.toMatch(/median/i);
	for (const response of traffic.responses) {
		if (response.method === 'PUT' && response.url.endsWith('/vote')) {
			expect(JSON.parse(response.body)).toMatchObject({ vote: { voter: own } });
			continue;
		}
		expect(response.body, response.url).not.toMatch(/likelihood|impact|tally/i);
	}
	expect(traffic.responses.some((response) => /\/rounds(\/|$)/.test(response.url))).toBe(true);
	const decoded = decodeFrames(traffic.frames);
	expect(decoded.roundEvents.length).toBeGreaterThan(0);
	for (const event of decoded.roundEvents) {
		expect(Object.keys(event).sort()).toEqual(
			event.kind === 'opened'
				? ['kind', 'reviewId', 'riskId', 'roundId']
				: event.kind === 'progressed'
					? ['count', 'kind', 'reviewId', 'roundId', 'voters']
					: ['kind', 'reviewId', 'roundId']
		);
	}
	for (const state of decoded.awarenessStates) {
		if (state === null) continue;
		expect(Object.keys(state as object).sort()).toEqual(['focus', 'user']);
		expect(JSON.stringify(state)).not.toMatch(/vote|likelihood|impact/i);
	}
	expect(decoded.documentJson).toContain('Vendor delay');
	expect(decoded.documentJson).not.toMatch(/"voter"|"votes"/);
}

test('a facilitator and two participants run a review end to end', async ({ browser, page }) => {
	test.setTimeout(120_000);
	const links = await createBoardViaUi(page, 'Platform launch');
	// The three are people on the board (only people vote), each page being one of them.
	const ids = await seedBoard(links.editor, (doc) => {
		addRiskToDoc(doc, { title: 'Vendor delay', likelihood: 4, impact: 5 });
		addRiskToDoc(doc, { title: 'Key engineer leaves', likelihood: 3, impact: 3 });
		addRiskToDoc(doc, { title: 'Budget cut', likelihood: 2, impact: 2 });
		return {
			fran: addPerson(doc, { name: FRAN.name }),
			pia: addPerson(doc, { name: PIA.name }),
			quinn: addPerson(doc, { name: QUINN.name })
		};
	});
	const fran = await openAs(browser, links.editor, FRAN, { personId: ids.fran });
	let piaTraffic!: Traffic;
	const pia = await openAs(browser, links.editor, PIA, {
		personId: ids.pia,
		prepare: (p) => (piaTraffic = recordTraffic(p))
	});
	let quinnTraffic!: Traffic;
	const quinn = await openAs(browser, links.viewer, QUINN, {
		personId: ids.quinn,
		colorScheme: 'dark',
		prepare: (p) => (quinnTraffic = recordTraffic(p))
	});

	// Start: the server takes the baseline; everyone follows the facilitator.
	await openReview(fran);
	await fran.getByRole('radio', { name: 'All open risks' }).check();
	await fran.getByRole('button', { name: 'Start review' }).click();
	await expect(fran.getByRole('status', { name: 'Review status' })).toContainText(
		'you are facilitating'
	);
	for (const p of [pia, quinn]) {
		await expect(p.getByRole('status', { name: 'Review status' })).toContainText(
			'following Fran Facilitator'
		);
		await openReview(p);
	}
	await agendaItem(fran, 'Vendor delay').getByRole('button').first().click();
	for (const p of [pia, quinn]) await expect(shownTitle(p)).toHaveText('Vendor delay');

	// Silent round: three votes, nobody sees another's before the reveal.
	await fran.getByRole('button', { name: 'Start silent scoring' }).click();
	for (const p of [fran, pia, quinn]) {
		await expect(p.getByRole('form', { name: 'Your vote' })).toBeVisible();
	}
	// Someone on another section is told a round is open.
	await openSection(pia, 'Register');
	await expect(pia.getByTestId('vote-call')).toHaveText('· Silent scoring of R-1 is open');
	// Following moves the Review section, never opens a risk over the register and the banner.
	await expect(pia.getByRole('dialog', { name: /^Risk R-/ })).toHaveCount(0);
	await pia.getByRole('button', { name: 'Vote now' }).click();
	await vote(pia, 2, 4);
	await expect(pia.getByTestId('vote-call')).toHaveCount(0);
	await vote(quinn, 5, 1);
	await vote(fran, 3, 3);
	// Quinn reloads mid-round: the page fetches the round afresh (count and names only) and
	// still shows Quinn's own vote, kept in this tab only.
	await quinn.reload();
	await openReview(quinn);
	await expect(quinn.getByTestId('my-vote')).toContainText('You voted 5 × 1');
	await expect(
		quinn.getByRole('group', { name: 'Your likelihood' }).getByRole('radio', { name: /^5\b/ })
	).toBeChecked();
	await quinn.screenshot({ path: `${outputDir}/review-vote-card-dark.png` });
	for (const p of [fran, pia, quinn]) {
		await expect(p.getByTestId('round-progress')).toHaveText(
			'3 votes: Fran Facilitator, Pia Participant, Quinn Quick'
		);
	}
	await expectNoOtherVotes(pia, piaTraffic, PIA.name);
	await expectNoOtherVotes(quinn, quinnTraffic, QUINN.name);
	await expect(fran.getByRole('table', { name: 'Votes' })).toHaveCount(0);

	// The reveal shows every vote, the spread and the median to everyone.
	await fran.getByRole('button', { name: 'Reveal votes' }).click();
	for (const p of [fran, pia, quinn]) {
		const votes = p.getByRole('table', { name: 'Votes' });
		await expect(votes.getByRole('row', { name: /Pia Participant 2 4 8/ })).toBeVisible();
		await expect(votes.getByRole('row', { name: /Quinn Quick 5 1 5/ })).toBeVisible();
		await expect(votes.getByRole('row', { name: /Fran Facilitator 3 3 9/ })).toBeVisible();
		await expect(p.getByTestId('likelihood-tally')).toHaveText('median 3 (2–5, spread 3)');
		await expect(p.getByTestId('impact-tally')).toHaveText('median 3 (1–4, spread 3)');
	}
	await pia.screenshot({ path: `${outputDir}/review-reveal-participant.png` });

	// Apply, decide, agree an action.
	await fran.getByRole('button', { name: 'Apply 3 × 3' }).click();
	await expect(pia.getByTestId('applied-score')).toHaveText(
		'Inherent score set to 3 × 3 from the vote by Fran Facilitator'
	);
	await fran
		.getByRole('group', { name: 'Decision' })
		.getByRole('button', { name: 'Re-score' })
		.click();
	await fran.getByRole('textbox', { name: 'Discussion notes' }).fill('Second supplier qualified.');
	await fran.getByLabel('New action').fill('Qualify backup vendor');
	await fran.getByLabel('Action due date').fill('2030-01-31');
	await fran.getByRole('button', { name: 'Add action' }).click();
	await expect(quinn.getByRole('list', { name: 'Actions recorded in this review' })).toContainText(
		'Qualify backup vendor'
	);
	await fran.screenshot({ path: `${outputDir}/review-session-facilitator.png` });

	// The facilitator reloads: they still lead (by name, their old client is gone) and the
	// review records their new connection, so the others keep following them.
	await fran.reload();
	await expect(fran.getByRole('status', { name: 'Review status' })).toContainText(
		'you are facilitating'
	);
	await expect(pia.getByRole('status', { name: 'Review status' })).toContainText(
		'following Fran Facilitator'
	);
	await openReview(fran);

	// End: the server takes the final snapshot; the minutes open for everyone who was there.
	await fran.getByRole('button', { name: 'End review' }).click();
	await fran.getByRole('button', { name: 'End now' }).click();
	for (const p of [fran, pia, quinn]) {
		const minutes = p.getByRole('article', { name: 'Minutes' });
		await expect(minutes).toContainText('facilitated by Fran Facilitator');
		await expect(minutes).toContainText('Re-score (recorded by Fran Facilitator)');
		await expect(minutes).toContainText('Inherent score 4 × 5 → 3 × 3 (from the vote) by Fran');
		await expect(minutes).toContainText('Second supplier qualified.');
		await expect(minutes).toContainText('Qualify backup vendor');
		const changes = minutes.getByRole('table', { name: /Changes to R-\d+ Vendor delay/ });
		await expect(
			changes.getByRole('row', { name: /Likelihood 4 3 Fran Facilitator/ })
		).toBeVisible();
		await expect(minutes).toContainText(
			'Attendees: Fran Facilitator, Pia Participant, Quinn Quick'
		);
	}
	const [download] = await Promise.all([
		pia.waitForEvent('download'),
		pia.getByRole('button', { name: 'Markdown' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/minutes-\d{4}-\d{2}-\d{2}\.md$/);
	await fran.screenshot({ path: `${outputDir}/review-minutes.png`, fullPage: true });

	// Since the last review: exactly what changed after it ended.
	const since = pia.getByRole('region', { name: 'Since the last review' });
	await expect(since.getByTestId('since-summary')).toHaveText(
		/^No changes since the review of \d{4}-\d{2}-\d{2}\.$/
	);
	await openSection(pia, 'Register');
	await addRisk(pia, { title: 'Data centre move', likelihood: 2, impact: 4 });
	await expect(riskRow(pia, 'Data centre move')).toBeVisible();
	await openReview(pia);
	await since.getByRole('button', { name: 'Refresh' }).click();
	await expect(since.getByTestId('since-summary')).toHaveText(
		/^1 risk added since the review of \d{4}-\d{2}-\d{2}\.$/
	);
	await expect(since.getByRole('list', { name: 'Risks added' })).toContainText(
		/Data centre move.*by Pia Participant/
	);
	await expect(since.getByRole('table')).toHaveCount(0);
});
