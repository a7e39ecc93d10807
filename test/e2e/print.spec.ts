/**
 * Printing as a browser does it (print media, then a real PDF from Chromium): the register
 * prints every row, not just the window the screen table renders, without the app's chrome;
 * an open risk prints on its own. The PDFs are kept under `<output>/print/`.
 */
import { expect, test } from '@playwright/test';
import { addRisk as addRiskToDoc } from '@riskboard/model';
import { createBoardViaUi, openAs, seedBoard } from './helpers.ts';

const outputDir = process.env.E2E_OUTPUT ?? 'test-results';

test('the register prints every row without the app chrome; an open risk prints alone', async ({
	browser,
	page
}) => {
	const links = await createBoardViaUi(page, 'Printed register');
	await seedBoard(links.editor, (doc) => {
		for (let i = 1; i <= 80; i++) {
			addRiskToDoc(doc, {
				title: `Risk number ${i} with a title long enough to wrap on paper`,
				likelihood: 1 + (i % 5),
				impact: 1 + ((i * 3) % 5)
			});
		}
	});
	const alice = await openAs(browser, links.editor, { name: 'Alice', color: '#2563eb' });
	const screenRows = alice.getByRole('table', { name: 'Risk register' }).getByRole('row');
	await expect(screenRows.first()).toBeVisible();
	// The screen table is windowed: far fewer rows than risks.
	expect(await screenRows.count()).toBeLessThan(60);

	await alice.emulateMedia({ media: 'print' });
	const printed = alice.getByRole('table', { name: 'Risk register (print)' });
	await expect(printed.getByRole('row')).toHaveCount(81);
	await expect(printed.getByRole('row').last()).toContainText('R-80');
	await expect(alice.getByRole('navigation', { name: 'Board sections' })).toBeHidden();
	await expect(alice.getByRole('button', { name: 'Export' })).toBeHidden();
	await expect(alice.getByRole('link', { name: 'Your boards' })).toBeHidden();
	const pdf = await alice.pdf({ path: `${outputDir}/print/register.pdf`, landscape: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

	// An open risk prints on its own.
	await alice.emulateMedia({ media: 'screen' });
	await alice
		.getByRole('table', { name: 'Risk register' })
		.getByRole('button', { name: /^Title of R-1:/ })
		.click();
	const detail = alice.getByRole('dialog', { name: 'Risk R-1' });
	await expect(detail).toBeVisible();
	await alice.emulateMedia({ media: 'print' });
	await expect(detail).toBeVisible();
	await expect(printed).toBeHidden();
	await expect(alice.getByRole('heading', { name: 'Risk register' })).toBeHidden();
	await alice.pdf({ path: `${outputDir}/print/risk.pdf` });
});
