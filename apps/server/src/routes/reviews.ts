/**
 * Review sessions over REST: `/api/boards/:id/reviews…` and `/api/boards/:id/since-last-review`.
 * Starting and ending take named snapshots (`takeSnapshot`) and then change the live document as
 * a server write (`rooms.write`): committed, then relayed to every client like any edit, stored
 * with role `system` and the caller's token id. Silent scoring rounds live in the room's memory
 * only (`sync/rounds.ts`); their votes never reach the document, awareness or logs.
 */
import {
	BoardError,
	boardReviews,
	boardToday,
	buildAgenda,
	buildMinutes,
	changesSince,
	diffBoards,
	documentToday,
	endReview,
	lastEndedReview,
	isPerson,
	minutesToMarkdown,
	personName,
	readBoard,
	startReview,
	type Board,
	type HistoryBound,
	type HistoryWindow,
	type Review
} from '@riskboard/model';
import type { SnapshotMeta } from '@riskboard/protocol';
import { createRoute } from '@hono/zod-openapi';
import {
	BoardParamsSchema,
	EndReviewRequestSchema,
	EndReviewResponseSchema,
	MinutesResponseSchema,
	OpenRoundRequestSchema,
	OpenRoundResponseSchema,
	ReviewListResponseSchema,
	ReviewParamsSchema,
	RoundListResponseSchema,
	RoundParamsSchema,
	RoundViewSchema,
	SinceLastReviewResponseSchema,
	StartReviewRequestSchema,
	StartReviewResponseSchema,
	VoteRequestSchema,
	VoteResponseSchema
} from '@riskboard/protocol';
import type * as Y from 'yjs';
import {
	BOARD_ERRORS,
	BODY_ERRORS,
	boardToken,
	createApi,
	errors,
	json,
	jsonBody,
	type Api
} from '../api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { contentDisposition, exportFileName } from '../export/files.ts';
import type { BoardRecord, TokenRecord, UpdateAuthor } from '../storage/types.ts';
import type { Room } from '../sync/room.ts';
import { tabId, type ScoringRounds } from '../sync/rounds.ts';
import { liveBoard, requireRole, storedSnapshot, unavailable } from './board-data.ts';
import { takeSnapshot } from '../snapshots.ts';

const ANY = ['owner', 'editor', 'viewer'] as const;
const WRITERS = ['owner', 'editor'] as const;
const TAGS = ['Reviews'];

const listReviews = createRoute({
	method: 'get',
	path: '/{id}/reviews',
	summary: 'List the board’s reviews',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: { 200: json(ReviewListResponseSchema, 'The reviews'), ...errors(...BOARD_ERRORS) }
});

const startReviewRoute = createRoute({
	method: 'post',
	path: '/{id}/reviews',
	summary: 'Start a review (owner, editor): baseline snapshot, agenda',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema, body: jsonBody(StartReviewRequestSchema) },
	responses: {
		201: json(StartReviewResponseSchema, 'The review and its baseline'),
		...errors(...BODY_ERRORS, ...BOARD_ERRORS, 409, 422)
	}
});

const endReviewRoute = createRoute({
	method: 'post',
	path: '/{id}/reviews/{rid}/end',
	summary: 'End a review (owner, editor): final snapshot',
	tags: TAGS,
	security: boardToken,
	request: {
		params: ReviewParamsSchema,
		body: { ...jsonBody(EndReviewRequestSchema), required: false }
	},
	responses: {
		200: json(EndReviewResponseSchema, 'The review and its final snapshot'),
		...errors(...BODY_ERRORS, ...BOARD_ERRORS, 409, 422)
	}
});

const minutesRoute = createRoute({
	method: 'get',
	path: '/{id}/reviews/{rid}/minutes',
	summary: 'A review’s minutes',
	tags: TAGS,
	security: boardToken,
	request: { params: ReviewParamsSchema },
	responses: { 200: json(MinutesResponseSchema, 'The minutes'), ...errors(...BOARD_ERRORS, 409) }
});

const minutesMarkdownRoute = createRoute({
	method: 'get',
	path: '/{id}/reviews/{rid}/minutes.md',
	summary: 'A review’s minutes as Markdown',
	tags: TAGS,
	security: boardToken,
	request: { params: ReviewParamsSchema },
	responses: {
		200: {
			description: 'The minutes',
			content: { 'text/markdown': { schema: { type: 'string' as const } } }
		},
		...errors(...BOARD_ERRORS, 409)
	}
});

