/**
 * REST client for the board endpoints. Errors come back as `ApiError` carrying the server's
 * `{ error: { code, message } }`, or a synthetic one when the server could not be reached.
 */
import type {
	BoardInfoResponse,
	CreateBoardRequest,
	CreateBoardResponse,
	ErrorResponse
} from '@riskboard/protocol';
import { isTimeZone } from '@riskboard/model';

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

function isErrorResponse(value: unknown): value is ErrorResponse {
	if (typeof value !== 'object' || value === null || !('error' in value)) return false;
	const error = (value as { error: unknown }).error;
	return (
		typeof error === 'object' &&
		error !== null &&
		typeof (error as { code?: unknown }).code === 'string' &&
		typeof (error as { message?: unknown }).message === 'string'
	);
}

/** Sends a request and reads its JSON answer; refusals throw `ApiError` (shared by the REST clients). */
export async function request<T>(
	path: string,
	init: RequestInit,
	fetchFn: typeof fetch
): Promise<T> {
	let response: Response;
	try {
		response = await fetchFn(path, init);
	} catch {
		throw new ApiError(
			0,
			'network_error',
			'The server could not be reached. Check your connection.'
		);
	}
	const body: unknown = await response.json().catch(() => null);
	if (!response.ok) {
		if (isErrorResponse(body)) {
			throw new ApiError(response.status, body.error.code, body.error.message);
		}
		throw new ApiError(response.status, 'http_error', `The server answered ${response.status}.`);
	}
	return body as T;
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
	return request<CreateBoardResponse>(
		'/api/boards',
		{
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		},
		fetchFn
	);
}

/** `GET /api/boards/:id` with a capability token: the board's title and the token's role. */
export function fetchBoardInfo(id: string, token: string, fetchFn: typeof fetch = fetch) {
	return request<BoardInfoResponse>(
		`/api/boards/${encodeURIComponent(id)}`,
		{ headers: { authorization: `Bearer ${token}` } },
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
	let response: Response;
	try {
		response = await fetchFn(path, { headers });
	} catch {
		throw new ApiError(0, 'network_error', 'The server could not be reached.');
	}
	if (!response.ok) {
		const body = (await response.json().catch(() => null)) as {
			error?: { code?: string; message?: string };
		} | null;
		throw new ApiError(
			response.status,
			body?.error?.code ?? 'http_error',
			body?.error?.message ?? `The server answered ${response.status}.`
		);
	}
	return {
		blob: await response.blob(),
		fileName: fileNameFromDisposition(response.headers.get('content-disposition'), fallback)
	};
}
