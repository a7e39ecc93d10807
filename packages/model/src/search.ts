/**
 * Register search: one rule for which risks a query finds and which field matched, so the
 * register, the heat map and any other list agree. Pure: it reads a `readBoard` result.
 */
import type { Board, Risk } from './types.ts';

/** The fields a search looks in, in the order a match is reported. */
export const SEARCH_FIELDS = [
	'key',
	'title',
	'tags',
	'category',
	'owner',
	'description',
	'trigger',
	'contingency',
	'actions'
] as const;
/** A field a search looks in. */
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** What people read for each field (the search box's placeholder lists these). */
export const SEARCH_FIELD_LABELS: Readonly<Record<SearchField, string>> = {
	key: 'key',
	title: 'title',
	tags: 'tags',
	category: 'category',
	owner: 'owner',
	description: 'description',
	trigger: 'trigger',
	contingency: 'contingency',
	actions: 'actions'
};

/** "Search title, key, tags, …": the search box's placeholder, from `SEARCH_FIELD_LABELS`. */
export const SEARCH_PLACEHOLDER = `Search ${SEARCH_FIELDS.map((f) => SEARCH_FIELD_LABELS[f]).join(', ')}`;

/** A risk a query found. */
export interface SearchMatch {
	riskId: string;
	/** The first field (in `SEARCH_FIELDS` order) holding a word of the query; null for no query. */
	field: SearchField | null;
	/** Every field holding a word of the query, in `SEARCH_FIELDS` order. */
	fields: SearchField[];
	/** A short excerpt of `field` around the first match (at most about 80 characters). */
	excerpt: string;
}

/** Lower case, accents removed: "Café" finds "cafe" and the other way round. */
function fold(text: string): string {
	return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function fieldTexts(
	risk: Risk,
	board: Board,
	actionTexts: () => ReadonlyMap<string, string>
): Record<SearchField, string> {
	const category = board.settings.categories.find((c) => c.id === risk.categoryId)?.name ?? '';
	const owner = board.people.find((p) => p.id === risk.ownerId)?.name ?? '';
	const actions = risk.actionIds.length > 0 ? actionTexts() : undefined;
	return {
		key: risk.key,
		title: risk.title,
		tags: risk.tags.join(', '),
		category,
		owner,
		description: risk.description,
		trigger: risk.trigger,
		contingency: risk.contingency,
		actions: risk.actionIds.map((id) => actions?.get(id) ?? '').join(' · ')
	};
}

/** A risk's searchable texts, plain and folded, and the board parts they were taken from. */
interface Searchable {
	people: Board['people'];
	settings: Board['settings'];
	actions: Board['actions'];
	texts: Record<SearchField, string>;
	folded: ReadonlyArray<readonly [SearchField, string]>;
}

/**
 * Folded texts by risk object. A board read incrementally (`BoardReader`) keeps a risk's object
 * while nothing it shows changed, so a search re-run after one edit folds one risk again; the
 * names and action texts come from the board's people, settings and actions, whose identity
 * is checked too (any change there gives new objects, so the texts are taken again).
 */
const searchable = new WeakMap<Risk, Searchable>();

function searchableOf(
	risk: Risk,
	board: Board,
	actionTexts: () => ReadonlyMap<string, string>
): Searchable {
	const known = searchable.get(risk);
	if (
		known &&
		known.people === board.people &&
		known.settings === board.settings &&
		known.actions === board.actions
	) {
		return known;
	}
	const texts = fieldTexts(risk, board, actionTexts);
	const entry: Searchable = {
		people: board.people,
		settings: board.settings,
		actions: board.actions,
		texts,
		folded: SEARCH_FIELDS.map((field) => [field, fold(texts[field])] as const)
	};
	searchable.set(risk, entry);
	return entry;
}

/** About 80 characters of `text` around index `at`, with … where it was cut. */
function excerptOf(text: string, at: number): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	if (flat.length <= 80) return flat;
	const start = Math.max(0, Math.min(at - 30, flat.length - 80));
	const end = Math.min(flat.length, start + 80);
	return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

/**
 * The risks of `board` that `query` finds, in register order. The query is split into words
 * (case and accents ignored); a risk is found when every word occurs in at least one of its
 * fields (`SEARCH_FIELDS`: key, title, tags, category name, owner name, description, trigger,
 * contingency plan, the text of its mitigation actions). An empty query finds every risk, with
 * field null. Each match says which field matched, so the row can show it.
 */
export function searchRisks(board: Board, query: string): SearchMatch[] {
	const words = fold(query).split(/\s+/).filter(Boolean);
	const out: SearchMatch[] = [];
	let actions: Map<string, string> | undefined;
	const actionTexts = () =>
		(actions ??= new Map(board.actions.map((action) => [action.id, action.text])));
	for (const risk of words.length === 0 ? [] : board.risks) {
		const { texts, folded } = searchableOf(risk, board, actionTexts);
		if (!words.every((word) => folded.some(([, text]) => text.includes(word)))) continue;
		const fields = folded
			.filter(([, text]) => words.some((word) => text.includes(word)))
			.map(([field]) => field);
		const field = fields[0] as SearchField;
		const text = folded.find(([name]) => name === field)![1];
		const at = Math.min(...words.map((word) => text.indexOf(word)).filter((i) => i >= 0));
		out.push({ riskId: risk.id, field, fields, excerpt: excerptOf(texts[field], at) });
	}
	return words.length === 0
		? board.risks.map((risk) => ({ riskId: risk.id, field: null, fields: [], excerpt: '' }))
		: out;
}
