import * as Y from 'yjs';
import { generateKeyBetween } from 'fractional-indexing';
import { BoardError } from './errors.ts';
import { newId } from './ids.ts';
import { isValidOrderKey, orderKeyFor, type Ordered, type Placement } from './order-keys.ts';
import { requirePersonOrNull } from './people.ts';
import { riskMap } from './risks.ts';
import {
	childMap,
	mapEntries,
	newMap,
	newText,
	replaceText,
	requireMap,
	requireText,
	roots,
	setIfChanged,
	timestamp,
	write,
	type YMap
} from './schema.ts';
import { ACTION_STATUSES, type ActionStatus, type WriteOptions } from './types.ts';
import { requireDateOrNull, requireEnum, requireInt } from './validate.ts';
import { requireTextLength } from './limits.ts';

/** The action fields `updateAction` changes; the text goes through `getActionText`. */
export interface ActionPatch {
	ownerId?: string | null;
	/** 'YYYY-MM-DD' or null. */
	dueDate?: string | null;
	status?: ActionStatus;
	/** Integer 0–100. */
	progress?: number;
}

function validatePatch(doc: Y.Doc, patch: ActionPatch): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (patch.ownerId !== undefined) out.ownerId = requirePersonOrNull(doc, patch.ownerId, 'Owner');
	if (patch.dueDate !== undefined) out.dueDate = requireDateOrNull(patch.dueDate, 'dueDate');
	if (patch.status !== undefined) out.status = requireEnum(patch.status, 'status', ACTION_STATUSES);
	if (patch.progress !== undefined) {
		out.progress = requireInt(patch.progress, 'progress', { min: 0, max: 100 });
	}
	return out;
}

function actionMap(doc: Y.Doc, id: string): YMap {
	return requireMap(roots(doc).actions, id, 'action');
}

function linksOf(action: YMap): YMap {
	const links = childMap(action, 'risks');
	if (!links) throw new BoardError('Malformed action: no risk links');
	return links;
}

/** (actionId, plan order key) of every action linked to `riskId`, for placing in that plan. */
export function planOrders(doc: Y.Doc, riskId: string): Ordered[] {
	const plan: Ordered[] = [];
	for (const [id, action] of mapEntries(roots(doc).actions)) {
		const order = childMap(action, 'risks')?.get(riskId);
		if (typeof order === 'string') plan.push({ id, order });
	}
	return plan;
}

/**
 * Adds a mitigation action at the end of a risk's plan and returns its id. Status defaults to
 * Planned and progress to 0; inputs are validated like `updateAction`.
 */
export function addAction(
	doc: Y.Doc,
	input: { riskId: string; text?: string } & ActionPatch & WriteOptions
): string {
	riskMap(doc, input.riskId);
	requireTextLength(input.text, { kind: 'action' }, 'An action');
	const fields = validatePatch(doc, input);
	return write(doc, input, () => {
		const id = newId();
		const links = new Y.Map<unknown>();
		links.set(input.riskId, orderKeyFor(planOrders(doc, input.riskId)));
		const now = timestamp(input);
		roots(doc).actions.set(
			id,
			newMap({
				text: newText(input.text ?? ''),
				ownerId: null,
				dueDate: null,
				status: 'Planned',
				progress: 0,
				...fields,
				risks: links,
				createdAt: now,
				updatedAt: now
			})
		);
		return id;
	});
}

/**
 * Adds many actions, each at the end of its risk's plan, in one transaction (an import): all
 * validated like `addAction` first, the plans read once, so n actions cost O(n + actions).
 */
