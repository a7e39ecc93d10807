import * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { BoardError } from './errors.ts';
import { newId } from './ids.ts';
import { orderKeyFor, sortOrdered, type Placement } from './order-keys.ts';
import {
	childMap,
	mapEntries,
	newMap,
	readInt,
	readOrder,
	readString,
	requireMap,
	roots,
	setIfChanged,
	write,
	type YMap
} from './schema.ts';
import { DEFAULT_SCORE_BANDS } from './scoring.ts';
import { readReviewCadence, validateReviewCadence } from './review-cadence.ts';
import { DEFAULT_TIME_ZONE, dateIn, isTimeZone } from './time-zone.ts';
import type {
	BoardSettings,
	Category,
	ReviewCadence,
	ScoreBandBounds,
	WriteOptions
} from './types.ts';
import { requireInt, requireName } from './validate.ts';

/** Default likelihood labels for 1–5. */
export const DEFAULT_LIKELIHOOD_LABELS: readonly string[] = [
	'Rare',
	'Unlikely',
	'Possible',
	'Likely',
	'Almost certain'
];
/** Default impact labels for 1–5. */
export const DEFAULT_IMPACT_LABELS: readonly string[] = [
	'Negligible',
	'Minor',
	'Moderate',
	'Major',
	'Severe'
];
/** Default category names, in order. */
export const DEFAULT_CATEGORIES: readonly string[] = [
	'Technical',
	'Schedule',
	'Resource',
	'Vendor',
	'Security',
	'Compliance'
];
/** Default threshold for the "A on too many rows" RACI warning. */
export const DEFAULT_RACI_MAX_ACCOUNTABLE = 5;

/**
 * Writes any missing setting with its default; existing values are kept. Used by migration 1
 * only: settings are created by the single writer (the server), never concurrently by peers.
 */
export function writeDefaultSettings(doc: Y.Doc): void {
	const { settings } = roots(doc);
	if (!settings.has('likelihoodLabels'))
		settings.set('likelihoodLabels', [...DEFAULT_LIKELIHOOD_LABELS]);
	if (!settings.has('impactLabels')) settings.set('impactLabels', [...DEFAULT_IMPACT_LABELS]);
	if (!settings.has('scoreBands')) settings.set('scoreBands', { ...DEFAULT_SCORE_BANDS });
	if (!settings.has('raciMaxAccountable')) {
		settings.set('raciMaxAccountable', DEFAULT_RACI_MAX_ACCOUNTABLE);
	}
	if (!childMap(settings, 'categories')) {
		const categories = new Y.Map<unknown>();
		const keys = generateNKeysBetween(null, null, DEFAULT_CATEGORIES.length);
		DEFAULT_CATEGORIES.forEach((name, index) => {
			categories.set(newId(), newMap({ name, order: keys[index] }));
		});
		settings.set('categories', categories);
	}
}

/** Settings that `updateSettings` can change; categories have their own functions. */
export interface SettingsPatch {
	likelihoodLabels?: readonly string[];
	impactLabels?: readonly string[];
	scoreBands?: ScoreBandBounds;
	raciMaxAccountable?: number;
	/** An IANA time zone name (`isTimeZone`). */
	timeZone?: string;
	/** Days per band, each 1–3650 or null for no cadence (`validateReviewCadence`). */
	reviewCadence?: ReviewCadence;
}

/**
 * Changes board settings. Labels must be exactly five non-empty strings; band bounds integers
 * with 1 ≤ low < medium < high < 25; `raciMaxAccountable` an integer ≥ 1. Each value is replaced
 * whole (last writer wins), which is fine for settings nobody co-edits character by character.
 */
export function updateSettings(doc: Y.Doc, patch: SettingsPatch, options?: WriteOptions): void {
	const labels = (value: readonly string[] | undefined, what: string) => {
		if (value === undefined) return undefined;
		if (!Array.isArray(value) || value.length !== 5) {
			throw new BoardError(`${what} must be exactly 5 labels`);
		}
		return value.map((label, index) => requireName(label, `${what}[${index}]`, 60));
	};
	const likelihood = labels(patch.likelihoodLabels, 'likelihoodLabels');
	const impact = labels(patch.impactLabels, 'impactLabels');
	const bands = patch.scoreBands && validateBands(patch.scoreBands);
	const maxA =
		patch.raciMaxAccountable === undefined
			? undefined
			: requireInt(patch.raciMaxAccountable, 'raciMaxAccountable', { min: 1, max: 1000 });
	if (patch.timeZone !== undefined && !isTimeZone(patch.timeZone)) {
		throw new BoardError('timeZone must be an IANA time zone such as Europe/Berlin');
	}
	const cadence =
		patch.reviewCadence === undefined ? undefined : validateReviewCadence(patch.reviewCadence);
	write(doc, options, () => {
		const { settings } = roots(doc);
		if (likelihood) settings.set('likelihoodLabels', likelihood);
		if (impact) settings.set('impactLabels', impact);
		if (bands) settings.set('scoreBands', bands);
		if (maxA !== undefined && maxA !== null) setIfChanged(settings, 'raciMaxAccountable', maxA);
		if (patch.timeZone !== undefined) setIfChanged(settings, 'timeZone', patch.timeZone);
		if (cadence) settings.set('reviewCadence', cadence);
	});
}

