/**
 * `/api/boards/:id/imports…`: bringing an existing register in from CSV or XLSX. Upload → a
 * preview (detection, column and value mapping, every row with its errors) → re-preview with the
 * person's choices → commit (all or nothing, or only the valid rows) → undo. The server rebuilds
 * the plan from the stored parse on every step; it never trusts a client-side preview.
 */
import { IMPORT_FIELDS } from '@riskboard/model';
import { z } from './zod.ts';

/** Content types the upload accepts (the body is the raw file). */
export const IMPORT_CONTENT_TYPES = {
	csv: ['text/csv', 'text/tab-separated-values', 'text/plain'],
	xlsx: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']
} as const;

export const ImportFieldSchema = z.enum(IMPORT_FIELDS);

export const ImportEncodingSchema = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']);

/** `,` `;` `|` or a tab (also written `tab`, since a tab is awkward in a query string). */
export const ImportDelimiterSchema = z
	.enum([',', ';', '\t', '|', 'tab'])
	.transform((value) => (value === 'tab' ? '\t' : value));

export const DateOrderSchema = z.enum(['dmy', 'mdy']);

export const DuplicatesSchema = z.enum(['skip', 'update']);

/** A source value's board value: a level 1–5, a status, an id, `{ new: name }`, '' (leave empty), null (unmapped). */
export const ImportValueSchema = z.union([
	z.number(),
	z.string().max(200),
	z.strictObject({ new: z.string().max(200) }),
	z.null()
]);

/** Column index → field or null (ignore). Columns left out keep their suggestion. */
export const ImportMappingSchema = z.record(
	z.string().regex(/^\d{1,4}$/, 'a column index'),
	ImportFieldSchema.nullable()
);

/** Per field, source value → board value. */
export const ValueMappingSchema = z.partialRecord(
	ImportFieldSchema,
	z.record(z.string().max(20_000), ImportValueSchema)
);

export const ImportParamsSchema = z.object({ id: z.string(), importId: z.string() });

/** The upload's query: the file name, optional overrides of detection, who imports. */
export const ImportUploadQuerySchema = z.strictObject({
	filename: z.string().min(1).max(255),
	encoding: ImportEncodingSchema.optional(),
	delimiter: ImportDelimiterSchema.optional(),
	sheet: z.string().min(1).max(200).optional(),
	headerRow: z.coerce.number().int().min(1).max(1_000_000).optional(),
	/** The importer's display name, stored with the import and its update. */
	by: z.string().trim().min(1).max(100).optional()
});

/** Choices a re-preview applies (re-parsing when encoding, delimiter, sheet or header row change). */
export const ImportPreviewRequestSchema = z.strictObject({
	mapping: ImportMappingSchema.optional(),
	values: ValueMappingSchema.optional(),
	encoding: ImportEncodingSchema.optional(),
	delimiter: ImportDelimiterSchema.optional(),
	sheet: z.string().min(1).max(200).optional(),
	headerRow: z.number().int().min(1).max(1_000_000).optional(),
	dateOrder: DateOrderSchema.optional(),
	duplicates: DuplicatesSchema.optional()
});
export type ImportPreviewRequest = z.input<typeof ImportPreviewRequestSchema>;

export const ImportCommitRequestSchema = z.strictObject({
	mapping: ImportMappingSchema,
	values: ValueMappingSchema.optional(),
	/** Import exactly the valid rows; without it any invalid row imports nothing. */
	skipInvalid: z.boolean().optional(),
	duplicates: DuplicatesSchema.optional(),
	dateOrder: DateOrderSchema.optional(),
	by: z.string().trim().min(1).max(100).optional(),
	/** The person on the board the importer is (stored with the update, like a review's facilitator). */
	personId: z.string().max(64).optional()
});
export type ImportCommitRequest = z.input<typeof ImportCommitRequestSchema>;

export const ImportProgressSchema = z.object({
	phase: z.enum(['parsing', 'validating', 'writing', 'done']),
	/** Rows done of `total` in this phase. */
	done: z.number().int(),
	total: z.number().int()
});

export const ImportStatusSchema = z.enum(['preview', 'committing', 'committed', 'undone']);

