/**
 * REST client for imports (`/api/boards/:id/imports…`, contract in `@riskboard/protocol`
 * `api/imports.ts`): upload a file for a preview, change choices, commit, undo, list. The token
 * travels in the `Authorization` header, never in a URL.
 */
import {
	ErrorResponseSchema,
	IMPORT_CONTENT_TYPES,
	ImportCommitResponseSchema,
	ImportCreatedSchema,
	ImportListSchema,
	ImportPreviewResponseSchema,
	ImportUndoResponseSchema,
	InvalidRowsErrorSchema,
	type ImportCommitRequest,
	type ImportCommitResponse,
	type ImportCreated,
	type ImportInfo,
	type ImportPreview,
	type ImportPreviewRequest,
	type ImportUndoResponse
} from '@riskboard/protocol';
import { ApiError, request } from './boards.ts';

/** File name endings the import accepts, for the file picker. */
export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.xlsx';

/** The content type to send a file as, from its name; null for a kind the import cannot read. */
export function importContentType(fileName: string): string | null {
	const ext = fileName.toLowerCase().split('.').pop();
	if (ext === 'xlsx') return IMPORT_CONTENT_TYPES.xlsx[0];
	if (ext === 'csv') return 'text/csv';
	if (ext === 'tsv') return 'text/tab-separated-values';
	if (ext === 'txt') return 'text/plain';
	return null;
}

/** An invalid commit's rows (the 422 `invalid_rows` answer). */
export class InvalidRowsError extends ApiError {
	constructor(
		message: string,
		readonly rows: Array<{ line: number; column: string | null; message: string }>
	) {
		super(422, 'invalid_rows', message);
	}
}

/** Talks to one board's import endpoints with its token. */
export function importsClient(boardId: string, token: string, fetchFn: typeof fetch = fetch) {
	const base = `/api/boards/${encodeURIComponent(boardId)}/imports`;
	const auth = { authorization: `Bearer ${token}` };
	const json = (body: unknown): RequestInit => ({
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	return {
		async upload(file: File, by: string | null): Promise<ImportCreated> {
			const type = importContentType(file.name);
			if (!type) {
				throw new ApiError(
					415,
					'unsupported_file_type',
					'Choose a .csv, .tsv, .txt or .xlsx file.'
				);
			}
			const query = new URLSearchParams({ filename: file.name });
			if (by) query.set('by', by);
			return request(
				`${base}?${query}`,
				{ method: 'POST', headers: { ...auth, 'content-type': type }, body: file },
				ImportCreatedSchema,
				fetchFn
			);
		},
		async preview(importId: string, choices: ImportPreviewRequest): Promise<ImportPreview> {
			const answer = await request(
				`${base}/${importId}/preview`,
				json(choices),
				ImportPreviewResponseSchema,
				fetchFn
			);
			return answer.preview;
		},
		async commit(importId: string, body: ImportCommitRequest): Promise<ImportCommitResponse> {
			const response = await fetchFn(`${base}/${importId}/commit`, json(body)).catch(() => {
				throw new ApiError(
					0,
					'network_error',
					'The server could not be reached. Check your connection.'
				);
			});
			const answer: unknown = await response.json().catch(() => null);
			if (response.ok) {
				const done = ImportCommitResponseSchema.safeParse(answer);
				if (done.success) return done.data;
			} else {
				const invalid = InvalidRowsErrorSchema.safeParse(answer);
				if (invalid.success) {
					throw new InvalidRowsError(invalid.data.error.message, invalid.data.error.rows);
				}
				const refused = ErrorResponseSchema.safeParse(answer);
				if (refused.success) {
					throw new ApiError(response.status, refused.data.error.code, refused.data.error.message);
				}
			}
			throw new ApiError(response.status, 'http_error', `The server answered ${response.status}.`);
		},
		undo(importId: string): Promise<ImportUndoResponse> {
			return request(`${base}/${importId}/undo`, json({}), ImportUndoResponseSchema, fetchFn);
		},
		async list(): Promise<ImportInfo[]> {
			return (await request(base, { headers: auth }, ImportListSchema, fetchFn)).imports;
		}
	};
}

export type ImportsClient = ReturnType<typeof importsClient>;

/** "Removed 38 risks; kept R-4 (changed after the import)". */
export function undoMessage(result: ImportUndoResponse): string {
	const parts = [
		`Import undone: ${result.removed} ${result.removed === 1 ? 'risk' : 'risks'} removed`
	];
	if (result.restored > 0) parts.push(`${result.restored} restored`);
	let text = parts.join(', ') + '.';
	if (result.kept.length > 0) text += ` Kept: ${result.kept.map((k) => k.reason).join('; ')}.`;
	return text;
}
