import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAction, updateAction } from './actions.ts';
import { diffBoards } from './diff.ts';
import {
	BoardHistory,
	changeAuthors,
	replayHistory,
	RISK_EXISTENCE_FIELD,
	type HistoryUpdate
} from './history.ts';
import { addPerson, updatePerson } from './people.ts';
import { readBoard } from './read.ts';
import { addRisk, deleteRisk, getRiskText, setRiskText, updateRisk } from './risks.ts';
import { updateSettings } from './settings.ts';
import { fork, newBoard } from './test-support.ts';

const T0 = Date.parse('2025-01-15T09:00:00.000Z');
const MINUTE = 60_000;

/**
 * A board whose every update is logged the way the server stores it: in order, with the
 * author's display name (the write's origin) and a time the test controls.
 */
function loggedBoard() {
	const doc = new Y.Doc();
	const log: HistoryUpdate[] = [];
	let clock = T0;
	doc.on('update', (data: Uint8Array, origin: unknown) => {
		log.push({
			seq: log.length + 1,
			at: clock,
			by: typeof origin === 'string' ? origin : null,
			role: typeof origin === 'string' ? 'editor' : 'system',
			data
		});
	});
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(newBoard('Apollo')));
	return {
		doc,
		log,
		tick: (ms: number) => (clock += ms),
		lastSeq: () => log.length
	};
}

const brief = (events: ReturnType<BoardHistory['events']>) =>
	events.map(({ by, field, before, after }) => [by, field, before, after]);

