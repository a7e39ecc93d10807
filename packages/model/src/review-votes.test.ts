import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import { tallyVotes, validateVotes, type Vote } from './review-votes.ts';

const v = (voter: string, likelihood: number, impact: number): Vote => ({
	voterId: `id-${voter.trim()}`,
	voter,
	likelihood,
	impact
});

describe('tallyVotes', () => {
	it('gives per-axis min, max, median and spread, the distribution and a suggestion', () => {
		const tally = tallyVotes([v('Cy', 4, 2), v('Ada', 2, 4), v('Bo', 3, 4)]);
		expect(tally).toEqual({
			count: 3,
			votes: [v('Ada', 2, 4), v('Bo', 3, 4), v('Cy', 4, 2)],
			likelihood: { min: 2, max: 4, median: 3, spread: 2 },
			impact: { min: 2, max: 4, median: 4, spread: 2 },
			scores: [
				{ score: 12, count: 1 },
				{ score: 8, count: 2 }
			],
			cells: [
				{ likelihood: 4, impact: 2, count: 1, voters: ['Cy'] },
				{ likelihood: 3, impact: 4, count: 1, voters: ['Bo'] },
				{ likelihood: 2, impact: 4, count: 1, voters: ['Ada'] }
			],
			consensus: false,
			suggested: { likelihood: 3, impact: 4, score: 12 }
		});
	});

	it('takes the mean of the two middle votes for an even count, and suggests the higher level', () => {
		const tally = tallyVotes([v('a', 2, 1), v('b', 3, 1), v('c', 1, 5), v('d', 5, 3)]);
		expect(tally.likelihood).toEqual({ min: 1, max: 5, median: 2.5, spread: 4 });
		expect(tally.impact).toEqual({ min: 1, max: 5, median: 2, spread: 4 });
		expect(tally.suggested).toEqual({ likelihood: 3, impact: 2, score: 6 });
		// Two middle votes two levels apart: the midpoint is a level of its own.
		expect(tallyVotes([v('a', 1, 1), v('b', 3, 5)]).suggested).toEqual({
			likelihood: 2,
			impact: 3,
			score: 6
		});
	});

	it('reports consensus when every vote is the same cell', () => {
		const tally = tallyVotes([v('a', 3, 3), v('b', 3, 3)]);
		expect(tally.consensus).toBe(true);
		expect(tally.cells).toEqual([{ likelihood: 3, impact: 3, count: 2, voters: ['a', 'b'] }]);
		expect(tally.likelihood?.spread).toBe(0);
	});

	it('gives count 0 and null statistics for an empty round', () => {
		expect(tallyVotes([])).toMatchObject({
			count: 0,
			likelihood: null,
			impact: null,
			suggested: null,
			consensus: false
		});
	});

	it('does not depend on the order of the votes', () => {
		const votes = [v('a', 1, 5), v('b', 4, 2), v('c', 4, 4), v('d', 2, 2), v('e', 5, 1)];
		const expected = JSON.stringify(tallyVotes(votes));
		expect(JSON.stringify(tallyVotes([...votes].reverse()))).toBe(expected);
		expect(
			JSON.stringify(tallyVotes([votes[2]!, votes[0]!, votes[4]!, votes[1]!, votes[3]!]))
		).toBe(expected);
	});
});

describe('validateVotes', () => {
	it('refuses levels outside 1–5, non-integers, a missing voter and a voter voting twice', () => {
		for (const bad of [
			[v('a', 0, 3)],
			[v('a', 3, 6)],
			[v('a', 2.5, 3)],
			[{ voterId: 'id-a', voter: 'a', likelihood: '3', impact: 3 }],
			[{ voter: 'a', likelihood: 3, impact: 3 }],
			[v(' ', 3, 3)],
			[v('a', 3, 3), v(' a ', 2, 2)],
			[null],
			'votes'
		]) {
			expect(() => validateVotes(bad), JSON.stringify(bad)).toThrow(BoardError);
		}
	});

	it('trims voter names and drops unknown fields', () => {
		expect(
			validateVotes([{ voterId: 'id-Ada', voter: ' Ada ', likelihood: 2, impact: 3, extra: 1 }])
		).toEqual([v('Ada', 2, 3)]);
	});

	it('keys votes by person: two people of one name vote twice, one person cannot', () => {
		const twins = [
			{ voterId: 'p1', voter: 'Sam', likelihood: 2, impact: 2 },
			{ voterId: 'p2', voter: 'Sam', likelihood: 4, impact: 4 }
		];
		const tally = tallyVotes(twins);
		expect(tally.count).toBe(2);
		expect(tally.votes.map((vote) => vote.voterId)).toEqual(['p1', 'p2']);
		expect(() =>
			validateVotes([
				{ voterId: 'p1', voter: 'Sam', likelihood: 2, impact: 2 },
				{ voterId: 'p1', voter: 'Samuel', likelihood: 3, impact: 3 }
			])
		).toThrow(/voted twice/);
	});
});