export function addActions(
	doc: Y.Doc,
	inputs: ReadonlyArray<{ riskId: string; text?: string } & ActionPatch>,
	options?: WriteOptions
): string[] {
	const checked = inputs.map((input) => {
		riskMap(doc, input.riskId);
		requireTextLength(input.text, { kind: 'action' }, 'An action');
		return { input, fields: validatePatch(doc, input) };
	});
	if (checked.length === 0) return [];
	return write(doc, options, () => {
		const wanted = new Set(inputs.map((input) => input.riskId));
		const last = new Map<string, string>();
		for (const [, action] of mapEntries(roots(doc).actions)) {
			const links = childMap(action, 'risks');
			if (!links) continue;
			for (const [riskId, order] of links.entries()) {
				if (!wanted.has(riskId) || typeof order !== 'string' || !isValidOrderKey(order)) continue;
				const seen = last.get(riskId);
				if (seen === undefined || order > seen) last.set(riskId, order);
			}
		}
		const now = timestamp(options);
		return checked.map(({ input, fields }) => {
			const id = newId();
			const order = generateKeyBetween(last.get(input.riskId) ?? null, null);
			last.set(input.riskId, order);
			const links = new Y.Map<unknown>();
			links.set(input.riskId, order);
			roots(doc).actions.set(
				id,
				newMap({
					text: newText(input.text ?? ''),
					ownerId: null,
					dueDate: null,
					status: 'Planned',
					progress: 0,
					...fields,
					risks: links,
					createdAt: now,
					updatedAt: now
				})
			);
			return id;
		});
	});
}

/** Changes an action's owner, due date, status or progress; validates first; bumps updatedAt. */
export function updateAction(
	doc: Y.Doc,
	id: string,
	patch: ActionPatch,
	options?: WriteOptions
): void {
	const action = actionMap(doc, id);
	const fields = validatePatch(doc, patch);
	write(doc, options, () => {
		for (const [key, value] of Object.entries(fields)) setIfChanged(action, key, value);
		action.set('updatedAt', timestamp(options));
	});
}

/** The co-edited Y.Text of an action; bind editors to it (it is never replaced). */
export function getActionText(doc: Y.Doc, id: string): Y.Text {
	return requireText(actionMap(doc, id), 'text', `Action "${id}"`);
}

/** Replaces an action's whole text (delete all + insert). For tests and imports. */
export function setActionText(
	doc: Y.Doc,
	input: { actionId: string; value: string } & WriteOptions
): void {
	const text = getActionText(doc, input.actionId);
	requireTextLength(input.value, { kind: 'action' }, 'An action');
	write(doc, input, () => {
		replaceText(text, input.value);
		actionMap(doc, input.actionId).set('updatedAt', timestamp(input));
	});
}

/** Deletes an action from every plan it is in. */
export function deleteAction(doc: Y.Doc, id: string, options?: WriteOptions): void {
	actionMap(doc, id);
	write(doc, options, () => roots(doc).actions.delete(id));
}

/** Adds an existing action to the end of another risk's plan; a no-op if already linked. */
export function linkAction(
	doc: Y.Doc,
	input: { actionId: string; riskId: string } & WriteOptions
): void {
	const links = linksOf(actionMap(doc, input.actionId));
	riskMap(doc, input.riskId);
	if (links.has(input.riskId)) return;
	write(doc, input, () => links.set(input.riskId, orderKeyFor(planOrders(doc, input.riskId))));
}

/**
 * Removes an action from one risk's plan. Refuses (BoardError) to remove its last link to an
 * existing risk: delete the action instead, so nothing is orphaned by a local edit.
 */
export function unlinkAction(
	doc: Y.Doc,
	input: { actionId: string; riskId: string } & WriteOptions
): void {
	const links = linksOf(actionMap(doc, input.actionId));
	if (!links.has(input.riskId)) return;
	const { risks } = roots(doc);
	const others = [...links.keys()].filter((id) => id !== input.riskId && risks.has(id));
	if (others.length === 0) {
		throw new BoardError('This is the action\u2019s only risk: delete the action instead');
	}
	write(doc, input, () => links.delete(input.riskId));
}

/** Moves an action within one risk's plan (see `Placement`); other plans are unaffected. */
export function moveAction(
	doc: Y.Doc,
	input: { actionId: string; riskId: string } & Placement & WriteOptions
): void {
	const links = linksOf(actionMap(doc, input.actionId));
	if (!links.has(input.riskId)) {
		throw new BoardError(`Action "${input.actionId}" is not in the plan of risk "${input.riskId}"`);
	}
	write(doc, input, () => {
		const order = orderKeyFor(planOrders(doc, input.riskId), { ...input, self: input.actionId });
		links.set(input.riskId, order);
	});
}
