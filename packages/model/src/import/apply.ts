/**
 * Writing an import plan into a board in one transaction, and taking it back: the undo record
 * keeps what the import created and the values it replaced, with a fingerprint of each risk and
 * action as the import left it, so undo removes or restores only what nobody changed since.
 */
import type * as Y from 'yjs';
import { addActions, deleteAction } from '../actions.ts';
import { BoardError } from '../errors.ts';
import { addPerson, removePerson } from '../people.ts';
import { readBoard } from '../read.ts';
import {
	addRisks,
	deleteRisk,
	setRiskText,
	updateRisk,
	type NewRisk,
	type RiskPatch
} from '../risks.ts';
import { write } from '../schema.ts';
import { addCategory, removeCategory } from '../settings.ts';
import type { Board, MitigationAction, Risk, WriteOptions } from '../types.ts';
import type { ImportDraft, ImportPlan, RefValue } from './plan.ts';

/** Risk fields an import writes and undo compares; texts first. */
const RISK_VALUE_FIELDS = [
	'title',
	'description',
	'trigger',
	'contingency',
	'categoryId',
	'ownerId',
	'status',
	'closedReason',
	'response',
	'likelihood',
	'impact',
	'residualLikelihood',
	'residualImpact',
	'dueDate',
	'nextReviewDate',
	'lastReviewed',
	'tags',
	'links',
	'sourceId'
] as const;
type RiskValueField = (typeof RISK_VALUE_FIELDS)[number];
const TEXT_FIELDS = new Set<RiskValueField>(['title', 'description', 'trigger', 'contingency']);

/** A risk's importable values (and its plan), as one comparable string. */
function riskFingerprint(risk: Risk): string {
	return JSON.stringify([...RISK_VALUE_FIELDS.map((field) => risk[field]), risk.actionIds]);
}

/** A risk's importable values without its plan (updated risks: the import's action is separate). */
function valuesFingerprint(risk: Risk): string {
	return JSON.stringify(RISK_VALUE_FIELDS.map((field) => risk[field]));
}

function actionFingerprint(action: MitigationAction): string {
	return JSON.stringify([
		action.text,
		action.ownerId,
		action.dueDate,
		action.status,
		action.progress,
		action.riskIds
	]);
}

/** What undoing an import needs; plain JSON, kept by the server's store. */
export interface ImportUndoRecord {
	risks: Array<{ id: string; fingerprint: string }>;
	actions: Array<{ id: string; fingerprint: string }>;
	people: string[];
	categories: string[];
	/** Risks the import updated: the values it replaced (only fields it changed). */
	updates: Array<{
		riskId: string;
		before: Partial<Record<RiskValueField, unknown>>;
		fingerprint: string;
	}>;
}

/** What a commit did. */
export interface ImportResult {
	created: number;
	updated: number;
	skipped: number;
	/** Ids of the risks created and updated, in file order. */
	riskIds: string[];
	undo: ImportUndoRecord;
}

/** Options of `applyImport`. */
export interface ApplyOptions extends WriteOptions {
	/** Import the valid rows and leave the others out; without it any invalid row refuses all. */
	skipInvalid?: boolean;
	duplicates?: 'skip' | 'update';
}

/** Thrown when a plan cannot be committed as it is: its rows or mapping have errors. */
export class ImportRejected extends BoardError {
	override name = 'ImportRejected';
	constructor(
		message: string,
		readonly rows: Array<{ line: number; column: string | null; message: string }>
	) {
		super(message);
	}
}

/** Every row error of a plan, flat, in line order. */
export function planErrors(
	plan: ImportPlan
): Array<{ line: number; column: string | null; message: string }> {
	return plan.rows.flatMap((row) => row.errors.map((error) => ({ line: row.line, ...error })));
}

/**
 * Throws `ImportRejected` when `plan` cannot be committed as it is: mapping problems, or invalid
 * rows without `skipInvalid`. `applyImport` checks the same first; callers may check earlier.
 */