function validateBands(bands: ScoreBandBounds): ScoreBandBounds {
	const { low, medium, high } = bands;
	const ok =
		[low, medium, high].every(Number.isInteger) &&
		1 <= low &&
		low < medium &&
		medium < high &&
		high < 25;
	if (!ok) {
		throw new BoardError('scoreBands must be integers with 1 ≤ low < medium < high < 25');
	}
	return { low, medium, high };
}

/** Settings with defaults filled in for anything missing or malformed. */
export function readSettings(doc: Y.Doc): BoardSettings {
	const { settings } = roots(doc);
	const labels = (key: string, fallback: readonly string[]) => {
		const value = settings.get(key);
		return Array.isArray(value) && value.length === 5 && value.every((l) => typeof l === 'string')
			? [...(value as string[])]
			: [...fallback];
	};
	let scoreBands = { ...DEFAULT_SCORE_BANDS };
	try {
		scoreBands = validateBands(settings.get('scoreBands') as ScoreBandBounds);
	} catch {
		// malformed or missing: keep the defaults
	}
	return {
		likelihoodLabels: labels('likelihoodLabels', DEFAULT_LIKELIHOOD_LABELS),
		impactLabels: labels('impactLabels', DEFAULT_IMPACT_LABELS),
		scoreBands,
		categories: readCategories(doc),
		raciMaxAccountable:
			readInt(settings, 'raciMaxAccountable', 1, 1000) ?? DEFAULT_RACI_MAX_ACCOUNTABLE,
		timeZone: isTimeZone(settings.get('timeZone'))
			? (settings.get('timeZone') as string)
			: DEFAULT_TIME_ZONE,
		reviewCadence: readReviewCadence(settings.get('reviewCadence'))
	};
}

/** `boardToday` for a document: today (or at `now`) in the board's time zone. */
export function documentToday(doc: Y.Doc, now = new Date()): string {
	return dateIn(readSettings(doc).timeZone, now);
}

function categoriesMap(doc: Y.Doc): YMap {
	const { settings } = roots(doc);
	const categories = childMap(settings, 'categories');
	if (!categories) throw new BoardError('This board has no category list (not initialised)');
	return categories;
}

function readCategories(doc: Y.Doc): Category[] {
	const categories = childMap(roots(doc).settings, 'categories');
	if (!categories) return [];
	return sortOrdered(
		[...mapEntries(categories)].map(([id, map]) => ({
			id,
			name: readString(map, 'name'),
			order: readOrder(map)
		}))
	);
}

/** Adds a category (at the end, or after `after`) and returns its id. */
export function addCategory(
	doc: Y.Doc,
	input: { name: string; after?: string } & WriteOptions
): string {
	const name = requireName(input.name, 'Category name', 60);
	return write(doc, input, () => {
		const id = newId();
		const order = orderKeyFor(readCategories(doc), { after: input.after });
		categoriesMap(doc).set(id, newMap({ name, order }));
		return id;
	});
}

/** Renames a category. */
export function renameCategory(doc: Y.Doc, id: string, name: string, options?: WriteOptions): void {
	const value = requireName(name, 'Category name', 60);
	write(doc, options, () =>
		setIfChanged(requireMap(categoriesMap(doc), id, 'category'), 'name', value)
	);
}

/** Removes a category; risks that used it read as uncategorised (categoryId null). */
export function removeCategory(doc: Y.Doc, id: string, options?: WriteOptions): void {
	write(doc, options, () => {
		const categories = categoriesMap(doc);
		requireMap(categories, id, 'category');
		categories.delete(id);
	});
}

/** Moves a category (see `Placement`). */
export function moveCategory(doc: Y.Doc, input: { id: string } & Placement & WriteOptions): void {
	write(doc, input, () => {
		const category = requireMap(categoriesMap(doc), input.id, 'category');
		const order = orderKeyFor(readCategories(doc), { ...input, self: input.id });
		category.set('order', order);
	});
}
