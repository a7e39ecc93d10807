/**
 * Bulk edits of the register: one change applied to many risks as one transaction, so it is one
 * update for everyone and one undo step for the person who made it. The whole change is checked
 * first, with the rules of `updateRisk` for every risk; a bad value or an unknown risk throws a
 * `BoardError` and writes nothing (never half-applied).
 */
import type * as Y from 'yjs';
import { BoardError } from './errors.ts';
import {
	deleteRisk,
	riskMap,
	updateRisk,
	validatePatch,
	validateTags,
	type RiskPatch
} from './risks.ts';
import { readSet, write } from './schema.ts';
import type { RiskResponse, RiskStatus, WriteOptions } from './types.ts';

/** One change for every selected risk. */
export type BulkChange =
	| { kind: 'owner'; ownerId: string | null }
	/** Closing needs one `closedReason`, given to every risk. */
	| { kind: 'status'; status: RiskStatus; closedReason?: string | null }
	| { kind: 'category'; categoryId: string | null }
	| { kind: 'response'; response: RiskResponse | null }
	| { kind: 'dueDate'; date: string | null }
	| { kind: 'nextReviewDate'; date: string | null }
	| { kind: 'addTag'; tag: string }
	| { kind: 'removeTag'; tag: string }
	| { kind: 'delete' };

/** The kinds of `BulkChange`, in the order the UI offers them. */
export const BULK_CHANGE_KINDS = [
	'owner',
	'status',
	'category',
	'response',
	'dueDate',
	'nextReviewDate',
	'addTag',
	'removeTag',
	'delete'
] as const satisfies ReadonlyArray<BulkChange['kind']>;

/** Input of `bulkEditRisks`. */
export interface BulkEditInput extends WriteOptions {
	/** The selected risks: at least one, no repeats, each on the board. */
	riskIds: readonly string[];
	change: BulkChange;
}

/** Most risks one bulk edit takes. */
export const MAX_BULK_RISKS = 1000;

function patchFor(doc: Y.Doc, riskId: string, change: BulkChange): RiskPatch | null {
	switch (change.kind) {
		case 'owner':
			return { ownerId: change.ownerId };
		case 'status':
			return change.status === 'Closed'
				? { status: change.status, closedReason: change.closedReason ?? null }
				: { status: change.status };
		case 'category':
			return { categoryId: change.categoryId };
		case 'response':
			return { response: change.response };
		case 'dueDate':
			return { dueDate: change.date };
		case 'nextReviewDate':
			return { nextReviewDate: change.date };
		case 'addTag': {
			const [tag] = validateTags([change.tag]) as [string];
			return { tags: [...readSet(riskMap(doc, riskId), 'tags'), tag] };
		}
		case 'removeTag': {
			const [tag] = validateTags([change.tag]) as [string];
			return { tags: readSet(riskMap(doc, riskId), 'tags').filter((t) => t !== tag) };
		}
		case 'delete':
			return null;
		default:
			throw new BoardError(
				`change.kind must be one of ${BULK_CHANGE_KINDS.join(', ')}, got ${String((change as { kind?: unknown }).kind)}`
			);
	}
}

/**
 * Applies `change` to every risk in `riskIds` in one transaction and returns how many risks it
 * touched. Validates the whole change first: the list (1–1000 ids, no repeats, every risk
 * exists) and each risk's resulting patch (owner a person, category on the board, status and
 * response known, dates real, a closedReason when closing, tags 1–50 characters). Deleting
 * works as `deleteRisk` does for each (their keys are never reused).
 */
export function bulkEditRisks(doc: Y.Doc, input: BulkEditInput): { count: number } {
	const { riskIds, change } = input;
	if (!Array.isArray(riskIds) || riskIds.length === 0) {
		throw new BoardError('Select at least one risk');
	}
	if (riskIds.length > MAX_BULK_RISKS) {
		throw new BoardError(`A bulk edit takes at most ${MAX_BULK_RISKS} risks`);
	}
	if (new Set(riskIds).size !== riskIds.length) throw new BoardError('A risk is selected twice');
	if (typeof change !== 'object' || change === null) throw new BoardError('A change is needed');
	const patches = riskIds.map((id) => {
		const risk = riskMap(doc, id);
		const patch = patchFor(doc, id, change);
		if (patch) validatePatch(doc, patch, risk);
		return { id, patch };
	});
	write(doc, input, () => {
		for (const { id, patch } of patches) {
			if (patch) updateRisk(doc, id, patch, input);
			else deleteRisk(doc, id, input);
		}
	});
	return { count: patches.length };
}
