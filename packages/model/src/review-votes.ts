/**
 * The maths of a silent scoring round. Votes are never stored in the board document: the server
 * keeps them private until the facilitator reveals the round (see CONTEXT.md), then sends
 * everyone `tallyVotes(votes)`. This module only counts.
 */
import { BoardError } from './errors.ts';
import { requireInt, requireName } from './validate.ts';

/** One participant's private proposal for the risk in focus. */
export interface Vote {
	/** Who voted: the id of a person on the board. A round holds one vote per person. */
	voterId: string;
	/** That person's name, for display. */
	voter: string;
	/** 1–5. */
	likelihood: number;
	/** 1–5. */
	impact: number;
}

/** The spread of one axis (likelihood or impact) over the votes. */
export interface AxisTally {
	min: number;
	max: number;
	/** The exact median; for an even count the mean of the two middle votes (may end in .5). */
	median: number;
	/** max − min: 0 means everyone agreed on this axis. */
	spread: number;
}

/** How many votes landed on one cell of the 5 × 5 matrix, and whose. */
export interface VoteCell {
	likelihood: number;
	impact: number;
	count: number;
	/** Names, sorted. */
	voters: string[];
}

/** The revealed result of a round. */
export interface VoteTally {
	count: number;
	/** Every vote, sorted by voter name (then id): the reveal shows them all. */
	votes: Vote[];
	/** Null when nobody voted; likewise `impact` and `suggested`. */
	likelihood: AxisTally | null;
	impact: AxisTally | null;
	/** Votes per score (likelihood × impact), highest score first; only scores someone gave. */
	scores: Array<{ score: number; count: number }>;
	/** Occupied matrix cells, highest likelihood first, then highest impact. */
	cells: VoteCell[];
	/** True when every vote is the same cell (and there is at least one). */
	consensus: boolean;
	/**
	 * What the facilitator can apply: the median of each axis, and when an even count puts it
	 * between two levels (x.5), the higher one. A split room errs towards caution, the usual
	 * stance of a risk review; it is also what "mean of the two middle votes, rounded half up"
	 * gives. The axes are taken separately, so the suggestion may be a cell nobody voted for.
	 */
	suggested: { likelihood: number; impact: number; score: number } | null;
}

/**
 * What anyone may see of a silent scoring round (the server's answer and what browsers hold):
 * before the reveal the names of those who voted and never their values; after it the tally.
 */
export type RoundView =
	| {
			id: string;
			reviewId: string;
			riskId: string;
			openedAt: string;
			status: 'open';
			count: number;
			/** Names of those who voted, sorted; never their values. */
			voters: string[];
			/** Person ids of those who voted, sorted (so a page knows whether its person voted). */
			voterIds: string[];
	  }
	| {
			id: string;
			reviewId: string;
			riskId: string;
			openedAt: string;
			status: 'revealed';
			count: number;
			tally: VoteTally;
	  };

/**
 * Checks a round's votes: a list, one vote per person (by `voterId`), a name each, levels integers
 * 1–5. Returns clean copies.
 */
export function validateVotes(votes: unknown): Vote[] {
	if (!Array.isArray(votes)) throw new BoardError('votes must be a list');
	const seen = new Set<string>();
	return votes.map((vote: unknown, index) => {
		if (typeof vote !== 'object' || vote === null) {
			throw new BoardError(`Vote ${index + 1} must be an object`);
		}
		const { voterId, voter, likelihood, impact } = vote as Record<string, unknown>;
		const id = requireName(voterId, `Vote ${index + 1}: voterId`);
		const name = requireName(voter, `Vote ${index + 1}: voter`);
		if (seen.has(id)) throw new BoardError(`${name} voted twice`);
		seen.add(id);
		return {
			voterId: id,
			voter: name,
			likelihood: requireInt(likelihood, `${name}: likelihood`, { min: 1, max: 5 }) as number,
			impact: requireInt(impact, `${name}: impact`, { min: 1, max: 5 }) as number
		};
	});
}

function axis(values: number[]): AxisTally {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	const median =
		sorted.length % 2 === 1
			? (sorted[middle] as number)
			: ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
	const min = sorted[0] as number;
	const max = sorted.at(-1) as number;
	return { min, max, median, spread: max - min };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Tallies a silent round (see `VoteTally`). Throws a `BoardError` for invalid votes (see
 * `validateVotes`); an empty round gives count 0 and null statistics. Deterministic: the result
 * does not depend on the order of the votes.
 */
export function tallyVotes(votes: readonly Vote[]): VoteTally {
	const clean = validateVotes(votes).sort(
		(a, b) => compareText(a.voter, b.voter) || compareText(a.voterId, b.voterId)
	);
	if (clean.length === 0) {
		return {
			count: 0,
			votes: [],
			likelihood: null,
			impact: null,
			scores: [],
			cells: [],
			consensus: false,
			suggested: null
		};
	}
	const likelihood = axis(clean.map((vote) => vote.likelihood));
	const impact = axis(clean.map((vote) => vote.impact));
	const scores = new Map<number, number>();
	const cells = new Map<string, VoteCell>();
	for (const vote of clean) {
		const score = vote.likelihood * vote.impact;
		scores.set(score, (scores.get(score) ?? 0) + 1);
		const key = `${vote.likelihood}:${vote.impact}`;
		const cell = cells.get(key) ?? {
			likelihood: vote.likelihood,
			impact: vote.impact,
			count: 0,
			voters: []
		};
		cells.set(key, { ...cell, count: cell.count + 1, voters: [...cell.voters, vote.voter] });
	}
	const suggestedLikelihood = Math.ceil(likelihood.median);
	const suggestedImpact = Math.ceil(impact.median);
	return {
		count: clean.length,
		votes: clean,
		likelihood,
		impact,
		scores: [...scores]
			.map(([score, count]) => ({ score, count }))
			.sort((a, b) => b.score - a.score),
		cells: [...cells.values()]
			.map(({ likelihood: l, impact: i, count, voters }) => ({
				likelihood: l,
				impact: i,
				count,
				voters
			}))
			.sort((a, b) => b.likelihood - a.likelihood || b.impact - a.impact),
		consensus: cells.size === 1,
		suggested: {
			likelihood: suggestedLikelihood,
			impact: suggestedImpact,
			score: suggestedLikelihood * suggestedImpact
		}
	};
}
