/**
 * Browser benchmark: the real server (a child process serving a fresh build of the web app), a
 * board filled with 1,000 risks by a stock y-websocket provider in this process, and Debian's
 * Chromium measuring
 *   (a) time to interactive: from navigation start until the register shows R-1 and the quick-add
 *       field is enabled (measured in the page), over BENCH_LOADS cold loads (fresh context);
 *   (b) remote edit latency: from this process changing R-1's title to the page reporting the new
 *       text back through `exposeFunction` (end to end, both timestamps from Date.now() here).
 * Prints a Markdown table; exits non-zero on failure. Run alone: `npx tsx test/bench/browser/run.ts`.
 *
 * BENCH_RISKS (default 1000), BENCH_LOADS (5), BENCH_EDITS (50); BENCH_WEB_DIR reuses a build.
 */
import { readBoard, setRiskText } from '@riskboard/model';
import type { Page } from '@playwright/test';
import { availableParallelism } from 'node:os';
import { connectSynced, type TestClient } from '../../utils/clients.ts';
import {
	createBoard,
	removeDir,
	spawnServer,
	tempDataDir,
	type ChildServer
} from '../../utils/server.ts';
import { waitFor } from '../../utils/wait.ts';
import { percentile } from '../stats.ts';
import { launchChromium, newVisitor } from './chromium.ts';
import { interactiveProbe, probeScript, remoteEditProbe } from './page-probes.ts';
import { fillRisks } from './seed.ts';
import { buildWeb } from './web-build.ts';

const RISKS = Number(process.env.BENCH_RISKS || 1000);
const LOADS = Number(process.env.BENCH_LOADS || 5);
const EDITS = Number(process.env.BENCH_EDITS || 50);
/** Edits made before measuring, so the page's first-change costs are not counted. */
const WARM_UP_EDITS = 5;
const EDIT_TIMEOUT_MS = 10_000;
const RUN_DEADLINE_MS = 5 * 60_000;
/** What "interactive" looks for; change here if the register's markup changes. */
const SELECTORS = { quickAdd: 'form[aria-label="Add risk"] input', firstKey: 'R-1' };

interface Summary {
	label: string;
	samples: number[];
}

function row({ label, samples }: Summary): string {
	const sorted = [...samples].sort((a, b) => a - b);
	const ms = (v: number) => v.toFixed(0);
	return `| ${label} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(sorted[0]!)} | ${ms(sorted.at(-1)!)} |`;
}

async function measureLoads(link: string, loads: number): Promise<number[]> {
	const browser = await launchChromium();
	try {
		const times: number[] = [];
		// Load 0 warms up the browser process and is not counted.
		for (let i = 0; i <= loads; i++) {
			const context = await newVisitor(browser);
			await context.addInitScript(probeScript(interactiveProbe, SELECTORS));
			const page = await context.newPage();
			await page.goto(link, { waitUntil: 'commit' });
			const ms = await page.evaluate(() => window.__rbInteractive!);
			if (i > 0) times.push(ms);
			console.log(
				`  load ${i === 0 ? 'warm-up' : `${i}/${loads}`}: interactive after ${ms.toFixed(0)} ms`
			);
			await context.close();
		}
		return times;
	} finally {
		await browser.close();
	}
}

