/**
 * The board API for integrations: `/api/boards/:id/risks…`, `/actions…`, `/people…`,
 * `/categories…` and `/settings`, with the board's tokens. Any link reads; owners and editors
 * write (viewers get 403). Every write goes through `board-writes.ts` (the model's rules on the
 * room's scratch copy first, then the live pipeline; connected browsers see it at once) with its
 * author; every `POST` takes an `Idempotency-Key` (`api/idempotency.ts`).
 */
import { createRoute } from '@hono/zod-openapi';
import {
	addAction,
	addCategory,
	addPerson,
	addRisk,
	deleteAction,
	deleteRisk,
	linkAction,
	removeCategory,
	removePerson,
	renameCategory,
	setActionText,
	setRiskText,
	unlinkAction,
	updateAction,
	updatePerson,
	updateRisk,
	updateSettings,
	type Board,
	type Risk,
	type RiskPatch
} from '@riskboard/model';
import {
	ActionListResponseSchema,
	ActionParamsSchema,
	ActionRiskParamsSchema,
	ActionSchema,
	AuthorOnlyRequestSchema,
	BoardParamsSchema,
	CategoryListResponseSchema,
	CategoryParamsSchema,
	CategorySchema,
	CloseRiskRequestSchema,
	CreateActionRequestSchema,
	CreateCategoryRequestSchema,
	CreatePersonRequestSchema,
	CreateRiskRequestSchema,
	ListRisksQuerySchema,
	PatchActionRequestSchema,
	PatchCategoryRequestSchema,
	PatchPersonRequestSchema,
	PatchRiskRequestSchema,
	PatchSettingsRequestSchema,
	PersonListResponseSchema,
	PersonParamsSchema,
	PersonSchema,
	RiskListResponseSchema,
	RiskParamsSchema,
	RiskSchema,
	SettingsSchema,
	type ListRisksQuery
} from '@riskboard/protocol';
import type { Context } from 'hono';
import {
	BOARD_ERRORS,
	BODY_ERRORS,
	boardToken,
	createApi,
	errors,
	invalidRequest,
	json,
	jsonBody,
	type Api,
	type ApiEnv
} from '../api/contract.ts';
import {
	AUTHOR_HEADER,
	boardRead,
	boardWrite,
	findRisk,
	found,
	givenAuthor,
	type Writer
} from '../board-writes.ts';
import type { AppDeps } from '../deps.ts';
import { requireRole } from './board-data.ts';

const ANY = ['owner', 'editor', 'viewer'] as const;
const WRITERS = ['owner', 'editor'] as const;
const TEXT_FIELDS = ['title', 'description', 'trigger', 'contingency'] as const;

const authorHeader = {
	name: AUTHOR_HEADER,
	in: 'header' as const,
	required: false,
	description:
		'Who makes the change, percent-encoded UTF-8 (a person id on the board, or a name); the ' +
		'body’s `author` wins; default: the link’s label.',
	schema: { type: 'string' as const }
};

const READ_ERRORS = errors(...BOARD_ERRORS, 400);
const WRITE_ERRORS = errors(...BOARD_ERRORS, ...BODY_ERRORS, 422);

/** The request's link (owner or editor) and the author it named. */
async function writer(
	deps: AppDeps,
	c: Context<ApiEnv>,
	body: { author?: string | undefined }
): Promise<Writer> {
	const { board, token } = await requireRole(deps, c, WRITERS, 'change the board');
	return { board, token, author: givenAuthor(c.req.header(AUTHOR_HEADER), body.author) };
}

const RISK_SORTS: Record<string, (risk: Risk) => string | number | null> = {
	order: (r) => r.order,
	key: (r) => r.keyNumber,
	score: (r) => r.score,
	dueDate: (r) => r.dueDate,
	updatedAt: (r) => r.updatedAt
};

