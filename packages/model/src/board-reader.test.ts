import { describe, expect, it } from 'vitest';
import {
	addAction,
	addPerson,
	addRisk,
	BoardReader,
	deleteRisk,
	getRiskText,
	linkAction,
	moveRisk,
	readBoard,
	setBoardTitle,
	updateAction,
	updateRisk
} from './index.ts';
import { fork, newBoard, sync } from './test-support.ts';

const TODAY = '2025-01-15';

/** A board of `count` risks with a reader that has read it once. */
function setUp(count: number) {
	const doc = newBoard();
	const ids = Array.from({ length: count }, (_, i) => addRisk(doc, { title: `Risk ${i}` }).id);
	const reader = new BoardReader(doc);
	return { doc, ids, reader, first: reader.read({ today: TODAY }) };
}

function expectSameAsReadBoard(reader: BoardReader, doc: Parameters<typeof readBoard>[0]) {
	expect(JSON.stringify(reader.read({ today: TODAY }))).toBe(
		JSON.stringify(readBoard(doc, { today: TODAY }))
	);
}

describe('BoardReader', () => {
	it('returns the same board object while nothing changed', () => {
		const { reader, first } = setUp(3);
		expect(reader.read({ today: TODAY })).toBe(first);
	});

	it('re-reads only the risk whose title was typed into; every other part is reused', () => {
		const { doc, ids, reader, first } = setUp(50);
		getRiskText(doc, ids[7]!, 'title').insert(6, 'x');
		const next = reader.read({ today: TODAY });
		expect(next).not.toBe(first);
		expect(next.risks[7]!.title).toBe('Risk 7x');
		next.risks.forEach((risk, i) => {
			if (i !== 7) expect(risk).toBe(first.risks[i]);
		});
		expect(next.settings).toBe(first.settings);
		expect(next.people).toBe(first.people);
		expect(next.actions).toBe(first.actions);
		expect(next.matrices).toBe(first.matrices);
		expect(next.reviews).toBe(first.reviews);
		expectSameAsReadBoard(reader, doc);
	});

	it('re-sorts on a move and recomputes keys when risks come and go', () => {
		const { doc, ids, reader } = setUp(5);
		moveRisk(doc, { id: ids[4]!, after: null });
		expect(reader.read({ today: TODAY }).risks.map((r) => r.id)[0]).toBe(ids[4]);
		deleteRisk(doc, ids[0]!);
		addRisk(doc, { title: 'New' });
		expectSameAsReadBoard(reader, doc);
		expect(reader.read({ today: TODAY }).risks.at(-1)!.key).toBe('R-6');
	});

	it("follows an action into its risks' plans and rollups", () => {
		const { doc, ids, reader, first } = setUp(4);
		const action = addAction(doc, { riskId: ids[1]!, text: 'Call the vendor' });
		let board = reader.read({ today: TODAY });
		expect(board.risks[1]!.actionIds).toEqual([action]);
		expect(board.risks[0]).toBe(first.risks[0]);
		linkAction(doc, { actionId: action, riskId: ids[2]! });
		updateAction(doc, action, { status: 'Done' });
		board = reader.read({ today: TODAY });
		expect(board.risks[2]!.actionRollup).toEqual({ done: 1, total: 1, overdue: 0 });
		expectSameAsReadBoard(reader, doc);
	});

	it('reads everything again when people or the day change', () => {
		const { doc, ids, reader, first } = setUp(3);
		const person = addPerson(doc, { name: 'Priya', team: 'QA' });
		updateRisk(doc, ids[0]!, { ownerId: person, dueDate: '2025-01-20' });
		const board = reader.read({ today: TODAY });
		expect(board.people).not.toBe(first.people);
		expect(board.risks[0]!.ownerId).toBe(person);
		expect(reader.read({ today: '2025-02-01' }).risks[0]!.overdue).toBe(true);
		expectSameAsReadBoard(reader, doc);
	});

	it('tells listeners once per transaction, after the change is readable', () => {
		const { doc, ids, reader } = setUp(2);
		const titles: string[] = [];
		const off = reader.onChange(() => titles.push(reader.read({ today: TODAY }).title));
		doc.transact(() => {
			setBoardTitle(doc, 'Renamed');
			updateRisk(doc, ids[0]!, { likelihood: 3 });
		});
		expect(titles).toEqual(['Renamed']);
		off();
		setBoardTitle(doc, 'Again');
		expect(titles).toEqual(['Renamed']);
	});

	it('reads remote updates exactly as readBoard does (concurrent adds share a key number)', () => {
		const { doc, reader } = setUp(2);
		const peer = fork(doc);
		addRisk(doc, { title: 'Mine' });
		addRisk(peer, { title: 'Theirs' });
		reader.read({ today: TODAY });
		sync(doc, peer);
		const board = reader.read({ today: TODAY });
		expect(board.risks.map((r) => r.key).sort()).toEqual(['R-1', 'R-2', 'R-3', 'R-3~2']);
		expectSameAsReadBoard(reader, doc);
	});

	it('stops following the document when destroyed', () => {
		const { doc, ids, reader } = setUp(1);
		let calls = 0;
		reader.onChange(() => calls++);
		reader.destroy();
		updateRisk(doc, ids[0]!, { impact: 2 });
		expect(calls).toBe(0);
	});
});
