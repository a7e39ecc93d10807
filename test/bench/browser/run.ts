/**
 * Browser benchmark: the real server (a child process serving a fresh build of the web app), two
 * boards filled by a stock y-websocket provider in this process (1,000 and 10,000 risks), and
 * Debian's Chromium measuring
 *   (a) time to interactive: from navigation start until the register shows R-1 and the quick-add
 *       field is enabled (measured in the page), over BENCH_LOADS cold loads (fresh context);
 *   (b) remote edit latency: from this process changing R-1's title to the page reporting the new
 *       text back through `exposeFunction` (end to end, both timestamps from Date.now() here);
 *   (c) on the large board: time to interactive, frame intervals while the mouse wheel scrolls
 *       the register, and input-to-next-frame delay of each keystroke typed into a title
 *       (large-board.ts).
 * With BENCH_BROWSER_BASELINE_DIR (a build of an earlier version, e.g. made in a `git worktree`
 * with `WEB_BUILD_DIR=<dir> pnpm --filter @riskboard/web build`) the same server and boards are
 * measured again with that build, and each row is printed for both, side by side.
 * Prints a Markdown table; exits non-zero on failure. Run alone: `npx tsx test/bench/browser/run.ts`.
 *
 * BENCH_RISKS (default 1000), BENCH_LARGE_RISKS (10000), BENCH_LOADS (5), BENCH_LARGE_LOADS (3),
 * BENCH_EDITS (50); BENCH_WEB_DIR reuses a build.
 */
import { readBoard, setRiskText } from '@riskboard/model';
import type { Page } from '@playwright/test';
import type { CreateBoardResponse as CreatedBoard } from '@riskboard/protocol';
import { availableParallelism } from 'node:os';
import { connectSynced, type TestClient } from '../../utils/clients.ts';
import { createBoard, removeDir, spawnServer, tempDataDir } from '../../utils/server.ts';
import { waitFor } from '../../utils/wait.ts';
import { percentile } from '../stats.ts';
import { launchChromium, newVisitor } from './chromium.ts';
import { openBoard, scrollFrames, SELECTORS, typingDelays } from './large-board.ts';
import { interactiveProbe, probeScript, remoteEditProbe } from './page-probes.ts';
import { fillRisks } from './seed.ts';
import { buildWeb } from './web-build.ts';

const RISKS = Number(process.env.BENCH_RISKS || 1000);
const LARGE_RISKS = Number(process.env.BENCH_LARGE_RISKS || 10_000);
const LOADS = Number(process.env.BENCH_LOADS || 5);
const LARGE_LOADS = Number(process.env.BENCH_LARGE_LOADS || 3);
const EDITS = Number(process.env.BENCH_EDITS || 50);
const BASELINE_DIR = process.env.BENCH_BROWSER_BASELINE_DIR;
/** What a person types into a title on the large board (each character one measured keystroke). */
const TYPED = ' typed by a person at a steady pace';
/** Edits made before measuring, so the page's first-change costs are not counted. */
const WARM_UP_EDITS = 5;
const EDIT_TIMEOUT_MS = 10_000;
// Filling 10,000 risks takes about a minute here, several on a machine busy with other work.
const RUN_DEADLINE_MS = 30 * 60_000;

/** One build's samples per measure. */
type Samples = Record<Measure, number[]>;
type Measure =
	| 'loads'
	| 'loadsSocket'
	| 'loadsServer'
	| 'loadsBrowser'
	| 'edits'
	| 'largeLoads'
	| 'largeSocket'
	| 'largeServer'
	| 'largeBrowser'
	| 'scroll'
	| 'typing';

const MEASURES: Array<{ key: Measure; label: string; target: string }> = [
	{ key: 'loads', label: `${RISKS} risks: navigation → interactive`, target: 'p50 ≤ 500' },
	{ key: 'loadsSocket', label: '… of which: navigation → socket opened (page)', target: '' },
	{ key: 'loadsServer', label: '… socket opened → board state arrived (server)', target: '' },
	{ key: 'loadsBrowser', label: '… board state arrived → interactive (page)', target: '' },
	{ key: 'edits', label: `${RISKS} risks: remote edit → visible (end to end)`, target: '' },
	{ key: 'largeLoads', label: `${LARGE_RISKS} risks: navigation → interactive`, target: '≤ 2000' },
	{ key: 'largeSocket', label: '… of which: navigation → socket opened (page)', target: '' },
	{ key: 'largeServer', label: '… socket opened → board state arrived (server)', target: '' },
	{ key: 'largeBrowser', label: '… board state arrived → interactive (page)', target: '' },
	{
		key: 'scroll',
		label: `${LARGE_RISKS} risks: frame interval while scrolling`,
		target: 'p95 ≤ 33'
	},
	{
		key: 'typing',
		label: `${LARGE_RISKS} risks: typing a title, input → next frame`,
		target: 'p50 ≤ 16, p95 ≤ 33'
	}
];

