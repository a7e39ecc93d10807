/**
 * The import plan: a parsed sheet, the board and the person's choices → exactly what a commit
 * would write, row by row, with every error named by line and column. Pure (reads a `readBoard`
 * result); the preview shows it and the commit rebuilds it on the server before writing.
 */
import { MAX_TEXT_LENGTH, MAX_TITLE_LENGTH } from '../limits.ts';
import type { Board, RiskResponse, RiskStatus } from '../types.ts';
import {
	FIELD_KIND,
	FIELD_LABEL,
	IMPORT_FIELDS,
	cellText,
	normaliseKey,
	suggestMapping,
	type ImportField
} from './fields.ts';
import type {
	DateOrder,
	ImportCell,
	ImportChoices,
	ImportTable,
	ImportValue,
	NewRef,
	ValueMapping
} from './types.ts';
import {
	IMPORTED_CLOSED_REASON,
	inferDateOrder,
	isBoardResponse,
	isBoardStatus,
	levelOf,
	numericScale,
	readDate,
	readNumber,
	suggestResponse,
	suggestStatus,
	suggestTextScale
} from './values.ts';

/** A person or category id on the board, or one the import creates. */
export type RefValue = string | NewRef;

/** A row as it would be imported: only the fields its mapped, non-empty cells give. */
export interface ImportDraft {
	title?: string;
	description?: string;
	trigger?: string;
	contingency?: string;
	ownerId?: RefValue | null;
	categoryId?: RefValue | null;
	status?: RiskStatus;
	closedReason?: string;
	response?: RiskResponse | null;
	likelihood?: number | null;
	impact?: number | null;
	residualLikelihood?: number | null;
	residualImpact?: number | null;
	dueDate?: string;
	nextReviewDate?: string;
	lastReviewed?: string;
	tags?: string[];
	links?: string[];
	sourceId?: string;
	/** One mitigation action on the risk. */
	mitigation?: { text: string; ownerId?: RefValue | null; dueDate?: string };
}

/** One problem of a row: the column (its header) and what is wrong. */
export interface RowError {
	column: string | null;
	message: string;
}

/** One data row of the plan. */
export interface PlanRow {
	line: number;
	risk: ImportDraft;
	errors: RowError[];
	/** The board risk this row matches (same source id, or without one the same title). */
	duplicateOf: string | null;
}

/** A source column as the mapping table shows it. */
export interface PlanColumn {
	index: number;
	header: string;
	/** Up to five distinct non-empty values. */
	samples: string[];
	/** The field it is mapped to now (the suggestion unless the person chose). */
	field: ImportField | null;
	/** The field its header suggested. */
	suggested: ImportField | null;
}

/** Everything the preview shows and the commit writes. */
export interface ImportPlan {
	columns: PlanColumn[];
	/** Per mapped enumerated field, each distinct source value → board value (null = unmapped). */
	values: ValueMapping;
	/** The day/month order used for dates like 05/06/2026 (chosen or inferred), or null. */
	dateOrder: DateOrder | null;
	/** True when some dates are ambiguous and no order was chosen: the preview asks. */
	dateOrderNeeded: boolean;
	rows: PlanRow[];
	summary: {
		total: number;
		valid: number;
		invalid: number;
		duplicates: number;
		/** What a commit with `duplicates` as chosen would do with the valid rows. */
		add: number;
		update: number;
		skip: number;
	};
	/** People and categories the valid rows need that the board does not have (by name). */
	newPeople: string[];
	newCategories: string[];
	/** Problems of the mapping itself (no title column, a field mapped twice); block a commit. */
	problems: string[];
}

const TEXT_MAX: Partial<Record<ImportField, number>> = {
	title: MAX_TITLE_LENGTH,
	description: MAX_TEXT_LENGTH,
	trigger: MAX_TEXT_LENGTH,
	contingency: MAX_TEXT_LENGTH,
	mitigation: MAX_TEXT_LENGTH,
	closedReason: 1000,
	sourceId: 200
};
const PERSON_NAME_MAX = 200;
const CATEGORY_NAME_MAX = 60;
const TAG_MAX = 50;
const LINK_MAX = 2000;
const SAMPLE_COUNT = 5;

const quote = (value: string) => `“${value.length > 60 ? `${value.slice(0, 57)}…` : value}”`;

/** The mapping in force: suggestions overridden by the person's choices. */
function mappingOf(table: ImportTable, choices: ImportChoices): Array<ImportField | null> {
	const suggested = suggestMapping(table.headers);
	return table.headers.map((_, index) => {
		const chosen = choices.mapping?.[index];
		if (chosen === undefined) return suggested[index] ?? null;
		return chosen !== null && IMPORT_FIELDS.includes(chosen) ? chosen : null;
	});
}

