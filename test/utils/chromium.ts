/**
 * How every browser test and benchmark launches Chromium: Debian's binary (Playwright cannot
 * download browsers on a closed network) with the flags that keep it quiet and sandbox-free.
 * Without the networking flags Chromium floods the closed network with connection attempts.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run'
];
