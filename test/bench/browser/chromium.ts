/** Debian's Chromium, launched exactly as the e2e suite does (test/utils/chromium.ts). */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../utils/chromium.ts';

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: CHROMIUM_ARGS
	});
}

/**
 * A fresh context (empty cache, storage and IndexedDB: a first visit) where this device already
 * has a display name, so the first-visit prompt does not show.
 */
export async function newVisitor(
	browser: Browser,
	options: {
		colorScheme?: 'light' | 'dark';
		name?: string;
		viewport?: { width: number; height: number };
	} = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({
		viewport: options.viewport ?? { width: 1280, height: 800 },
		colorScheme: options.colorScheme ?? 'light'
	});
	await context.addInitScript((name) => {
		localStorage.setItem('riskboard:identity', JSON.stringify({ name, color: '#2563eb' }));
	}, options.name ?? 'Bench reader');
	return context;
}
