/**
 * The difference between two versions of one RACI matrix, as plain data for the diff view, the
 * review minutes and exports. Pure: it compares two `readBoard` matrices and knows nothing of Yjs.
 */
import { raciRowLinks } from './raci-links.ts';
import type {
	Board,
	RaciColumn,
	RaciLetter,
	RaciLinkKind,
	RaciMatrix,
	RaciPreset,
	RaciRow
} from './types.ts';

/** A before → after pair of one value. */
export interface Change<T> {
	before: T;
	after: T;
}

/** An activity row as the diff reports it. */
export interface RaciRowRef {
	id: string;
	text: string;
}

/** A column as the diff reports it: `label` is the person's name or the team name. */
export interface RaciColumnRef {
	id: string;
	kind: 'person' | 'team';
	label: string;
}

/**
 * One cell whose letters differ. A row or column that exists on one side only counts as empty on
 * the other, so the cells of an added row show who got which letter. Letters are in preset order.
 */
export interface RaciCellChange {
	rowId: string;
	/** The row's text (after, or before when the row was removed). */
	row: string;
	colId: string;
	/** The column's label (after, or before when the column was removed). */
	column: string;
	before: RaciLetter[];
	after: RaciLetter[];
}

/** A risk or mitigation action an activity is linked to, as the diff reports it. */
export interface RaciLinkRef {
	id: string;
	kind: RaciLinkKind;
	/** The risk's key (`R-7`) or the action's text; the id when neither board has it. */
	label: string;
}

/**
 * The links of one activity that differ, risks first (in each side's order). As with cells, a
 * row missing on one side has no links there, so an added row lists its links as added.
 */
export interface RaciLinksChange {
	rowId: string;
	/** The row's text (after, or before when the row was removed). */
	row: string;
	added: RaciLinkRef[];
	removed: RaciLinkRef[];
}

/**
 * Everything that changed in one matrix. Lists are in a fixed order: rows and cells follow the
 * after matrix's row order, then rows only the before matrix had, in its order; columns likewise.
 * Moves (order changes) alone are not reported.
 */
export interface MatrixDiff {
	matrixId: string;
	/** The matrix's name after (or before, when it was removed). */
	name: string;
	renamed: Change<string> | null;
	presetChanged: Change<RaciPreset> | null;
	rowsAdded: RaciRowRef[];
	rowsRemoved: RaciRowRef[];
	rowsRenamed: Array<{ id: string } & Change<string>>;
	columnsAdded: RaciColumnRef[];
	columnsRemoved: RaciColumnRef[];
	/** A column whose person was renamed, or (rarely) whose label changed otherwise. */
	columnsRenamed: Array<{ id: string } & Change<string>>;
	cellsChanged: RaciCellChange[];
	/** Activities whose linked risks or actions changed; moves of the targets are not changes. */
	linksChanged: RaciLinksChange[];
	/**
	 * Number of entries in all the lists above (each added or removed link counts once) plus
	 * renamed / presetChanged; 0 = no change.
	 */
	changeCount: number;
}

/** Items of `after` in its order, then the ids only `before` has, in its order. */
export function unionOrder<T extends { id: string }>(
	before: readonly T[],
	after: readonly T[]
): string[] {
	const seen = new Set(after.map((item) => item.id));
	return [
		...after.map((item) => item.id),
		...before.filter((item) => !seen.has(item.id)).map((item) => item.id)
	];
}

function columnRef(column: RaciColumn): RaciColumnRef {
	return { id: column.id, kind: column.kind, label: column.label };
}

function sameLetters(a: readonly RaciLetter[], b: readonly RaciLetter[]): boolean {
	return a.length === b.length && a.every((letter, index) => letter === b[index]);
}

/** The boards the two matrices come from, for the labels of linked risks and actions. */
export interface MatrixDiffContext {
	before?: Board;
	after?: Board;
}

function linkLabeller(context: MatrixDiffContext): (kind: RaciLinkKind, id: string) => string {
	const labels = new Map<string, string>();
	for (const board of [context.before, context.after]) {
		for (const risk of board?.risks ?? []) labels.set(risk.id, risk.key);
		for (const action of board?.actions ?? [])
			labels.set(action.id, action.text.trim() || 'Untitled action');
	}
	return (_kind, id) => labels.get(id) ?? id;
}

function linkRefs(row: RaciRow | undefined): Array<{ id: string; kind: RaciLinkKind }> {
	if (!row) return [];
	const links = raciRowLinks(row);
	return [
		...links.riskIds.map((id) => ({ id, kind: 'risk' as const })),
		...links.actionIds.map((id) => ({ id, kind: 'action' as const }))
	];
}

