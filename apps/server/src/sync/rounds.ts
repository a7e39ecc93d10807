/**
 * Silent scoring rounds of a room: server memory only. Votes never enter the Yjs document, the
 * awareness, the update log or the server's logs; before the reveal nobody, not even the
 * facilitator, gets another participant's values (only how many voted, and their names). The
 * room manager keeps one `ScoringRounds` per board (`RoomManager.withRounds`), outliving the
 * room, and drops a board's rounds when its review stops running or they sit unused for 12 h.
 *
 * Without accounts a participant is identified by the display name they give: one vote per name
 * (case and surrounding spaces ignored), which its author may overwrite until the reveal. The
 * link (token row) that first voted under a name owns it: another link using the same name is
 * refused, so a viewer link cannot overwrite an editor link's vote by borrowing its name. People
 * sharing one link are told apart by name only.
 */
import { tallyVotes, type RoundView, type Vote, type VoteTally } from '@riskboard/model';
import { ApiError } from '../errors.ts';
import { newShortId } from '../tokens.ts';

/** Rounds kept per room; the oldest are dropped beyond this. */
export const MAX_ROUNDS = 50;
/** Votes accepted per round. */
export const MAX_VOTERS = 100;
/** Longest voter name, in characters. */
export const MAX_VOTER_NAME = 100;

interface StoredVote {
	vote: Vote;
	tokenId: string;
}

interface Round {
	id: string;
	reviewId: string;
	riskId: string;
	openedAt: string;
	votes: Map<string, StoredVote>;
	tally: VoteTally | null;
}

const voterKey = (name: string) => name.normalize('NFC').toLowerCase();

function level(value: unknown, what: string): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
		throw new ApiError(400, 'invalid_vote', `${what} must be a whole number from 1 to 5.`);
	}
	return value;
}

/** Validates a voter's display name: a non-empty string of at most MAX_VOTER_NAME characters. */
export function voterName(value: unknown): string {
	const name = typeof value === 'string' ? value.trim() : '';
	if (name === '' || name.length > MAX_VOTER_NAME) {
		throw new ApiError(
			400,
			'invalid_vote',
			`A vote needs a voter name of 1 to ${MAX_VOTER_NAME} characters.`
		);
	}
	return name;
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
	 * Records (or overwrites) the vote of `voter` cast through the token `tokenId`; returns only
	 * that vote. Refused after the reveal, and for a name another link already voted under.
	 */
	vote(
		reviewId: string,
		roundId: string,
		input: { voter: unknown; likelihood: unknown; impact: unknown },
		tokenId: string
	): Vote {
		const round = this.#round(reviewId, roundId);
		if (round.tally) throw new ApiError(409, 'round_revealed', 'This round has been revealed.');
		const voter = voterName(input.voter);
		const vote: Vote = {
			voter,
			likelihood: level(input.likelihood, 'likelihood'),
			impact: level(input.impact, 'impact')
		};
		const key = voterKey(voter);
		const existing = round.votes.get(key);
		if (existing && existing.tokenId !== tokenId) {
			throw new ApiError(409, 'voter_name_taken', 'Someone on another link voted under this name.');
		}
		if (!existing && round.votes.size >= MAX_VOTERS) {
			throw new ApiError(409, 'round_full', `A round takes at most ${MAX_VOTERS} votes.`);
		}
		round.votes.set(key, { vote, tokenId });
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
		const voters = [...round.votes.values()].map((stored) => stored.vote.voter).sort();
		return { ...base, status: 'open', voters };
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
