import { describe, expect, it } from 'vitest';
import {
	addAction,
	deleteAction,
	getActionText,
	linkAction,
	moveAction,
	setActionText,
	unlinkAction,
	updateAction
} from './actions.ts';
import { BoardError } from './errors.ts';
import { addPerson } from './people.ts';
import { readBoard } from './read.ts';
import { addRisk } from './risks.ts';
import { NOW, newBoard } from './test-support.ts';

const today = '2025-01-15';

function setup() {
	const doc = newBoard();
	const a = addRisk(doc, { title: 'a' }).id;
	const b = addRisk(doc, { title: 'b' }).id;
	return { doc, a, b };
}

describe('actions', () => {
	it('adds actions to the end of a plan with defaults', () => {
		const { doc, a } = setup();
		const x = addAction(doc, { riskId: a, text: 'call vendor', now: NOW });
		const y = addAction(doc, { riskId: a });
		const board = readBoard(doc, { today });
		expect(board.risks[0]?.actionIds).toEqual([x, y]);
		expect(board.actions.find((action) => action.id === x)).toMatchObject({
			text: 'call vendor',
			status: 'Planned',
			progress: 0,
			ownerId: null,
			riskIds: [a],
			createdAt: NOW.toISOString()
		});
	});

	it('rolls up done, total and overdue per risk', () => {
		const { doc, a } = setup();
		const x = addAction(doc, { riskId: a, status: 'Done', dueDate: '2025-01-01' });
		addAction(doc, { riskId: a, dueDate: '2025-01-14' });
		addAction(doc, { riskId: a, dueDate: '2025-01-15' });
		expect(readBoard(doc, { today }).risks[0]?.actionRollup).toEqual({
			done: 1,
			total: 3,
			overdue: 1
		});
		updateAction(doc, x, { status: 'Blocked' });
		expect(readBoard(doc, { today }).risks[0]?.actionRollup).toEqual({
			done: 0,
			total: 3,
			overdue: 2
		});
	});

	it('validates patches', () => {
		const { doc, a } = setup();
		const x = addAction(doc, { riskId: a });
		expect(() => updateAction(doc, x, { progress: 101 })).toThrow(/progress/);
		expect(() => updateAction(doc, x, { progress: -1 })).toThrow(BoardError);
		expect(() => updateAction(doc, x, { status: 'Finished' as never })).toThrow(/status/);
		expect(() => updateAction(doc, x, { ownerId: 'ghost' })).toThrow(/not a person/);
		expect(() => updateAction(doc, x, { dueDate: '15/01/2025' })).toThrow(/dueDate/);
		expect(() => addAction(doc, { riskId: 'ghost' })).toThrow(/Unknown risk/);
		const owner = addPerson(doc, { name: 'Ada' });
		updateAction(doc, x, { ownerId: owner, progress: 40, status: 'In progress' });
		expect(readBoard(doc).actions[0]).toMatchObject({ ownerId: owner, progress: 40 });
	});

	it('shares one action between risks, with its own place in each plan', () => {
		const { doc, a, b } = setup();
		const x = addAction(doc, { riskId: a });
		const y = addAction(doc, { riskId: a });
		const z = addAction(doc, { riskId: b });
		linkAction(doc, { actionId: y, riskId: b });
		linkAction(doc, { actionId: y, riskId: b });
		moveAction(doc, { actionId: y, riskId: b, before: z });
		moveAction(doc, { actionId: y, riskId: a, after: null });
		let board = readBoard(doc);
		expect(board.risks[0]?.actionIds).toEqual([y, x]);
		expect(board.risks[1]?.actionIds).toEqual([y, z]);
		expect(board.actions.find((action) => action.id === y)?.riskIds).toEqual([a, b].sort());
		unlinkAction(doc, { actionId: y, riskId: a });
		board = readBoard(doc);
		expect(board.risks[0]?.actionIds).toEqual([x]);
		expect(() => unlinkAction(doc, { actionId: y, riskId: b })).toThrow(/delete the action/);
		expect(() => moveAction(doc, { actionId: y, riskId: a })).toThrow(/not in the plan/);
	});

	it('edits text in place and deletes', () => {
		const { doc, a } = setup();
		const x = addAction(doc, { riskId: a, text: 'draft' });
		const text = getActionText(doc, x);
		setActionText(doc, { actionId: x, value: 'final' });
		expect(getActionText(doc, x)).toBe(text);
		expect(readBoard(doc).actions[0]?.text).toBe('final');
		deleteAction(doc, x);
		expect(readBoard(doc).actions).toEqual([]);
		expect(readBoard(doc).risks[0]?.actionIds).toEqual([]);
		expect(() => deleteAction(doc, x)).toThrow(BoardError);
	});
});
