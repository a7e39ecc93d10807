import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import { addAction } from './actions.ts';
import { addPerson } from './people.ts';
import { readBoard } from './read.ts';
import { addRisk } from './risks.ts';
import { bulkEditRisks } from './risks-bulk.ts';
import { fork, newBoard, sync } from './test-support.ts';
import { undoScope } from './undo.ts';

function setup() {
	const doc = newBoard();
	const ada = addPerson(doc, { name: 'Ada' });
	const bo = addPerson(doc, { name: 'Bo' });
	const ids = ['A', 'B', 'C', 'D', 'E', 'F'].map(
		(title) => addRisk(doc, { title, ownerId: ada, tags: ['infra'] }).id
	);
	return { doc, ada, bo, ids };
}

const risks = (doc: Y.Doc) => readBoard(doc).risks;

function updatesOf(doc: Y.Doc, fn: () => void): number {
	let count = 0;
	const count1 = () => count++;
	doc.on('update', count1);
	fn();
	doc.off('update', count1);
	return count;
}

describe('bulkEditRisks', () => {
	it('reassigns five risks in one update that one undo step reverts', () => {
		const { doc, bo, ids } = setup();
		const mine = { me: true };
		const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([mine]) });
		const five = ids.slice(0, 5);
		const updates = updatesOf(doc, () =>
			bulkEditRisks(doc, { riskIds: five, change: { kind: 'owner', ownerId: bo }, origin: mine })
		);
		expect(updates).toBe(1);
		expect(
			risks(doc)
				.filter((r) => r.ownerId === bo)
				.map((r) => r.id)
		).toEqual(five);
		undo.undo();
		expect(risks(doc).every((r) => r.ownerId !== bo)).toBe(true);
		expect(undo.undoStack).toHaveLength(0);
	});

	it('closes many with one reason, and refuses closing without one, writing nothing', () => {
		const { doc, ids } = setup();
		const riskIds = ids.slice(0, 3);
		expect(() =>
			bulkEditRisks(doc, { riskIds, change: { kind: 'status', status: 'Closed' } })
		).toThrow(/closedReason/);
		expect(risks(doc).every((r) => r.status === 'Open')).toBe(true);
		bulkEditRisks(doc, {
			riskIds,
			change: { kind: 'status', status: 'Closed', closedReason: 'Merged into R-9' }
		});
		expect(
			risks(doc)
				.slice(0, 3)
				.map((r) => [r.status, r.closedReason])
		).toEqual([
			['Closed', 'Merged into R-9'],
			['Closed', 'Merged into R-9'],
			['Closed', 'Merged into R-9']
		]);
	});

	it('validates the whole change first: one unknown risk or bad value and nothing changes', () => {
		const { doc, ids } = setup();
		const before = JSON.stringify(risks(doc));
		const bad = [
			{ riskIds: [...ids.slice(0, 2), 'gone'], change: { kind: 'response', response: 'Avoid' } },
			{ riskIds: ids, change: { kind: 'owner', ownerId: 'nobody' } },
			{ riskIds: ids, change: { kind: 'category', categoryId: 'nope' } },
			{ riskIds: ids, change: { kind: 'dueDate', date: '2025-02-30' } },
			{ riskIds: ids, change: { kind: 'addTag', tag: ' ' } },
			{ riskIds: ids, change: { kind: 'paint' } },
			{ riskIds: [ids[0], ids[0]], change: { kind: 'delete' } },
			{ riskIds: [], change: { kind: 'delete' } }
		] as const;
		for (const input of bad) {
			expect(() => bulkEditRisks(doc, input as never), JSON.stringify(input)).toThrow(BoardError);
		}
		expect(JSON.stringify(risks(doc))).toBe(before);
	});

	it('sets category, response and dates, adds and removes a tag', () => {
		const { doc, ids } = setup();
		const board = readBoard(doc);
		const vendor = board.settings.categories.find((c) => c.name === 'Vendor')!.id;
		const riskIds = ids.slice(1, 3);
		bulkEditRisks(doc, { riskIds, change: { kind: 'category', categoryId: vendor } });
		bulkEditRisks(doc, { riskIds, change: { kind: 'response', response: 'Transfer' } });
		bulkEditRisks(doc, { riskIds, change: { kind: 'dueDate', date: '2025-06-30' } });
		bulkEditRisks(doc, { riskIds, change: { kind: 'nextReviewDate', date: '2025-04-01' } });
		bulkEditRisks(doc, { riskIds, change: { kind: 'addTag', tag: ' q3 ' } });
		bulkEditRisks(doc, { riskIds, change: { kind: 'removeTag', tag: 'infra' } });
		for (const risk of risks(doc).slice(1, 3)) {
			expect(risk).toMatchObject({
				categoryId: vendor,
				response: 'Transfer',
				dueDate: '2025-06-30',
				nextReviewDate: '2025-04-01',
				tags: ['q3']
			});
		}
		expect(risks(doc)[0]).toMatchObject({ categoryId: null, tags: ['infra'] });
	});

	it('deletes many in one step; undo brings them and their actions back', () => {
		const { doc, ids } = setup();
		const actionId = addAction(doc, { riskId: ids[0]!, text: 'Call vendor' });
		const mine = { me: true };
		const undo = new Y.UndoManager(undoScope(doc), { trackedOrigins: new Set([mine]) });
		bulkEditRisks(doc, { riskIds: ids.slice(0, 2), change: { kind: 'delete' }, origin: mine });
		expect(risks(doc).map((r) => r.title)).toEqual(['C', 'D', 'E', 'F']);
		expect(readBoard(doc).actions).toHaveLength(0);
		undo.undo();
		expect(risks(doc).map((r) => r.title)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
		expect(readBoard(doc).actions.map((a) => a.id)).toEqual([actionId]);
	});

	it('merges with a concurrent edit of another field on the same risks', () => {
		const { doc, bo, ids } = setup();
		const peer = fork(doc);
		bulkEditRisks(doc, { riskIds: ids, change: { kind: 'owner', ownerId: bo } });
		bulkEditRisks(peer, { riskIds: ids, change: { kind: 'addTag', tag: 'q4' } });
		sync(doc, peer);
		for (const risk of risks(doc))
			expect(risk).toMatchObject({ ownerId: bo, tags: ['infra', 'q4'] });
		expect(JSON.stringify(readBoard(doc))).toBe(JSON.stringify(readBoard(peer)));
	});
});
