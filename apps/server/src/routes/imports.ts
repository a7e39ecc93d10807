/**
 * Importing a register: `/api/boards/:id/imports…` (see `@riskboard/protocol` `api/imports.ts`
 * for the contract). The upload is parsed off the main thread (`import/parse-pool.ts`), kept in
 * the store as a preview (file + parse + choices, 30 minutes, capped in total), and every
 * preview and commit rebuilds the plan (`buildImportPlan`, `@riskboard/model`) from the stored
 * parse and the live board. The commit is one server write (`rooms.write`: scratch copy, then
 * commit-before-relay, stored with the importer's name); undo is another.
 */
import { createRoute, z } from '@hono/zod-openapi';
import {
	BoardError,
	buildImportPlan,
	checkImportPlan,
	ImportRejected,
	planSummaryText,
	readBoard,
	undoImport,
	applyImport,
	type Board,
	type ImportChoices,
	type ImportField,
	type ImportMapping,
	type ImportResult,
	type UndoResult
} from '@riskboard/model';
import {
	IMPORT_CONTENT_TYPES,
	ImportCommitRequestSchema,
	ImportCommitResponseSchema,
	ImportCreatedSchema,
	ImportInfoSchema,
	ImportListSchema,
	ImportParamsSchema,
	ImportPreviewRequestSchema,
	ImportPreviewResponseSchema,
	ImportUndoResponseSchema,
	ImportUploadQuerySchema,
	InvalidRowsErrorSchema,
	type ImportCommitResponse,
	type ImportInfo,
	type ImportPreview,
	type ImportUndoResponse
} from '@riskboard/protocol';
import { bodyLimit } from 'hono/body-limit';
import * as Y from 'yjs';
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
import { parseInWorker } from '../import/parse-pool.ts';
import {
	ImportParseError,
	type ImportDelimiter,
	type ImportEncoding,
	type ImportFormat,
	type ParsedFile
} from '../import/parse.ts';
import type { ImportRecord, ImportSummary, UpdateAuthor } from '../storage/types.ts';
import { newShortId } from '../tokens.ts';
import { liveBoard, requireRole, unavailable } from './board-data.ts';

/** What a preview keeps in the store besides the file. */
interface ImportState {
	/** Overrides of detection the parse was made with. */
	parse: {
		encoding?: ImportEncoding;
		delimiter?: ImportDelimiter;
		sheet?: string;
		headerRow?: number;
	};
	parsed: ParsedFile;
	choices: ImportChoices;
}

/** What a committed import keeps: its counts, its undo record, and undo's answer once undone. */
interface ImportOutcome {
	result: ImportCommitResponse;
	undo: ImportResult['undo'];
	undone: ImportUndoResponse | null;
}

type Progress = ImportPreview['progress'];

const IMPORT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Progress of imports this process is working on (parse, commit), by import id. */
const working = new Map<string, Progress>();

function formatOf(contentType: string | undefined): ImportFormat {
	const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
	if ((IMPORT_CONTENT_TYPES.csv as readonly string[]).includes(type)) return 'csv';
	if ((IMPORT_CONTENT_TYPES.xlsx as readonly string[]).includes(type)) return 'xlsx';
	throw new ApiError(
		415,
		'unsupported_file_type',
		'Send the file as text/csv, text/tab-separated-values, text/plain or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (.xlsx).'
	);
}

async function parse(
	deps: AppDeps,
	bytes: Uint8Array,
	format: ImportFormat,
	options: ImportState['parse']
) {
	try {
		return await parseInWorker(bytes, {
			format,
			...options,
			maxRows: deps.config.importMaxRows,
			maxColumns: deps.config.importMaxColumns
		});
	} catch (error) {
		if (error instanceof ImportParseError) {
			throw new ApiError(422, error.code, error.message);
		}
		throw error;
	}
}

