/**
 * End-to-end tests: Debian's Chromium against the real server (which also serves the built web
 * app, so run `pnpm --filter @riskboard/web build` first; the root `test:e2e` script does).
 */
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './utils/chromium.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 8799);
const origin = `http://127.0.0.1:${PORT}`;
// Set once in the runner; workers inherit it instead of making directories of their own.
process.env.RISKBOARD_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'riskboard-e2e-'));

export default defineConfig({
	testDir: './e2e',
	outputDir: process.env.E2E_OUTPUT ?? './test-results',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: 'list',
	timeout: 30_000,
	expect: { timeout: 10_000 },
	forbidOnly: !!process.env.CI,
	use: {
		baseURL: origin,
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: CHROMIUM_PATH,
					args: CHROMIUM_ARGS
				}
			}
		}
	],
	webServer: {
		command: 'node --import tsx ../apps/server/src/main.ts',
		url: `${origin}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: process.env.RISKBOARD_E2E_DATA_DIR,
			// Every test creates boards from 127.0.0.1; the creation limit is tested in integration.
			CREATE_RATE_LIMIT: '0',
			// An absolute WEB_BUILD_DIR points the server at a build made for this run.
			...(process.env.WEB_BUILD_DIR ? { WEB_DIR: process.env.WEB_BUILD_DIR } : {})
		}
	}
});