function row(label: string, build: string, target: string, samples: number[]): string {
	const sorted = [...samples].sort((a, b) => a - b);
	const ms = (v: number) => (v < 100 ? v.toFixed(1) : v.toFixed(0));
	return `| ${label} | ${build} | ${sorted.length} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(sorted[0]!)} | ${ms(sorted.at(-1)!)} | ${target} |`;
}

/** Cold loads: the time to interactive and its three parts (`LoadParts`), per load. */
interface Loads {
	total: number[];
	socket: number[];
	server: number[];
	browser: number[];
}

async function measureLoads(link: string, loads: number): Promise<Loads> {
	const browser = await launchChromium();
	try {
		const times: Loads = { total: [], socket: [], server: [], browser: [] };
		// Load 0 warms up the browser process and is not counted.
		for (let i = 0; i <= loads; i++) {
			const { ms, parts, close } = await openBoard(browser, link);
			if (i > 0) {
				times.total.push(ms);
				times.socket.push(parts.socket);
				times.server.push(parts.boardBytes - parts.socket);
				times.browser.push(parts.interactive - parts.boardBytes);
			}
			console.log(
				`  load ${i === 0 ? 'warm-up' : `${i}/${loads}`}: interactive after ${ms.toFixed(0)} ms`
			);
			await close();
		}
		return times;
	} finally {
		await browser.close();
	}
}

/** Scrolling and typing on the large board, in one page opened after a warm-up load. */
async function measureLargeBoard(link: string): Promise<{ scroll: number[]; typing: number[] }> {
	const browser = await launchChromium();
	try {
		const { page, close } = await openBoard(browser, link);
		// Let the first render settle (fonts, late effects) before measuring frames.
		await page.waitForLoadState('load');
		const scroll: number[] = [];
		for (let run = 0; run < 3; run++) scroll.push(...(await scrollFrames(page)));
		const typing = (await typingDelays(page, TYPED)).slice(WARM_UP_EDITS);
		await close();
		return { scroll, typing };
	} finally {
		await browser.close();
	}
}

let editSerial = 0;

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
		for (let i = 1; i <= WARM_UP_EDITS + EDITS; i++) {
			// Numbered across runs, so a second build's edits never repeat the title already there.
			const n = ++editSerial;
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
			if (i > WARM_UP_EDITS) latencies.push(arrivals.get(n)! - sent);
		}
		return latencies;
	} finally {
		await browser.close();
	}
}

/** Every measure with one build of the web app, served by a server on `dataDir`. */
async function measureBuild(options: {
	webDir: string;
	dataDir: string;
	boards: { small: CreatedBoard; large: CreatedBoard };
	name: string;
}): Promise<Samples> {
	const { small, large } = options.boards;
	const server = await spawnServer({
		dataDir: options.dataDir,
		env: { WEB_DIR: options.webDir, RATE_LIMIT_PER_SECOND: '0' }
	});
	let writer: TestClient | null = null;
	try {
		const linkOf = (board: CreatedBoard) =>
			`${server.url}/b/${board.id}#token=${board.tokens.owner}`;
		writer = await connectSynced(server.wsUrl, small.id, small.tokens.owner);
		console.log(`[${options.name}] time to interactive, ${RISKS} risks, ${LOADS} cold loads:`);
		const loads = await measureLoads(linkOf(small), LOADS);
		console.log(`[${options.name}] remote edit latency, ${EDITS} edits:`);
		const edits = await measureRemoteEdits(writer, linkOf(small));
		console.log(`[${options.name}] time to interactive, ${LARGE_RISKS} risks:`);
		const largeLoads = await measureLoads(linkOf(large), LARGE_LOADS);
		console.log(`[${options.name}] scrolling and typing, ${LARGE_RISKS} risks…`);
		const { scroll, typing } = await measureLargeBoard(linkOf(large));
		return {
			loads: loads.total,
			loadsSocket: loads.socket,
			loadsServer: loads.server,
			loadsBrowser: loads.browser,
			edits,
			largeLoads: largeLoads.total,
			largeSocket: largeLoads.socket,
			largeServer: largeLoads.server,
			largeBrowser: largeLoads.browser,
			scroll,
			typing
		};
	} finally {
		writer?.destroy();
		await server.stop();
	}
}

