/**
 * The check every flow runs at every screen size: a person can reach what they see. It fails
 * when the page is wider than the viewport, or when an interactive control in the viewport
 * (not inert, not behind an open modal dialog) is covered: the element at the centre of the
 * control's visible part (clipped by the viewport and by every scrolling or clipping ancestor)
 * is neither the control, inside it, nor its label.
 */
import { expect, type Page } from '@playwright/test';

export interface Blocked {
	/** The control, described as a person would find it. */
	control: string;
	/** What is on top of it at the centre of its visible part. */
	coveredBy: string;
}

/** The interactive controls on the page that are covered, and whether the page is too wide. */
export async function findBlocked(page: Page): Promise<{ overflowX: number; blocked: Blocked[] }> {
	return page.evaluate(() => {
		const SELECTOR = [
			'a[href]',
			'button',
			'input:not([type="hidden"])',
			'select',
			'textarea',
			'summary',
			'[role="button"]',
			'[role="checkbox"]',
			'[role="radio"]',
			'[role="tab"]',
			'[role="option"]',
			'[role="menuitem"]',
			'[contenteditable="true"]',
			'[tabindex]:not([tabindex="-1"])'
		].join(',');

		const describe = (el: Element): string => {
			const html = el as HTMLElement;
			const name =
				el.getAttribute('aria-label') ??
				(html.innerText || (el as HTMLInputElement).value || el.getAttribute('title') || '')
					.trim()
					.replace(/\s+/g, ' ')
					.slice(0, 60);
			const cls =
				typeof html.className === 'string' && html.className
					? `.${html.className.trim().split(/\s+/)[0]}`
					: '';
			return `<${el.tagName.toLowerCase()}${cls}> "${name}"`;
		};

		// Behind an open modal dialog only the top-most dialog's controls count.
		const modals = [...document.querySelectorAll('dialog')].filter((d) => d.matches(':modal'));
		const scope: ParentNode = modals.at(-1) ?? document;

		const visiblePart = (el: Element): DOMRect | null => {
			let { left, top, right, bottom } = el.getBoundingClientRect();
			left = Math.max(left, 0);
			top = Math.max(top, 0);
			right = Math.min(right, innerWidth);
			bottom = Math.min(bottom, innerHeight);
			for (let up = el.parentElement; up; up = up.parentElement) {
				const style = getComputedStyle(up);
				if (style.position === 'fixed' || up.matches(':popover-open, dialog[open]')) break;
				if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
					// The clip is the padding box: inside the borders, without the scrollbars.
					const box = up.getBoundingClientRect();
					const x0 = box.left + up.clientLeft;
					const y0 = box.top + up.clientTop;
					if (style.overflowX !== 'visible') {
						left = Math.max(left, x0);
						right = Math.min(right, x0 + up.clientWidth);
					}
					if (style.overflowY !== 'visible') {
						top = Math.max(top, y0);
						bottom = Math.min(bottom, y0 + up.clientHeight);
					}
				}
			}
			if (right - left < 1 || bottom - top < 1) return null;
			return new DOMRect(left, top, right - left, bottom - top);
		};

		const blocked: { control: string; coveredBy: string }[] = [];
		for (const el of scope.querySelectorAll(SELECTOR)) {
			const html = el as HTMLElement;
			if (html.closest('[inert], [aria-hidden="true"]')) continue;
			const style = getComputedStyle(html);
			if (style.visibility !== 'visible' || style.pointerEvents === 'none') continue;
			const box = html.getBoundingClientRect();
			// Visually hidden inputs (a styled label is what one clicks) are judged by their label.
			if (box.width <= 2 || box.height <= 2) continue;
			const part = visiblePart(html);
			if (!part) continue;
			const x = part.left + part.width / 2;
			const y = part.top + part.height / 2;
			const hit = document.elementFromPoint(x, y);
			if (!hit) continue;
			if (hit === html || html.contains(hit)) continue;
			const labels = (html as HTMLInputElement).labels;
			if (labels && [...labels].some((label) => label === hit || label.contains(hit))) continue;
			blocked.push({ control: describe(html), coveredBy: describe(hit) });
		}
		const overflowX = document.documentElement.scrollWidth - document.documentElement.clientWidth;
		return { overflowX, blocked };
	});
}

/** Fails when the page is wider than the viewport or a control in view is covered. */
export async function expectUsable(page: Page, where: string): Promise<void> {
	const { overflowX, blocked } = await findBlocked(page);
	expect(
		overflowX,
		`${where}: the page is ${overflowX}px wider than the viewport`
	).toBeLessThanOrEqual(0);
	expect(blocked, `${where}: controls covered by something else`).toEqual([]);
}
