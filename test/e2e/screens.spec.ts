/**
 * The main flows at four screen sizes, with the mouse only: board and register, a risk's
 * detail, the heat map, RACI, snapshots and a three-person review (a facilitator, a participant
 * and a viewer, each in their own browser). After every step `expectUsable` fails the test when
 * the page is wider than the screen or a control in view is covered. A screenshot of each flow
 * at each size is kept under `<output>/screens/` (and attached to the report).
 */
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { createBoardViaUi, openAs, seedBoard } from './helpers.ts';
import { seedRealisticBoard } from './realistic-board.ts';
import { openSection } from './review-helpers.ts';
import { expectUsable } from './usable.ts';

const outputDir = process.env.E2E_OUTPUT ?? 'test-results';

const SIZES = [
	{ name: '1280x720', width: 1280, height: 720 },
	{ name: '1440x900', width: 1440, height: 900 },
	{ name: '1920x1080', width: 1920, height: 1080 },
	{ name: 'phone-390x844', width: 390, height: 844, phone: true }
] as const;

type Size = (typeof SIZES)[number];

/** Console errors and failed requests of every page joined, by page; none are expected. */
const problems: string[] = [];
/** The board's people by name: each page is the person of its name (they vote as people). */
let people: Record<string, string> = {};

async function join(browser: Browser, link: string, name: string, size: Size): Promise<Page> {
	return openAs(
		browser,
		link,
		{ name, color: '#2563eb' },
		{
			viewport: { width: size.width, height: size.height, phone: 'phone' in size },
			personId: people[name] ?? null,
			prepare: (page) => {
				page.on('console', (message) => {
					if (message.type() === 'error') problems.push(`${name}: ${message.text()}`);
				});
				page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
			}
		}
	);
}

/** Checks the page and keeps its screenshot as `<size>-<flow>.png`. */
async function shot(page: Page, info: TestInfo, size: Size, flow: string) {
	const path = `${outputDir}/screens/${size.name}-${flow}.png`;
	await page.screenshot({ path });
	await info.attach(`${size.name}-${flow}`, { path, contentType: 'image/png' });
	await expectUsable(page, `${size.name} ${flow}`);
}

for (const size of SIZES) {
	test(`every flow is usable at ${size.name}`, async ({ browser, page }, info) => {
		test.setTimeout(120_000);
		problems.length = 0;
		const links = await createBoardViaUi(page, `Launch at ${size.name}`);
		people = await seedBoard(links.editor, seedRealisticBoard);
		const dana = await join(browser, links.editor, 'Dana Whitfield (TPM)', size);
		// A table on laptops, one card per risk on a phone.
		const register =
			'phone' in size
				? dana.getByRole('list', { name: 'Risks' })
				: dana.getByRole('table', { name: 'Risk register' });
		await expect(register).toContainText('R-14');
		await shot(dana, info, size, 'register');

		// The heat map (beside the register, or below it on narrow screens).
		const heat = dana.getByRole('region', { name: 'Heat map', exact: true });
		await heat.scrollIntoViewIfNeeded();
		await shot(dana, info, size, 'heatmap');

		// A risk's detail, opened by clicking its title (a tap on its card on a phone).
		await dana.mouse.wheel(0, -5000);
		await register.getByText('Payment vendor misses the API freeze date').click();
		const detail = dana.getByRole('dialog', { name: /^Risk R-1/ });
		await expect(detail).toBeVisible();
		await shot(dana, info, size, 'detail');
		await detail.getByRole('button', { name: 'Close details' }).click();
		await expect(detail).toHaveCount(0);

		// RACI.
		await openSection(dana, 'RACI');
		await expect(dana.getByRole('grid', { name: 'RACI matrix EU launch' })).toBeVisible();
		await shot(dana, info, size, 'raci');

		// Snapshots: freeze the board, see it listed.
		await openSection(dana, 'Snapshots');
		await dana.getByRole('button', { name: 'Freeze board' }).click();
		const freeze = dana.getByRole('dialog', { name: 'Freeze a snapshot' });
		await freeze.getByLabel('Snapshot name').fill('Before the review');
		await freeze.getByRole('button', { name: 'Freeze' }).click();
		await expect(dana.getByText('Before the review').first()).toBeVisible();
		await shot(dana, info, size, 'snapshots');

		// A review with three people, mouse only: Dana leads, Priya edits, Tom only views.
		const priya = await join(browser, links.editor, 'Priya Nair', size);
		const tom = await join(browser, links.viewer, 'Tom Becker', size);
		await openSection(dana, 'Review');
		await dana.getByRole('radio', { name: 'All open risks' }).check();
		await dana.getByRole('button', { name: 'Start review' }).click();
		await expect(dana.getByRole('status', { name: 'Review status' })).toContainText(
			'you are facilitating'
		);
		const agenda = dana.getByRole('list', { name: 'Agenda items' });
		await agenda.getByRole('button', { name: /Payment vendor misses/ }).click();
		await shot(dana, info, size, 'review-facilitator');
		// The agenda tools and the round start are reachable beside a long "Add a risk…" picker.
		await agenda.getByRole('button', { name: 'Move R-1 down' }).click();
		await dana.getByRole('button', { name: 'Start silent scoring' }).click();

		// Priya is on the register when the round opens: the banner takes her to the vote.
		await expect(priya.getByTestId('vote-call')).toContainText('Silent scoring of R-1 is open');
		await shot(priya, info, size, 'follower-vote-call');
		await priya.getByRole('button', { name: 'Vote now' }).click();
		for (const [page, l, i] of [
			[priya, 2, 4],
			[tom, 3, 4],
			[dana, 3, 5]
		] as const) {
			if (page === tom) {
				await tom.getByRole('button', { name: 'Vote now' }).click();
			}
			const card = page.getByRole('form', { name: 'Your vote' });
			const level = (group: string, n: number) =>
				card
					.getByRole('group', { name: group })
					.getByRole('radio', { name: new RegExp(`^${n}\\b`) });
			await level('Your likelihood', l).check();
			await level('Your impact', i).check();
			if (page === priya) await shot(priya, info, size, 'vote-card');
			await card.getByRole('button', { name: 'Submit vote' }).click();
			await expect(page.getByTestId('my-vote')).toContainText(`You voted ${l} × ${i}`);
		}
		await expect(dana.getByTestId('round-progress')).toContainText('3 votes');
		await dana.getByRole('button', { name: 'Reveal votes' }).click();
		await expect(priya.getByRole('table', { name: 'Votes' })).toBeVisible();
		await shot(priya, info, size, 'follower-reveal');
		await dana.getByRole('button', { name: 'Apply 3 × 4' }).click();
		await dana
			.getByRole('group', { name: 'Decision' })
			.getByRole('button', { name: 'Re-score' })
			.click();
		await shot(dana, info, size, 'review-decided');

		// End: minutes for everyone.
		await dana.getByRole('button', { name: 'End review' }).click();
		await dana.getByRole('button', { name: 'End now' }).click();
		const minutes = priya.getByRole('article', { name: 'Minutes' });
		await expect(minutes).toContainText('facilitated by Dana Whitfield (TPM)');
		await shot(priya, info, size, 'minutes');
		expect(problems, 'console errors or failed requests').toEqual([]);
	});
}
