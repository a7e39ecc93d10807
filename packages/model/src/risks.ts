import type * as Y from 'yjs';
import { generateNKeysBetween } from 'fractional-indexing';
import { BoardError } from './errors.ts';
import { newId } from './ids.ts';
import { orderKeyFor, sortOrdered, type Ordered, type Placement } from './order-keys.ts';
import { requirePersonOrNull } from './people.ts';
import { RISK_KEY_PREFIX, claimRiskKey, claimRiskKeys } from './risk-keys.ts';
import {
	childMap,
	mapEntries,
	newMap,
	newText,
	readOrder,
	replaceText,
	requireMap,
	requireText,
	roots,
	setIfChanged,
	timestamp,
	write,
	writeSet,
	type YMap
} from './schema.ts';
import {
	RISK_RESPONSES,
	RISK_STATUSES,
	RISK_TEXT_FIELDS,
	type RiskResponse,
	type RiskStatus,
	type RiskTextField,
	type WriteOptions
} from './types.ts';
import { optionalText, requireDateOrNull, requireEnum, requireInt } from './validate.ts';
import { requireTextLength } from './limits.ts';

/** The risk fields `updateRisk` changes; text fields go through `setRiskText`/`getRiskText`. */
export interface RiskPatch {
	categoryId?: string | null;
	ownerId?: string | null;
	status?: RiskStatus;
	/** Required (non-empty) while the status is Closed. */
	closedReason?: string | null;
	response?: RiskResponse | null;
	/** 1–5 or null; likewise impact and the residual pair. */
	likelihood?: number | null;
	impact?: number | null;
	residualLikelihood?: number | null;
	residualImpact?: number | null;
	/** 'YYYY-MM-DD' or null. */
	nextReviewDate?: string | null;
	dueDate?: string | null;
	/** The day a review last looked at the risk; `recordDecision` sets it, imports may too. */
	lastReviewed?: string | null;
	/** Replaces the tag set (only differences are written, so concurrent edits merge). */
	tags?: readonly string[];
	/** Replaces the link set; http(s) URLs. */
	links?: readonly string[];
	/** The risk's id in the register it was imported from; at most 200 characters, null clears. */
	sourceId?: string | null;
}

/** Input of `addRisk`: a title, any `RiskPatch` field and the other texts. */
export interface NewRisk extends RiskPatch, WriteOptions {
	title: string;
	description?: string;
	trigger?: string;
	contingency?: string;
	/** Insert right after this risk; default: at the end of the register. */
	after?: string;
}

const SCORE_FIELDS = ['likelihood', 'impact', 'residualLikelihood', 'residualImpact'] as const;
const DATE_FIELDS = ['nextReviewDate', 'dueDate', 'lastReviewed'] as const;

/** The risk's Y.Map; throws a `BoardError` when it does not exist. */
export function riskMap(doc: Y.Doc, id: string): YMap {
	return requireMap(roots(doc).risks, id, 'risk');
}

/** (id, order) of every risk, for placing. */
export function riskOrders(doc: Y.Doc): Ordered[] {
	return [...mapEntries(roots(doc).risks)].map(([id, map]) => ({
		id,
		order: readOrder(map)
	}));
}

/**
 * Checks a patch against the board and the risk's current state (`current`; omitted for a new
 * risk) and returns the fields to write; throws a `BoardError` for any bad value. Shared by
 * `updateRisk` and `bulkEditRisks`, so a change of many risks obeys the same rules as one.
 */
export function validatePatch(
	doc: Y.Doc,
	patch: RiskPatch,
	current?: YMap
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (patch.categoryId !== undefined) {
		const categories = childMap(roots(doc).settings, 'categories');
		if (patch.categoryId !== null && !categories?.has(patch.categoryId)) {
			throw new BoardError(`Category "${patch.categoryId}" does not exist`);
		}
		out.categoryId = patch.categoryId;
	}
	if (patch.ownerId !== undefined) out.ownerId = requirePersonOrNull(doc, patch.ownerId, 'Owner');
	if (patch.status !== undefined) out.status = requireEnum(patch.status, 'status', RISK_STATUSES);
	if (patch.closedReason !== undefined) {
		out.closedReason = optionalText(patch.closedReason, 'closedReason', 1000);
	}
	if (patch.response !== undefined) {
		out.response =
			patch.response === null ? null : requireEnum(patch.response, 'response', RISK_RESPONSES);
	}
	for (const field of SCORE_FIELDS) {
		if (patch[field] !== undefined) {
			out[field] = requireInt(patch[field], field, { min: 1, max: 5, nullable: true });
		}
	}
	for (const field of DATE_FIELDS) {
		if (patch[field] !== undefined) out[field] = requireDateOrNull(patch[field], field);
	}
	if (patch.sourceId !== undefined) out.sourceId = optionalText(patch.sourceId, 'sourceId', 200);
	const status = (out.status ?? current?.get('status') ?? 'Open') as RiskStatus;
	const reason = 'closedReason' in out ? out.closedReason : (current?.get('closedReason') ?? null);
	if (status === 'Closed' && (typeof reason !== 'string' || reason === '')) {
		throw new BoardError('A closed risk needs a closedReason');
	}
	return out;
}

