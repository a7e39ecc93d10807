/**
 * Downloads: `/api/boards/:id/export/register.{csv,xlsx,md,json}` and
 * `/api/boards/:id/export/raci/:matrixId.{csv,xlsx,md}`, of the live board or of a snapshot
 * (`?snapshot=<id>`). Any valid link may export, viewers included. Tables come from
 * `@riskboard/model` (formula-safe cells); this module only encodes and names the files.
 */
import {
	dateIn,
	dayOf,
	findMatrix,
	raciMarkdown,
	raciTable,
	registerJson,
	registerMarkdown,
	registerTable,
	type Board,
	type RaciMatrix
} from '@riskboard/model';
import {
	ExportQuerySchema,
	RaciExportParamsSchema,
	RegisterExportParamsSchema,
	type SnapshotMeta
} from '@riskboard/protocol';
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { BOARD_ERRORS, boardToken, createApi, errors, type Api } from '../api/contract.ts';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { encodeCsv } from '../export/csv.ts';
import {
	EXPORT_FORMATS,
	contentDisposition,
	exportFileName,
	isExportFormat,
	type ExportFormat
} from '../export/files.ts';
import { boardSource, requireRole } from './board-data.ts';

/**
 * The XLSX writers (exceljs and jszip, most of the server's code by size) load on the first XLSX
 * download, not at start: they would add about 1.5 MB of parsing and memory to every process.
 */
const xlsx = () => import('../export/xlsx.ts');

const FILE = (what: string) => ({
	description: what,
	content: {
		'text/csv': { schema: { type: 'string' as const } },
		'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
			schema: { type: 'string' as const, format: 'binary' }
		},
		'text/markdown': { schema: { type: 'string' as const } },
		'application/json': { schema: { type: 'object' as const } }
	}
});

const registerExport = createRoute({
	method: 'get',
	path: '/{id}/export/{file}',
	summary: 'Download the register (register.csv, .xlsx, .md or .json)',
	description: 'Of the live board, or of a snapshot with `?snapshot=<id>`. Any link.',
	tags: ['Exports'],
	security: boardToken,
	request: { params: RegisterExportParamsSchema, query: ExportQuerySchema },
	responses: { 200: FILE('The register file'), ...errors(400, ...BOARD_ERRORS, 409) }
});

const raciExport = createRoute({
	method: 'get',
	path: '/{id}/export/raci/{file}',
	summary: 'Download a RACI matrix (<matrixId>.csv, .xlsx or .md)',
	description: 'Of the live board, or of a snapshot with `?snapshot=<id>`. Any link.',
	tags: ['Exports'],
	security: boardToken,
	request: { params: RaciExportParamsSchema, query: ExportQuerySchema },
	responses: { 200: FILE('The matrix file'), ...errors(400, ...BOARD_ERRORS, 409) }
});

const REGISTER_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'md', 'json'];
const RACI_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'md'];

/** Splits `name.ext`; 400 when the extension is not one of `allowed`. */
function parseFile(
	file: string,
	allowed: readonly ExportFormat[]
): { name: string; format: ExportFormat } {
	const dot = file.lastIndexOf('.');
	const ext = dot < 0 ? '' : file.slice(dot + 1);
	if (!isExportFormat(ext) || !allowed.includes(ext)) {
		throw new ApiError(400, 'bad_format', `Formats available here: ${allowed.join(', ')}.`);
	}
	return { name: file.slice(0, dot), format: ext };
}

function subtitle(snapshot: SnapshotMeta | null): string {
	return snapshot
		? `Snapshot “${snapshot.name}” by ${snapshot.author}, taken ${snapshot.createdAt}`
		: `Live board, exported ${new Date().toISOString()}`;
}

function send(
	c: Context,
	body: string | Uint8Array,
	format: ExportFormat,
	name: { board: string; subject: string; snapshot: SnapshotMeta | null; timeZone: string }
): Response {
	const file = exportFileName({
		board: name.board,
		subject: name.subject,
		snapshot: name.snapshot?.name ?? null,
		// Dates are days in the board's time zone: the snapshot's, or today's.
		date: name.snapshot
			? dayOf(name.timeZone, name.snapshot.createdAt)
			: dateIn(name.timeZone, new Date()),
		format
	});
	return c.body(body as string, 200, {
		'Content-Type': EXPORT_FORMATS[format],
		'Content-Disposition': contentDisposition(file),
		// Board data behind a capability token: never keep it in shared caches.
		'Cache-Control': 'no-store'
	});
}

async function source(
	deps: AppDeps,
	c: Context
): Promise<{ board: Board; snapshot: SnapshotMeta | null }> {
	const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'export');
	return boardSource(deps, board.id, c.req.query('snapshot'));
}

/** The export routes, mounted at `/api/boards`. */
export function exportRoutes(deps: AppDeps): Api {
	const app = createApi();

	app.openapi(registerExport, async (c) => {
		const { name, format } = parseFile(c.req.valid('param').file, REGISTER_FORMATS);
		if (name !== 'register') throw new ApiError(404, 'not_found', 'No such export.');
		const { board, snapshot } = await source(deps, c);
		if (snapshot?.scope === 'matrix') {
			throw new ApiError(
				400,
				'snapshot_scope',
				'This snapshot holds one RACI matrix, not the register.'
			);
		}
		const naming = {
			board: board.title,
			subject: 'register',
			snapshot,
			timeZone: board.settings.timeZone
		};
		deps.metrics.inc('riskboard_exports_total', { kind: 'register', format });
		switch (format) {
			case 'csv':
				return send(c, encodeCsv(registerTable(board)), format, naming);
			case 'xlsx':
				return send(c, await (await xlsx()).registerWorkbook(board), format, naming);
			case 'md':
				return send(c, registerMarkdown(board, { subtitle: subtitle(snapshot) }), format, naming);
			case 'json':
				return send(c, JSON.stringify(registerJson(board), null, 2), format, naming);
		}
	});

	app.openapi(raciExport, async (c) => {
		const { name: matrixId, format } = parseFile(c.req.valid('param').file, RACI_FORMATS);
		const { board, snapshot } = await source(deps, c);
		const matrix: RaciMatrix | undefined = findMatrix(board, matrixId);
		if (!matrix) {
			const where = snapshot ? 'This snapshot' : 'This board';
			throw new ApiError(404, 'matrix_not_found', `${where} has no such matrix.`);
		}
		const naming = {
			board: board.title,
			subject: matrix.name,
			snapshot,
			timeZone: board.settings.timeZone
		};
		deps.metrics.inc('riskboard_exports_total', { kind: 'raci', format });
		switch (format) {
			case 'csv':
				return send(c, encodeCsv(raciTable(matrix, board)), format, naming);
			case 'xlsx':
				return send(c, await (await xlsx()).raciWorkbook(board, matrix), format, naming);
			default:
				return send(
					c,
					raciMarkdown(board, matrix, { subtitle: subtitle(snapshot) }),
					format,
					naming
				);
		}
	});

	return app;
}