/** The preview of `state` on `board`. */
function previewOf(
	board: Board,
	state: ImportState,
	status: ImportPreview['status']
): ImportPreview {
	const plan = buildImportPlan(board, state.parsed.table, state.choices);
	const { parsed } = state;
	return {
		status,
		progress: { phase: 'done', done: plan.rows.length, total: plan.rows.length },
		format: parsed.format,
		encoding: parsed.encoding,
		delimiter: parsed.delimiter,
		sheets: parsed.sheets,
		sheet: parsed.sheet,
		headerRow: parsed.headerRow,
		columns: plan.columns,
		values: plan.values,
		dateOrder: plan.dateOrder,
		dateOrderNeeded: plan.dateOrderNeeded,
		duplicates: state.choices.duplicates ?? 'skip',
		rows: plan.rows.map((row) => ({ ...row, risk: row.risk as Record<string, unknown> })),
		summary: plan.summary,
		summaryText: planSummaryText(plan),
		newPeople: plan.newPeople,
		newCategories: plan.newCategories,
		problems: plan.problems
	};
}

function mappingOf(
	mapping: Record<string, ImportField | null> | undefined
): ImportMapping | undefined {
	if (!mapping) return undefined;
	const out: ImportMapping = {};
	for (const [index, field] of Object.entries(mapping)) out[Number(index)] = field;
	return out;
}

function info(record: ImportSummary): ImportInfo {
	const outcome = record.result ? (JSON.parse(record.result) as ImportOutcome) : null;
	const done = outcome?.result.riskIds.length ?? 0;
	return {
		id: record.id,
		filename: record.filename,
		format: record.format,
		status: record.status,
		progress:
			working.get(record.id) ??
			(record.status === 'committing'
				? { phase: 'writing', done: 0, total: 0 }
				: { phase: 'done', done, total: done }),
		createdAt: record.createdAt,
		createdBy: record.createdBy,
		committedAt: record.committedAt,
		undoneAt: record.undoneAt,
		result: outcome?.result ?? null,
		undo: outcome?.undone ?? null
	};
}

async function storedImport(
	deps: AppDeps,
	boardId: string,
	importId: string
): Promise<ImportRecord> {
	const record = IMPORT_ID.test(importId)
		? await deps.store.getImport(boardId, importId, Date.now())
		: null;
	if (!record) {
		throw new ApiError(
			404,
			'import_not_found',
			'This board has no such import (previews expire after 30 minutes).'
		);
	}
	return record;
}

function requirePreview(record: ImportRecord): ImportState {
	if (record.status !== 'preview') {
		throw new ApiError(409, `import_${record.status}`, `This import is already ${record.status}.`);
	}
	return JSON.parse(record.state) as ImportState;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
}

/** A server write under the importer's name; the model's refusals become 422, storage 503. */
async function importWrite<T>(
	deps: AppDeps,
	boardId: string,
	author: UpdateAuthor,
	fn: Parameters<AppDeps['rooms']['write']>[1]
): Promise<T> {
	try {
		return (await deps.rooms.write(boardId, fn, author)) as T;
	} catch (error) {
		if (error instanceof ImportRejected) {
			throw new ApiError(
				422,
				error.rows.length > 0 ? 'invalid_rows' : 'invalid_mapping',
				error.message,
				{
					fields: error.rows.length > 0 ? { rows: error.rows } : {}
				}
			);
		}
		if (error instanceof BoardError) throw new ApiError(422, 'import_refused', error.message);
		throw unavailable(error, 'The board could not be written; nothing was imported. Try again.');
	}
}

const upload = createRoute({
	method: 'post',
	path: '/{id}/imports',
	summary: 'Upload a register (CSV, TSV, text or XLSX) and get its preview',
	description:
		'The body is the raw file (at most `IMPORT_MAX_BYTES`, default 10 MiB; exempt from the 64 KiB JSON body limit). Detection (encoding, delimiter, sheet, header row) can be overridden in the query.',
	tags: ['Imports'],
	security: boardToken,
	request: {
		params: z.object({ id: z.string() }),
		query: ImportUploadQuerySchema,
		body: {
			required: true,
			content: {
				'text/csv': { schema: z.string() },
				'text/tab-separated-values': { schema: z.string() },
				'text/plain': { schema: z.string() },
				'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
					schema: z.string().meta({ format: 'binary' })
				}
			}
		}
	},
	responses: {
		201: json(ImportCreatedSchema, 'The stored preview'),
		...errors(400, 413, 415, 422, ...BOARD_ERRORS)
	}
});