/** Trimmed tags, 1–50 characters each; throws a `BoardError` naming a bad one. */
export function validateTags(tags: readonly string[]): string[] {
	return tags.map((tag) => {
		if (typeof tag !== 'string' || tag.trim() === '' || tag.trim().length > 50) {
			throw new BoardError(`Tag "${String(tag)}" must be 1–50 characters`);
		}
		return tag.trim();
	});
}

/** http(s) URLs of at most 2,000 characters; throws a `BoardError` naming a bad one. */
export function validateLinks(links: readonly string[]): string[] {
	return links.map((link) => {
		if (typeof link !== 'string' || !/^https?:\/\/[^\s]+$/i.test(link) || link.length > 2000) {
			throw new BoardError(`Link "${String(link)}" must be an http(s) URL`);
		}
		return link;
	});
}

/**
 * Adds a risk and returns its id and key. Claims key number max(ledger)+1 (see risk-keys.ts),
 * creates all four text fields now (they are never replaced, so editors can bind to them) and
 * validates like `updateRisk`. Status defaults to Open.
 */
export function addRisk(doc: Y.Doc, input: NewRisk): { id: string; key: string } {
	const { title, description, trigger, contingency, after, tags, links, ...patch } = input;
	if (typeof title !== 'string' || title.trim() === '') {
		throw new BoardError('A risk needs a non-empty title');
	}
	requireTextLength(title.trim(), { kind: 'risk', field: 'title' }, 'The title');
	requireTextLength(description, { kind: 'risk', field: 'description' }, 'The description');
	requireTextLength(trigger, { kind: 'risk', field: 'trigger' }, 'The trigger');
	requireTextLength(contingency, { kind: 'risk', field: 'contingency' }, 'The contingency plan');
	const fields = validatePatch(doc, patch);
	const tagSet = validateTags(tags ?? []);
	const linkSet = validateLinks(links ?? []);
	return write(doc, input, () => {
		const id = newId();
		const order = orderKeyFor(riskOrders(doc), { after });
		// The ledger entry is written before the risk so that, integrating this update in order,
		// no peer ever sees the risk without its number.
		const number = claimRiskKey(doc, id);
		const now = timestamp(input);
		const risk = newMap({
			title: newText(title.trim()),
			description: newText(description ?? ''),
			trigger: newText(trigger ?? ''),
			contingency: newText(contingency ?? ''),
			status: 'Open',
			...fields,
			order,
			createdAt: now,
			updatedAt: now
		});
		roots(doc).risks.set(id, risk);
		writeSet(risk, 'tags', tagSet);
		writeSet(risk, 'links', linkSet);
		return { id, key: `${RISK_KEY_PREFIX}${number}` };
	});
}

/**
 * Adds many risks at the end of the register in one transaction (an import): each validated
 * exactly like `addRisk` before anything is written, then written with consecutive key numbers
 * and order keys computed once, so adding n risks costs O(n), not O(n²). `after` is ignored.
 */