function distinct(table: ImportTable, index: number): string[] {
	const seen = new Set<string>();
	for (const row of table.rows) {
		const text = cellText(row.cells[index]);
		if (text !== '') seen.add(text);
	}
	return [...seen];
}

/** Suggested board values of one mapped column's distinct values (see `ImportPlan.values`). */
function suggestValues(
	board: Board,
	field: ImportField,
	values: readonly string[]
): Record<string, ImportValue> {
	const out: Record<string, ImportValue> = {};
	switch (FIELD_KIND[field]) {
		case 'score': {
			const numbers = values.map((value) => ({ value, number: readNumber(value) }));
			const numeric = numbers.filter((n) => n.number !== null);
			const scale = numericScale(numeric.map((n) => n.number!));
			for (const { value, number } of numeric) {
				const level = levelOf(number!, scale);
				// Plain 1–5 values are board values already; other scales are shown to be checked.
				if (scale.kind !== 'five' || level === null) out[value] = level;
			}
			const words = numbers.filter((n) => n.number === null).map((n) => n.value);
			const labels = field.toLowerCase().includes('likelihood')
				? board.settings.likelihoodLabels
				: board.settings.impactLabels;
			Object.assign(out, suggestTextScale(words, labels));
			return out;
		}
		case 'status':
			for (const value of values) if (!isBoardStatus(value)) out[value] = suggestStatus(value);
			return out;
		case 'response':
			for (const value of values) if (!isBoardResponse(value)) out[value] = suggestResponse(value);
			return out;
		case 'person': {
			const byKey = new Map<string, string>();
			for (const person of board.people) {
				byKey.set(normaliseKey(person.name), person.id);
				if (person.email) byKey.set(normaliseKey(person.email), person.id);
			}
			return matchOrCreate(values, byKey);
		}
		case 'category':
			return matchOrCreate(
				values,
				new Map(board.settings.categories.map((c) => [normaliseKey(c.name), c.id]))
			);
		default:
			return out;
	}
}

/**
 * Each value → the id its normalised spelling names, else one new entry per normalised spelling
 * (`Zoë Müller` and `zoe müller` create one person, named as first written).
 */
function matchOrCreate(
	values: readonly string[],
	byKey: ReadonlyMap<string, string>
): Record<string, ImportValue> {
	const out: Record<string, ImportValue> = {};
	const created = new Map<string, string>();
	for (const value of values) {
		const key = normaliseKey(value);
		const id = byKey.get(key);
		if (id) {
			out[value] = id;
			continue;
		}
		if (!created.has(key)) created.set(key, value);
		out[value] = { new: created.get(key)! };
	}
	return out;
}

const isNew = (value: unknown): value is NewRef =>
	typeof value === 'object' && value !== null && typeof (value as NewRef).new === 'string';

/**
 * Builds the plan. Rows keep their file lines; every mapped, non-empty cell is read with the
 * model's rules (scores 1–5, statuses, responses, people and categories of the board or new
 * ones, dates, tags of 1–50 characters, http(s) links, text lengths) and each failure becomes
 * an error naming the value. Empty cells give no field (an update never clears a value).
 */