const sinceLastReview = createRoute({
	method: 'get',
	path: '/{id}/since-last-review',
	summary: 'What changed since the last ended review',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: {
		200: json(SinceLastReviewResponseSchema, 'The changes and their authors'),
		...errors(...BOARD_ERRORS, 409)
	}
});

const openRound = createRoute({
	method: 'post',
	path: '/{id}/reviews/{rid}/rounds',
	summary: 'Open a silent scoring round (owner, editor)',
	tags: TAGS,
	security: boardToken,
	request: { params: ReviewParamsSchema, body: jsonBody(OpenRoundRequestSchema) },
	responses: {
		201: json(OpenRoundResponseSchema, 'The round opened'),
		...errors(...BODY_ERRORS, ...BOARD_ERRORS, 409)
	}
});

const vote = createRoute({
	method: 'put',
	path: '/{id}/reviews/{rid}/rounds/{roundId}/vote',
	summary: 'Cast or change the caller’s vote (as a person on the board)',
	tags: TAGS,
	security: boardToken,
	request: { params: RoundParamsSchema, body: jsonBody(VoteRequestSchema) },
	responses: {
		200: json(VoteResponseSchema, 'The caller’s own vote'),
		...errors(...BODY_ERRORS, ...BOARD_ERRORS, 409)
	}
});

const listRounds = createRoute({
	method: 'get',
	path: '/{id}/reviews/{rid}/rounds',
	summary: 'The review’s scoring rounds (no vote values before the reveal)',
	tags: TAGS,
	security: boardToken,
	request: { params: ReviewParamsSchema },
	responses: { 200: json(RoundListResponseSchema, 'The rounds'), ...errors(...BOARD_ERRORS, 409) }
});

const getRound = createRoute({
	method: 'get',
	path: '/{id}/reviews/{rid}/rounds/{roundId}',
	summary: 'One scoring round',
	tags: TAGS,
	security: boardToken,
	request: { params: RoundParamsSchema },
	responses: { 200: json(RoundViewSchema, 'The round'), ...errors(...BOARD_ERRORS, 409) }
});

const revealRound = createRoute({
	method: 'post',
	path: '/{id}/reviews/{rid}/rounds/{roundId}/reveal',
	summary: 'Reveal a scoring round (owner, editor)',
	tags: TAGS,
	security: boardToken,
	request: { params: RoundParamsSchema },
	responses: {
		200: json(RoundViewSchema, 'The revealed round'),
		...errors(...BOARD_ERRORS, 409)
	}
});

/**
 * A server write on the board, stored under the caller's token and the name they gave (null
 * when none); the model's refusals (BoardError) become 409s.
 */
async function write<T>(
	deps: AppDeps,
	board: BoardRecord,
	caller: { token: TokenRecord; name: string | null; personId?: string | null },
	fn: (doc: Y.Doc) => T
): Promise<T> {
	const author: UpdateAuthor = {
		role: 'system',
		connectionId: 'rest',
		tokenId: caller.token.id,
		name: caller.name,
		personId: caller.personId ?? null
	};
	try {
		return await deps.rooms.write(board.id, fn, author);
	} catch (error) {
		throw refusal(deps, board, error);
	}
}

/** The board's room and scoring rounds (of the running review), with the same error mapping. */
async function inRoom<T>(
	deps: AppDeps,
	board: BoardRecord,
	fn: (room: Room, rounds: ScoringRounds) => T
): Promise<T> {
	try {
		return await deps.rooms.withRounds(board.id, fn);
	} catch (error) {
		throw refusal(deps, board, error);
	}
}

function refusal(deps: AppDeps, board: BoardRecord, error: unknown): unknown {
	if (error instanceof ApiError) return error;
	if (error instanceof BoardError) return new ApiError(422, 'rule_refused', error.message);
	deps.log.error('review write failed', { board: board.id, error });
	return unavailable(error, 'The board could not be changed; try again.');
}

function findReview(board: Board, reviewId: string): Review {
	const review = boardReviews(board).find((r) => r.id === reviewId);
	if (!review) throw new ApiError(404, 'review_not_found', 'This board has no such review.');
	return review;
}

/** A review that is running now (rounds belong to the running review only). */
function requireRunning(doc: Y.Doc, reviewId: string): Review {
	const review = findReview(readBoard(doc), reviewId);
	if (review.status !== 'running') {
		throw new ApiError(409, 'review_not_running', `This review is ${review.status}.`);
	}
	return review;
}