const RowErrorSchema = z.object({ column: z.string().nullable(), message: z.string() });

/** What the preview shows; `rows[].risk` uses the model's risk field names. */
export const ImportPreviewSchema = z.object({
	status: ImportStatusSchema,
	progress: ImportProgressSchema,
	format: z.enum(['csv', 'xlsx']),
	encoding: ImportEncodingSchema.nullable(),
	delimiter: z.string().nullable(),
	sheets: z.array(z.string()),
	sheet: z.string().nullable(),
	headerRow: z.number().int(),
	columns: z.array(
		z.object({
			index: z.number().int(),
			header: z.string(),
			samples: z.array(z.string()),
			field: ImportFieldSchema.nullable(),
			suggested: ImportFieldSchema.nullable()
		})
	),
	values: ValueMappingSchema,
	dateOrder: DateOrderSchema.nullable(),
	/** Some dates read either way and no order was chosen: the preview asks. */
	dateOrderNeeded: z.boolean(),
	duplicates: DuplicatesSchema,
	rows: z.array(
		z.object({
			line: z.number().int(),
			risk: z.looseObject({}).meta({
				description:
					'The row as it would be imported (model field names; `{ "new": name }` for a person or category the import creates)'
			}),
			errors: z.array(RowErrorSchema),
			duplicateOf: z.string().nullable()
		})
	),
	summary: z.object({
		total: z.number().int(),
		valid: z.number().int(),
		invalid: z.number().int(),
		duplicates: z.number().int(),
		add: z.number().int(),
		update: z.number().int(),
		skip: z.number().int()
	}),
	/** "38 risks will be added, 2 rows have errors, 3 people and 1 category will be created". */
	summaryText: z.string(),
	newPeople: z.array(z.string()),
	newCategories: z.array(z.string()),
	/** Problems of the mapping itself (no title column, a field mapped twice); a commit refuses them. */
	problems: z.array(z.string())
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportCreatedSchema = z.object({ id: z.string(), preview: ImportPreviewSchema });
export type ImportCreated = z.infer<typeof ImportCreatedSchema>;

export const ImportPreviewResponseSchema = z.object({ preview: ImportPreviewSchema });

export const ImportCommitResponseSchema = z.object({
	created: z.number().int(),
	updated: z.number().int(),
	skipped: z.number().int(),
	riskIds: z.array(z.string())
});
export type ImportCommitResponse = z.infer<typeof ImportCommitResponseSchema>;

/** The 422 of a commit with invalid rows and no `skipInvalid`: every row error, by line. */
export const InvalidRowsErrorSchema = z.object({
	error: z.object({
		code: z.literal('invalid_rows'),
		message: z.string(),
		rows: z.array(
			z.object({ line: z.number().int(), column: z.string().nullable(), message: z.string() })
		)
	})
});

const KeptSchema = z.object({
	riskId: z.string().nullable(),
	kind: z.enum(['risk', 'action', 'person', 'category']),
	id: z.string(),
	reason: z.string()
});

export const ImportUndoResponseSchema = z.object({
	removed: z.number().int(),
	restored: z.number().int(),
	removedActions: z.number().int(),
	removedPeople: z.number().int(),
	removedCategories: z.number().int(),
	/** What undo left alone because someone changed it since (or it is still used). */
	kept: z.array(KeptSchema)
});
export type ImportUndoResponse = z.infer<typeof ImportUndoResponseSchema>;

/** One import as `GET …/imports/:importId` and the list show it. */
export const ImportInfoSchema = z.object({
	id: z.string(),
	filename: z.string(),
	format: z.enum(['csv', 'xlsx']),
	status: ImportStatusSchema,
	progress: ImportProgressSchema,
	createdAt: z.string(),
	createdBy: z.string().nullable(),
	committedAt: z.string().nullable(),
	undoneAt: z.string().nullable(),
	/** After the commit. */
	result: ImportCommitResponseSchema.nullable(),
	/** After undo. */
	undo: ImportUndoResponseSchema.nullable()
});
export type ImportInfo = z.infer<typeof ImportInfoSchema>;

export const ImportListSchema = z.object({ imports: z.array(ImportInfoSchema) });
export type ImportList = z.infer<typeof ImportListSchema>;
