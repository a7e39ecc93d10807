/**
 * The board API for integrations, under `/api/boards/:id`: risks, mitigation actions, people,
 * categories and settings, read and written over REST through the same live pipeline as the
 * browsers (every write is checked by the model first, committed, then relayed). Shapes of what
 * is read are the model's (`Risk`, `MitigationAction`, `Person`, `Category`, `BoardSettings`);
 * request bodies are declared here field by field, with unknown fields refused.
 *
 * Every write may name its author: `author` in the body (a person id on the board, or a name),
 * or the `X-Riskboard-Author` header, percent-encoded (a raw header cannot carry a name beyond
 * Latin-1); else the link's label.
 */
import type { BoardSettings, Category, MitigationAction, Person, Risk } from '@riskboard/model';
import { z } from './zod.ts';
import { modelObject } from './common.ts';

const RISK_STATUSES = ['Open', 'Mitigating', 'Watching', 'Accepted', 'Closed'] as const;
const RISK_RESPONSES = ['Avoid', 'Mitigate', 'Transfer', 'Accept', 'Escalate'] as const;
const ACTION_STATUSES = ['Planned', 'In progress', 'Done', 'Blocked'] as const;
const BANDS = ['low', 'medium', 'high', 'critical'] as const;

/** Longest author name a write may give, in characters. */
export const MAX_AUTHOR_NAME_LENGTH = 100;

/** Who a write is by: a person id on the board, or a display name. */
const Author = z.string().trim().min(1).max(MAX_AUTHOR_NAME_LENGTH).optional();
const Level = z.number().int().min(1).max(5).nullable();
const Day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.nullable();
const Id = z.string().min(1).max(64);

export const RiskSchema = modelObject<Risk>('A risk as the model reads it (Risk)');
export const ActionSchema = modelObject<MitigationAction>('A mitigation action (MitigationAction)');
export const PersonSchema = modelObject<Person>('A person on the board (Person)');
export const CategorySchema = modelObject<Category>('A category (Category)');
export const SettingsSchema = modelObject<BoardSettings>('The board’s settings (BoardSettings)');

export const RiskParamsSchema = z.object({
	id: z.string(),
	/** A risk id, or its key such as `R-12`. */
	risk: z.string()
});
export const ActionParamsSchema = z.object({ id: z.string(), action: z.string() });
export const ActionRiskParamsSchema = z.object({
	id: z.string(),
	action: z.string(),
	risk: z.string()
});
export const PersonParamsSchema = z.object({ id: z.string(), person: z.string() });
export const CategoryParamsSchema = z.object({ id: z.string(), category: z.string() });

/** The fields a risk write may set; text fields replace the whole text. */
const riskFields = {
	title: z.string().min(1).max(500),
	description: z.string().max(20_000),
	trigger: z.string().max(20_000),
	contingency: z.string().max(20_000),
	categoryId: Id.nullable(),
	ownerId: Id.nullable(),
	status: z.enum(RISK_STATUSES),
	closedReason: z.string().max(2_000).nullable(),
	response: z.enum(RISK_RESPONSES).nullable(),
	likelihood: Level,
	impact: Level,
	residualLikelihood: Level,
	residualImpact: Level,
	nextReviewDate: Day,
	dueDate: Day,
	lastReviewed: Day,
	tags: z.array(z.string().max(50)).max(50),
	links: z.array(z.string().max(2_000)).max(50)
};

/** `POST /api/boards/:id/risks` body: a title and any other field. */
export const CreateRiskRequestSchema = z.strictObject({
	...z.object(riskFields).partial().shape,
	title: riskFields.title,
	author: Author
});
export type CreateRiskRequest = z.input<typeof CreateRiskRequestSchema>;

/** `PATCH /api/boards/:id/risks/:risk` body: any field (text fields replace the text). */
export const PatchRiskRequestSchema = z.strictObject({
	...z.object(riskFields).partial().shape,
	author: Author
});
export type PatchRiskRequest = z.input<typeof PatchRiskRequestSchema>;