export function checkImportPlan(
	plan: ImportPlan,
	options: Pick<ApplyOptions, 'skipInvalid'> = {}
): void {
	if (plan.problems.length > 0) throw new ImportRejected(plan.problems.join(' '), []);
	const errors = planErrors(plan);
	if (errors.length > 0 && !options.skipInvalid) {
		const count = new Set(errors.map((error) => error.line)).size;
		throw new ImportRejected(
			`${count} ${count === 1 ? 'row has' : 'rows have'} errors; nothing was imported. Fix them or skip the rows with errors.`,
			errors
		);
	}
}

/**
 * Writes `plan` into `doc` in one transaction (one update): the people and categories it
 * needs, then each valid row as a new risk (with its mitigation action), or, for a row matching
 * a risk with `duplicates: 'update'`, that risk's mapped fields in place (and the action added);
 * matching rows are skipped otherwise. Throws `ImportRejected` (writing nothing) when the plan
 * has mapping problems, or invalid rows and no `skipInvalid`. A `BoardError` from the model
 * half-way also leaves the caller to discard the document (the server runs this on a scratch
 * copy). Nothing is ever deleted.
 */
export function applyImport(
	doc: Y.Doc,
	plan: ImportPlan,
	options: ApplyOptions = {}
): ImportResult {
	checkImportPlan(plan, options);
	const update = options.duplicates === 'update';
	const at = { origin: options.origin, now: options.now };
	return write(doc, options, () => {
		const people = new Map<string, string>();
		const categories = new Map<string, string>();
		const person = (ref: RefValue | null | undefined): string | null | undefined => {
			if (ref === undefined || ref === null || typeof ref === 'string') return ref;
			let id = people.get(ref.new);
			if (!id) {
				const email = /^[^\s@]+@[^\s@]+$/.test(ref.new) ? ref.new : null;
				id = addPerson(doc, { name: ref.new, email, ...at });
				people.set(ref.new, id);
			}
			return id;
		};
		const category = (ref: RefValue | null | undefined): string | null | undefined => {
			if (ref === undefined || ref === null || typeof ref === 'string') return ref;
			let id = categories.get(ref.new);
			if (!id) {
				id = addCategory(doc, { name: ref.new, ...at });
				categories.set(ref.new, id);
			}
			return id;
		};
		const needsBefore = plan.rows.some(
			(row) => row.duplicateOf !== null && row.errors.length === 0
		);
		const risksBefore = new Map(
			needsBefore ? readBoard(doc).risks.map((risk) => [risk.id, risk]) : []
		);
		const updates: ImportUndoRecord['updates'] = [];
		/** Per written row in file order: the risk id, or the index of the new risk. */
		const written: Array<{ riskId: string } | { added: number }> = [];
		const mitigations: Array<{
			row: number;
			text: string;
			ownerId: string | null;
			dueDate: string | null;
		}> = [];
		const additions: Array<Omit<NewRisk, 'after' | 'origin' | 'now'>> = [];
		let skipped = 0;
		for (const row of plan.rows) {
			if (row.errors.length > 0) continue;
			const draft = row.risk;
			const patch = patchOf(draft, person, category);
			if (row.duplicateOf !== null) {
				if (!update) {
					skipped++;
					continue;
				}
				const existing = risksBefore.get(row.duplicateOf);
				if (!existing) throw new BoardError(`Line ${row.line}: the matching risk no longer exists`);
				const riskId = existing.id;
				// Matched by source id: keep the board's spelling of it.
				if (patch.sourceId?.toLowerCase() === existing.sourceId?.toLowerCase())
					delete patch.sourceId;
				const replaced: Partial<Record<RiskValueField, unknown>> = {};
				for (const field of RISK_VALUE_FIELDS) {
					const next = field in patch ? patch[field as keyof typeof patch] : undefined;
					if (next !== undefined && JSON.stringify(next) !== JSON.stringify(existing[field])) {
						replaced[field] = existing[field];
					}
				}
				const { title, description, trigger, contingency, ...fields } = patch;
				if (Object.keys(fields).length > 0) {
					if (
						fields.status === 'Closed' &&
						fields.closedReason === undefined &&
						!existing.closedReason
					) {
						fields.closedReason = 'Imported as closed';
					}
					updateRisk(doc, riskId, fields, at);
				}
				const texts = { title, description, trigger, contingency };
				for (const [field, value] of Object.entries(texts)) {
					if (value !== undefined && value !== existing[field as 'title']) {
						setRiskText(doc, { riskId, field: field as 'title', value, ...at });
					}
				}
				if (Object.keys(replaced).length > 0 || draft.mitigation) {
					updates.push({ riskId, before: replaced, fingerprint: '' });
				}
				written.push({ riskId });
			} else {
				additions.push({ ...patch, title: patch.title ?? '' });
				written.push({ added: additions.length - 1 });
			}
			if (draft.mitigation) {
				mitigations.push({
					row: written.length - 1,
					text: draft.mitigation.text,
					ownerId: person(draft.mitigation.ownerId) ?? null,
					dueDate: draft.mitigation.dueDate ?? null
				});
			}
		}
		// New risks and their actions in bulk: one ledger and order read each, not one per row.
		const added = addRisks(doc, additions, at).map((risk) => risk.id);
		const riskIds = written.map((entry) =>
			'riskId' in entry ? entry.riskId : added[entry.added]!
		);
		const createdRisks = added;
		const createdActions = addActions(
			doc,
			mitigations.map((m) => ({
				riskId: riskIds[m.row]!,
				text: m.text,
				ownerId: m.ownerId,
				dueDate: m.dueDate
			})),
			at
		);
		const after = readBoard(doc);
		const risks = new Map(after.risks.map((risk) => [risk.id, risk]));
		const actions = new Map(after.actions.map((action) => [action.id, action]));
		for (const entry of updates) entry.fingerprint = valuesFingerprint(risks.get(entry.riskId)!);
		return {
			created: createdRisks.length,
			updated: updates.length,
			skipped,
			riskIds,
			undo: {
				risks: createdRisks.map((id) => ({ id, fingerprint: riskFingerprint(risks.get(id)!) })),
				actions: createdActions.map((id) => ({
					id,
					fingerprint: actionFingerprint(actions.get(id)!)
				})),
				people: [...people.values()],
				categories: [...categories.values()],
				updates
			}
		};
	});
}

