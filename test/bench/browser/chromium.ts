/** Debian's Chromium, launched as the e2e suite does (same flags as test/playwright.config.ts). */
import { chromium, type Browser, type BrowserContext } from '@playwright/test';

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

/**
 * A fresh context (empty cache, storage and IndexedDB: a first visit) where this device already
 * has a display name, so the first-visit prompt does not show.
 */
export async function newVisitor(
	browser: Browser,
	options: { colorScheme?: 'light' | 'dark'; name?: string } = {}
): Promise<BrowserContext> {
	const context = await browser.newContext({
		viewport: { width: 1280, height: 800 },
		colorScheme: options.colorScheme ?? 'light'
	});
	await context.addInitScript((name) => {
		localStorage.setItem('riskboard:identity', JSON.stringify({ name, color: '#2563eb' }));
	}, options.name ?? 'Bench reader');
	return context;
}