/**
 * Where a named snapshot sits in the update log. Snapshots record `throughSeq` (the last update
 * the room had committed, read in the same synchronous step as their JSON), so a window between
 * two snapshots is exact. Snapshots stored before that have only their creation time, taken just
 * after the read; updates carry the time they were received, so a time bound can misplace only
 * edits made within those milliseconds: good enough to name authors, which is all it is used for.
 */
function logPosition(snapshot: { meta: SnapshotMeta; throughSeq: number | null }): HistoryBound {
	return snapshot.throughSeq === null
		? { at: snapshot.meta.createdAt }
		: { seq: snapshot.throughSeq };
}

/** Who changed what in a window of the board's log; 503 when the history cannot be read. */
async function authorsIn(deps: AppDeps, boardId: string, window: HistoryWindow) {
	try {
		return (await deps.history.get(boardId)).authors(window);
	} catch (error) {
		deps.log.error('history could not be read', { board: boardId, error });
		throw unavailable(error, 'The history could not be read; try again.');
	}
}

async function minutesOf(deps: AppDeps, boardId: string, reviewId: string) {
	const live = await liveBoard(deps, boardId);
	const review = findReview(live, reviewId);
	if (review.baselineSnapshotId === null) {
		throw new ApiError(409, 'review_without_baseline', 'This review has no baseline snapshot.');
	}
	const baseline = await storedSnapshot(deps, boardId, review.baselineSnapshotId);
	// A running review: up to now (the live board), so the window has no end.
	const final =
		review.finalSnapshotId === null
			? null
			: await storedSnapshot(deps, boardId, review.finalSnapshotId);
	const authors = await authorsIn(deps, boardId, {
		after: logPosition(baseline),
		...(final ? { through: logPosition(final) } : {})
	});
	const finalBoard = final?.board ?? live;
	return buildMinutes({
		review,
		baseline: baseline.board,
		final: finalBoard,
		diff: diffBoards(baseline.board, finalBoard),
		authors
	});
}