function diffLinks(
	rowId: string,
	rows: { was: RaciRow | undefined; is: RaciRow | undefined },
	label: (kind: RaciLinkKind, id: string) => string
): RaciLinksChange | null {
	const was = linkRefs(rows.was);
	const is = linkRefs(rows.is);
	const wasIds = new Set(was.map((link) => link.id));
	const isIds = new Set(is.map((link) => link.id));
	const ref = ({ id, kind }: { id: string; kind: RaciLinkKind }) => ({
		id,
		kind,
		label: label(kind, id)
	});
	const added = is.filter((link) => !wasIds.has(link.id)).map(ref);
	const removed = was.filter((link) => !isIds.has(link.id)).map(ref);
	if (added.length === 0 && removed.length === 0) return null;
	return { rowId, row: (rows.is ?? rows.was)!.text, added, removed };
}

/**
 * Compares two versions of a matrix (normally the same id, from a snapshot and the live board or
 * two snapshots). Ids decide identity: a row deleted and re-added with the same text is a removal
 * plus an addition. Passing two different matrices compares them as if they were one. `context`
 * (the two boards) only labels linked risks and actions; without it they are labelled by id.
 */
export function diffMatrix(
	before: RaciMatrix,
	after: RaciMatrix,
	context: MatrixDiffContext = {}
): MatrixDiff {
	const beforeRows = new Map(before.rows.map((row) => [row.id, row]));
	const afterRows = new Map(after.rows.map((row) => [row.id, row]));
	const beforeCols = new Map(before.columns.map((column) => [column.id, column]));
	const afterCols = new Map(after.columns.map((column) => [column.id, column]));
	const rowIds = unionOrder(before.rows, after.rows);
	const colIds = unionOrder(before.columns, after.columns);

	const diff: MatrixDiff = {
		matrixId: after.id,
		name: after.name,
		renamed: before.name === after.name ? null : { before: before.name, after: after.name },
		presetChanged:
			before.preset === after.preset ? null : { before: before.preset, after: after.preset },
		rowsAdded: [],
		rowsRemoved: [],
		rowsRenamed: [],
		columnsAdded: [],
		columnsRemoved: [],
		columnsRenamed: [],
		cellsChanged: [],
		linksChanged: [],
		changeCount: 0
	};
	for (const id of rowIds) {
		const was = beforeRows.get(id);
		const is = afterRows.get(id);
		if (!was && is) diff.rowsAdded.push({ id, text: is.text });
		else if (was && !is) diff.rowsRemoved.push({ id, text: was.text });
		else if (was && is && was.text !== is.text) {
			diff.rowsRenamed.push({ id, before: was.text, after: is.text });
		}
	}
	for (const id of colIds) {
		const was = beforeCols.get(id);
		const is = afterCols.get(id);
		if (!was && is) diff.columnsAdded.push(columnRef(is));
		else if (was && !is) diff.columnsRemoved.push(columnRef(was));
		else if (was && is && was.label !== is.label) {
			diff.columnsRenamed.push({ id, before: was.label, after: is.label });
		}
	}
	for (const rowId of rowIds) {
		const row = (afterRows.get(rowId) ?? beforeRows.get(rowId))!;
		for (const colId of colIds) {
			const column = (afterCols.get(colId) ?? beforeCols.get(colId))!;
			const was = (beforeRows.has(rowId) && before.cells[rowId]?.[colId]) || [];
			const is = (afterRows.has(rowId) && after.cells[rowId]?.[colId]) || [];
			if (!sameLetters(was, is)) {
				diff.cellsChanged.push({
					rowId,
					row: row.text,
					colId,
					column: column.label,
					before: [...was],
					after: [...is]
				});
			}
		}
	}
	const label = linkLabeller(context);
	for (const rowId of rowIds) {
		const change = diffLinks(
			rowId,
			{ was: beforeRows.get(rowId), is: afterRows.get(rowId) },
			label
		);
		if (change) diff.linksChanged.push(change);
	}
	diff.changeCount =
		(diff.renamed ? 1 : 0) +
		(diff.presetChanged ? 1 : 0) +
		diff.rowsAdded.length +
		diff.rowsRemoved.length +
		diff.rowsRenamed.length +
		diff.columnsAdded.length +
		diff.columnsRemoved.length +
		diff.columnsRenamed.length +
		diff.cellsChanged.length +
		diff.linksChanged.reduce((sum, row) => sum + row.added.length + row.removed.length, 0);
	return diff;
}