function patchOf(
	draft: ImportDraft,
	person: (ref: RefValue | null | undefined) => string | null | undefined,
	category: (ref: RefValue | null | undefined) => string | null | undefined
): RiskPatch & { title?: string; description?: string; trigger?: string; contingency?: string } {
	const { mitigation: _mitigation, ownerId, categoryId, ...rest } = draft;
	const patch: RiskPatch & {
		title?: string;
		description?: string;
		trigger?: string;
		contingency?: string;
	} = {
		...rest
	};
	const owner = person(ownerId);
	if (owner !== undefined) patch.ownerId = owner;
	const cat = category(categoryId);
	if (cat !== undefined) patch.categoryId = cat;
	return patch;
}

/** Something undo left in place, and why. */
export interface KeptItem {
	kind: 'risk' | 'action' | 'person' | 'category';
	id: string;
	/** The risk it concerns (the risk itself, or the action's risk), or null. */
	riskId: string | null;
	reason: string;
}

/** What undoing an import did. */
export interface UndoResult {
	/** Risks removed. */
	removed: number;
	/** Risks whose replaced values were put back. */
	restored: number;
	/** Actions, people and categories removed. */
	removedActions: number;
	removedPeople: number;
	removedCategories: number;
	kept: KeptItem[];
}

/**
 * Takes an import back in one transaction: removes the risks and actions it created and puts
 * back the values it replaced, each only if it still looks exactly as the import left it
 * (otherwise it is kept and named); then removes the people and categories it created that
 * nothing on the board uses any more. Something already deleted is simply gone.
 */