/** The review routes, mounted at `/api/boards`. */
export function reviewRoutes(deps: AppDeps): Api {
	const app = createApi();

	app.openapi(listReviews, async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		return c.json({ reviews: boardReviews(await liveBoard(deps, board.id)) }, 200);
	});

	app.openapi(startReviewRoute, async (c) => {
		const { board, token } = await requireRole(deps, c, WRITERS, 'start reviews');
		const body = c.req.valid('json');
		const facilitatorName = body.facilitator.name;
		const clientId = body.facilitator.clientId ?? null;
		const personId = body.facilitator.personId ?? null;
		const mode = body.mode ?? 'due';
		const { today, known } = await deps.rooms
			.read(board.id, (doc) => ({
				today: documentToday(doc),
				known: personId === null || isPerson(doc, personId)
			}))
			.catch((error: unknown) => {
				throw unavailable(error, 'The board could not be loaded; try again.');
			});
		// Checked before the baseline snapshot, so a bad person leaves no snapshot behind.
		if (!known) {
			throw new ApiError(422, 'invalid_review', 'The facilitator is not a person on this board.');
		}
		const baseline = await takeSnapshot(deps, board, token, {
			name: `Review baseline ${today}`,
			author: facilitatorName,
			scope: 'board',
			matrixId: null
		});
		const agenda = buildAgenda(baseline.board, { mode, today });
		const reviewId = await write(deps, board, { token, name: facilitatorName, personId }, (doc) =>
			startReview(doc, {
				facilitator: { name: facilitatorName, clientId, personId },
				baselineSnapshotId: baseline.meta.id,
				agenda
			})
		);
		deps.log.info('review started', { board: board.id, review: reviewId });
		const review = findReview(await liveBoard(deps, board.id), reviewId);
		return c.json({ review, baseline: baseline.meta }, 201);
	});

	app.openapi(endReviewRoute, async (c) => {
		const { board, token } = await requireRole(deps, c, WRITERS, 'end reviews');
		const by = c.req.valid('json').by;
		const reviewId = c.req.valid('param').rid;
		const live = await liveBoard(deps, board.id);
		const current = findReview(live, reviewId);
		if (current.status === 'ended') {
			throw new ApiError(409, 'review_refused', 'This review has already ended.');
		}
		const final = await takeSnapshot(deps, board, token, {
			name: `Review final ${boardToday(live)}`,
			author: by ?? current.facilitator?.name ?? current.startedBy,
			scope: 'board',
			matrixId: null
		});
		await write(deps, board, { token, name: by ?? null }, (doc) =>
			endReview(doc, { reviewId, finalSnapshotId: final.meta.id, ...(by ? { by } : {}) })
		);
		deps.log.info('review ended', { board: board.id, review: reviewId });
		const review = findReview(await liveBoard(deps, board.id), reviewId);
		return c.json({ review, final: final.meta }, 200);
	});

	app.openapi(minutesRoute, async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		return c.json(await minutesOf(deps, board.id, c.req.valid('param').rid), 200);
	});

	app.openapi(minutesMarkdownRoute, async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		const minutes = await minutesOf(deps, board.id, c.req.valid('param').rid);
		const file = exportFileName({
			board: board.title,
			subject: 'minutes',
			date: minutes.date,
			format: 'md'
		});
		return c.body(minutesToMarkdown(minutes), 200, {
			'Content-Type': 'text/markdown; charset=utf-8',
			'Content-Disposition': contentDisposition(file),
			'Cache-Control': 'no-store'
		});
	});

	app.openapi(sinceLastReview, async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		const live = await liveBoard(deps, board.id);
		const last = lastEndedReview(live);
		if (!last || last.finalSnapshotId === null) {
			throw new ApiError(404, 'no_ended_review', 'No review of this board has ended yet.');
		}
		const final = await storedSnapshot(deps, board.id, last.finalSnapshotId);
		const authors = await authorsIn(deps, board.id, { after: logPosition(final) });
		return c.json({ ...changesSince(last, final.board, live), authors }, 200);
	});

	// Silent scoring rounds ----------------------------------------------------------------------

	app.openapi(openRound, async (c) => {
		const { board } = await requireRole(deps, c, WRITERS, 'open scoring rounds');
		const { riskId } = c.req.valid('json');
		const reviewId = c.req.valid('param').rid;
		const roundId = await inRoom(deps, board, (room, rounds) => {
			requireRunning(room.doc, reviewId);
			if (!readBoard(room.doc).risks.some((risk) => risk.id === riskId)) {
				throw new ApiError(404, 'risk_not_found', 'This board has no such risk.');
			}
			const id = rounds.open(reviewId, riskId);
			room.notifyRound({ kind: 'opened', reviewId, roundId: id, riskId });
			return id;
		});
		deps.log.info('scoring round opened', { board: board.id, review: reviewId, round: roundId });
		return c.json({ roundId }, 201);
	});

	app.openapi(vote, async (c) => {
		const { board, token } = await requireRole(deps, c, ANY, 'vote');
		const body = c.req.valid('json');
		const { rid: reviewId, roundId } = c.req.valid('param');
		const tab = tabId(body.tab);
		const cast = await inRoom(deps, board, (room, rounds) => {
			const personId = body.personId;
			const voterName = personName(room.doc, personId);
			if (voterName === null) {
				throw new ApiError(
					403,
					'not_a_person',
					'Only people on the board vote: choose who you are from its people first.'
				);
			}
			const own = rounds.vote(
				reviewId,
				roundId,
				{
					voter: { personId, name: voterName },
					likelihood: body.likelihood,
					impact: body.impact
				},
				{ tokenId: token.id, tab }
			);
			const view = rounds.view(reviewId, roundId);
			if (view.status === 'open') {
				const { count, voters } = view;
				room.notifyRound({ kind: 'progressed', reviewId, roundId, count, voters });
			}
			return own;
		});
		return c.json({ vote: cast }, 200);
	});

	app.openapi(listRounds, async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		const { rid } = c.req.valid('param');
		const rounds = await inRoom(deps, board, (_room, held) => held.list(rid));
		return c.json({ rounds }, 200);
	});

	app.openapi(getRound, async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		const { rid, roundId } = c.req.valid('param');
		return c.json(await inRoom(deps, board, (_room, rounds) => rounds.view(rid, roundId)), 200);
	});

	app.openapi(revealRound, async (c) => {
		const { board } = await requireRole(deps, c, WRITERS, 'reveal scoring rounds');
		const { rid: reviewId, roundId } = c.req.valid('param');
		const view = await inRoom(deps, board, (room, rounds) => {
			const revealed = rounds.reveal(reviewId, roundId);
			room.notifyRound({ kind: 'revealed', reviewId, roundId });
			return revealed;
		});
		deps.log.info('scoring round revealed', { board: board.id, round: view.id });
		return c.json(view, 200);
	});

	return app;
}
