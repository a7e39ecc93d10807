import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import {
	MIGRATIONS,
	SCHEMA_VERSION,
	getSchemaVersion,
	migrateBoard,
	type Migration
} from './migrations.ts';
import { initBoard } from './board.ts';
import { addRaciRow, addMatrix } from './raci.ts';
import { linkRaciActivity } from './raci-links.ts';
import { readBoard } from './read.ts';
import { addPerson } from './people.ts';
import { endReview, startReview } from './reviews.ts';
import { addRisk } from './risks.ts';
import { roots } from './schema.ts';
import { DEFAULT_CATEGORIES } from './settings.ts';
import { NOW, newBoard } from './test-support.ts';

describe('migration list', () => {
	it('has consecutive versions, unique names, and SCHEMA_VERSION is the last', () => {
		MIGRATIONS.forEach((migration, index) => expect(migration.version).toBe(index + 1));
		expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
		expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
	});
});

describe('migration 1: init-board', () => {
	it('initialises a document with no meta at all (version 0)', () => {
		const doc = new Y.Doc();
		expect(getSchemaVersion(doc)).toBe(0);
		const result = migrateBoard(doc, { now: NOW });
		expect(result).toEqual({ from: 0, to: SCHEMA_VERSION, applied: MIGRATIONS.map((m) => m.name) });
		const board = readBoard(doc, { today: '2025-01-15' });
		expect(board.schemaVersion).toBe(SCHEMA_VERSION);
		expect(board.title).toBe('Untitled board');
		expect(board.createdAt).toBe(NOW.toISOString());
		expect(board.settings.categories.map((c) => c.name)).toEqual(DEFAULT_CATEGORIES);
		expect(board.settings.raciMaxAccountable).toBe(5);
		expect(board.settings.scoreBands).toEqual({ low: 4, medium: 9, high: 16 });
	});

	it('keeps whatever a pre-versioning document already had', () => {
		const doc = new Y.Doc();
		roots(doc).meta.set('title', 'Legacy');
		roots(doc).settings.set('raciMaxAccountable', 9);
		migrateBoard(doc, { now: NOW });
		const board = readBoard(doc);
		expect(board.title).toBe('Legacy');
		expect(board.settings.raciMaxAccountable).toBe(9);
	});
});

describe('migrateBoard', () => {
	it('is a no-op on an up-to-date document and writes nothing', () => {
		const doc = newBoard();
		let updates = 0;
		doc.on('update', () => updates++);
		expect(migrateBoard(doc)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION, applied: [] });
		expect(updates).toBe(0);
	});

	it('refuses a document newer than this code', () => {
		const doc = newBoard();
		roots(doc).meta.set('schemaVersion', SCHEMA_VERSION + 1);
		expect(() => migrateBoard(doc)).toThrow(BoardError);
	});

	it('runs only the pending migrations, in order, as one update', () => {
		const ran: string[] = [];
		const step = (version: number, name: string): Migration => ({
			version,
			name,
			up: (doc) => {
				ran.push(name);
				roots(doc).meta.set(name, version);
			}
		});
		const migrations = [step(1, 'one'), step(2, 'two'), step(3, 'three')];
		const doc = new Y.Doc();
		roots(doc).meta.set('schemaVersion', 1);
		let updates = 0;
		doc.on('update', () => updates++);
		expect(migrateBoard(doc, { migrations })).toEqual({
			from: 1,
			to: 3,
			applied: ['two', 'three']
		});
		expect(ran).toEqual(['two', 'three']);
		expect(updates).toBe(1);
		expect(getSchemaVersion(doc)).toBe(3);
	});

	it('rejects a migration list with gaps', () => {
		const bad: Migration[] = [{ version: 2, name: 'gap', up: () => {} }];
		expect(() => migrateBoard(new Y.Doc(), { migrations: bad })).toThrow(/version 1/);
	});
});

describe('migration 2: raci-row-links', () => {
	it('gives rows made before activity links their links map, so first links cannot race', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Old board', now: NOW });
		const matrixId = addMatrix(doc, { name: 'Go-live' });
		const rowId = addRaciRow(doc, { matrixId, text: 'Cut the branch' });
		const { id: riskId } = addRisk(doc, { title: 'Vendor late' });
		// Make it look like a version-1 document whose row predates links.
		const rows = roots(doc).matrices.get(matrixId) as Y.Map<unknown>;
		(rows.get('rows') as Y.Map<Y.Map<unknown>>).get(rowId)!.delete('links');
		roots(doc).meta.set('schemaVersion', 1);

		expect(migrateBoard(doc, { now: NOW })).toMatchObject({
			from: 1,
			applied: [
				'raci-row-links',
				'board-time-zone',
				'review-cadence-last-reviewed',
				'review-person-ids'
			]
		});
		// Two peers now link the same row concurrently: both links survive.
		const a = new Y.Doc();
		const b = new Y.Doc();
		Y.applyUpdate(a, Y.encodeStateAsUpdate(doc));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(doc));
		const { id: other } = addRisk(a, { title: 'Another' });
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		linkRaciActivity(a, { matrixId, rowId, targetId: riskId, kind: 'risk' });
		linkRaciActivity(b, { matrixId, rowId, targetId: other, kind: 'risk' });
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const row = readBoard(a).matrices[0]!.rows[0]!;
		expect(row.links.riskIds.sort()).toEqual([riskId, other].sort());
		expect(JSON.stringify(readBoard(a))).toBe(JSON.stringify(readBoard(b)));
	});
});