describe('BoardHistory', () => {
	it('replays two authors into field events named and valued as the diff does', () => {
		const { doc, log, tick } = loggedBoard();
		const ada = addPerson(doc, { name: 'Ada Lovelace', origin: 'Alice' });
		const { id } = addRisk(doc, {
			title: 'Vendor slips',
			likelihood: 2,
			impact: 3,
			origin: 'Alice'
		});
		const baseline = readBoard(doc);
		tick(10 * MINUTE);
		updateRisk(doc, id, { likelihood: 4 }, { origin: 'Bob' });
		tick(10 * MINUTE);
		updateRisk(doc, id, { ownerId: ada }, { origin: 'Alice' });

		const history = replayHistory(log);
		const events = history.riskHistory(id)!;
		// Newest first; Bob's re-score is one update with its derived score and band.
		expect(brief(events)).toEqual([
			['Alice', 'owner', null, 'Ada Lovelace'],
			['Bob', 'likelihood', 2, 4],
			['Bob', 'score', 6, 12],
			['Bob', 'band', 'Medium', 'High'],
			['Alice', RISK_EXISTENCE_FIELD, null, 'Vendor slips']
		]);
		expect(events[0]).toMatchObject({
			riskId: id,
			key: 'R-1',
			label: 'Owner',
			role: 'editor',
			at: new Date(T0 + 20 * MINUTE).toISOString()
		});
		// The same values as the diff between the two boards, field for field.
		const diff = diffBoards(baseline, readBoard(doc)).risks.changed[0]!.changes;
		const changed = events.filter((e) => e.field !== RISK_EXISTENCE_FIELD);
		expect(
			changed.map(({ field, label, before, after }) => ({ field, label, before, after }))
		).toEqual(expect.arrayContaining(diff));
		expect(changed).toHaveLength(diff.length);
	});

	it('merges one author typing into one change, but not across another author or a pause', () => {
		const { doc, log, tick } = loggedBoard();
		const { id } = addRisk(doc, { title: 'Vendor', origin: 'Alice' });
		const title = getRiskText(doc, id, 'title');
		for (const char of ' slips') {
			tick(1000);
			doc.transact(() => title.insert(title.length, char), 'Alice');
		}
		tick(1000);
		doc.transact(() => title.insert(title.length, '!'), 'Bob');
		tick(30 * MINUTE);
		doc.transact(() => title.delete(title.length - 1, 1), 'Bob');
		const events = replayHistory(log).riskHistory(id)!;
		expect(brief(events)).toEqual([
			['Bob', 'title', 'Vendor slips!', 'Vendor slips'],
			['Bob', 'title', 'Vendor slips', 'Vendor slips!'],
			['Alice', 'title', 'Vendor', 'Vendor slips'],
			['Alice', RISK_EXISTENCE_FIELD, null, 'Vendor']
		]);
		// The merged event spans the updates it covers.
		expect(events[2]!.seq - events[2]!.firstSeq).toBe(5);
	});

	it('drops a merged change that ends where it began', () => {
		const { doc, log, tick } = loggedBoard();
		const { id } = addRisk(doc, { title: 'Vendor', impact: 2, origin: 'Alice' });
		tick(1000);
		updateRisk(doc, id, { impact: 3 }, { origin: 'Bob' });
		tick(1000);
		updateRisk(doc, id, { impact: 2 }, { origin: 'Bob' });
		expect(brief(replayHistory(log).riskHistory(id)!)).toEqual([
			['Alice', RISK_EXISTENCE_FIELD, null, 'Vendor']
		]);
	});

	it('attributes action edits to every risk the action belongs to, as the diff does', () => {
		const { doc, log, tick } = loggedBoard();
		const a = addRisk(doc, { title: 'A', origin: 'Alice' }).id;
		const b = addRisk(doc, { title: 'B', origin: 'Alice' }).id;
		const actionId = addAction(doc, { riskId: a, text: 'Call vendor', origin: 'Alice' });
		tick(MINUTE);
		doc.transact(() => {
			// link the action to B as well
			const map = doc.getMap('actions').get(actionId) as Y.Map<unknown>;
			(map.get('risks') as Y.Map<unknown>).set(b, 'a0');
		}, 'Bob');
		tick(MINUTE);
		updateAction(doc, actionId, { status: 'Done' }, { origin: 'Carol' });
		const history = replayHistory(log);
		const last = (riskId: string) => history.riskHistory(riskId)![0]!;
		expect(last(a)).toMatchObject({ by: 'Carol', field: 'actions' });
		expect(last(b)).toMatchObject({ by: 'Carol', field: 'actions' });
		expect(last(b).before).toEqual(['Call vendor [Planned, 0%]']);
		expect(last(b).after).toEqual(['Call vendor [Done, 0%]']);
		expect(history.riskHistory(b)![1]).toMatchObject({ by: 'Bob', field: 'actions', before: [] });
	});

	it('records removal, keeps the history of a deleted risk, and knows risks that never were', () => {
		const { doc, log, tick } = loggedBoard();
		const { id } = addRisk(doc, { title: 'Gone soon', origin: 'Alice' });
		tick(MINUTE);
		deleteRisk(doc, id, { origin: 'Bob' });
		const history = replayHistory(log);
		expect(brief(history.riskHistory(id)!)).toEqual([
			['Bob', RISK_EXISTENCE_FIELD, 'Gone soon', null],
			['Alice', RISK_EXISTENCE_FIELD, null, 'Gone soon']
		]);
		expect(history.has(id)).toBe(true);
		expect(history.riskHistory('never')).toBeNull();
	});

	it('re-reads every risk when people or settings change (owner names, score bands)', () => {
		const { doc, log, tick } = loggedBoard();
		const ada = addPerson(doc, { name: 'Ada', origin: 'Alice' });
		const { id } = addRisk(doc, {
			title: 'X',
			ownerId: ada,
			likelihood: 3,
			impact: 3,
			origin: 'Alice'
		});
		tick(MINUTE);
		// Renaming a person is not an owner change (the diff compares owner ids)…
		updatePerson(doc, ada, { name: 'Ada L.' }, { origin: 'Bob' });
		// …but moving the band bounds changes this risk's band.
		updateSettings(doc, { scoreBands: { low: 4, medium: 8, high: 16 } }, { origin: 'Bob' });
		expect(brief(replayHistory(log).riskHistory(id)!)[0]).toEqual([
			'Bob',
			'band',
			'Medium',
			'High'
		]);
	});

	it('is incremental: applying the log in two parts equals replaying it at once', () => {
		const { doc, log, tick } = loggedBoard();
		const { id } = addRisk(doc, { title: 'Vendor', origin: 'Alice' });
		const half = log.length;
		tick(MINUTE);
		updateRisk(doc, id, { status: 'Closed', closedReason: 'Resolved' }, { origin: 'Bob' });
		setRiskText(doc, { riskId: id, field: 'description', value: 'Late parts', origin: 'Bob' });
		const history = new BoardHistory();
		for (const update of log.slice(0, half)) history.apply(update);
		expect(history.lastSeq).toBe(half);
		for (const update of log) history.apply(update); // already-applied seqs are skipped
		expect(history.riskHistory(id)).toEqual(replayHistory(log).riskHistory(id));
		expect(history.riskHistory(id, { limit: 2 })).toHaveLength(2);
	});

	it('follows concurrent edits of two peers in the order the server stored them', () => {
		const { doc, log, tick } = loggedBoard();
		const { id } = addRisk(doc, { title: 'Shared', likelihood: 1, origin: 'Alice' });
		const alice = fork(doc);
		const bob = fork(doc);
		updateRisk(alice, id, { impact: 5 }, { origin: 'Alice' });
		updateRisk(bob, id, { likelihood: 3 }, { origin: 'Bob' });
		tick(MINUTE);
		// The server applies what each peer sent, under that peer's name.
		for (const [peer, name] of [
			[alice, 'Alice'],
			[bob, 'Bob']
		] as const) {
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer, Y.encodeStateVector(doc)), name);
		}
		const events = replayHistory(log).riskHistory(id)!;
		expect(events.find((e) => e.field === 'impact')).toMatchObject({ by: 'Alice', after: 5 });
		expect(events.find((e) => e.field === 'likelihood')).toMatchObject({ by: 'Bob', after: 3 });
		// The score became known with Alice's impact, and changed again with Bob's likelihood.
		expect(events.filter((e) => e.field === 'score').map((e) => [e.by, e.after])).toEqual([
			['Bob', 15],
			['Alice', 5]
		]);
	});
});