/** Filters, sorts and pages the register (`cursor` is the offset of the page, base 36). */
function listRisks(board: Board, query: ListRisksQuery) {
	const list = (value: string | undefined) =>
		value === undefined
			? null
			: new Set(
					value
						.split(',')
						.map((v) => v.trim())
						.filter(Boolean)
				);
	const statuses = list(query.status);
	const categories = list(query.category);
	const owners = list(query.owner);
	const bands = list(query.band);
	const tags = list(query.tag);
	const text = query.q?.trim().toLowerCase() ?? '';
	const matched = board.risks.filter(
		(r) =>
			(!statuses || statuses.has(r.status)) &&
			(!categories || (r.categoryId !== null && categories.has(r.categoryId))) &&
			(!owners || (r.ownerId !== null && owners.has(r.ownerId))) &&
			(!bands || (r.band !== null && bands.has(r.band))) &&
			(!tags || r.tags.some((tag) => tags.has(tag))) &&
			(query.overdue === undefined || r.overdue === (query.overdue === 'true')) &&
			(text === '' ||
				[r.key, r.title, r.description, r.trigger, r.contingency, ...r.tags].some((field) =>
					field.toLowerCase().includes(text)
				))
	);
	const sort = query.sort ?? 'order';
	const descending = sort.startsWith('-');
	const value = RISK_SORTS[sort.replace(/^-/, '')]!;
	matched.sort((a, b) => {
		const x = value(a);
		const y = value(b);
		// Unset values last, whichever the direction.
		if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
		const order = x < y ? -1 : x > y ? 1 : 0;
		return descending ? -order : order;
	});
	if (query.cursor !== undefined && !/^[0-9a-z]{1,8}$/.test(query.cursor)) {
		throw invalidRequest('query', [
			{ path: ['cursor'], code: 'invalid_format', message: 'not a cursor this API gave' }
		]);
	}
	const offset = query.cursor === undefined ? 0 : parseInt(query.cursor, 36);
	const limit = query.limit ?? 100;
	const page = matched.slice(offset, offset + limit);
	const next = offset + limit < matched.length ? (offset + limit).toString(36) : null;
	return { risks: page, next, total: matched.length };
}

/** The risk fields of a body, split into the model's patch and the texts it replaces. */
function riskChanges(body: Record<string, unknown>) {
	const patch: Record<string, unknown> = {};
	const texts: Array<[(typeof TEXT_FIELDS)[number], string]> = [];
	for (const [field, value] of Object.entries(body)) {
		if (field === 'author' || value === undefined) continue;
		if ((TEXT_FIELDS as readonly string[]).includes(field)) {
			texts.push([field as (typeof TEXT_FIELDS)[number], value as string]);
		} else patch[field] = value;
	}
	return { patch: patch as RiskPatch, texts };
}

const R = 'Risks';
const listRisksRoute = createRoute({
	method: 'get',
	path: '/{id}/risks',
	summary: 'List risks: filter, sort, page',
	tags: [R],
	security: boardToken,
	request: { params: BoardParamsSchema, query: ListRisksQuerySchema },
	responses: { 200: json(RiskListResponseSchema, 'List risks: filter, sort, page'), ...READ_ERRORS }
});
const getRiskRoute = createRoute({
	method: 'get',
	path: '/{id}/risks/{risk}',
	summary: 'Read one risk (by id or key such as R-12)',
	tags: [R],
	security: boardToken,
	request: { params: RiskParamsSchema },
	responses: { 200: json(RiskSchema, 'Read one risk (by id or key such as R-12)'), ...READ_ERRORS }
});
const createRiskRoute = createRoute({
	method: 'post',
	path: '/{id}/risks',
	summary: 'Add a risk',
	tags: [R],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: BoardParamsSchema, body: jsonBody(CreateRiskRequestSchema) },
	responses: { 201: json(RiskSchema, 'Add a risk'), ...WRITE_ERRORS }
});
const patchRiskRoute = createRoute({
	method: 'patch',
	path: '/{id}/risks/{risk}',
	summary: 'Change any fields of a risk (text fields replace the text)',
	tags: [R],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: RiskParamsSchema, body: jsonBody(PatchRiskRequestSchema) },
	responses: {
		200: json(RiskSchema, 'Change any fields of a risk (text fields replace the text)'),
		...WRITE_ERRORS
	}
});
const closeRiskRoute = createRoute({
	method: 'post',
	path: '/{id}/risks/{risk}/close',
	summary: 'Close a risk with a reason',
	tags: [R],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: RiskParamsSchema, body: jsonBody(CloseRiskRequestSchema) },
	responses: { 200: json(RiskSchema, 'Close a risk with a reason'), ...WRITE_ERRORS }
});
const deleteRiskRoute = createRoute({
	method: 'delete',
	path: '/{id}/risks/{risk}',
	summary: 'Delete a risk (and actions linked to no other risk)',
	tags: [R],
	security: boardToken,
	parameters: [authorHeader],
	request: {
		params: RiskParamsSchema,
		body: { ...jsonBody(AuthorOnlyRequestSchema), required: false }
	},
	responses: {
		204: { description: 'Delete a risk (and actions linked to no other risk)' },
		...WRITE_ERRORS
	}
});

