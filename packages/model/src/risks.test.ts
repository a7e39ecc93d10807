import { describe, expect, it } from 'vitest';
import { addAction, addActions, linkAction } from './actions.ts';
import { BoardError } from './errors.ts';
import { addPerson } from './people.ts';
import { readBoard } from './read.ts';
import {
	addRisk,
	addRisks,
	deleteRisk,
	getRiskText,
	moveRisk,
	setRiskText,
	updateRisk,
	type RiskPatch
} from './risks.ts';
import { NOW, fork, newBoard, sync } from './test-support.ts';

const today = '2025-01-15';

describe('addRisk', () => {
	it('creates a risk with defaults, derived score and band', () => {
		const doc = newBoard();
		const owner = addPerson(doc, { name: 'Ada' });
		const categoryId = readBoard(doc).settings.categories[0]?.id ?? null;
		const { id, key } = addRisk(doc, {
			title: ' Vendor slips ',
			description: 'cause → event → effect',
			likelihood: 4,
			impact: 5,
			residualLikelihood: 2,
			residualImpact: 2,
			ownerId: owner,
			categoryId,
			tags: ['vendor', 'q3', 'vendor'],
			links: ['https://example.com/T-1'],
			dueDate: '2025-01-10',
			now: NOW
		});
		expect(key).toBe('R-1');
		const risk = readBoard(doc, { today }).risks[0];
		expect(risk).toMatchObject({
			id,
			key: 'R-1',
			title: 'Vendor slips',
			description: 'cause → event → effect',
			status: 'Open',
			response: null,
			score: 20,
			band: 'critical',
			residualScore: 4,
			residualBand: 'low',
			ownerId: owner,
			categoryId,
			tags: ['q3', 'vendor'],
			links: ['https://example.com/T-1'],
			overdue: true,
			createdAt: NOW.toISOString(),
			actionRollup: { done: 0, total: 0, overdue: 0 }
		});
	});

	it('inserts after a given risk', () => {
		const doc = newBoard();
		const a = addRisk(doc, { title: 'a' }).id;
		addRisk(doc, { title: 'c' });
		addRisk(doc, { title: 'b', after: a });
		expect(readBoard(doc).risks.map((r) => r.title)).toEqual(['a', 'b', 'c']);
	});
});

describe('updateRisk validation', () => {
	const cases: [string, RiskPatch, RegExp][] = [
		['likelihood 0', { likelihood: 0 }, /likelihood must be an integer from 1 to 5/],
		['impact 6', { impact: 6 }, /impact must be an integer/],
		['fractional residual', { residualLikelihood: 2.5 }, /residualLikelihood/],
		['unknown status', { status: 'Done' as never }, /status must be one of/],
		['unknown response', { response: 'Ignore' as never }, /response must be one of/],
		['closed without reason', { status: 'Closed' }, /closedReason/],
		['closed with blank reason', { status: 'Closed', closedReason: '  ' }, /closedReason/],
		['bad date', { dueDate: '2025-02-30' }, /dueDate must be a YYYY-MM-DD/],
		['unknown owner', { ownerId: 'ghost' }, /not a person/],
		['unknown category', { categoryId: 'ghost' }, /Category/],
		['blank tag', { tags: [' '] }, /Tag/],
		['non-http link', { links: ['javascript:alert(1)'] }, /http/],
		['text field', { title: 'x' } as RiskPatch, /setRiskText/]
	];
	for (const [name, patch, message] of cases) {
		it(`rejects ${name} and writes nothing`, () => {
			const doc = newBoard();
			const { id } = addRisk(doc, { title: 'r', likelihood: 3 });
			const before = JSON.stringify(readBoard(doc, { today }));
			expect(() => updateRisk(doc, id, patch)).toThrow(BoardError);
			expect(() => updateRisk(doc, id, patch)).toThrow(message);
			expect(JSON.stringify(readBoard(doc, { today }))).toBe(before);
		});
	}

	it('accepts a close with a reason, clearing scores with null, and bumps updatedAt', () => {
		const doc = newBoard();
		const { id } = addRisk(doc, { title: 'r', likelihood: 3, impact: 3, now: NOW });
		const later = new Date('2025-02-01T00:00:00Z');
		updateRisk(
			doc,
			id,
			{ status: 'Closed', closedReason: 'Vendor delivered', impact: null },
			{ now: later }
		);
		const risk = readBoard(doc).risks[0];
		expect(risk).toMatchObject({ status: 'Closed', closedReason: 'Vendor delivered', score: null });
		expect(risk?.updatedAt).toBe(later.toISOString());
		// Still closed, so the reason cannot be removed.
		expect(() => updateRisk(doc, id, { closedReason: null })).toThrow(/closedReason/);
		updateRisk(doc, id, { status: 'Open', closedReason: null });
	});

	it('rejects unknown risks', () => {
		expect(() => updateRisk(newBoard(), 'nope', { likelihood: 1 })).toThrow(/Unknown risk/);
	});
});