const repreview = createRoute({
	method: 'post',
	path: '/{id}/imports/{importId}/preview',
	summary: 'Change the import’s choices and get the new preview (re-parsed and re-validated)',
	tags: ['Imports'],
	security: boardToken,
	request: {
		params: ImportParamsSchema,
		body: jsonBody(ImportPreviewRequestSchema)
	},
	responses: {
		200: json(ImportPreviewResponseSchema, 'The preview'),
		...errors(409, 422, ...BODY_ERRORS, ...BOARD_ERRORS)
	}
});

const commit = createRoute({
	method: 'post',
	path: '/{id}/imports/{importId}/commit',
	summary: 'Import: all rows or nothing (or exactly the valid ones with skipInvalid), in one write',
	tags: ['Imports'],
	security: boardToken,
	request: {
		params: ImportParamsSchema,
		body: jsonBody(ImportCommitRequestSchema)
	},
	responses: {
		200: json(ImportCommitResponseSchema, 'What was imported'),
		422: {
			description:
				'`invalid_rows` (with every row error) without skipInvalid, `invalid_mapping`, or `import_refused`',
			content: { 'application/json': { schema: InvalidRowsErrorSchema } }
		},
		...errors(409, ...BODY_ERRORS, ...BOARD_ERRORS)
	}
});

const undo = createRoute({
	method: 'post',
	path: '/{id}/imports/{importId}/undo',
	summary: 'Take a whole import back, keeping what someone changed since',
	tags: ['Imports'],
	security: boardToken,
	request: { params: ImportParamsSchema },
	responses: {
		200: json(ImportUndoResponseSchema, 'What undo did and kept'),
		...errors(409, ...BOARD_ERRORS)
	}
});

const status = createRoute({
	method: 'get',
	path: '/{id}/imports/{importId}',
	summary: 'An import’s status and progress',
	tags: ['Imports'],
	security: boardToken,
	request: { params: ImportParamsSchema },
	responses: {
		200: json(ImportInfoSchema, 'The import'),
		...errors(...BOARD_ERRORS)
	}
});

const list = createRoute({
	method: 'get',
	path: '/{id}/imports',
	summary: 'The board’s past imports: who, when, file name, counts',
	tags: ['Imports'],
	security: boardToken,
	request: { params: z.object({ id: z.string() }) },
	responses: {
		200: json(ImportListSchema, 'Newest first'),
		...errors(...BOARD_ERRORS)
	}
});

