import type * as Y from 'yjs';
import { BoardError } from './errors.ts';
import { newId } from './ids.ts';
import { orderKeyFor, sortOrdered, type Placement } from './order-keys.ts';
import {
	childMap,
	mapEntries,
	newMap,
	readOptionalString,
	readOrder,
	readString,
	requireMap,
	roots,
	setIfChanged,
	write,
	type YMap
} from './schema.ts';
import type { Person, WriteOptions } from './types.ts';
import { optionalText, requireName } from './validate.ts';

/** Editable fields of a person. */
export interface PersonFields {
	name: string;
	/** Team or function; '' or omitted for none. */
	team?: string | undefined;
	roleTitle?: string | null | undefined;
	email?: string | null | undefined;
}

function validate(patch: Partial<PersonFields>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	if (patch.name !== undefined) out.name = requireName(patch.name, 'Person name');
	if (patch.team !== undefined) out.team = optionalText(patch.team, 'Team', 100) ?? '';
	if (patch.roleTitle !== undefined)
		out.roleTitle = optionalText(patch.roleTitle, 'Role title', 100);
	if (patch.email !== undefined) {
		const email = optionalText(patch.email, 'E-mail', 254);
		if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email)) {
			throw new BoardError(`E-mail "${email}" is not an address`);
		}
		out.email = email;
	}
	return out;
}

/** People as plain values, sorted by (order, id). */
export function readPeople(doc: Y.Doc): Person[] {
	return sortOrdered(
		[...mapEntries(roots(doc).people)].map(([id, map]) => ({
			id,
			name: readString(map, 'name'),
			team: readString(map, 'team'),
			roleTitle: readOptionalString(map, 'roleTitle'),
			email: readOptionalString(map, 'email'),
			order: readOrder(map)
		}))
	);
}

function personMap(doc: Y.Doc, id: string): YMap {
	return requireMap(roots(doc).people, id, 'person');
}

/** Adds a person at the end of the people list and returns the id. */
export function addPerson(doc: Y.Doc, input: PersonFields & WriteOptions): string {
	const fields = validate({ team: '', ...input });
	return write(doc, input, () => {
		const id = newId();
		const order = orderKeyFor(readPeople(doc));
		roots(doc).people.set(id, newMap({ ...fields, order }));
		return id;
	});
}

/** Changes a person's name, team, role title or e-mail (null clears the optional ones). */
export function updatePerson(
	doc: Y.Doc,
	id: string,
	patch: Partial<PersonFields>,
	options?: WriteOptions
): void {
	const fields = validate(patch);
	write(doc, options, () => {
		const person = personMap(doc, id);
		for (const [key, value] of Object.entries(fields)) setIfChanged(person, key, value);
	});
}

/**
 * Removes a person. References to them (risk and action owners, RACI columns) are left in place
 * and read as gone by `readBoard`: rewriting them here would race with concurrent edits anyway.
 */
export function removePerson(doc: Y.Doc, id: string, options?: WriteOptions): void {
	write(doc, options, () => {
		personMap(doc, id);
		roots(doc).people.delete(id);
	});
}

/** Moves a person in the people list (see `Placement`). */
export function movePerson(doc: Y.Doc, input: { id: string } & Placement & WriteOptions): void {
	write(doc, input, () => {
		const person = personMap(doc, input.id);
		person.set('order', orderKeyFor(readPeople(doc), { ...input, self: input.id }));
	});
}

/** Whether `id` is a person on the board's people list. */
export function isPerson(doc: Y.Doc, id: unknown): id is string {
	return typeof id === 'string' && roots(doc).people.has(id);
}

/** The name of the person `id` on the board, or null when there is no such person. */
export function personName(doc: Y.Doc, id: string): string | null {
	const person = childMap(roots(doc).people, id);
	return person ? readString(person, 'name') : null;
}

/** Throws unless `id` is null or a person on the board. */
export function requirePersonOrNull(doc: Y.Doc, id: string | null, what: string): string | null {
	if (id !== null && !roots(doc).people.has(id)) {
		throw new BoardError(`${what} "${id}" is not a person on this board`);
	}
	return id;
}