describe('risk text', () => {
	it('keeps one Y.Text per field for the life of the risk', () => {
		const doc = newBoard();
		const { id } = addRisk(doc, { title: 'first' });
		const text = getRiskText(doc, id, 'description');
		setRiskText(doc, { riskId: id, field: 'description', value: 'hello' });
		setRiskText(doc, { riskId: id, field: 'title', value: 'second' });
		updateRisk(doc, id, { likelihood: 2 });
		expect(getRiskText(doc, id, 'description')).toBe(text);
		expect(text.toString()).toBe('hello');
		expect(readBoard(doc).risks[0]?.title).toBe('second');
		expect(() => setRiskText(doc, { riskId: id, field: 'title', value: '' })).toThrow(BoardError);
		expect(() => getRiskText(doc, id, 'owner' as never)).toThrow(BoardError);
	});

	it('merges concurrent character edits', () => {
		const doc = newBoard();
		const { id } = addRisk(doc, { title: 'r', trigger: 'ab' });
		const peer = fork(doc);
		getRiskText(doc, id, 'trigger').insert(0, 'X');
		getRiskText(peer, id, 'trigger').insert(2, 'Y');
		sync(doc, peer);
		expect(readBoard(doc).risks[0]?.trigger).toBe('XabY');
		expect(readBoard(peer).risks[0]?.trigger).toBe('XabY');
	});
});

describe('deleteRisk', () => {
	it('unlinks shared actions and deletes actions linked only to it', () => {
		const doc = newBoard();
		const a = addRisk(doc, { title: 'a' }).id;
		const b = addRisk(doc, { title: 'b' }).id;
		const onlyA = addAction(doc, { riskId: a, text: 'only a' });
		const shared = addAction(doc, { riskId: a, text: 'shared' });
		linkAction(doc, { actionId: shared, riskId: b });
		deleteRisk(doc, a);
		const board = readBoard(doc);
		expect(board.risks.map((r) => r.id)).toEqual([b]);
		expect(board.actions.map((x) => x.id)).toEqual([shared]);
		expect(board.actions[0]?.riskIds).toEqual([b]);
		expect(board.actions.some((x) => x.id === onlyA)).toBe(false);
	});
});

describe('moveRisk and tags', () => {
	it('moves before and after', () => {
		const doc = newBoard();
		const [a, b, c] = ['a', 'b', 'c'].map((title) => addRisk(doc, { title }).id);
		moveRisk(doc, { id: a as string, after: c });
		expect(readBoard(doc).risks.map((r) => r.title)).toEqual(['b', 'c', 'a']);
		moveRisk(doc, { id: a as string, before: b });
		expect(readBoard(doc).risks.map((r) => r.title)).toEqual(['a', 'b', 'c']);
		moveRisk(doc, { id: a as string, before: null });
		expect(readBoard(doc).risks.map((r) => r.title)).toEqual(['b', 'c', 'a']);
	});

	it('merges concurrent tag edits as a set', () => {
		const doc = newBoard();
		const { id } = addRisk(doc, { title: 'r', tags: ['x', 'gone'] });
		const peer = fork(doc);
		updateRisk(doc, id, { tags: ['x', 'gone', 'y'] });
		updateRisk(peer, id, { tags: ['x', 'z'] });
		sync(doc, peer);
		expect(readBoard(doc).risks[0]?.tags).toEqual(['x', 'y', 'z']);
	});
});

describe('addRisks', () => {
	it('adds many risks at the end with consecutive keys, validated like addRisk, in one update', () => {
		const doc = newBoard();
		addRisk(doc, { title: 'First' });
		let updates = 0;
		doc.on('update', () => updates++);
		const added = addRisks(doc, [
			{ title: ' Second ', likelihood: 2, tags: ['a'] },
			{ title: 'Third', sourceId: 'X-3' }
		]);
		expect(updates).toBe(1);
		expect(added.map((r) => r.key)).toEqual(['R-2', 'R-3']);
		const board = readBoard(doc);
		expect(board.risks.map((r) => [r.title, r.key, r.sourceId])).toEqual([
			['First', 'R-1', null],
			['Second', 'R-2', null],
			['Third', 'R-3', 'X-3']
		]);
		expect(() => addRisks(doc, [{ title: 'ok' }, { title: 'bad', likelihood: 9 }])).toThrow(
			BoardError
		);
		expect(() => addRisks(doc, [{ title: '' }])).toThrow(/non-empty title/);
		expect(readBoard(doc).risks).toHaveLength(3);
	});

	it('addActions puts each action at the end of its risk’s plan', () => {
		const doc = newBoard();
		const [a, b] = addRisks(doc, [{ title: 'A' }, { title: 'B' }]).map((r) => r.id);
		addAction(doc, { riskId: a!, text: 'existing' });
		addActions(doc, [
			{ riskId: a!, text: 'second' },
			{ riskId: b!, text: 'only', progress: 10 },
			{ riskId: a!, text: 'third' }
		]);
		const board = readBoard(doc);
		const text = (id: string) => board.actions.find((x) => x.id === id)!.text;
		expect(board.risks[0]!.actionIds.map(text)).toEqual(['existing', 'second', 'third']);
		expect(board.risks[1]!.actionIds.map(text)).toEqual(['only']);
		expect(() => addActions(doc, [{ riskId: a!, progress: 101 }])).toThrow(BoardError);
	});
});