/** `POST /api/boards/:id/risks/:risk/close` body: the reason is required. */
export const CloseRiskRequestSchema = z.strictObject({
	reason: z.string().trim().min(1).max(2_000),
	author: Author
});

/** `DELETE` bodies may be empty or name the author. */
export const AuthorOnlyRequestSchema = z.strictObject({ author: Author });

const CSV = (what: string) => z.string().max(500).optional().meta({ description: what });

/** `GET /api/boards/:id/risks` query: filters (comma-separated lists), sort and a cursor. */
export const ListRisksQuerySchema = z.strictObject({
	status: CSV('Statuses, comma-separated (Open,Mitigating,…)'),
	category: CSV('Category ids'),
	owner: CSV('Person ids'),
	band: CSV('Score bands: low, medium, high, critical (of the inherent score)'),
	tag: CSV('Tags: a risk with any of them'),
	overdue: z.enum(['true', 'false']).optional(),
	/** Case-insensitive text in the key, title, description, trigger, contingency or tags. */
	q: z.string().max(200).optional(),
	sort: z
		.enum([
			'order',
			'key',
			'-key',
			'score',
			'-score',
			'dueDate',
			'-dueDate',
			'updatedAt',
			'-updatedAt'
		])
		.optional(),
	limit: z.coerce.number().int().min(1).max(500).optional(),
	/** The `next` of the previous page. */
	cursor: z.string().max(20).optional()
});
export type ListRisksQuery = z.infer<typeof ListRisksQuerySchema>;
export const RISK_BANDS = BANDS;

export const RiskListResponseSchema = z.object({
	risks: z.array(RiskSchema),
	/** The cursor of the next page, or null on the last. */
	next: z.string().nullable(),
	/** How many risks matched the filters, on all pages. */
	total: z.number().int()
});

const actionFields = {
	text: z.string().max(20_000),
	ownerId: Id.nullable(),
	dueDate: Day,
	status: z.enum(ACTION_STATUSES),
	progress: z.number().int().min(0).max(100)
};

/** `POST /api/boards/:id/actions` body: the risk whose plan it joins, and its fields. */
export const CreateActionRequestSchema = z.strictObject({
	...z.object(actionFields).partial().shape,
	riskId: z.string().min(1).max(64).meta({ description: 'A risk id or key' }),
	author: Author
});
export const PatchActionRequestSchema = z.strictObject({
	...z.object(actionFields).partial().shape,
	author: Author
});
export const ActionListResponseSchema = z.object({ actions: z.array(ActionSchema) });

const personFields = {
	name: z.string().trim().min(1).max(200),
	team: z.string().max(100),
	roleTitle: z.string().max(100).nullable(),
	email: z.string().max(200).nullable()
};
export const CreatePersonRequestSchema = z.strictObject({
	...z.object(personFields).partial().shape,
	name: personFields.name,
	author: Author
});
export const PatchPersonRequestSchema = z.strictObject({
	...z.object(personFields).partial().shape,
	author: Author
});
export const PersonListResponseSchema = z.object({ people: z.array(PersonSchema) });

export const CreateCategoryRequestSchema = z.strictObject({
	name: z.string().trim().min(1).max(60),
	author: Author
});
export const PatchCategoryRequestSchema = CreateCategoryRequestSchema;
export const CategoryListResponseSchema = z.object({ categories: z.array(CategorySchema) });

/** `PATCH /api/boards/:id/settings` body: any setting (each replaced whole). */
export const PatchSettingsRequestSchema = z.strictObject({
	likelihoodLabels: z.array(z.string().max(100)).length(5).optional(),
	impactLabels: z.array(z.string().max(100)).length(5).optional(),
	scoreBands: z
		.strictObject({ low: z.number().int(), medium: z.number().int(), high: z.number().int() })
		.optional(),
	raciMaxAccountable: z.number().int().min(1).optional(),
	timeZone: z.string().max(100).optional(),
	reviewCadence: z
		.strictObject({
			low: z.number().int().nullable(),
			medium: z.number().int().nullable(),
			high: z.number().int().nullable(),
			critical: z.number().int().nullable()
		})
		.optional(),
	author: Author
});
