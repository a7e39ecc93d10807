/**
 * RACI matrix edits. A cell is a set of letters stored flat in the matrix's `cells` map as
 * `${rowId}:${colId}:${letter}` → true: no per-cell map has to be created first, so concurrent
 * edits of one cell (even of a cell nobody touched before) merge letter by letter, and two
 * people putting A on different columns of a row yield two A's, a visible check error.
 */
import type * as Y from 'yjs';
import { BoardError } from './errors.ts';
import { newId } from './ids.ts';
import { orderKeyFor, type Ordered, type Placement } from './order-keys.ts';
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
	write,
	type YMap
} from './schema.ts';
import {
	RACI_PRESETS,
	RACI_PRESET_LETTERS,
	type RaciLetter,
	type RaciPreset,
	type WriteOptions
} from './types.ts';
import { requireEnum, requireName } from './validate.ts';
import { requireTextLength } from './limits.ts';

/** The key of one letter of one cell in a matrix's `cells` map. */
export function cellLetterKey(rowId: string, colId: string, letter: string): string {
	return `${rowId}:${colId}:${letter}`;
}

/** Splits a `cells` key; undefined when malformed. */
export function parseCellLetterKey(
	key: string
): { rowId: string; colId: string; letter: string } | undefined {
	const [rowId, colId, letter, extra] = key.split(':');
	if (!rowId || !colId || !letter || extra !== undefined) return undefined;
	return { rowId, colId, letter };
}

function matrixMap(doc: Y.Doc, id: string): YMap {
	return requireMap(roots(doc).matrices, id, 'matrix');
}

function part(matrix: YMap, key: 'rows' | 'columns' | 'cells'): YMap {
	const map = childMap(matrix, key);
	if (!map) throw new BoardError(`Malformed matrix: no ${key}`);
	return map;
}

function orders(map: YMap): Ordered[] {
	return [...mapEntries(map)].map(([id, item]) => ({ id, order: readOrder(item) }));
}

/** Adds a matrix at the end of the board's matrices and returns its id. Preset defaults to RACI. */
export function addMatrix(
	doc: Y.Doc,
	input: { name: string; preset?: RaciPreset } & WriteOptions
): string {
	const name = requireName(input.name, 'Matrix name');
	const preset = requireEnum(input.preset ?? 'RACI', 'preset', RACI_PRESETS);
	return write(doc, input, () => {
		const id = newId();
		const order = orderKeyFor(orders(roots(doc).matrices));
		const matrix = newMap({ name, preset, order });
		for (const key of ['rows', 'columns', 'cells']) matrix.set(key, newMap({}));
		roots(doc).matrices.set(id, matrix);
		return id;
	});
}

/** Renames a matrix (trimmed, 1–200 characters). */
export function renameMatrix(doc: Y.Doc, id: string, name: string, options?: WriteOptions): void {
	const value = requireName(name, 'Matrix name');
	const matrix = matrixMap(doc, id);
	write(doc, options, () => setIfChanged(matrix, 'name', value));
}

/** Deletes a matrix with its rows, columns and cells. */
export function deleteMatrix(doc: Y.Doc, id: string, options?: WriteOptions): void {
	matrixMap(doc, id);
	write(doc, options, () => roots(doc).matrices.delete(id));
}

/** Moves a matrix among the board's matrices (see `Placement`). */
export function moveMatrix(doc: Y.Doc, input: { id: string } & Placement & WriteOptions): void {
	const matrix = matrixMap(doc, input.id);
	write(doc, input, () => {
		matrix.set('order', orderKeyFor(orders(roots(doc).matrices), { ...input, self: input.id }));
	});
}

/** Adds an activity row (at the end, or after `after`) and returns its id. */
export function addRaciRow(
	doc: Y.Doc,
	input: { matrixId: string; text?: string; after?: string } & WriteOptions
): string {
	const rows = part(matrixMap(doc, input.matrixId), 'rows');
	requireTextLength(input.text, { kind: 'raci-row' }, 'An activity');
	return write(doc, input, () => {
		const id = newId();
		const order = orderKeyFor(orders(rows), { after: input.after });
		// `links` is created with the row so concurrent first links merge (see raci-links.ts).
		rows.set(id, newMap({ text: newText(input.text ?? ''), order, links: newMap({}) }));
		return id;
	});
}

/** A row's map; throws a `BoardError` when the matrix or the row does not exist. */
export function raciRowMap(doc: Y.Doc, matrixId: string, rowId: string): YMap {
	return requireMap(part(matrixMap(doc, matrixId), 'rows'), rowId, 'RACI row');
}

/** The co-edited Y.Text of a row; bind editors to it (it is never replaced). */
export function getRaciRowText(doc: Y.Doc, matrixId: string, rowId: string): Y.Text {
	return requireText(raciRowMap(doc, matrixId, rowId), 'text', `RACI row "${rowId}"`);
}

/** Replaces a row's whole text (delete all + insert). For tests and imports. */
export function setRaciRowText(
	doc: Y.Doc,
	input: { matrixId: string; rowId: string; value: string } & WriteOptions
): void {
	const text = getRaciRowText(doc, input.matrixId, input.rowId);
	requireTextLength(input.value, { kind: 'raci-row' }, 'An activity');
	write(doc, input, () => replaceText(text, input.value));
}

