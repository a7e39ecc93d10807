import { describe, expect, it } from 'vitest';
import { readBoard } from './read.ts';
import { buildAgenda } from './review-agenda.ts';
import { endReview, recordDecision, startReview } from './reviews.ts';
import { addRisk, updateRisk, type NewRisk } from './risks.ts';
import { updateSettings } from './settings.ts';
import { newBoard } from './test-support.ts';

const TODAY = '2025-03-01';

function setup() {
	const doc = newBoard();
	const add = (title: string, fields: Omit<NewRisk, 'title'>) =>
		addRisk(doc, { title, ...fields }).id;
	const ids = {
		high: add('high, due today', { likelihood: 4, impact: 5, nextReviewDate: TODAY }),
		tieLowResidual: add('tie, residual 2', {
			likelihood: 3,
			impact: 4,
			residualLikelihood: 1,
			residualImpact: 2,
			nextReviewDate: '2025-02-01'
		}),
		tieHighResidual: add('tie, residual 6', {
			likelihood: 4,
			impact: 3,
			residualLikelihood: 2,
			residualImpact: 3,
			nextReviewDate: '2025-02-01'
		}),
		tieNoResidual: add('tie, no residual', { likelihood: 3, impact: 4 }),
		future: add('not due yet', { likelihood: 5, impact: 5, nextReviewDate: '2025-03-02' }),
		unscored: add('never reviewed, unscored', {}),
		closed: add('closed', { likelihood: 5, impact: 5, status: 'Closed', closedReason: 'done' })
	};
	return { doc, ids };
}

describe('buildAgenda', () => {
	it("'due': review date on or before today, or never reviewed; most severe first; no closed", () => {
		const { doc, ids } = setup();
		expect(buildAgenda(readBoard(doc, { today: TODAY }), { mode: 'due', today: TODAY })).toEqual([
			ids.high,
			ids.tieHighResidual,
			ids.tieLowResidual,
			ids.tieNoResidual,
			ids.unscored
		]);
	});

	it("'open': every risk that is not closed, same order", () => {
		const { doc, ids } = setup();
		expect(buildAgenda(readBoard(doc, { today: TODAY }), { mode: 'open', today: TODAY })).toEqual([
			ids.future,
			ids.high,
			ids.tieHighResidual,
			ids.tieLowResidual,
			ids.tieNoResidual,
			ids.unscored
		]);
	});

	it('breaks full ties by key number, so older risks come first', () => {
		const doc = newBoard();
		const first = addRisk(doc, { title: 'one', likelihood: 2, impact: 2 }).id;
		const second = addRisk(doc, { title: 'two', likelihood: 2, impact: 2 }).id;
		const board = readBoard(doc, { today: TODAY });
		expect(
			buildAgenda({ ...board, risks: [...board.risks].reverse() }, { mode: 'open', today: TODAY })
		).toEqual([first, second]);
	});

	it('a risk decided in an ended review without a next review date is no longer due', () => {
		const { doc, ids } = setup();
		// No cadence for any band: the decision leaves no next review date.
		updateSettings(doc, {
			reviewCadence: { low: null, medium: null, high: null, critical: null }
		});
		startReview(doc, {
			facilitator: { name: 'Ada' },
			baselineSnapshotId: 's',
			agenda: [ids.unscored]
		});
		recordDecision(doc, { riskId: ids.unscored, decision: 'keep', by: 'Ada' });
		const due = () => buildAgenda(readBoard(doc, { today: TODAY }), { mode: 'due', today: TODAY });
		expect(due()).not.toContain(ids.unscored); // reviewed today
		expect(readBoard(doc).risks.find((r) => r.id === ids.unscored)?.nextReviewDate).toBeNull();
		endReview(doc, { finalSnapshotId: 'f' });
		expect(due()).not.toContain(ids.unscored);
		updateRisk(doc, ids.unscored, { nextReviewDate: TODAY });
		expect(due()).toContain(ids.unscored);
	});

	it('leaves a reviewed risk out until the cadence makes it due again', () => {
		const { doc, ids } = setup();
		const now = new Date(`${TODAY}T10:00:00.000Z`);
		startReview(doc, {
			facilitator: { name: 'Ada' },
			baselineSnapshotId: 's',
			agenda: [ids.high, ids.tieNoResidual],
			now
		});
		recordDecision(doc, { riskId: ids.high, decision: 'keep', by: 'Ada', now });
		recordDecision(doc, { riskId: ids.tieNoResidual, decision: 'accept', by: 'Ada', now });
		endReview(doc, { finalSnapshotId: 'f', now });
		const due = (today: string) => buildAgenda(readBoard(doc, { today }), { mode: 'due', today });
		// critical (20) and high (12): 90 days from 2025-03-01 is 2025-05-30
		expect(due(TODAY)).not.toContain(ids.high);
		expect(due(TODAY)).not.toContain(ids.tieNoResidual);
		expect(due('2025-05-29')).not.toContain(ids.high);
		expect(due('2025-05-30')).toEqual(expect.arrayContaining([ids.high, ids.tieNoResidual]));
	});

	it('refuses a bad mode or date', () => {
		const board = readBoard(newBoard(), { today: TODAY });
		expect(() => buildAgenda(board, { mode: 'all' as 'open', today: TODAY })).toThrow(/mode/);
		expect(() => buildAgenda(board, { mode: 'due', today: '2025-02-30' })).toThrow(/today/);
	});

	it('reads snapshots from before reviews existed', () => {
		const { doc, ids } = setup();
		const { reviews: _reviews, ...old } = readBoard(doc, { today: TODAY });
		expect(buildAgenda(old as never, { mode: 'due', today: TODAY })).toContain(ids.unscored);
	});
});