export function undoImport(
	doc: Y.Doc,
	record: ImportUndoRecord,
	options: WriteOptions = {}
): UndoResult {
	const board = readBoard(doc);
	const risks = new Map(board.risks.map((risk) => [risk.id, risk]));
	const actions = new Map(board.actions.map((action) => [action.id, action]));
	const kept: KeptItem[] = [];
	const label = (risk: Risk) => risk.key;
	let removed = 0;
	let restored = 0;
	let removedActions = 0;
	return write(doc, options, () => {
		const removedRisks = new Set<string>();
		for (const { id, fingerprint } of record.risks) {
			const risk = risks.get(id);
			if (!risk) continue;
			if (riskFingerprint(risk) !== fingerprint) {
				kept.push({
					kind: 'risk',
					id,
					riskId: id,
					reason: `${label(risk)} was changed after the import`
				});
				continue;
			}
			deleteRisk(doc, id, options);
			removedRisks.add(id);
			removed++;
		}
		const keptRisks = new Set(kept.map((item) => item.id));
		for (const { id, fingerprint } of record.actions) {
			const action = actions.get(id);
			if (!action || action.riskIds.every((riskId) => removedRisks.has(riskId))) {
				if (action) removedActions++;
				continue;
			}
			if (action.riskIds.some((riskId) => keptRisks.has(riskId))) continue;
			if (actionFingerprint(action) !== fingerprint) {
				kept.push({
					kind: 'action',
					id,
					riskId: action.riskIds[0] ?? null,
					reason: `The action “${action.text.slice(0, 60)}” was changed after the import`
				});
				continue;
			}
			deleteAction(doc, id, options);
			removedActions++;
		}
		for (const entry of record.updates) {
			const risk = risks.get(entry.riskId);
			if (!risk) continue;
			const same = valuesFingerprint(risk) === entry.fingerprint;
			if (!same) {
				kept.push({
					kind: 'risk',
					id: risk.id,
					riskId: risk.id,
					reason: `${label(risk)} was changed after the import`
				});
				continue;
			}
			const texts: Array<[string, unknown]> = [];
			const patch: Record<string, unknown> = {};
			for (const [field, value] of Object.entries(entry.before)) {
				if (TEXT_FIELDS.has(field as RiskValueField)) texts.push([field, value]);
				else patch[field] = value;
			}
			if (Object.keys(patch).length > 0) updateRisk(doc, risk.id, patch as RiskPatch, options);
			for (const [field, value] of texts) {
				setRiskText(doc, {
					riskId: risk.id,
					field: field as 'title',
					value: String(value ?? ''),
					...options
				});
			}
			if (Object.keys(entry.before).length > 0) restored++;
		}
		const now = readBoard(doc);
		const removedPeople = removeUnused(
			now,
			record.people,
			'person',
			(id) => removePerson(doc, id, options),
			kept
		);
		const removedCategories = removeUnused(
			now,
			record.categories,
			'category',
			(id) => removeCategory(doc, id, options),
			kept
		);
		return { removed, restored, removedActions, removedPeople, removedCategories, kept };
	});
}

function removeUnused(
	board: Board,
	ids: readonly string[],
	kind: 'person' | 'category',
	remove: (id: string) => void,
	kept: KeptItem[]
): number {
	let count = 0;
	for (const id of ids) {
		const exists =
			kind === 'person'
				? board.people.some((p) => p.id === id)
				: board.settings.categories.some((c) => c.id === id);
		if (!exists) continue;
		const user =
			kind === 'person'
				? (board.risks.find((r) => r.ownerId === id) ??
					board.actions.find((a) => a.ownerId === id) ??
					board.matrices.find((m) =>
						m.columns.some((c) => c.kind === 'person' && c.personId === id)
					))
				: board.risks.find((r) => r.categoryId === id);
		if (user) {
			const name =
				kind === 'person'
					? board.people.find((p) => p.id === id)!.name
					: board.settings.categories.find((c) => c.id === id)!.name;
			const riskId = 'key' in user ? (user as Risk).id : null;
			kept.push({ kind, id, riskId, reason: `${name} is still used on the board` });
			continue;
		}
		remove(id);
		count++;
	}
	return count;
}
