/**
 * `/api/boards/:id/reviews…` and `/api/boards/:id/since-last-review`: review sessions and their
 * silent scoring rounds. Reviews, minutes and round views are the model's and the rounds
 * module's shapes; they are declared as objects here and typed from there.
 */
import type {
	ChangeAuthors,
	ChangesSince,
	Minutes,
	Review,
	RoundView,
	Vote
} from '@riskboard/model';
import { z } from './zod.ts';
import { modelObject } from './common.ts';
import { SnapshotMetaSchema } from './snapshots.ts';

/** Longest display name accepted (facilitator, who ended), in characters. */
export const MAX_REVIEW_NAME_LENGTH = 100;

const ReviewNameSchema = z.string().trim().min(1).max(MAX_REVIEW_NAME_LENGTH);

export const ReviewParamsSchema = z.object({ id: z.string(), rid: z.string() });
export const RoundParamsSchema = z.object({ id: z.string(), rid: z.string(), roundId: z.string() });

/** `POST /api/boards/:id/reviews` body. */
export const StartReviewRequestSchema = z.strictObject({
	facilitator: z.strictObject({
		name: ReviewNameSchema,
		/** The facilitator's Yjs client id, so the page can tell it is the facilitator. */
		clientId: z.number().int().nullable().optional(),
		/** The person on the board the facilitator is. */
		personId: z.string().nullable().optional()
	}),
	/** `due`: risks due for review (default); `open`: every open risk. */
	mode: z.enum(['due', 'open']).optional()
});
export type StartReviewRequest = z.input<typeof StartReviewRequestSchema>;

/** `POST /api/boards/:id/reviews/:rid/end` body (may be empty). */
export const EndReviewRequestSchema = z.strictObject({ by: ReviewNameSchema.optional() });
export type EndReviewRequest = z.input<typeof EndReviewRequestSchema>;

export const ReviewSchema = modelObject<Review>('A review as the model reads it (Review)');

export const ReviewListResponseSchema = z.object({ reviews: z.array(ReviewSchema) });
export const StartReviewResponseSchema = z.object({
	review: ReviewSchema,
	baseline: SnapshotMetaSchema
});
export const EndReviewResponseSchema = z.object({
	review: ReviewSchema,
	final: SnapshotMetaSchema
});
export const MinutesResponseSchema = modelObject<Minutes>('The minutes (Minutes in the model)');
/** What changed since the last ended review, and who changed it. */
export type SinceLastReview = ChangesSince & { authors?: ChangeAuthors };
export const SinceLastReviewResponseSchema = modelObject<SinceLastReview>(
	'What changed since the last ended review, with authors'
);

/** `POST /api/boards/:id/reviews/:rid/rounds` body. */
export const OpenRoundRequestSchema = z.strictObject({ riskId: z.string().min(1).max(64) });
export const OpenRoundResponseSchema = z.object({ roundId: z.string() });

/** `PUT …/rounds/:roundId/vote` body: a person on the board votes (the server checks 1–5). */
export const VoteRequestSchema = z.strictObject({
	personId: z.string().min(1).max(64),
	likelihood: z.number(),
	impact: z.number(),
	/** The page's per-tab id: one tab owns a person's vote until the reveal. */
	tab: z.string().max(64).nullable().optional()
});
export type VoteRequest = z.input<typeof VoteRequestSchema>;
export const VoteResponseSchema = z.object({ vote: modelObject<Vote>('The caller’s own vote') });
export const RoundViewSchema = modelObject<RoundView>(
	'A round: open (count, voters) or revealed (tally)'
);
export const RoundListResponseSchema = z.object({ rounds: z.array(RoundViewSchema) });
