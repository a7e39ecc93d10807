/**
 * Silent scoring rounds of a room: server memory only. Votes never enter the Yjs document, the
 * awareness, the update log or the server's logs; before the reveal nobody, not even the
 * facilitator, gets another participant's values (only how many voted, and their names). The
 * room manager keeps one `ScoringRounds` per board (`RoomManager.withRounds`), outliving the
 * room, and drops a board's rounds when its review stops running or they sit unused for 12 h.
 *
 * A participant votes as a person on the board's people list (the "Who are you?" choice): one vote
 * per person id, shown under the person's current name. The first link (token row) and tab (the
 * `tab` id the page sends, one per browser tab) to vote as a person owns that vote until the
 * reveal and may overwrite it; any other link or tab voting as that person is refused (409), so
 * nobody can cast or overwrite a vote as someone else from a second link or tab. A viewer who
 * is not on the list has a name only and cannot vote (the route checks the person).
 */
import { tallyVotes, type RoundView, type Vote, type VoteTally } from '@riskboard/model';
import { ApiError } from '../errors.ts';
import { newShortId } from '../tokens.ts';

/** Rounds kept per room; the oldest are dropped beyond this. */
export const MAX_ROUNDS = 50;
/** Votes accepted per round. */
export const MAX_VOTERS = 100;
/** Longest tab id, in characters. */
export const MAX_TAB_ID = 64;

interface StoredVote {
	vote: Vote;
	/** `${tokenId} ${tab}`: the link and tab that own the vote. */
	owner: string;
}

interface Round {
	id: string;
	reviewId: string;
	riskId: string;
	openedAt: string;
	votes: Map<string, StoredVote>;
	tally: VoteTally | null;
}

function level(value: unknown, what: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
		throw new ApiError(400, 'invalid_vote', `${what} must be a whole number from 1 to 5.`);
	}
	return value;
}

/** A tab id as the page sends it (optional): up to MAX_TAB_ID letters, digits, `_` or `-`. */
export function tabId(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
		throw new ApiError(
			400,
			'invalid_vote',
			`tab must be up to ${MAX_TAB_ID} letters, digits, "_" or "-".`
		);
	}
	return value;
}

/** The person a vote is cast as: their id on the board and their name there. */
export interface Voter {
	personId: string;
	name: string;
}

export class ScoringRounds {
	#rounds = new Map<string, Round>();

	/** Opens a round on a risk of a review and returns its id. */
	open(reviewId: string, riskId: string): string {
		const id = newShortId();
		this.#rounds.set(id, {
			id,
			reviewId,
			riskId,
			openedAt: new Date().toISOString(),
			votes: new Map(),
			tally: null
		});
		for (const old of this.#rounds.keys()) {
			if (this.#rounds.size <= MAX_ROUNDS) break;
			this.#rounds.delete(old);
		}
		return id;
	}

	#round(reviewId: string, roundId: string): Round {
		const round = this.#rounds.get(roundId);
		if (!round || round.reviewId !== reviewId) {
			throw new ApiError(404, 'round_not_found', 'This review has no such scoring round.');
		}
		return round;
	}

	/**
	 * Records (or overwrites) the vote of the person `voter` cast through the link `tokenId` from
	 * the tab `tab`; returns only that vote. Refused after the reveal, and when another link or tab
	 * already voted as this person in the round (409 `voter_taken`).
	 */
	vote(
		reviewId: string,
		roundId: string,
		input: { voter: Voter; likelihood: unknown; impact: unknown },
		owner: { tokenId: string; tab: string }
	): Vote {
		const round = this.#round(reviewId, roundId);
		if (round.tally) throw new ApiError(409, 'round_revealed', 'This round has been revealed.');
		const vote: Vote = {
			voterId: input.voter.personId,
			voter: input.voter.name,
			likelihood: level(input.likelihood, 'likelihood'),
			impact: level(input.impact, 'impact')
		};
		const key = `${owner.tokenId} ${owner.tab}`;
		const existing = round.votes.get(vote.voterId);
		if (existing && existing.owner !== key) {
			throw new ApiError(
				409,
				'voter_taken',
				`${vote.voter} has already voted in this round from another link or tab.`
			);
		}
		if (!existing && round.votes.size >= MAX_VOTERS) {
			throw new ApiError(409, 'round_full', `A round takes at most ${MAX_VOTERS} votes.`);
		}
		round.votes.set(vote.voterId, { vote, owner: key });
		return { ...vote };
	}

	/** Reveals a round (idempotent) and returns its tally. */
	reveal(reviewId: string, roundId: string): RoundView {
		const round = this.#round(reviewId, roundId);
		round.tally ??= tallyVotes([...round.votes.values()].map((stored) => stored.vote));
		return this.view(reviewId, roundId);
	}

	/** The round as anyone may see it (see RoundView). */
	view(reviewId: string, roundId: string): RoundView {
		const round = this.#round(reviewId, roundId);
		const base = {
			id: round.id,
			reviewId: round.reviewId,
			riskId: round.riskId,
			openedAt: round.openedAt,
			count: round.votes.size
		};
		if (round.tally) return { ...base, status: 'revealed', tally: round.tally };
		const votes = [...round.votes.values()].map((stored) => stored.vote);
		const voters = votes.map((vote) => vote.voter).sort();
		const voterIds = votes.map((vote) => vote.voterId).sort();
		return { ...base, status: 'open', voters, voterIds };
	}

	/** Every round of a review as anyone may see it, oldest first. */
	list(reviewId: string): RoundView[] {
		return [...this.#rounds.values()]
			.filter((round) => round.reviewId === reviewId)
			.map((round) => this.view(reviewId, round.id));
	}

	/** Drops every round that does not belong to `reviewId` (all of them for null). */
	keepReview(reviewId: string | null): void {
		for (const [id, round] of this.#rounds)
			if (round.reviewId !== reviewId) this.#rounds.delete(id);
	}
}
