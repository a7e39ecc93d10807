/**
 * RACI matrices over REST (`/api/boards/:id/matrices…`): list, read with the live checks,
 * create, rename, delete; rows and columns added, moved and deleted; a cell's letters put. Any
 * link reads; owners and editors write through `boardWrite` (the model's rules first: a letter
 * the preset lacks, a column that is neither a person nor a team → 422).
 */
import { createRoute } from '@hono/zod-openapi';
import {
	addMatrix,
	addRaciColumn,
	addRaciRow,
	checkRaci,
	deleteMatrix,
	deleteRaciRow,
	moveRaciColumn,
	moveRaciRow,
	removeRaciColumn,
	renameMatrix,
	setRaciCell,
	setRaciRowText,
	type Board
} from '@riskboard/model';
import {
	AddMatrixColumnRequestSchema,
	AddMatrixRowRequestSchema,
	BoardParamsSchema,
	CreateMatrixRequestSchema,
	MatrixAuthorOnlyRequestSchema,
	MatrixCellParamsSchema,
	MatrixColumnParamsSchema,
	MatrixListResponseSchema,
	MatrixParamsSchema,
	MatrixRowParamsSchema,
	MatrixWithChecksSchema,
	MoveMatrixColumnRequestSchema,
	PatchMatrixRowRequestSchema,
	PutMatrixCellRequestSchema,
	RenameMatrixRequestSchema
} from '@riskboard/protocol';
import type { Context } from 'hono';
import {
	BOARD_ERRORS,
	BODY_ERRORS,
	boardToken,
	createApi,
	errors,
	json,
	jsonBody,
	type Api,
	type ApiEnv
} from '../api/contract.ts';
import { AUTHOR_HEADER, boardRead, boardWrite, found, givenAuthor } from '../board-writes.ts';
import type { AppDeps } from '../deps.ts';
import { requireRole } from './board-data.ts';

const TAGS = ['Matrices'];
const READ_ERRORS = errors(...BOARD_ERRORS, 400);
const WRITE_ERRORS = errors(...BOARD_ERRORS, ...BODY_ERRORS, 422);
const authorHeader = {
	name: AUTHOR_HEADER,
	in: 'header' as const,
	required: false,
	description: 'Who makes the change, percent-encoded UTF-8; the body’s `author` wins.',
	schema: { type: 'string' as const }
};
const withChecks = json(MatrixWithChecksSchema, 'The matrix and its live checks');
const optional = <T extends Parameters<typeof jsonBody>[0]>(schema: T) => ({
	...jsonBody(schema),
	required: false
});

