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
	type Review,
	type SnapshotMeta
} from '@riskboard/model';
import { Hono, type Context } from 'hono';
import type * as Y from 'yjs';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { contentDisposition, exportFileName } from '../export/files.ts';
import type { BoardRecord, TokenRecord, UpdateAuthor } from '../storage/types.ts';
import type { Room } from '../sync/room.ts';
import { tabId, type ScoringRounds } from '../sync/rounds.ts';
import { liveBoard, requireRole, storedSnapshot, unavailable } from './board-data.ts';
import { takeSnapshot } from './snapshots.ts';

const ANY = ['owner', 'editor', 'viewer'] as const;
const WRITERS = ['owner', 'editor'] as const;
/** Longest display name accepted (facilitator, who ended), in characters. */
const MAX_NAME = 100;

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
	const raw = await c.req.text();
	if (raw.trim() === '') return {};
	if (!(c.req.header('content-type') ?? '').includes('application/json')) {
		throw new ApiError(415, 'json_required', 'Send the request body as JSON.');
	}
	try {
		const body: unknown = JSON.parse(raw);
		if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error();
		return body as Record<string, unknown>;
	} catch {
		throw new ApiError(400, 'invalid_json', 'The request body is not a JSON object.');
	}
}

function name(value: unknown, what: string): string {
	const trimmed = typeof value === 'string' ? value.trim() : '';
	if (trimmed === '' || trimmed.length > MAX_NAME) {
		throw new ApiError(400, 'invalid_review', `${what} must be 1 to ${MAX_NAME} characters.`);
	}
	return trimmed;
}

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
	if (error instanceof BoardError) return new ApiError(409, 'review_refused', error.message);
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
export function reviewRoutes(deps: AppDeps): Hono {
	const app = new Hono();

	app.get('/:id/reviews', async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		return c.json({ reviews: boardReviews(await liveBoard(deps, board.id)) });
	});

	app.post('/:id/reviews', async (c) => {
		const { board, token } = await requireRole(deps, c, WRITERS, 'start reviews');
		const body = await jsonBody(c);
		const facilitator = (body.facilitator ?? null) as Record<string, unknown> | null;
		if (typeof facilitator !== 'object' || facilitator === null) {
			throw new ApiError(400, 'invalid_review', 'A review needs a facilitator: { "name" }.');
		}
		const facilitatorName = name(facilitator.name, 'The facilitator name');
		const clientId = facilitator.clientId ?? null;
		if (clientId !== null && typeof clientId !== 'number') {
			throw new ApiError(400, 'invalid_review', 'clientId must be a number.');
		}
		const personId = facilitator.personId ?? null;
		if (personId !== null && typeof personId !== 'string') {
			throw new ApiError(400, 'invalid_review', 'personId must be a person id (a string).');
		}
		const mode = body.mode ?? 'due';
		if (mode !== 'due' && mode !== 'open') {
			throw new ApiError(400, 'invalid_review', 'mode must be "due" or "open".');
		}
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
			throw new ApiError(400, 'invalid_review', 'The facilitator is not a person on this board.');
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

	app.post('/:id/reviews/:rid/end', async (c) => {
		const { board, token } = await requireRole(deps, c, WRITERS, 'end reviews');
		const body = await jsonBody(c);
		const by = body.by === undefined ? undefined : name(body.by, 'by');
		const reviewId = c.req.param('rid');
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
		return c.json({ review, final: final.meta });
	});

	app.get('/:id/reviews/:rid/minutes', async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		return c.json(await minutesOf(deps, board.id, c.req.param('rid')));
	});

	app.get('/:id/reviews/:rid/minutes.md', async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		const minutes = await minutesOf(deps, board.id, c.req.param('rid'));
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

	app.get('/:id/since-last-review', async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		const live = await liveBoard(deps, board.id);
		const last = lastEndedReview(live);
		if (!last || last.finalSnapshotId === null) {
			throw new ApiError(404, 'no_ended_review', 'No review of this board has ended yet.');
		}
		const final = await storedSnapshot(deps, board.id, last.finalSnapshotId);
		const authors = await authorsIn(deps, board.id, { after: logPosition(final) });
		return c.json({ ...changesSince(last, final.board, live), authors });
	});

	// Silent scoring rounds ----------------------------------------------------------------------

	app.post('/:id/reviews/:rid/rounds', async (c) => {
		const { board } = await requireRole(deps, c, WRITERS, 'open scoring rounds');
		const body = await jsonBody(c);
		const riskId = body.riskId;
		if (typeof riskId !== 'string' || riskId === '') {
			throw new ApiError(400, 'invalid_round', 'A round needs the riskId to score.');
		}
		const reviewId = c.req.param('rid');
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

	app.put('/:id/reviews/:rid/rounds/:roundId/vote', async (c) => {
		const { board, token } = await requireRole(deps, c, ANY, 'vote');
		const body = await jsonBody(c);
		const reviewId = c.req.param('rid');
		const roundId = c.req.param('roundId');
		const tab = tabId(body.tab);
		const vote = await inRoom(deps, board, (room, rounds) => {
			const personId = body.personId;
			const voterName = typeof personId === 'string' ? personName(room.doc, personId) : null;
			if (typeof personId !== 'string' || voterName === null) {
				throw new ApiError(
					403,
					'not_a_person',
					'Only people on the board vote: choose who you are from its people first.'
				);
			}
			const cast = rounds.vote(
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
			return cast;
		});
		return c.json({ vote });
	});

	app.get('/:id/reviews/:rid/rounds', async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		const rounds = await inRoom(deps, board, (_room, held) => held.list(c.req.param('rid')));
		return c.json({ rounds });
	});

	app.get('/:id/reviews/:rid/rounds/:roundId', async (c) => {
		const { board } = await requireRole(deps, c, ANY, 'read');
		return c.json(
			await inRoom(deps, board, (_room, rounds) =>
				rounds.view(c.req.param('rid'), c.req.param('roundId'))
			)
		);
	});

	app.post('/:id/reviews/:rid/rounds/:roundId/reveal', async (c) => {
		const { board } = await requireRole(deps, c, WRITERS, 'reveal scoring rounds');
		const reviewId = c.req.param('rid');
		const roundId = c.req.param('roundId');
		const view = await inRoom(deps, board, (room, rounds) => {
			const revealed = rounds.reveal(reviewId, roundId);
			room.notifyRound({ kind: 'revealed', reviewId, roundId });
			return revealed;
		});
		deps.log.info('scoring round revealed', { board: board.id, round: view.id });
		return c.json(view);
	});

	return app;
}
