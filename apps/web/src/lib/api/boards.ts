/**
 * REST client for the board endpoints, and the one `request` every REST client here goes
 * through: answers are parsed with the contract's own schemas (`@riskboard/protocol`, the same
 * ones the server validates and documents with), so a call is typed by its schema and an answer
 * that does not fit is an error, never an unchecked cast. Errors come back as `ApiError` carrying
 * the server's `{ error: { code, message } }`, or a synthetic one when the server could not be
 * reached.
 */
import {
	BoardInfoResponseSchema,
	CreateBoardResponseSchema,
	ErrorResponseSchema,
	type CreateBoardRequest
} from '@riskboard/protocol';
import { isTimeZone } from '@riskboard/model';
import type { ZodType, output } from 'zod';

export class ApiError extends Error {
	override name = 'ApiError';
	/** HTTP status, or 0 when the request never got an answer. */
	readonly status: number;
	/** The server's machine-readable code, e.g. `invalid_title`; `network_error` when unreachable. */
	readonly code: string;

	constructor(status: number, code: string, message: string) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

/** A message people can read for a failed call (an unexpected error is logged, not shown). */
export function apiMessage(error: unknown): string {
	if (error instanceof ApiError) return error.message;
	console.error(error);
	return 'Something went wrong; try again.';
}

async function answer(path: string, init: RequestInit, fetchFn: typeof fetch): Promise<Response> {
	try {
		return await fetchFn(path, init);
	} catch {
		throw new ApiError(
			0,
			'network_error',
			'The server could not be reached. Check your connection.'
		);
	}
}

async function refusal(response: Response): Promise<ApiError> {
	const body: unknown = await response.json().catch(() => null);
	const error = ErrorResponseSchema.safeParse(body);
	return error.success
		? new ApiError(response.status, error.data.error.code, error.data.error.message)
		: new ApiError(response.status, 'http_error', `The server answered ${response.status}.`);
}

/**
 * Sends a request and reads its JSON answer as `schema` says (the contract's response schema of
 * the route); refusals throw `ApiError`, and so does an answer that does not fit the schema.
 */
export async function request<S extends ZodType>(
	path: string,
	init: RequestInit,
	schema: S,
	fetchFn: typeof fetch
): Promise<output<S>> {
	const response = await answer(path, init, fetchFn);
	if (!response.ok) throw await refusal(response);
	const parsed = schema.safeParse(await response.json().catch(() => undefined));
	if (!parsed.success) {
		throw new ApiError(
			response.status,
			'unexpected_answer',
			'The server answered something this page does not understand. Reload the page.'
		);
	}
	return parsed.data;
}

/** Sends a request whose answer has no body (204); refusals throw `ApiError`. */
export async function requestNoContent(
	path: string,
	init: RequestInit,
	fetchFn: typeof fetch
): Promise<void> {
	const response = await answer(path, init, fetchFn);
	if (!response.ok) throw await refusal(response);
}

/** This browser's IANA time zone, if the runtime names one the model knows. */
export function browserTimeZone(): string | undefined {
	const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
	return isTimeZone(zone) ? zone : undefined;
}

/**
 * `POST /api/boards`: creates a board in `timeZone` (default: this browser's, so "today" on the
 * board is the creator's day) and returns its three capability tokens (shown once).
 */
export function createBoard(
	title: string,
	fetchFn: typeof fetch = fetch,
	timeZone: string | undefined = browserTimeZone()
) {
	const body: CreateBoardRequest = timeZone ? { title, timeZone } : { title };
	return request(
		'/api/boards',
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		},
		CreateBoardResponseSchema,
		fetchFn
	);
}

/** `GET /api/boards/:id` with a capability token: the board's title and the token's role. */
export function fetchBoardInfo(id: string, token: string, fetchFn: typeof fetch = fetch) {
	return request(
		`/api/boards/${encodeURIComponent(id)}`,
		{ headers: { authorization: `Bearer ${token}` } },
		BoardInfoResponseSchema,
		fetchFn
	);
}

/**
 * The file name in a `Content-Disposition` header: the RFC 5987 `filename*` (UTF-8) when present
 * and well-formed, else the plain `filename`, else `fallback`. Path separators are dropped.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
	if (!header) return fallback;
	let name: string | null = null;
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
	if (extended) {
		try {
			name = decodeURIComponent(extended[1]!.trim());
		} catch {
			name = null;
		}
	}
	if (!name) {
		const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/.exec(header);
		if (plain) name = (plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2]!.trim()) || null;
	}
	const safe = name?.replace(/[/\\]/g, '_').trim();
	return safe || fallback;
}

/**
 * Fetches a file (an export, minutes) with `headers` and returns its bytes with the file name
 * the server gave (`fallback` when it gave none); refusals throw `ApiError`.
 */
export async function fetchFile(
	path: string,
	headers: Record<string, string>,
	fallback: string,
	fetchFn: typeof fetch
): Promise<{ blob: Blob; fileName: string }> {
	const response = await answer(path, { headers }, fetchFn);
	if (!response.ok) throw await refusal(response);
	return {
		blob: await response.blob(),
		fileName: fileNameFromDisposition(response.headers.get('content-disposition'), fallback)
	};
}
