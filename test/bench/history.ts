/**
 * Replay cost of the per-risk history (`BoardHistory` in @riskboard/model) on a stored log:
 * a 200-risk board, then 20,000 small updates by two authors (keystrokes in titles and
 * descriptions, re-scores, action status), stored in a real SQLite file. Measures reading the
 * log, replaying it cold, one risk's history from the warm replay, and an incremental step.
 * Run: `npx tsx test/bench/history.ts` (numbers go to stdout).
 */
import {
	addAction,
	addPerson,
	addRisk,
	BoardHistory,
	getRiskText,
	initBoard,
	readBoard,
	updateAction,
	updateRisk
} from '@riskboard/model';
import { SqliteStore } from '@riskboard/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';

const RISKS = Number(process.env.RISKS ?? 200);
const UPDATES = Number(process.env.UPDATES ?? 20_000);

function time<T>(fn: () => T): [T, number] {
	const start = performance.now();
	const result = fn();
	return [result, performance.now() - start];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const start = performance.now();
	const result = await fn();
	return [result, performance.now() - start];
}

async function main(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'riskboard-history-bench-'));
	const store = new SqliteStore(join(dir, 'bench.sqlite'));
	try {
		const doc = new Y.Doc();
		const pending: Array<{ data: Uint8Array; name: string | null }> = [];
		doc.on('update', (data: Uint8Array, origin: unknown) =>
			pending.push({ data, name: typeof origin === 'string' ? origin : null })
		);
		initBoard(doc, { title: 'Bench' });
		const people = ['Ada', 'Bo', 'Cy'].map((name) => addPerson(doc, { name, origin: 'Alice' }));
		const risks: string[] = [];
		const actions: string[] = [];
		for (let i = 0; i < RISKS; i++) {
			const { id } = addRisk(doc, {
				title: `Risk ${i}`,
				likelihood: 1 + (i % 5),
				impact: 1 + ((i * 3) % 5),
				ownerId: people[i % 3]!,
				origin: 'Alice'
			});
			risks.push(id);
			if (i % 2 === 0)
				actions.push(addAction(doc, { riskId: id, text: `Act ${i}`, origin: 'Alice' }));
		}
		const seedUpdates = pending.length;
		let n = 0;
		while (pending.length - seedUpdates < UPDATES) {
			const riskId = risks[n % RISKS]!;
			// Each pass over the register is by one of two people, alternately.
			const name = Math.floor(n / RISKS) % 2 === 0 ? 'Alice' : 'Bob';
			const kind = n % 10;
			if (kind < 6) {
				const text = getRiskText(doc, riskId, kind < 3 ? 'title' : 'description');
				doc.transact(() => text.insert(text.length, 'x'), name);
			} else if (kind < 8) {
				updateRisk(doc, riskId, { likelihood: 1 + (n % 5) }, { origin: name });
			} else {
				const status = n % 3 === 0 ? 'Done' : 'In progress';
				updateAction(doc, actions[n % actions.length]!, { status }, { origin: name });
			}
			n++;
		}
		const board = await store.createBoard({
			board: { id: 'bench', title: 'Bench', createdAt: new Date().toISOString() },
			tokens: [],
			initialUpdate: {
				data: pending[0]!.data,
				role: 'system',
				connectionId: 'server',
				tokenId: null,
				name: null,
				at: 0
			}
		});
		void board;
		const rows = pending.slice(1).map((u, i) => ({
			data: u.data,
			role: 'editor' as const,
			connectionId: 'c',
			tokenId: null,
			name: u.name,
			// One update every 20 s: a pass over the register takes over an hour.
			at: Date.now() - (pending.length - i) * 20_000
		}));
		await store.appendUpdates('bench', rows);

		const [log, readMs] = await timeAsync(() => store.listUpdates('bench'));
		const history = new BoardHistory();
		const [, replayMs] = time(() => {
			for (const u of log)
				history.apply({ seq: u.seq, at: u.at, by: u.name, role: u.role, data: u.data });
		});
		const target = risks[10]!;
		const [entries, queryMs] = time(() => history.riskHistory(target, { limit: 200 })!);
		const [, authorsMs] = time(() => history.authors({ after: { seq: log.length - 2000 } }));

		// The naive alternative for comparison: readBoard after every update (first 2,000 only).
		const naive = new Y.Doc();
		const sample = Math.min(2000, log.length);
		const [, naiveMs] = time(() => {
			for (const u of log.slice(0, sample)) {
				Y.applyUpdate(naive, u.data);
				readBoard(naive);
			}
		});
		const [, applyOnlyMs] = time(() => {
			const plain = new Y.Doc();
			for (const u of log) Y.applyUpdate(plain, u.data);
		});

		const more = new Y.Doc();
		Y.applyUpdate(more, Y.encodeStateAsUpdate(doc));
		const extra: Uint8Array[] = [];
		more.on('update', (data: Uint8Array) => extra.push(data));
		for (let i = 0; i < 100; i++) updateRisk(more, risks[i]!, { impact: 1 + (i % 5) });
		let seq = log.length;
		const [, incrementalMs] = time(() => {
			for (const data of extra)
				history.apply({ seq: ++seq, at: Date.now(), by: 'Bob', role: 'editor', data });
		});

		const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
		console.log(
			JSON.stringify(
				{
					risks: RISKS,
					storedUpdates: log.length,
					readLogMs: Math.round(readMs),
					replayColdMs: Math.round(replayMs),
					replayPerUpdateUs: Math.round((replayMs / log.length) * 1000),
					applyOnlyMs: Math.round(applyOnlyMs),
					naiveReadBoardPerUpdateUs: Math.round((naiveMs / sample) * 1000),
					naiveProjectedMs: Math.round((naiveMs / sample) * log.length),
					oneRiskHistoryWarmMs: Number(queryMs.toFixed(2)),
					entriesForOneRisk: entries.length,
					authorsLast2000Ms: Number(authorsMs.toFixed(2)),
					incremental100UpdatesMs: Number(incrementalMs.toFixed(1)),
					eventsHeld: history.size,
					heapUsedMb: mb(process.memoryUsage().heapUsed)
				},
				null,
				2
			)
		);
	} finally {
		await store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