async function measureRemoteEdits(writer: TestClient, link: string): Promise<number[]> {
	const browser = await launchChromium();
	try {
		const context = await newVisitor(browser);
		await context.addInitScript(probeScript(interactiveProbe, SELECTORS));
		await context.addInitScript(probeScript(remoteEditProbe));
		const page: Page = await context.newPage();
		const arrivals = new Map<number, number>();
		let wake: (() => void) | null = null;
		await page.exposeFunction('__rbSeen', (n: number) => {
			arrivals.set(n, Date.now());
			wake?.();
		});
		await page.goto(link, { waitUntil: 'commit' });
		await page.evaluate(() => window.__rbInteractive!);

		const first = readBoard(writer.doc).risks.find((r) => r.key === SELECTORS.firstKey);
		if (!first) throw new Error(`no risk ${SELECTORS.firstKey} on the board`);
		const latencies: number[] = [];
		for (let n = 1; n <= WARM_UP_EDITS + EDITS; n++) {
			const seen = new Promise<void>((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`edit #${n} not seen within ${EDIT_TIMEOUT_MS} ms`)),
					EDIT_TIMEOUT_MS
				);
				wake = () => {
					if (!arrivals.has(n)) return;
					clearTimeout(timer);
					resolve();
				};
			});
			const sent = Date.now();
			setRiskText(writer.doc, { riskId: first.id, field: 'title', value: `Bench edit #${n}` });
			await seen;
			if (n > WARM_UP_EDITS) latencies.push(arrivals.get(n)! - sent);
		}
		return latencies;
	} finally {
		await browser.close();
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	console.log('Browser benchmark: building the web app…');
	const webDir = buildWeb();
	const dataDir = tempDataDir('riskboard-bench-browser-');
	let server: ChildServer | null = null;
	let writer: TestClient | null = null;
	try {
		server = await spawnServer({
			dataDir,
			env: { WEB_DIR: webDir, RATE_LIMIT_PER_SECOND: '0' }
		});
		const board = await createBoard(server.url, 'Browser benchmark');
		writer = await connectSynced(server.wsUrl, board.id, board.tokens.owner);
		console.log(`Filling the board with ${RISKS} risks…`);
		await fillRisks(writer.doc, RISKS);
		// Stored on the server: a second client sees them all.
		const check = await connectSynced(server.wsUrl, board.id, board.tokens.owner);
		await waitFor(() => readBoard(check.doc).risks.length === RISKS, {
			timeoutMs: 60_000,
			intervalMs: 200,
			what: `${RISKS} risks on the server`
		});
		check.destroy();

		const link = `${server.url}/b/${board.id}#token=${board.tokens.owner}`;
		console.log(`Time to interactive, ${LOADS} cold loads (+1 warm-up):`);
		const loads = await measureLoads(link, LOADS);
		console.log(`Remote edit latency, ${EDITS} edits (+${WARM_UP_EDITS} warm-up):`);
		const edits = await measureRemoteEdits(writer, link);

		const lines = [
			`### Browser: ${RISKS}-risk board in Chromium`,
			'',
			'| measure (ms) | n | p50 | p95 | min | max |',
			'|---|---:|---:|---:|---:|---:|',
			row({ label: 'navigation → interactive (R-1 shown, quick-add enabled)', samples: loads }),
			row({ label: 'remote edit → visible in the page (end to end)', samples: edits }),
			'',
			`Notes: ${availableParallelism()} cores, Node ${process.version}, Debian Chromium headless ` +
				'(no GPU), 1280×800. Each load is a fresh browser context (empty cache and IndexedDB), ' +
				'after one unmeasured warm-up load (browser start-up), ' +
				'so it includes fetching the app, the REST lookup and the full sync of the board. ' +
				'Edits: a stock y-websocket client in this process replaces R-1’s title; the page ' +
				'reports the new text through Playwright’s exposeFunction the moment it reaches the DOM ' +
				'(or an input’s value); the time runs from the edit to that report arriving here.',
			'',
			`Total run time: ${((Date.now() - started) / 1000).toFixed(0)} s.`
		];
		console.log('\n' + lines.join('\n'));
	} finally {
		writer?.destroy();
		await server?.stop();
		removeDir(dataDir);
		if (!process.env.BENCH_WEB_DIR) removeDir(webDir);
	}
}

const deadline = setTimeout(() => {
	console.error(`browser bench failed: exceeded ${RUN_DEADLINE_MS / 60_000} minutes`);
	process.exit(1);
}, RUN_DEADLINE_MS);
deadline.unref();

try {
	await main();
	process.exitCode = 0;
} catch (error) {
	console.error(
		`browser bench failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`
	);
	process.exitCode = 1;
}
process.exit(process.exitCode);