const A = 'Actions';
const listActionsRoute = createRoute({
	method: 'get',
	path: '/{id}/actions',
	summary: 'List mitigation actions',
	tags: [A],
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: { 200: json(ActionListResponseSchema, 'List mitigation actions'), ...READ_ERRORS }
});
const createActionRoute = createRoute({
	method: 'post',
	path: '/{id}/actions',
	summary: 'Add an action to a risk’s mitigation plan',
	tags: [A],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: BoardParamsSchema, body: jsonBody(CreateActionRequestSchema) },
	responses: {
		201: json(ActionSchema, 'Add an action to a risk’s mitigation plan'),
		...WRITE_ERRORS
	}
});
const patchActionRoute = createRoute({
	method: 'patch',
	path: '/{id}/actions/{action}',
	summary: 'Change an action (text replaces the text)',
	tags: [A],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: ActionParamsSchema, body: jsonBody(PatchActionRequestSchema) },
	responses: {
		200: json(ActionSchema, 'Change an action (text replaces the text)'),
		...WRITE_ERRORS
	}
});
const linkActionRoute = createRoute({
	method: 'put',
	path: '/{id}/actions/{action}/risks/{risk}',
	summary: 'Link an action to another risk',
	tags: [A],
	security: boardToken,
	parameters: [authorHeader],
	request: {
		params: ActionRiskParamsSchema,
		body: { ...jsonBody(AuthorOnlyRequestSchema), required: false }
	},
	responses: { 200: json(ActionSchema, 'Link an action to another risk'), ...WRITE_ERRORS }
});
const unlinkActionRoute = createRoute({
	method: 'delete',
	path: '/{id}/actions/{action}/risks/{risk}',
	summary: 'Unlink an action from a risk (not its last one: delete it instead)',
	tags: [A],
	security: boardToken,
	parameters: [authorHeader],
	request: {
		params: ActionRiskParamsSchema,
		body: { ...jsonBody(AuthorOnlyRequestSchema), required: false }
	},
	responses: {
		200: json(ActionSchema, 'Unlink an action from a risk (not its last one: delete it instead)'),
		...WRITE_ERRORS
	}
});
const deleteActionRoute = createRoute({
	method: 'delete',
	path: '/{id}/actions/{action}',
	summary: 'Delete an action from every plan',
	tags: [A],
	security: boardToken,
	parameters: [authorHeader],
	request: {
		params: ActionParamsSchema,
		body: { ...jsonBody(AuthorOnlyRequestSchema), required: false }
	},
	responses: { 204: { description: 'Delete an action from every plan' }, ...WRITE_ERRORS }
});

const P = 'People';
const listPeopleRoute = createRoute({
	method: 'get',
	path: '/{id}/people',
	summary: 'List the board’s people',
	tags: [P],
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: { 200: json(PersonListResponseSchema, 'List the board’s people'), ...READ_ERRORS }
});
const createPersonRoute = createRoute({
	method: 'post',
	path: '/{id}/people',
	summary: 'Add a person',
	tags: [P],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: BoardParamsSchema, body: jsonBody(CreatePersonRequestSchema) },
	responses: { 201: json(PersonSchema, 'Add a person'), ...WRITE_ERRORS }
});
const patchPersonRoute = createRoute({
	method: 'patch',
	path: '/{id}/people/{person}',
	summary: 'Change a person',
	tags: [P],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: PersonParamsSchema, body: jsonBody(PatchPersonRequestSchema) },
	responses: { 200: json(PersonSchema, 'Change a person'), ...WRITE_ERRORS }
});
const deletePersonRoute = createRoute({
	method: 'delete',
	path: '/{id}/people/{person}',
	summary: 'Remove a person (risks and actions they owned read as unowned)',
	tags: [P],
	security: boardToken,
	parameters: [authorHeader],
	request: {
		params: PersonParamsSchema,
		body: { ...jsonBody(AuthorOnlyRequestSchema), required: false }
	},
	responses: {
		204: { description: 'Remove a person (risks and actions they owned read as unowned)' },
		...WRITE_ERRORS
	}
});

const C = 'Categories';
const listCategoriesRoute = createRoute({
	method: 'get',
	path: '/{id}/categories',
	summary: 'List the board’s risk categories',
	tags: [C],
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: {
		200: json(CategoryListResponseSchema, 'List the board’s risk categories'),
		...READ_ERRORS
	}
});
const createCategoryRoute = createRoute({
	method: 'post',
	path: '/{id}/categories',
	summary: 'Add a category',
	tags: [C],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: BoardParamsSchema, body: jsonBody(CreateCategoryRequestSchema) },
	responses: { 201: json(CategorySchema, 'Add a category'), ...WRITE_ERRORS }
});
const patchCategoryRoute = createRoute({
	method: 'patch',
	path: '/{id}/categories/{category}',
	summary: 'Rename a category',
	tags: [C],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: CategoryParamsSchema, body: jsonBody(PatchCategoryRequestSchema) },
	responses: { 200: json(CategorySchema, 'Rename a category'), ...WRITE_ERRORS }
});
const deleteCategoryRoute = createRoute({
	method: 'delete',
	path: '/{id}/categories/{category}',
	summary: 'Remove a category (its risks read as uncategorised)',
	tags: [C],
	security: boardToken,
	parameters: [authorHeader],
	request: {
		params: CategoryParamsSchema,
		body: { ...jsonBody(AuthorOnlyRequestSchema), required: false }
	},
	responses: {
		204: { description: 'Remove a category (its risks read as uncategorised)' },
		...WRITE_ERRORS
	}
});

