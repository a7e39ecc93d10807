/** Steps of the register suite: people with a name, rows by key, and seeding big boards. */
import type { Page } from '@playwright/test';
import { addRisk as addRiskToDoc, type NewRisk } from '@riskboard/model';
import { seedBoard } from './helpers.ts';

/** The register table. */
export function registerTable(page: Page) {
	return page.getByRole('table', { name: 'Risk register' });
}

/** The register row of the risk with this key (`R-3`). */
export function rowByKey(page: Page, key: string) {
	return registerTable(page)
		.getByRole('row')
		.filter({ has: page.getByRole('button', { name: `Open ${key}`, exact: true }) });
}

/** Adds `count` risks to the board behind `link` (one transaction) through a stock client. */
export async function seedRisks(
	link: string,
	count: number,
	make: (index: number) => Omit<NewRisk, 'origin' | 'now'>
): Promise<void> {
	await seedBoard(
		link,
		(doc) => {
			for (let i = 0; i < count; i++) addRiskToDoc(doc, make(i));
		},
		{ timeoutMs: 20_000 }
	);
}