const list = createRoute({
	method: 'get',
	path: '/{id}/matrices',
	summary: 'List the RACI matrices',
	tags: TAGS,
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: { 200: json(MatrixListResponseSchema, 'The matrices'), ...READ_ERRORS }
});
const get = createRoute({
	method: 'get',
	path: '/{id}/matrices/{matrix}',
	summary: 'Read a matrix with its live checks',
	tags: TAGS,
	security: boardToken,
	request: { params: MatrixParamsSchema },
	responses: { 200: withChecks, ...READ_ERRORS }
});
const create = createRoute({
	method: 'post',
	path: '/{id}/matrices',
	summary: 'Create a matrix',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: BoardParamsSchema, body: jsonBody(CreateMatrixRequestSchema) },
	responses: { 201: withChecks, ...WRITE_ERRORS }
});
const rename = createRoute({
	method: 'patch',
	path: '/{id}/matrices/{matrix}',
	summary: 'Rename a matrix',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixParamsSchema, body: jsonBody(RenameMatrixRequestSchema) },
	responses: { 200: withChecks, ...WRITE_ERRORS }
});
const remove = createRoute({
	method: 'delete',
	path: '/{id}/matrices/{matrix}',
	summary: 'Delete a matrix',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixParamsSchema, body: optional(MatrixAuthorOnlyRequestSchema) },
	responses: { 204: { description: 'Deleted' }, ...WRITE_ERRORS }
});
const addRow = createRoute({
	method: 'post',
	path: '/{id}/matrices/{matrix}/rows',
	summary: 'Add an activity (row)',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixParamsSchema, body: jsonBody(AddMatrixRowRequestSchema) },
	responses: { 201: withChecks, ...WRITE_ERRORS }
});
const patchRow = createRoute({
	method: 'patch',
	path: '/{id}/matrices/{matrix}/rows/{row}',
	summary: 'Change an activity’s text and/or move it',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixRowParamsSchema, body: jsonBody(PatchMatrixRowRequestSchema) },
	responses: { 200: withChecks, ...WRITE_ERRORS }
});
const deleteRow = createRoute({
	method: 'delete',
	path: '/{id}/matrices/{matrix}/rows/{row}',
	summary: 'Delete an activity',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixRowParamsSchema, body: optional(MatrixAuthorOnlyRequestSchema) },
	responses: { 200: withChecks, ...WRITE_ERRORS }
});
const addColumn = createRoute({
	method: 'post',
	path: '/{id}/matrices/{matrix}/columns',
	summary: 'Add a column: a person on the board or a team',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixParamsSchema, body: jsonBody(AddMatrixColumnRequestSchema) },
	responses: { 201: withChecks, ...WRITE_ERRORS }
});
const moveColumn = createRoute({
	method: 'patch',
	path: '/{id}/matrices/{matrix}/columns/{column}',
	summary: 'Move a column',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixColumnParamsSchema, body: jsonBody(MoveMatrixColumnRequestSchema) },
	responses: { 200: withChecks, ...WRITE_ERRORS }
});
const deleteColumn = createRoute({
	method: 'delete',
	path: '/{id}/matrices/{matrix}/columns/{column}',
	summary: 'Delete a column',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixColumnParamsSchema, body: optional(MatrixAuthorOnlyRequestSchema) },
	responses: { 200: withChecks, ...WRITE_ERRORS }
});
const putCell = createRoute({
	method: 'put',
	path: '/{id}/matrices/{matrix}/cells/{row}/{column}',
	summary: 'Set a cell’s letters',
	tags: TAGS,
	security: boardToken,
	parameters: [authorHeader],
	request: { params: MatrixCellParamsSchema, body: jsonBody(PutMatrixCellRequestSchema) },
	responses: { 200: withChecks, ...WRITE_ERRORS }
});

