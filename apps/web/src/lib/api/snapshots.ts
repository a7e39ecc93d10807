/**
 * REST client for named snapshots, diffs and export downloads. Every call carries the board's
 * capability token in the `Authorization` header, never in a URL (URLs end up in logs and
 * history). Downloads are fetched as a Blob and saved through a temporary object URL, under the
 * file name the server chose.
 */
import type { SnapshotScope } from '@riskboard/model';
import {
	DiffResponseSchema,
	SnapshotListResponseSchema,
	SnapshotMetaSchema,
	SnapshotWithBoardSchema,
	type DiffResponse,
	type SnapshotMeta,
	type SnapshotWithBoard
} from '@riskboard/protocol';
import { fetchFile, request, requestNoContent } from './boards.ts';

export { fileNameFromDisposition } from './boards.ts';

/** Register export formats the server offers. */
export const REGISTER_FORMATS = ['csv', 'xlsx', 'md', 'json'] as const;
/** RACI export formats the server offers. */
export const RACI_FORMATS = ['csv', 'xlsx', 'md'] as const;
export type ExportFormat = (typeof REGISTER_FORMATS)[number];
/** A format a RACI matrix can be exported in. */
export type RaciFormat = (typeof RACI_FORMATS)[number];

/** Names people read for each format. */
export const FORMAT_LABELS: Record<ExportFormat, string> = {
	csv: 'CSV',
	xlsx: 'Excel (XLSX)',
	md: 'Markdown',
	json: 'JSON'
};

/** What to export: the register, or one RACI matrix; of the live board or of a snapshot. */
export type ExportTarget =
	| { kind: 'register'; format: ExportFormat; snapshotId?: string | null }
	| {
			kind: 'raci';
			matrixId: string;
			format: RaciFormat;
			snapshotId?: string | null;
	  };

/** One side of a diff: a snapshot id, or `live` for the board now. */
export type DiffSideId = string | 'live';

/** Talks to one board's snapshot and export endpoints with its token. */
export interface SnapshotsClient {
	list(): Promise<SnapshotMeta[]>;
	create(input: {
		name: string;
		author: string;
		scope: SnapshotScope;
		matrixId?: string | null;
	}): Promise<SnapshotMeta>;
	get(snapshotId: string): Promise<SnapshotWithBoard>;
	remove(snapshotId: string): Promise<void>;
	diff(input: {
		from: DiffSideId;
		to: DiffSideId;
		matrixId?: string | null;
	}): Promise<DiffResponse>;
	/** Fetches an export and returns its bytes with the file name the server gave. */
	fetchExport(target: ExportTarget): Promise<{ blob: Blob; fileName: string }>;
}

/** The path (with query) of an export on a board. */
export function exportPath(boardId: string, target: ExportTarget): string {
	const base = `/api/boards/${encodeURIComponent(boardId)}/export`;
	const file =
		target.kind === 'register'
			? `register.${target.format}`
			: `raci/${encodeURIComponent(target.matrixId)}.${target.format}`;
	const query = target.snapshotId ? `?snapshot=${encodeURIComponent(target.snapshotId)}` : '';
	return `${base}/${file}${query}`;
}

/** The path (with query) of a diff between two sides, optionally of one matrix. */
export function diffPath(
	boardId: string,
	input: { from: DiffSideId; to: DiffSideId; matrixId?: string | null }
): string {
	const query = new URLSearchParams({ from: input.from, to: input.to });
	if (input.matrixId) query.set('matrix', input.matrixId);
	return `/api/boards/${encodeURIComponent(boardId)}/diff?${query}`;
}

/** A client for one board; `fetchFn` is for tests. */
export function snapshotsClient(
	boardId: string,
	token: string,
	fetchFn: typeof fetch = (...args) => fetch(...args)
): SnapshotsClient {
	const board = `/api/boards/${encodeURIComponent(boardId)}`;
	const auth = { authorization: `Bearer ${token}` };
	return {
		async list() {
			const body = await request(
				`${board}/snapshots`,
				{ headers: auth },
				SnapshotListResponseSchema,
				fetchFn
			);
			return body.snapshots;
		},
		create(input) {
			const body = {
				name: input.name,
				author: input.author,
				scope: input.scope,
				...(input.scope === 'matrix' ? { matrixId: input.matrixId } : {})
			};
			return request(
				`${board}/snapshots`,
				{
					method: 'POST',
					headers: { ...auth, 'content-type': 'application/json' },
					body: JSON.stringify(body)
				},
				SnapshotMetaSchema,
				fetchFn
			);
		},
		get(snapshotId) {
			return request(
				`${board}/snapshots/${encodeURIComponent(snapshotId)}`,
				{ headers: auth },
				SnapshotWithBoardSchema,
				fetchFn
			);
		},
		async remove(snapshotId) {
			await requestNoContent(
				`${board}/snapshots/${encodeURIComponent(snapshotId)}`,
				{ method: 'DELETE', headers: auth },
				fetchFn
			);
		},
		diff(input) {
			return request(diffPath(boardId, input), { headers: auth }, DiffResponseSchema, fetchFn);
		},
		fetchExport(target) {
			const fallback = target.kind === 'register' ? 'register' : 'raci';
			return fetchFile(exportPath(boardId, target), auth, `${fallback}.${target.format}`, fetchFn);
		}
	};
}

/** Saves a Blob as a download through a temporary `<a download>` and object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	// Give the browser time to start reading the Blob before the URL goes away.
	setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Fetches an export with the token in the header and saves it under the server's file name. */
export async function downloadExport(client: SnapshotsClient, target: ExportTarget): Promise<void> {
	const file = await client.fetchExport(target);
	saveBlob(file.blob, file.fileName);
}