function deleteCells(cells: YMap, matches: (cell: { rowId: string; colId: string }) => boolean) {
	for (const key of [...cells.keys()]) {
		const cell = parseCellLetterKey(key);
		if (!cell || matches(cell)) cells.delete(key);
	}
}

/** Deletes a row and its cells. */
export function deleteRaciRow(
	doc: Y.Doc,
	input: { matrixId: string; rowId: string } & WriteOptions
): void {
	const matrix = matrixMap(doc, input.matrixId);
	const rows = part(matrix, 'rows');
	requireMap(rows, input.rowId, 'RACI row');
	write(doc, input, () => {
		rows.delete(input.rowId);
		deleteCells(part(matrix, 'cells'), (cell) => cell.rowId === input.rowId);
	});
}

/** Moves a row (see `Placement`). */
export function moveRaciRow(
	doc: Y.Doc,
	input: { matrixId: string; rowId: string } & Placement & WriteOptions
): void {
	const rows = part(matrixMap(doc, input.matrixId), 'rows');
	const row = requireMap(rows, input.rowId, 'RACI row');
	write(doc, input, () =>
		row.set('order', orderKeyFor(orders(rows), { ...input, self: input.rowId }))
	);
}

/**
 * Adds a column for one person (`personId`, from the people list) or a whole team (`team`), at
 * the end or after `after`, and returns its id. Exactly one of the two is required; a person or
 * team that already has a column is refused.
 */
export function addRaciColumn(
	doc: Y.Doc,
	input: { matrixId: string; personId?: string; team?: string; after?: string } & WriteOptions
): string {
	const columns = part(matrixMap(doc, input.matrixId), 'columns');
	if ((input.personId === undefined) === (input.team === undefined)) {
		throw new BoardError('A RACI column needs exactly one of personId or team');
	}
	const fields: Record<string, string> = {};
	if (input.personId !== undefined) {
		if (!roots(doc).people.has(input.personId)) {
			throw new BoardError(`Person "${input.personId}" is not on this board`);
		}
		fields.personId = input.personId;
	} else {
		fields.team = requireName(input.team, 'Team', 100);
	}
	for (const [, column] of mapEntries(columns)) {
		if (
			(fields.personId && column.get('personId') === fields.personId) ||
			(fields.team && column.get('team') === fields.team)
		) {
			throw new BoardError('This matrix already has a column for them');
		}
	}
	return write(doc, input, () => {
		const id = newId();
		columns.set(
			id,
			newMap({ ...fields, order: orderKeyFor(orders(columns), { after: input.after }) })
		);
		return id;
	});
}

/** Removes a column and its cells. */
export function removeRaciColumn(
	doc: Y.Doc,
	input: { matrixId: string; colId: string } & WriteOptions
): void {
	const matrix = matrixMap(doc, input.matrixId);
	const columns = part(matrix, 'columns');
	requireMap(columns, input.colId, 'RACI column');
	write(doc, input, () => {
		columns.delete(input.colId);
		deleteCells(part(matrix, 'cells'), (cell) => cell.colId === input.colId);
	});
}

/** Moves a column (see `Placement`). */
export function moveRaciColumn(
	doc: Y.Doc,
	input: { matrixId: string; colId: string } & Placement & WriteOptions
): void {
	const columns = part(matrixMap(doc, input.matrixId), 'columns');
	const column = requireMap(columns, input.colId, 'RACI column');
	write(doc, input, () => {
		column.set('order', orderKeyFor(orders(columns), { ...input, self: input.colId }));
	});
}

/**
 * Makes a cell hold exactly `letters` (a set: duplicates ignored, [] clears it). Letters must
 * belong to the matrix's preset. Only the letters that change are written, so concurrent
 * toggles of different letters in one cell merge.
 */
export function setRaciCell(
	doc: Y.Doc,
	input: {
		matrixId: string;
		rowId: string;
		colId: string;
		letters: readonly string[];
	} & WriteOptions
): void {
	const matrix = matrixMap(doc, input.matrixId);
	requireMap(part(matrix, 'rows'), input.rowId, 'RACI row');
	requireMap(part(matrix, 'columns'), input.colId, 'RACI column');
	const preset = requireEnum(matrix.get('preset'), 'preset', RACI_PRESETS);
	const allowed: readonly string[] = RACI_PRESET_LETTERS[preset];
	const wanted = new Set<string>();
	for (const letter of input.letters) {
		if (!allowed.includes(letter)) {
			throw new BoardError(
				`Letter "${letter}" is not in the ${preset} preset (${allowed.join('')})`
			);
		}
		wanted.add(letter as RaciLetter);
	}
	const cells = part(matrix, 'cells');
	write(doc, input, () => {
		for (const letter of allowed) {
			const key = cellLetterKey(input.rowId, input.colId, letter);
			if (wanted.has(letter) && cells.get(key) !== true) cells.set(key, true);
			if (!wanted.has(letter) && cells.has(key)) cells.delete(key);
		}
	});
}
