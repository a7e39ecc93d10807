import { describe, expect, it } from 'vitest';
import { addPerson } from './people.ts';
import { readBoard } from './read.ts';
import { changesSince } from './review-since.ts';
import { lastEndedReview } from './review-read.ts';
import { endReview, startReview } from './reviews.ts';
import { addRisk, deleteRisk, updateRisk } from './risks.ts';
import { newBoard } from './test-support.ts';

const TODAY = '2025-03-01';

function endedReview() {
	const doc = newBoard();
	const kept = addRisk(doc, { title: 'Kept', likelihood: 2, impact: 2 }).id;
	const dropped = addRisk(doc, { title: 'Dropped' }).id;
	startReview(doc, { facilitator: { name: 'Ada' }, baselineSnapshotId: 'b', agenda: [kept] });
	endReview(doc, { finalSnapshotId: 'f', now: new Date('2025-02-20T10:00:00Z') });
	const final = readBoard(doc, { today: TODAY });
	return { doc, kept, dropped, final, review: lastEndedReview(final)! };
}

describe('changesSince', () => {
	it('diffs the final snapshot of the last review against now, with a summary', () => {
		const { doc, kept, dropped, final, review } = endedReview();
		updateRisk(doc, kept, { likelihood: 5 });
		deleteRisk(doc, dropped);
		addRisk(doc, { title: 'Fresh' });
		addRisk(doc, { title: 'Fresher' });
		addPerson(doc, { name: 'Bo' });
		const result = changesSince(review, final, readBoard(doc, { today: TODAY }));
		expect(result.review).toEqual({
			id: review.id,
			endedAt: '2025-02-20T10:00:00.000Z',
			finalSnapshotId: 'f'
		});
		expect(result.diff.risks.changed[0]?.changes.map((c) => c.field)).toEqual([
			'likelihood',
			'score',
			'band'
		]);
		expect(result.summary).toEqual({
			risksAdded: 2,
			risksRemoved: 1,
			risksChanged: 1,
			riskFieldChanges: 3,
			people: 1,
			matrices: 0,
			total: result.diff.changeCount,
			text: '2 risks added, 1 risk removed, 1 risk changed, 1 change to people since the review of 2025-02-20'
		});
	});

	it('says so when nothing changed', () => {
		const { doc, final, review } = endedReview();
		const result = changesSince(review, final, readBoard(doc, { today: TODAY }));
		expect(result.summary.total).toBe(0);
		expect(result.summary.text).toBe('No changes since the review of 2025-02-20');
	});

	it('refuses a review that has not ended', () => {
		const doc = newBoard();
		startReview(doc, { facilitator: { name: 'Ada' }, baselineSnapshotId: 'b', agenda: [] });
		const board = readBoard(doc, { today: TODAY });
		expect(() => changesSince(board.reviews[0]!, board, board)).toThrow(/not ended/);
	});
});