export function buildImportPlan(
	board: Board,
	table: ImportTable,
	choices: ImportChoices = {}
): ImportPlan {
	const mapping = mappingOf(table, choices);
	const suggested = suggestMapping(table.headers);
	const headerOf = (index: number) => table.headers[index]?.trim() || `Column ${index + 1}`;
	const problems: string[] = [];
	const columnOf = new Map<ImportField, number>();
	mapping.forEach((field, index) => {
		if (field === null) return;
		if (columnOf.has(field)) {
			problems.push(
				`${FIELD_LABEL[field]} is mapped from two columns (“${headerOf(columnOf.get(field)!)}” and “${headerOf(index)}”); ignore one.`
			);
		} else columnOf.set(field, index);
	});
	if (!columnOf.has('title'))
		problems.push('No column is mapped to the title; every risk needs one.');

	const columns: PlanColumn[] = table.headers.map((header, index) => ({
		index,
		header,
		samples: distinct(table, index).slice(0, SAMPLE_COUNT),
		field: mapping[index] ?? null,
		suggested: suggested[index] ?? null
	}));

	// Value mapping: suggestions for every distinct value, the person's choices on top.
	const values: ValueMapping = {};
	for (const [field, index] of columnOf) {
		const kind = FIELD_KIND[field];
		if (!['score', 'status', 'response', 'person', 'category'].includes(kind)) continue;
		const suggestions = suggestValues(board, field, distinct(table, index));
		const chosen = choices.values?.[field] ?? {};
		values[field] = { ...suggestions };
		for (const [source, value] of Object.entries(chosen)) {
			if (source in suggestions || kind === 'score') values[field]![source] = value;
		}
		if (kind === 'score' || Object.keys(values[field]!).length > 0) continue;
		delete values[field];
	}

	// Day/month order from every slashed date of the mapped date columns.
	const dateTexts: string[] = [];
	for (const [field, index] of columnOf) {
		if (FIELD_KIND[field] !== 'date') continue;
		for (const row of table.rows) {
			const cell = row.cells[index];
			if (typeof cell === 'string') dateTexts.push(cell);
		}
	}
	const inferred = inferDateOrder(dateTexts);
	const dateOrder =
		choices.dateOrder ?? (inferred === 'dmy' || inferred === 'mdy' ? inferred : null);
	const dateOrderNeeded =
		dateOrder === null && (inferred === 'ambiguous' || inferred === 'conflict');

	const people = new Set(board.people.map((p) => p.id));
	const categories = new Set(board.settings.categories.map((c) => c.id));
	const bySource = new Map<string, string>();
	const byTitle = new Map<string, string>();
	for (const risk of board.risks) {
		if (risk.sourceId) bySource.set(risk.sourceId.trim().toLowerCase(), risk.id);
		byTitle.set(risk.title.trim(), risk.id);
	}
	const sourceLines = new Map<string, number>();

	const rows: PlanRow[] = table.rows.map(({ line, cells }) => {
		const risk: ImportDraft = {};
		const errors: RowError[] = [];
		const mitigation: { ownerId?: RefValue | null; dueDate?: string } = {};
		for (const [field, index] of columnOf) {
			const column = headerOf(index);
			const fail = (message: string) => errors.push({ column, message });
			const cell: ImportCell | undefined = cells[index];
			const text = cellText(cell);
			const label = FIELD_LABEL[field];
			if (text === '') {
				if (field === 'title') fail('title is empty');
				continue;
			}
			const mapped = values[field]?.[text];
			const kind = FIELD_KIND[field];
			switch (kind) {
				case 'text': {
					const max = TEXT_MAX[field]!;
					const raw = typeof cell === 'string' ? cell : text;
					const value = field === 'title' || field === 'sourceId' ? raw.trim() : raw;
					if (value.length > max) {
						fail(
							`${label} is ${value.length.toLocaleString('en-US')} characters; at most ${max.toLocaleString('en-US')}`
						);
						break;
					}
					if (field === 'mitigation') risk.mitigation = { text: value };
					else (risk as Record<string, unknown>)[field] = value;
					break;
				}
				case 'score': {
					if (mapped === '') break;
					const number = readNumber(text);
					let level: number | null;
					if (mapped !== undefined) level = typeof mapped === 'number' ? mapped : null;
					else level = number ? levelOf(number, { kind: 'five' }) : null;
					if (level === null || !Number.isInteger(level) || level < 1 || level > 5) {
						fail(
							readNumber(text) && mapped == null
								? `${label} ${text} is outside 1–5`
								: `${label} ${quote(text)} is not mapped to a level 1–5`
						);
						break;
					}
					(risk as Record<string, unknown>)[field] = level;
					break;
				}
				case 'status': {
					const status = mapped === undefined ? text : mapped;
					if (mapped === '') break;
					if (!isBoardStatus(status)) fail(`status ${quote(text)} matches no status of the board`);
					else risk.status = status;
					break;
				}
				case 'response': {
					const response = mapped === undefined ? text : mapped;
					if (mapped === '') break;
					if (!isBoardResponse(response))
						fail(`response ${quote(text)} matches no response of the board`);
					else risk.response = response;
					break;
				}
				case 'person':
				case 'category': {
					if (mapped === '') break;
					const known = kind === 'person' ? people : categories;
					const max = kind === 'person' ? PERSON_NAME_MAX : CATEGORY_NAME_MAX;
					let ref: RefValue | null = null;
					if (isNew(mapped)) {
						const name = mapped.new.trim();
						if (name === '' || name.length > max) {
							fail(
								`a new ${kind === 'person' ? 'person' : 'category'} needs a name of 1–${max} characters, not ${quote(name)}`
							);
							break;
						}
						ref = { new: name };
					} else if (typeof mapped === 'string' && known.has(mapped)) ref = mapped;
					if (ref === null) {
						fail(
							`${label} ${quote(text)} matches no ${kind === 'person' ? 'person' : 'category'} on the board`
						);
						break;
					}
					if (field === 'owner') risk.ownerId = ref;
					else if (field === 'category') risk.categoryId = ref;
					else mitigation.ownerId = ref;
					break;
				}
				case 'date': {
					let date: string;
					if (typeof cell === 'object' && cell !== null) date = cell.date;
					else {
						const read = readDate(text, dateOrder);
						if ('error' in read) {
							fail(
								read.error === 'ambiguous'
									? `${label} ${quote(text)} could be day/month or month/day: choose the date order`
									: `${label} ${quote(text)} is not a date`
							);
							break;
						}
						date = read.date;
					}
					if (field === 'mitigationDue') mitigation.dueDate = date;
					else (risk as Record<string, unknown>)[field] = date;
					break;
				}
				case 'list': {
					if (field === 'tags') {
						const tags = [
							...new Set(
								text
									.split(/[,;|\n]/)
									.map((t) => t.trim())
									.filter(Boolean)
							)
						];
						const long = tags.find((tag) => tag.length > TAG_MAX);
						if (long) fail(`tag ${quote(long)} is longer than ${TAG_MAX} characters`);
						else risk.tags = tags;
					} else {
						const links = [...new Set(text.split(/[\s,;|]+/).filter(Boolean))];
						const bad = links.find(
							(link) => !/^https?:\/\/\S+$/i.test(link) || link.length > LINK_MAX
						);
						if (bad) fail(`link ${quote(bad)} is not an http(s) URL`);
						else risk.links = links;
					}
					break;
				}
			}
		}
		if (risk.mitigation) Object.assign(risk.mitigation, mitigation);
		if (risk.status === 'Closed' && risk.closedReason === undefined) {
			risk.closedReason = IMPORTED_CLOSED_REASON;
		}
		let duplicateOf: string | null = null;
		if (risk.sourceId !== undefined) {
			const key = risk.sourceId.toLowerCase();
			const earlier = sourceLines.get(key);
			if (earlier !== undefined) {
				errors.push({
					column: headerOf(columnOf.get('sourceId')!),
					message: `source id ${quote(risk.sourceId)} is also on line ${earlier}`
				});
			} else sourceLines.set(key, line);
			duplicateOf = bySource.get(key) ?? null;
		} else if (risk.title !== undefined) duplicateOf = byTitle.get(risk.title) ?? null;
		return { line, risk, errors, duplicateOf };
	});

	const update = choices.duplicates === 'update';
	const valid = rows.filter((row) => row.errors.length === 0);
	const written = valid.filter((row) => row.duplicateOf === null || update);
	const newPeople = new Set<string>();
	const newCategories = new Set<string>();
	for (const { risk } of written) {
		for (const ref of [risk.ownerId, risk.mitigation?.ownerId])
			if (isNew(ref)) newPeople.add(ref.new);
		if (isNew(risk.categoryId)) newCategories.add(risk.categoryId.new);
	}
	const duplicates = rows.filter((row) => row.duplicateOf !== null).length;
	const validDuplicates = valid.filter((row) => row.duplicateOf !== null).length;
	return {
		columns,
		values,
		dateOrder,
		dateOrderNeeded,
		rows,
		summary: {
			total: rows.length,
			valid: valid.length,
			invalid: rows.length - valid.length,
			duplicates,
			add: valid.length - validDuplicates,
			update: update ? validDuplicates : 0,
			skip: update ? 0 : validDuplicates
		},
		newPeople: [...newPeople].sort(),
		newCategories: [...newCategories].sort(),
		problems
	};
}

/** The plan as one sentence: "38 risks will be added, 2 rows have errors, 3 people … created". */
export function planSummaryText(plan: ImportPlan): string {
	const { summary } = plan;
	const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
	const parts = [`${n(summary.add, 'risk', 'risks')} will be added`];
	if (summary.update > 0) parts.push(`${n(summary.update, 'risk', 'risks')} updated`);
	if (summary.skip > 0) parts.push(`${n(summary.skip, 'duplicate', 'duplicates')} skipped`);
	if (summary.invalid > 0) parts.push(`${n(summary.invalid, 'row has', 'rows have')} errors`);
	const created: string[] = [];
	if (plan.newPeople.length > 0) created.push(n(plan.newPeople.length, 'person', 'people'));
	if (plan.newCategories.length > 0)
		created.push(n(plan.newCategories.length, 'category', 'categories'));
	let text = parts.join(', ');
	if (created.length > 0) text += `, ${created.join(' and ')} will be created`;
	return text;
}
