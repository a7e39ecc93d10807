/**
 * REST client for review sessions: start and end (the server takes the baseline and final
 * snapshots), minutes, "since the last review", and silent scoring rounds. Like every REST call
 * here the token travels in the `Authorization` header. A vote is sent only by its author and
 * the answers before a reveal never hold anyone else's values (the server guarantees it).
 */
import type { AgendaMode, Minutes, Review, RoundView, Vote } from '@riskboard/model';
import {
	EndReviewResponseSchema,
	MinutesResponseSchema,
	OpenRoundResponseSchema,
	RoundListResponseSchema,
	RoundViewSchema,
	SinceLastReviewResponseSchema,
	StartReviewResponseSchema,
	VoteResponseSchema,
	type SinceLastReview,
	type SnapshotMeta
} from '@riskboard/protocol';
import type { ZodType } from 'zod';
import { ApiError, fetchFile, request } from './boards.ts';

/** `GET …/since-last-review`: the changes, with who made them when the server knows. */
export type { SinceLastReview };

/** A vote as the page sends it: who (a person on the board), from which tab, and the levels. */
export interface VoteInput {
	personId: string;
	tab: string;
	likelihood: number;
	impact: number;
}

export interface ReviewsClient {
	start(input: {
		facilitator: { name: string; clientId: number | null; personId?: string | null };
		mode: AgendaMode;
	}): Promise<{ review: Review; baseline: SnapshotMeta }>;
	end(reviewId: string, by: string): Promise<{ review: Review; final: SnapshotMeta }>;
	minutes(reviewId: string): Promise<Minutes>;
	/** The minutes as a Markdown file, named by the server. */
	minutesFile(reviewId: string): Promise<{ blob: Blob; fileName: string }>;
	/** Null when no review has ended yet. */
	sinceLastReview(): Promise<SinceLastReview | null>;
	openRound(reviewId: string, riskId: string): Promise<string>;
	rounds(reviewId: string): Promise<RoundView[]>;
	round(reviewId: string, roundId: string): Promise<RoundView>;
	/**
	 * Casts (or changes) this person's vote as the person `personId` on the board, from this tab
	 * (`tab`: the first link and tab to vote as a person own that vote); the answer is that vote.
	 */
	vote(reviewId: string, roundId: string, vote: VoteInput): Promise<Vote>;
	reveal(reviewId: string, roundId: string): Promise<RoundView>;
}

/** A client for one board; `fetchFn` is for tests. */
export function reviewsClient(
	boardId: string,
	token: string,
	fetchFn: typeof fetch = (...args) => fetch(...args)
): ReviewsClient {
	const board = `/api/boards/${encodeURIComponent(boardId)}`;
	const auth = { authorization: `Bearer ${token}` };
	const reviewPath = (reviewId: string) => `${board}/reviews/${encodeURIComponent(reviewId)}`;
	const roundPath = (reviewId: string, roundId: string) =>
		`${reviewPath(reviewId)}/rounds/${encodeURIComponent(roundId)}`;
	const get = <S extends ZodType>(path: string, schema: S) =>
		request(path, { headers: auth }, schema, fetchFn);
	const send = <S extends ZodType>(
		method: 'POST' | 'PUT',
		path: string,
		body: unknown,
		schema: S
	) =>
		request(
			path,
			{
				method,
				headers: { ...auth, 'content-type': 'application/json' },
				body: JSON.stringify(body)
			},
			schema,
			fetchFn
		);
	return {
		start: (input) => send('POST', `${board}/reviews`, input, StartReviewResponseSchema),
		end: (reviewId, by) =>
			send('POST', `${reviewPath(reviewId)}/end`, { by }, EndReviewResponseSchema),
		minutes: (reviewId) => get(`${reviewPath(reviewId)}/minutes`, MinutesResponseSchema),
		minutesFile: (reviewId) =>
			fetchFile(`${reviewPath(reviewId)}/minutes.md`, auth, 'minutes.md', fetchFn),
		async sinceLastReview() {
			try {
				return await get(`${board}/since-last-review`, SinceLastReviewResponseSchema);
			} catch (error) {
				if (error instanceof ApiError && error.code === 'no_ended_review') return null;
				throw error;
			}
		},
		async openRound(reviewId, riskId) {
			const body = await send(
				'POST',
				`${reviewPath(reviewId)}/rounds`,
				{ riskId },
				OpenRoundResponseSchema
			);
			return body.roundId;
		},
		async rounds(reviewId) {
			const body = await get(`${reviewPath(reviewId)}/rounds`, RoundListResponseSchema);
			return body.rounds;
		},
		round: (reviewId, roundId) => get(roundPath(reviewId, roundId), RoundViewSchema),
		async vote(reviewId, roundId, vote) {
			const body = await send(
				'PUT',
				`${roundPath(reviewId, roundId)}/vote`,
				vote,
				VoteResponseSchema
			);
			return body.vote;
		},
		reveal: (reviewId, roundId) =>
			send('POST', `${roundPath(reviewId, roundId)}/reveal`, {}, RoundViewSchema)
	};
}
