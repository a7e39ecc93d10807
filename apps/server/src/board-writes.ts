/**
 * What the REST board API shares: who a write is by, and the one way it writes. A write names
 * its author by a person id on the board or a name (`author` in the body, else the
 * percent-encoded `X-Riskboard-Author` header), else the link's label; it runs through
 * `rooms.write` (the model's checks on the room's scratch copy first, so a refused write never
 * touches the room; then commit before relay), stored with the writing link's role and token, the
 * author's name and person. The model's refusals (`BoardError`) answer 422 with its message.
 */
import {
	BoardError,
	isPerson,
	personName,
	readBoard,
	type Board,
	type Risk
} from '@riskboard/model';
import type * as Y from 'yjs';
import { invalidRequest } from './api/contract.ts';
import type { AppDeps } from './deps.ts';
import { ApiError } from './errors.ts';
import { unavailable } from './routes/board-data.ts';
import type { BoardRecord, TokenRecord, UpdateAuthor } from './storage/types.ts';

/** The header a write may name its author in, percent-encoded UTF-8. */
export const AUTHOR_HEADER = 'X-Riskboard-Author';

/** Who is writing: the link, and the author it gave (raw, resolved against the board later). */
export interface Writer {
	board: BoardRecord;
	token: TokenRecord;
	/** From the body's `author`, else the header; undefined when neither was given. */
	author: string | undefined;
}

/** The author a request gave: the body's `author`, else the decoded header. 400 on bad encoding. */
export function givenAuthor(
	header: string | undefined,
	body: string | undefined
): string | undefined {
	if (body !== undefined) return body;
	if (header === undefined) return undefined;
	let name: string;
	try {
		name = decodeURIComponent(header).trim();
	} catch {
		throw invalidRequest('header', [
			{ path: [AUTHOR_HEADER], code: 'invalid_format', message: 'must be percent-encoded UTF-8' }
		]);
	}
	if (name === '' || name.length > 100) {
		throw invalidRequest('header', [
			{ path: [AUTHOR_HEADER], code: 'too_big', message: 'must be 1 to 100 characters' }
		]);
	}
	return name;
}

/** The stored author of a write: a person on the board, a name, or the link's label. */
function resolveAuthor(doc: Y.Doc, writer: Writer): UpdateAuthor {
	const given = writer.author;
	const person = given !== undefined && isPerson(doc, given) ? given : null;
	return {
		role: writer.token.role,
		connectionId: 'rest',
		tokenId: writer.token.id,
		name: person ? personName(doc, person) : (given ?? writer.token.label),
		personId: person
	};
}

function refusal(deps: AppDeps, boardId: string, error: unknown): unknown {
	if (error instanceof ApiError) return error;
	if (error instanceof BoardError) return new ApiError(422, 'rule_refused', error.message);
	deps.log.error('board write failed', { board: boardId, error });
	return unavailable(error, 'The board could not be changed; try again.');
}

/**
 * Runs `fn` as one write of `writer` on the board (one update, all or nothing) and returns its
 * result once committed.
 */
export async function boardWrite<T>(
	deps: AppDeps,
	writer: Writer,
	fn: (doc: Y.Doc) => T
): Promise<T> {
	try {
		const author = await deps.rooms.read(writer.board.id, (doc) => resolveAuthor(doc, writer));
		return await deps.rooms.write(writer.board.id, fn, author);
	} catch (error) {
		throw refusal(deps, writer.board.id, error);
	}
}

/** Reads the committed board (503 when it cannot be loaded). */
export async function boardRead<T>(
	deps: AppDeps,
	boardId: string,
	fn: (board: Board) => T
): Promise<T> {
	try {
		return await deps.rooms.read(boardId, (doc) => fn(readBoard(doc)));
	} catch (error) {
		throw refusal(deps, boardId, error);
	}
}

/** A risk by id or key (`R-12`, case-insensitive); 404 `risk_not_found` otherwise. */
export function findRisk(board: Board, idOrKey: string): Risk {
	const key = idOrKey.toUpperCase();
	const risk = board.risks.find((r) => r.id === idOrKey || r.key.toUpperCase() === key);
	if (!risk) throw new ApiError(404, 'risk_not_found', 'This board has no such risk.');
	return risk;
}

/** 404 with `code` when `found` is undefined. */
export function found<T>(value: T | undefined, code: string, what: string): T {
	if (value === undefined) throw new ApiError(404, code, `This board has no such ${what}.`);
	return value;
}
