/**
 * Links from RACI activities to the board's risks and mitigation actions. Each row holds a set
 * map `links`: target id → 'risk' | 'action', so concurrent links and unlinks of different
 * targets merge and the same target linked twice is one link. The map is created with the row;
 * rows made before links existed get it from migration 2 (run by the server, the single writer),
 * and, as a fallback for documents not yet migrated, from their first link.
 * Links are never cleaned up when a risk or action is deleted: `readBoard` drops the dangling
 * ones, and undoing the delete brings the links back with the target.
 */
import type * as Y from 'yjs';
import { raciRowMap } from './raci.ts';
import { childMap, newMap, requireMap, roots, setIfChanged, write, type YMap } from './schema.ts';
import {
	RACI_LINK_KINDS,
	type Board,
	type RaciActivityRef,
	type RaciLinkKind,
	type RaciRow,
	type RaciRowLinks,
	type WriteOptions
} from './types.ts';
import { requireEnum } from './validate.ts';

/** Which activity and which target a link or unlink is about. */
export interface RaciLinkInput extends WriteOptions {
	matrixId: string;
	rowId: string;
	/** A risk id or a mitigation action id. */
	targetId: string;
}

/**
 * Links an activity to a risk (`kind: 'risk'`) or a mitigation action (`kind: 'action'`) of the
 * board. Linking again is a no-op. Throws a `BoardError` for an unknown matrix, row or target,
 * or a target of the other kind.
 */
export function linkRaciActivity(doc: Y.Doc, input: RaciLinkInput & { kind: RaciLinkKind }): void {
	const kind = requireEnum(input.kind, 'Link kind', RACI_LINK_KINDS);
	const row = raciRowMap(doc, input.matrixId, input.rowId);
	const { risks, actions } = roots(doc);
	requireMap(
		kind === 'risk' ? risks : actions,
		input.targetId,
		kind === 'risk' ? 'risk' : 'mitigation action'
	);
	write(doc, input, () => {
		let links = childMap(row, 'links');
		if (!links) {
			links = newMap({});
			row.set('links', links);
		}
		setIfChanged(links, input.targetId, kind);
	});
}

/**
 * Removes a link from an activity. The target need not exist any more (a dangling link can be
 * removed); removing a link the activity does not have is a no-op. Throws for an unknown row.
 */
export function unlinkRaciActivity(doc: Y.Doc, input: RaciLinkInput): void {
	const links = childMap(raciRowMap(doc, input.matrixId, input.rowId), 'links');
	if (!links?.has(input.targetId)) return;
	write(doc, input, () => links.delete(input.targetId));
}

/** Board positions of the live risks and actions, which order a row's links. */
export interface LinkTargets {
	risks: ReadonlyMap<string, number>;
	actions: ReadonlyMap<string, number>;
}

/** A row's live links (for `readBoard`): risks in register order, actions in board order. */
export function readRowLinks(row: YMap, targets: LinkTargets): RaciRowLinks {
	const links = childMap(row, 'links');
	const riskIds: string[] = [];
	const actionIds: string[] = [];
	for (const [id, kind] of links?.entries() ?? []) {
		if (kind === 'risk' && targets.risks.has(id)) riskIds.push(id);
		if (kind === 'action' && targets.actions.has(id)) actionIds.push(id);
	}
	const by = (positions: ReadonlyMap<string, number>) => (a: string, b: string) =>
		positions.get(a)! - positions.get(b)!;
	return {
		riskIds: riskIds.sort(by(targets.risks)),
		actionIds: actionIds.sort(by(targets.actions))
	};
}

const NO_LINKS: RaciRowLinks = Object.freeze({ riskIds: [], actionIds: [] }) as RaciRowLinks;

/** A row's links; none for a row from a snapshot taken before links existed. */
export function raciRowLinks(row: RaciRow): RaciRowLinks {
	return (row as Partial<RaciRow>).links ?? NO_LINKS;
}

/**
 * The activities linked to a risk or a mitigation action (by id), in matrix order then row
 * order: the other side of `RaciRow.links`. Computed from the rows rather than stored on each
 * risk and action, so there is one source of truth (and snapshots need nothing extra).
 */
export function activitiesLinkedTo(board: Board, targetId: string): RaciActivityRef[] {
	const found: RaciActivityRef[] = [];
	for (const matrix of board.matrices) {
		for (const row of matrix.rows) {
			const links = raciRowLinks(row);
			if (links.riskIds.includes(targetId) || links.actionIds.includes(targetId)) {
				found.push({
					matrixId: matrix.id,
					matrixName: matrix.name,
					rowId: row.id,
					rowText: row.text
				});
			}
		}
	}
	return found;
}