describe('change authors', () => {
	it('names who changed which field in a window of the log, and who added a risk', () => {
		const { doc, log, tick, lastSeq } = loggedBoard();
		const { id } = addRisk(doc, { title: 'Vendor', likelihood: 1, impact: 1, origin: 'Alice' });
		const before = lastSeq();
		tick(10 * MINUTE);
		updateRisk(doc, id, { likelihood: 2 }, { origin: 'Bob' });
		tick(10 * MINUTE);
		const other = addRisk(doc, { title: 'New', origin: 'Carol' }).id;
		const through = lastSeq();
		const cutoff = new Date(T0 + 15 * MINUTE).toISOString();
		tick(10 * MINUTE);
		updateRisk(doc, id, { impact: 4 }, { origin: 'Dan' });
		const history = replayHistory(log);

		expect(history.authors({ after: { seq: before }, through: { seq: through } })).toEqual({
			[id]: { likelihood: ['Bob'], score: ['Bob'] },
			[other]: { [RISK_EXISTENCE_FIELD]: ['Carol'] }
		});
		// By time, for records that only know when they were taken.
		expect(history.authors({ after: { at: cutoff } })).toEqual({
			[id]: { impact: ['Dan'], score: ['Dan'], band: ['Dan'] },
			[other]: { [RISK_EXISTENCE_FIELD]: ['Carol'] }
		});
		// Unnamed (server) events add nobody; several names keep their first-seen order.
		expect(
			changeAuthors([
				...history.events({ after: { seq: before } }),
				{ ...history.events()[0]!, riskId: id, field: 'likelihood', by: null }
			])[id]
		).toMatchObject({ likelihood: ['Bob'], impact: ['Dan'] });
	});
});