const S = 'Settings';
const getSettingsRoute = createRoute({
	method: 'get',
	path: '/{id}/settings',
	summary: 'Read the board’s settings',
	tags: [S],
	security: boardToken,
	request: { params: BoardParamsSchema },
	responses: { 200: json(SettingsSchema, 'Read the board’s settings'), ...READ_ERRORS }
});
const patchSettingsRoute = createRoute({
	method: 'patch',
	path: '/{id}/settings',
	summary: 'Change settings (each one replaced whole)',
	tags: [S],
	security: boardToken,
	parameters: [authorHeader],
	request: { params: BoardParamsSchema, body: jsonBody(PatchSettingsRequestSchema) },
	responses: {
		200: json(SettingsSchema, 'Change settings (each one replaced whole)'),
		...WRITE_ERRORS
	}
});

/** The board API routes, mounted at `/api/boards`. */
export function registerRoutes(deps: AppDeps): Api {
	const app = createApi();
	const read = <T>(c: Context<ApiEnv>, fn: (board: Board) => T) =>
		requireRole(deps, c, ANY, 'read').then(({ board }) => boardRead(deps, board.id, fn));

	// Risks ---------------------------------------------------------------------------------------
	app.openapi(listRisksRoute, async (c) =>
		c.json(await read(c, (board) => listRisks(board, c.req.valid('query'))), 200)
	);
	app.openapi(getRiskRoute, async (c) =>
		c.json(await read(c, (board) => findRisk(board, c.req.valid('param').risk)), 200)
	);
	app.openapi(createRiskRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const { author: _author, ...input } = body;
		const { id } = await boardWrite(deps, who, (doc) => addRisk(doc, input));
		return c.json(await boardRead(deps, who.board.id, (board) => findRisk(board, id)), 201);
	});
	app.openapi(patchRiskRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => findRisk(b, c.req.valid('param').risk).id
		);
		const { patch, texts } = riskChanges(body);
		// One transaction: one stored update, one step to undo, whatever the fields.
		await boardWrite(deps, who, (doc) =>
			doc.transact(() => {
				if (Object.keys(patch).length > 0) updateRisk(doc, id, patch);
				for (const [field, value] of texts) setRiskText(doc, { riskId: id, field, value });
			})
		);
		return c.json(await boardRead(deps, who.board.id, (board) => findRisk(board, id)), 200);
	});
	app.openapi(closeRiskRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => findRisk(b, c.req.valid('param').risk).id
		);
		await boardWrite(deps, who, (doc) =>
			updateRisk(doc, id, { status: 'Closed', closedReason: body.reason })
		);
		return c.json(await boardRead(deps, who.board.id, (board) => findRisk(board, id)), 200);
	});
	app.openapi(deleteRiskRoute, async (c) => {
		const who = await writer(deps, c, c.req.valid('json'));
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => findRisk(b, c.req.valid('param').risk).id
		);
		await boardWrite(deps, who, (doc) => deleteRisk(doc, id));
		return c.body(null, 204);
	});

	// Actions -------------------------------------------------------------------------------------
	const action = (board: Board, id: string) =>
		found(
			board.actions.find((a) => a.id === id),
			'action_not_found',
			'action'
		);
	app.openapi(listActionsRoute, async (c) =>
		c.json(await read(c, (board) => ({ actions: board.actions })), 200)
	);
	app.openapi(createActionRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const { author: _author, riskId: risk, ...fields } = body;
		const riskId = await boardRead(deps, who.board.id, (b) => findRisk(b, risk).id);
		const id = await boardWrite(deps, who, (doc) => addAction(doc, { ...fields, riskId }));
		return c.json(await boardRead(deps, who.board.id, (board) => action(board, id)), 201);
	});
	app.openapi(patchActionRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => action(b, c.req.valid('param').action).id
		);
		const { author: _author, text, ...patch } = body;
		await boardWrite(deps, who, (doc) =>
			doc.transact(() => {
				if (Object.keys(patch).length > 0) updateAction(doc, id, patch);
				if (text !== undefined) setActionText(doc, { actionId: id, value: text });
			})
		);
		return c.json(await boardRead(deps, who.board.id, (board) => action(board, id)), 200);
	});
	const relink =
		(kind: 'link' | 'unlink') =>
		async (
			c: Context<ApiEnv>,
			param: { action: string; risk: string },
			author: string | undefined
		) => {
			const { board, token } = await requireRole(deps, c, WRITERS, 'change the board');
			const who = { board, token, author: givenAuthor(c.req.header(AUTHOR_HEADER), author) };
			const ids = await boardRead(deps, board.id, (b) => ({
				actionId: action(b, param.action).id,
				riskId: findRisk(b, param.risk).id
			}));
			await boardWrite(deps, who, (doc) =>
				kind === 'link' ? linkAction(doc, ids) : unlinkAction(doc, ids)
			);
			return boardRead(deps, board.id, (b) => action(b, ids.actionId));
		};
	const link = relink('link');
	const unlink = relink('unlink');
	app.openapi(linkActionRoute, async (c) =>
		c.json(await link(c, c.req.valid('param'), c.req.valid('json').author), 200)
	);
	app.openapi(unlinkActionRoute, async (c) =>
		c.json(await unlink(c, c.req.valid('param'), c.req.valid('json').author), 200)
	);
	app.openapi(deleteActionRoute, async (c) => {
		const who = await writer(deps, c, c.req.valid('json'));
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => action(b, c.req.valid('param').action).id
		);
		await boardWrite(deps, who, (doc) => deleteAction(doc, id));
		return c.body(null, 204);
	});

	// People --------------------------------------------------------------------------------------
	const person = (board: Board, id: string) =>
		found(
			board.people.find((p) => p.id === id),
			'person_not_found',
			'person'
		);
	app.openapi(listPeopleRoute, async (c) =>
		c.json(await read(c, (board) => ({ people: board.people })), 200)
	);
	app.openapi(createPersonRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const { author: _author, ...fields } = body;
		const id = await boardWrite(deps, who, (doc) => addPerson(doc, fields));
		return c.json(await boardRead(deps, who.board.id, (board) => person(board, id)), 201);
	});
	app.openapi(patchPersonRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => person(b, c.req.valid('param').person).id
		);
		const { author: _author, ...patch } = body;
		await boardWrite(deps, who, (doc) => updatePerson(doc, id, patch));
		return c.json(await boardRead(deps, who.board.id, (board) => person(board, id)), 200);
	});
	app.openapi(deletePersonRoute, async (c) => {
		const who = await writer(deps, c, c.req.valid('json'));
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => person(b, c.req.valid('param').person).id
		);
		await boardWrite(deps, who, (doc) => removePerson(doc, id));
		return c.body(null, 204);
	});

	// Categories ----------------------------------------------------------------------------------
	const category = (board: Board, id: string) =>
		found(
			board.settings.categories.find((k) => k.id === id),
			'category_not_found',
			'category'
		);
	app.openapi(listCategoriesRoute, async (c) =>
		c.json(await read(c, (board) => ({ categories: board.settings.categories })), 200)
	);
	app.openapi(createCategoryRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const id = await boardWrite(deps, who, (doc) => addCategory(doc, { name: body.name }));
		return c.json(await boardRead(deps, who.board.id, (board) => category(board, id)), 201);
	});
	app.openapi(patchCategoryRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => category(b, c.req.valid('param').category).id
		);
		await boardWrite(deps, who, (doc) => renameCategory(doc, id, body.name));
		return c.json(await boardRead(deps, who.board.id, (board) => category(board, id)), 200);
	});
	app.openapi(deleteCategoryRoute, async (c) => {
		const who = await writer(deps, c, c.req.valid('json'));
		const id = await boardRead(
			deps,
			who.board.id,
			(b) => category(b, c.req.valid('param').category).id
		);
		await boardWrite(deps, who, (doc) => removeCategory(doc, id));
		return c.body(null, 204);
	});

	// Settings ------------------------------------------------------------------------------------
	app.openapi(getSettingsRoute, async (c) => c.json(await read(c, (board) => board.settings), 200));
	app.openapi(patchSettingsRoute, async (c) => {
		const body = c.req.valid('json');
		const who = await writer(deps, c, body);
		const { author: _author, ...patch } = body;
		await boardWrite(deps, who, (doc) => updateSettings(doc, patch));
		return c.json(await boardRead(deps, who.board.id, (board) => board.settings), 200);
	});

	return app;
}