describe('migration 3: board-time-zone', () => {
	/** A board as it was before time zones: version 2, no timeZone setting. */
	function versionTwo(): Y.Doc {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Old board', now: NOW });
		roots(doc).settings.delete('timeZone');
		roots(doc).meta.set('schemaVersion', 2);
		return doc;
	}

	it("gives a board from before time zones the server's zone, or UTC", () => {
		const auckland = versionTwo();
		expect(migrateBoard(auckland, { now: NOW, timeZone: 'Pacific/Auckland' })).toEqual({
			from: 2,
			to: SCHEMA_VERSION,
			applied: ['board-time-zone', 'review-cadence-last-reviewed', 'review-person-ids']
		});
		expect(readBoard(auckland, { today: '2026-01-01' }).settings.timeZone).toBe('Pacific/Auckland');
		const none = versionTwo();
		migrateBoard(none, { now: NOW });
		expect(roots(none).settings.get('timeZone')).toBe('UTC');
		const bogus = versionTwo();
		migrateBoard(bogus, { now: NOW, timeZone: 'Mars/Olympus' });
		expect(roots(bogus).settings.get('timeZone')).toBe('UTC');
	});

	it('keeps a zone that is already set', () => {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'New', now: NOW, timeZone: 'America/Los_Angeles' });
		roots(doc).meta.set('schemaVersion', 2);
		migrateBoard(doc, { now: NOW, timeZone: 'Europe/Berlin' });
		expect(roots(doc).settings.get('timeZone')).toBe('America/Los_Angeles');
	});
});

describe('migrations 4 and 5: review cadence, last reviewed, person ids', () => {
	/**
	 * A version-3 board with an ended review as the code before these migrations wrote it:
	 * decisions {decision, by, at}, attendees name → true, a facilitator without a person id, no
	 * cadence, no lastReviewed.
	 */
	function versionThree() {
		const doc = new Y.Doc();
		initBoard(doc, { title: 'Old board', now: NOW, timeZone: 'Pacific/Auckland' });
		const ada = addPerson(doc, { name: 'Ada Lovelace' });
		addPerson(doc, { name: 'Sam' });
		addPerson(doc, { name: 'sam ' });
		const a = addRisk(doc, { title: 'A', likelihood: 4, impact: 4 }).id;
		const b = addRisk(doc, { title: 'B' }).id;
		const c = addRisk(doc, { title: 'C' }).id;
		const reviewId = startReview(doc, {
			facilitator: { name: 'Ada Lovelace', clientId: 3 },
			baselineSnapshotId: 'base',
			agenda: [a, b, c],
			now: NOW
		});
		endReview(doc, { finalSnapshotId: 'final', now: NOW });
		const review = roots(doc).reviews.get(reviewId) as Y.Map<unknown>;
		const items = review.get('items') as Y.Map<Y.Map<unknown>>;
		// 2025-03-01T11:30Z is already 2 March in Auckland.
		items
			.get(a)!
			.set('decision', { decision: 'keep', by: 'ada lovelace', at: '2025-03-01T11:30:00.000Z' });
		items
			.get(b)!
			.set('decision', { decision: 'close', by: 'Ada (TPM)', at: '2025-02-01T09:00:00.000Z' });
		const attendees = new Y.Map<unknown>();
		review.set('attendees', attendees);
		for (const name of ['Ada Lovelace', 'Ada (TPM)', 'Sam']) attendees.set(name, true);
		review.set('facilitator', { name: 'Ada Lovelace', clientId: 3, since: NOW.toISOString() });
		review.delete('attendeeIds');
		roots(doc).settings.delete('reviewCadence');
		roots(doc).meta.set('schemaVersion', 3);
		return { doc, ada, a, b, c };
	}

	it("writes the default cadence and each decided risk's last reviewed board day", () => {
		const { doc, a, b, c } = versionThree();
		expect(migrateBoard(doc, { now: NOW })).toMatchObject({
			from: 3,
			applied: ['review-cadence-last-reviewed', 'review-person-ids']
		});
		const board = readBoard(doc, { today: '2025-03-05' });
		expect(roots(doc).settings.get('reviewCadence')).toEqual({
			critical: 90,
			high: 90,
			medium: 180,
			low: 360
		});
		const risk = (id: string) => board.risks.find((r) => r.id === id)!;
		expect(risk(a).lastReviewed).toBe('2025-03-02');
		expect(risk(b).lastReviewed).toBe('2025-02-01');
		expect(risk(c).lastReviewed).toBeNull();
		// Dates stay as they were: the cadence applies to decisions from now on.
		expect(risk(a).nextReviewDate).toBeNull();
	});

	it('gives old decisions, attendees and facilitators person ids, keeping other names readable', () => {
		const { doc, ada, a, b } = versionThree();
		migrateBoard(doc, { now: NOW });
		const review = readBoard(doc).reviews[0]!;
		const item = (id: string) => review.agenda.find((i) => i.riskId === id)!;
		expect(item(a).decision).toMatchObject({ by: 'Ada Lovelace', byId: ada, decision: 'keep' });
		expect(item(b).decision).toMatchObject({ by: 'Ada (TPM)', byId: null });
		expect(review.facilitator).toMatchObject({ name: 'Ada Lovelace', personId: ada });
		// 'Sam' matches two people ('Sam' and 'sam '): ambiguous, so it stays a name.
		expect(review.attendeeIds).toEqual([ada]);
		expect(review.attendees).toEqual(['Ada (TPM)', 'Ada Lovelace', 'Sam']);
		// Migrated again (a second server, a replayed load): nothing changes.
		const before = JSON.stringify(readBoard(doc));
		roots(doc).meta.set('schemaVersion', 4);
		migrateBoard(doc, { now: NOW });
		expect(JSON.stringify(readBoard(doc))).toBe(before);
	});
});