/** Creates the two boards and fills them, through a server that is stopped afterwards. */
async function seedBoards(
	webDir: string,
	dataDir: string
): Promise<{ small: CreatedBoard; large: CreatedBoard }> {
	const server = await spawnServer({
		dataDir,
		env: { WEB_DIR: webDir, RATE_LIMIT_PER_SECOND: '0' }
	});
	try {
		const boards = {
			small: await createBoard(server.url, 'Browser benchmark'),
			large: await createBoard(server.url, 'Browser benchmark, large')
		};
		for (const [board, count] of [
			[boards.small, RISKS],
			[boards.large, LARGE_RISKS]
		] as const) {
			const writer = await connectSynced(server.wsUrl, board.id, board.tokens.owner);
			const started = Date.now();
			console.log(`Filling a board with ${count} risks…`);
			await fillRisks(writer.doc, count);
			// Stored on the server: a second client sees them all.
			const check = await connectSynced(server.wsUrl, board.id, board.tokens.owner);
			await waitFor(() => readBoard(check.doc).risks.length === count, {
				timeoutMs: 120_000,
				intervalMs: 500,
				what: `${count} risks on the server`
			});
			console.log(`  ${count} risks stored in ${((Date.now() - started) / 1000).toFixed(0)} s`);
			check.destroy();
			writer.destroy();
		}
		return boards;
	} finally {
		await server.stop();
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	console.log('Browser benchmark: building the web app…');
	const webDir = buildWeb();
	const dataDir = tempDataDir('riskboard-bench-browser-');
	try {
		const boards = await seedBoards(webDir, dataDir);
		const builds: Array<{ name: string; samples: Samples }> = [];
		builds.push({
			name: 'this build',
			samples: await measureBuild({ webDir, dataDir, boards, name: 'this build' })
		});
		if (BASELINE_DIR) {
			builds.push({
				name: 'baseline',
				samples: await measureBuild({ webDir: BASELINE_DIR, dataDir, boards, name: 'baseline' })
			});
		}
		const lines = [
			`### Browser: ${RISKS}- and ${LARGE_RISKS}-risk boards in Chromium`,
			'',
			'| measure (ms) | build | n | p50 | p95 | min | max | target |',
			'|---|---|---:|---:|---:|---:|---:|---|',
			...MEASURES.flatMap(({ key, label, target }) =>
				builds.map((build) => row(label, build.name, target, build.samples[key]))
			),
			'',
			`Notes: ${availableParallelism()} cores, Node ${process.version}, Debian Chromium headless ` +
				'(no GPU), 1280×800. Each load is a fresh browser context (empty cache and IndexedDB), ' +
				'after one unmeasured warm-up load (browser start-up), ' +
				'so it includes fetching the app, the REST lookup and the full sync of the board; ' +
				'its parts: until the page opens its websocket, until the largest message (the ' +
				'board state in the sync reply) arrives, and from then until interactive. ' +
				'Edits: a stock y-websocket client in this process replaces R-1’s title; the page ' +
				'reports the new text through Playwright’s exposeFunction the moment it reaches the DOM ' +
				'(or an input’s value); the time runs from the edit to that report arriving here. ' +
				'Scrolling: three runs of 60 mouse-wheel notches of 200 px down and back up, one notch ' +
				'per frame; every interval between animation frames meanwhile. Typing: a title on the ' +
				`large board edited in place (double click), ${TYPED.length} keys at 40 ms intervals, ` +
				`the first ${WARM_UP_EDITS} not counted; from each input event (performance.now(), ` +
				'capture phase) to the next requestAnimationFrame callback.' +
				(BASELINE_DIR ? ` Baseline: the build in ${BASELINE_DIR}, same server and boards.` : ''),
			'',
			`Total run time: ${((Date.now() - started) / 1000).toFixed(0)} s.`
		];
		console.log('\n' + lines.join('\n'));
	} finally {
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
