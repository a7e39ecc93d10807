/** Steps shared by the review suites. */
import type { Page } from '@playwright/test';

/** Switches the board page to one of its sections (Register, RACI, Snapshots, Review). */
export function openSection(page: Page, name: 'Register' | 'RACI' | 'Snapshots' | 'Review') {
	return page
		.getByRole('navigation', { name: 'Board sections' })
		.getByRole('button', { name })
		.click();
}

export function openReview(page: Page) {
	return openSection(page, 'Review');
}

/** The heading of the agenda item a person's Review section shows. */
export function shownTitle(page: Page) {
	return page.getByRole('region', { name: /^Agenda item/ }).getByRole('heading', { level: 2 });
}

export function agendaItem(page: Page, title: string) {
	return page.getByRole('list', { name: 'Agenda items' }).getByRole('listitem').filter({
		hasText: title
	});
}