export function addRisks(
	doc: Y.Doc,
	inputs: readonly Omit<NewRisk, 'after' | 'origin' | 'now'>[],
	options?: WriteOptions
): Array<{ id: string; key: string }> {
	const checked = inputs.map((input) => {
		const { title, description, trigger, contingency, tags, links, ...patch } = input;
		if (typeof title !== 'string' || title.trim() === '') {
			throw new BoardError('A risk needs a non-empty title');
		}
		requireTextLength(title.trim(), { kind: 'risk', field: 'title' }, 'The title');
		requireTextLength(description, { kind: 'risk', field: 'description' }, 'The description');
		requireTextLength(trigger, { kind: 'risk', field: 'trigger' }, 'The trigger');
		requireTextLength(contingency, { kind: 'risk', field: 'contingency' }, 'The contingency plan');
		return {
			title: title.trim(),
			description,
			trigger,
			contingency,
			fields: validatePatch(doc, patch),
			tags: validateTags(tags ?? []),
			links: validateLinks(links ?? [])
		};
	});
	if (checked.length === 0) return [];
	return write(doc, options, () => {
		const last = sortOrdered(riskOrders(doc)).at(-1)?.order ?? null;
		const orders = generateNKeysBetween(last, null, checked.length);
		const ids = checked.map(() => newId());
		const numbers = claimRiskKeys(doc, ids);
		const now = timestamp(options);
		const { risks } = roots(doc);
		return checked.map((risk, index) => {
			const id = ids[index]!;
			const map = newMap({
				title: newText(risk.title),
				description: newText(risk.description ?? ''),
				trigger: newText(risk.trigger ?? ''),
				contingency: newText(risk.contingency ?? ''),
				status: 'Open',
				...risk.fields,
				order: orders[index],
				createdAt: now,
				updatedAt: now
			});
			risks.set(id, map);
			writeSet(map, 'tags', risk.tags);
			writeSet(map, 'links', risk.links);
			return { id, key: `${RISK_KEY_PREFIX}${numbers[index]}` };
		});
	});
}

/**
 * Changes a risk's non-text fields. Validates everything first (scores 1–5, enums, dates,
 * existing owner and category, a closedReason while Closed) and throws a `BoardError` without
 * writing anything when a value is bad. Updates `updatedAt`.
 */
export function updateRisk(doc: Y.Doc, id: string, patch: RiskPatch, options?: WriteOptions): void {
	const risk = riskMap(doc, id);
	for (const field of RISK_TEXT_FIELDS) {
		if (field in patch) throw new BoardError(`"${field}" is text: use setRiskText or getRiskText`);
	}
	const fields = validatePatch(doc, patch, risk);
	const tags = patch.tags && validateTags(patch.tags);
	const links = patch.links && validateLinks(patch.links);
	write(doc, options, () => {
		for (const [key, value] of Object.entries(fields)) setIfChanged(risk, key, value);
		if (tags) writeSet(risk, 'tags', tags);
		if (links) writeSet(risk, 'links', links);
		risk.set('updatedAt', timestamp(options));
	});
}

/** The co-edited Y.Text of a risk field; bind editors to it (it is never replaced). */
export function getRiskText(doc: Y.Doc, riskId: string, field: RiskTextField): Y.Text {
	requireEnum(field, 'field', RISK_TEXT_FIELDS);
	return requireText(riskMap(doc, riskId), field, `Risk "${riskId}"`);
}

/**
 * Replaces the whole content of a risk text field (delete all + insert) and updates
 * `updatedAt`. For tests and imports; live editing binds to `getRiskText` instead, since a
 * replace discards concurrent edits to the same text.
 */
export function setRiskText(
	doc: Y.Doc,
	input: { riskId: string; field: RiskTextField; value: string } & WriteOptions
): void {
	const text = getRiskText(doc, input.riskId, input.field);
	if (input.field === 'title' && input.value.trim() === '') {
		throw new BoardError('A risk needs a non-empty title');
	}
	requireTextLength(input.value, { kind: 'risk', field: input.field }, `The ${input.field}`);
	write(doc, input, () => {
		replaceText(text, input.value);
		riskMap(doc, input.riskId).set('updatedAt', timestamp(input));
	});
}

/**
 * Deletes a risk, unlinks it from every action and deletes the actions that were linked to no
 * other existing risk. Its key-ledger entry stays, so its number is never reused.
 */
export function deleteRisk(doc: Y.Doc, id: string, options?: WriteOptions): void {
	riskMap(doc, id);
	write(doc, options, () => {
		const { risks, actions } = roots(doc);
		risks.delete(id);
		for (const [actionId, action] of [...mapEntries(actions)]) {
			const links = childMap(action, 'risks');
			if (!links?.has(id)) continue;
			links.delete(id);
			if (![...links.keys()].some((riskId) => risks.has(riskId))) actions.delete(actionId);
		}
	});
}

/** Moves a risk in the register (see `Placement`). */
export function moveRisk(doc: Y.Doc, input: { id: string } & Placement & WriteOptions): void {
	const risk = riskMap(doc, input.id);
	write(doc, input, () => {
		risk.set('order', orderKeyFor(riskOrders(doc), { ...input, self: input.id }));
	});
}