/** The matrix routes, mounted at `/api/boards`. */
export function matrixRoutes(deps: AppDeps): Api {
	const app = createApi();
	const matrixOf = (board: Board, id: string) =>
		found(
			board.matrices.find((m) => m.id === id),
			'matrix_not_found',
			'matrix'
		);
	const view = (board: Board, id: string) => {
		const matrix = matrixOf(board, id);
		return {
			matrix,
			checks: checkRaci(matrix, { maxAccountable: board.settings.raciMaxAccountable })
		};
	};
	const who = async (c: Context<ApiEnv>, author: string | undefined) => {
		const { board, token } = await requireRole(deps, c, ['owner', 'editor'], 'change the board');
		return { board, token, author: givenAuthor(c.req.header(AUTHOR_HEADER), author) };
	};
	/** Checks the matrix exists, runs `fn` as one write, answers the matrix with its checks. */
	const change = async (
		c: Context<ApiEnv>,
		matrixId: string,
		author: string | undefined,
		fn: Parameters<typeof boardWrite>[2]
	) => {
		const writer = await who(c, author);
		await boardRead(deps, writer.board.id, (b) => matrixOf(b, matrixId));
		await boardWrite(deps, writer, fn);
		return boardRead(deps, writer.board.id, (b) => view(b, matrixId));
	};

	app.openapi(list, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		return c.json(await boardRead(deps, board.id, (b) => ({ matrices: b.matrices })), 200);
	});
	app.openapi(get, async (c) => {
		const { board } = await requireRole(deps, c, ['owner', 'editor', 'viewer'], 'read');
		return c.json(
			await boardRead(deps, board.id, (b) => view(b, c.req.valid('param').matrix)),
			200
		);
	});
	app.openapi(create, async (c) => {
		const body = c.req.valid('json');
		const writer = await who(c, body.author);
		const id = await boardWrite(deps, writer, (doc) =>
			addMatrix(doc, { name: body.name, ...(body.preset ? { preset: body.preset } : {}) })
		);
		return c.json(await boardRead(deps, writer.board.id, (b) => view(b, id)), 201);
	});
	app.openapi(rename, async (c) => {
		const body = c.req.valid('json');
		const { matrix } = c.req.valid('param');
		return c.json(
			await change(c, matrix, body.author, (doc) => renameMatrix(doc, matrix, body.name)),
			200
		);
	});
	app.openapi(remove, async (c) => {
		const { matrix } = c.req.valid('param');
		const writer = await who(c, c.req.valid('json').author);
		await boardRead(deps, writer.board.id, (b) => matrixOf(b, matrix));
		await boardWrite(deps, writer, (doc) => deleteMatrix(doc, matrix));
		return c.body(null, 204);
	});
	app.openapi(addRow, async (c) => {
		const body = c.req.valid('json');
		const { matrix } = c.req.valid('param');
		const input = {
			matrixId: matrix,
			...(body.text !== undefined ? { text: body.text } : {}),
			...(body.after !== undefined ? { after: body.after } : {})
		};
		return c.json(await change(c, matrix, body.author, (doc) => addRaciRow(doc, input)), 201);
	});
	app.openapi(patchRow, async (c) => {
		const body = c.req.valid('json');
		const { matrix, row } = c.req.valid('param');
		const moving = body.before !== undefined || body.after !== undefined;
		return c.json(
			await change(c, matrix, body.author, (doc) =>
				doc.transact(() => {
					if (body.text !== undefined) {
						setRaciRowText(doc, { matrixId: matrix, rowId: row, value: body.text });
					}
					if (moving) {
						moveRaciRow(doc, {
							matrixId: matrix,
							rowId: row,
							before: body.before,
							after: body.after
						});
					}
				})
			),
			200
		);
	});
	app.openapi(deleteRow, async (c) => {
		const { matrix, row } = c.req.valid('param');
		return c.json(
			await change(c, matrix, c.req.valid('json').author, (doc) =>
				deleteRaciRow(doc, { matrixId: matrix, rowId: row })
			),
			200
		);
	});
	app.openapi(addColumn, async (c) => {
		const body = c.req.valid('json');
		const { matrix } = c.req.valid('param');
		const input = {
			matrixId: matrix,
			...(body.personId !== undefined ? { personId: body.personId } : {}),
			...(body.team !== undefined ? { team: body.team } : {}),
			...(body.after !== undefined ? { after: body.after } : {})
		};
		return c.json(await change(c, matrix, body.author, (doc) => addRaciColumn(doc, input)), 201);
	});
	app.openapi(moveColumn, async (c) => {
		const body = c.req.valid('json');
		const { matrix, column } = c.req.valid('param');
		return c.json(
			await change(c, matrix, body.author, (doc) =>
				moveRaciColumn(doc, {
					matrixId: matrix,
					colId: column,
					before: body.before,
					after: body.after
				})
			),
			200
		);
	});
	app.openapi(deleteColumn, async (c) => {
		const { matrix, column } = c.req.valid('param');
		return c.json(
			await change(c, matrix, c.req.valid('json').author, (doc) =>
				removeRaciColumn(doc, { matrixId: matrix, colId: column })
			),
			200
		);
	});
	app.openapi(putCell, async (c) => {
		const body = c.req.valid('json');
		const { matrix, row, column } = c.req.valid('param');
		return c.json(
			await change(c, matrix, body.author, (doc) =>
				setRaciCell(doc, { matrixId: matrix, rowId: row, colId: column, letters: body.letters })
			),
			200
		);
	});

	return app;
}