/** The import routes, mounted at `/api/boards`. */
export function importRoutes(deps: AppDeps): Api {
	const app = createApi();

	// The upload's own body limit (the app-wide 64 KiB JSON limit skips this path).
	app.use(
		'/:id/imports',
		bodyLimit({
			maxSize: deps.config.importMaxBytes,
			onError: () => {
				throw new ApiError(
					413,
					'file_too_large',
					`Import files are limited to ${(deps.config.importMaxBytes / 1024 / 1024).toFixed(0)} MiB (IMPORT_MAX_BYTES).`
				);
			}
		})
	);

	app.openapi(upload, async (c) => {
		const { board, token } = await requireRole(deps, c, ['owner', 'editor'], 'import');
		const format = formatOf(c.req.header('content-type'));
		const query = c.req.valid('query');
		const bytes = new Uint8Array(await c.req.arrayBuffer());
		const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
		if (format === 'csv' && zip) {
			throw new ApiError(
				415,
				'unsupported_file_type',
				'This file is an XLSX workbook; send it as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
			);
		}
		const id = newShortId();
		working.set(id, { phase: 'parsing', done: 0, total: 0 });
		try {
			const options: ImportState['parse'] = {};
			if (query.encoding) options.encoding = query.encoding;
			if (query.delimiter) options.delimiter = query.delimiter as ImportDelimiter;
			if (query.sheet) options.sheet = query.sheet;
			if (query.headerRow) options.headerRow = query.headerRow;
			const parsed = await parse(deps, bytes, format, options);
			working.set(id, { phase: 'validating', done: 0, total: parsed.table.rows.length });
			const state: ImportState = { parse: options, parsed, choices: {} };
			const now = Date.now();
			const stored = await deps.store.createImport(
				{
					id,
					boardId: board.id,
					filename: query.filename,
					format,
					createdAt: new Date(now).toISOString(),
					createdBy: query.by ?? null,
					tokenId: token.id,
					status: 'preview',
					expiresAt: now + deps.config.importPreviewTtlMs,
					file: bytes,
					state: JSON.stringify(state),
					result: null,
					committedAt: null,
					undoneAt: null
				},
				{ maxPreviewBytes: deps.config.importPreviewMaxBytes, now }
			);
			if (!stored) {
				throw new ApiError(
					503,
					'import_capacity',
					'Too many import previews are waiting on this server; try again in a few minutes.',
					{
						retryAfter: 60
					}
				);
			}
			deps.log.info('import uploaded', {
				board: board.id,
				import: id,
				format,
				rows: parsed.table.rows.length
			});
			const preview = previewOf(await liveBoard(deps, board.id), state, 'preview');
			return c.json({ id, preview }, 201);
		} finally {
			working.delete(id);
		}
	});

	app.openapi(repreview, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor'], 'import');
		const { importId } = c.req.valid('param');
		const body = c.req.valid('json');
		const record = await storedImport(deps, board.id, importId);
		const state = requirePreview(record);
		const parseOptions = { ...state.parse };
		if (body.encoding !== undefined) parseOptions.encoding = body.encoding;
		if (body.delimiter !== undefined) parseOptions.delimiter = body.delimiter as ImportDelimiter;
		if (body.sheet !== undefined) parseOptions.sheet = body.sheet;
		if (body.headerRow !== undefined) parseOptions.headerRow = body.headerRow;
		const reparse = JSON.stringify(parseOptions) !== JSON.stringify(state.parse);
		let next: ImportState = state;
		if (reparse) {
			// Other columns: the old mapping and values no longer apply.
			const sheetChanged = parseOptions.sheet !== state.parse.sheet;
			parseOptions.headerRow =
				sheetChanged && body.headerRow === undefined ? undefined : parseOptions.headerRow;
			if (parseOptions.headerRow === undefined) delete parseOptions.headerRow;
			const parsed = await parse(deps, record.file, record.format, parseOptions);
			next = {
				parse: parseOptions,
				parsed,
				choices: { duplicates: state.choices.duplicates, dateOrder: state.choices.dateOrder }
			};
		}
		const choices: ImportChoices = { ...next.choices };
		const mapping = mappingOf(body.mapping);
		if (mapping) choices.mapping = { ...choices.mapping, ...mapping };
		if (body.values) {
			const values = { ...choices.values };
			for (const [field, entries] of Object.entries(body.values)) {
				values[field as keyof typeof values] = {
					...values[field as keyof typeof values],
					...entries
				};
			}
			choices.values = values;
		}
		if (body.dateOrder) choices.dateOrder = body.dateOrder;
		if (body.duplicates) choices.duplicates = body.duplicates;
		next = { ...next, choices };
		if (
			!(await deps.store.updateImportState(
				board.id,
				importId,
				JSON.stringify(next),
				Date.now() + deps.config.importPreviewTtlMs
			))
		) {
			throw new ApiError(409, 'import_not_preview', 'This import is no longer a preview.');
		}
		return c.json({ preview: previewOf(await liveBoard(deps, board.id), next, 'preview') }, 200);
	});

	app.openapi(commit, async (c) => {
		const { board, token } = await requireRole(deps, c, ['owner', 'editor'], 'import');
		const { importId } = c.req.valid('param');
		const body = c.req.valid('json');
		const record = await storedImport(deps, board.id, importId);
		const state = requirePreview(record);
		// The server's own plan from the stored parse: the commit's choices, nothing from a client preview.
		const choices: ImportChoices = {
			mapping: mappingOf(body.mapping),
			values: body.values ?? state.choices.values,
			dateOrder: body.dateOrder ?? state.choices.dateOrder,
			duplicates: body.duplicates ?? state.choices.duplicates
		};
		const options = {
			skipInvalid: body.skipInvalid ?? false,
			duplicates: choices.duplicates ?? 'skip'
		};
		const table = state.parsed.table;
		// Checked first on the committed board (a refusal never costs a scratch copy), then again
		// inside the write, on the state it writes to.
		const checked = await deps.rooms
			.read(board.id, (doc) => {
				const plan = buildImportPlan(readBoard(doc), table, choices);
				checkImportPlan(plan, options);
				return { plan, vector: Y.encodeStateVector(doc) };
			})
			.catch((error: unknown) => {
				if (error instanceof ImportRejected) {
					throw new ApiError(
						422,
						error.rows.length > 0 ? 'invalid_rows' : 'invalid_mapping',
						error.message,
						{
							fields: error.rows.length > 0 ? { rows: error.rows } : {}
						}
					);
				}
				throw unavailable(error, 'The board could not be loaded; try again.');
			});
		if (!(await deps.store.transitionImport(board.id, importId, 'preview', 'committing'))) {
			throw new ApiError(409, 'import_committing', 'This import is already being committed.');
		}
		working.set(importId, { phase: 'writing', done: 0, total: table.rows.length });
		// Recorded with the importing link's role and name, as every REST write is (issue 13).
		const author: UpdateAuthor = {
			role: token.role,
			connectionId: 'rest',
			tokenId: token.id,
			name: body.by ?? record.createdBy ?? token.label,
			personId: body.personId ?? null
		};
		let result: ImportResult;
		try {
			result = await importWrite<ImportResult>(deps, board.id, author, (doc) => {
				// The plan checked above, unless the board changed since (then it is rebuilt).
				const unchanged = equalBytes(Y.encodeStateVector(doc), checked.vector);
				const plan = unchanged ? checked.plan : buildImportPlan(readBoard(doc), table, choices);
				return applyImport(doc, plan, options);
			});
		} catch (error) {
			await deps.store.transitionImport(board.id, importId, 'committing', 'preview', {
				expiresAt: Date.now() + deps.config.importPreviewTtlMs
			});
			throw error;
		} finally {
			working.delete(importId);
		}
		const response: ImportCommitResponse = {
			created: result.created,
			updated: result.updated,
			skipped: result.skipped,
			riskIds: result.riskIds
		};
		const outcome: ImportOutcome = { result: response, undo: result.undo, undone: null };
		const recorded = await deps.store.transitionImport(
			board.id,
			importId,
			'committing',
			'committed',
			{
				file: new Uint8Array(),
				state: '',
				result: JSON.stringify(outcome),
				committedAt: new Date().toISOString(),
				expiresAt: null
			}
		);
		if (!recorded)
			deps.log.error('import committed but not recorded', { board: board.id, import: importId });
		deps.metrics.inc('riskboard_imports_total');
		deps.log.info('import committed', {
			board: board.id,
			import: importId,
			created: result.created,
			updated: result.updated
		});
		return c.json(response, 200);
	});

	app.openapi(undo, async (c) => {
		const { board, token } = await requireRole(deps, c, ['owner', 'editor'], 'undo imports');
		const { importId } = c.req.valid('param');
		const record = await storedImport(deps, board.id, importId);
		if (record.status !== 'committed') {
			throw new ApiError(
				409,
				`import_${record.status}`,
				record.status === 'undone'
					? 'This import was already undone.'
					: 'Only a committed import can be undone.'
			);
		}
		const outcome = JSON.parse(record.result!) as ImportOutcome;
		const undoneAt = new Date().toISOString();
		if (
			!(await deps.store.transitionImport(board.id, importId, 'committed', 'undone', { undoneAt }))
		) {
			throw new ApiError(409, 'import_undone', 'This import was already undone.');
		}
		let undone: UndoResult;
		try {
			undone = await importWrite<UndoResult>(
				deps,
				board.id,
				{
					role: token.role,
					connectionId: 'rest',
					tokenId: token.id,
					name: record.createdBy ?? token.label,
					personId: null
				},
				(doc) => undoImport(doc, outcome.undo)
			);
		} catch (error) {
			await deps.store.transitionImport(board.id, importId, 'undone', 'committed', {
				undoneAt: null
			});
			throw error;
		}
		const response: ImportUndoResponse = undone;
		await deps.store.transitionImport(board.id, importId, 'undone', 'undone', {
			result: JSON.stringify({ ...outcome, undone: response } satisfies ImportOutcome)
		});
		deps.log.info('import undone', {
			board: board.id,
			import: importId,
			removed: undone.removed,
			kept: undone.kept.length
		});
		return c.json(response, 200);
	});

	app.openapi(status, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		const record = await storedImport(deps, board.id, c.req.valid('param').importId);
		return c.json(info(record), 200);
	});

	app.openapi(list, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		return c.json({ imports: (await deps.store.listImports(board.id)).map(info) }, 200);
	});

	return app;
}
