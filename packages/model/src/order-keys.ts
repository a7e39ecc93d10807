import { generateKeyBetween } from 'fractional-indexing';
import { BoardError } from './errors.ts';

/** Anything placed in an ordered list: a stable id plus a fractional order key. */
export interface Ordered {
	readonly id: string;
	readonly order: string;
}

/**
 * Total order of list items: by order key, then by id. Concurrent inserts at the same spot get
 * equal keys, so the id breaks the tie identically on every peer. Plain code-unit comparison, the
 * same one `fractional-indexing` uses (never `localeCompare`).
 */
export function compareOrdered(a: Ordered, b: Ordered): number {
	if (a.order !== b.order) return a.order < b.order ? -1 : 1;
	if (a.id !== b.id) return a.id < b.id ? -1 : 1;
	return 0;
}

/** A sorted copy of `items` by (order key, id). */
export function sortOrdered<T extends Ordered>(items: Iterable<T>): T[] {
	return [...items].sort(compareOrdered);
}

/**
 * Where to put an item: right `after` an item (`after: null` = first), right `before` an item
 * (`before: null` = last), or at the end when neither is given. `after` wins if both are given.
 */
export interface Placement {
	before?: string | null | undefined;
	after?: string | null | undefined;
}

/**
 * The order key that puts an item at `placement` among `siblings` (the item itself, if present,
 * is ignored, so this also serves moves).
 *
 * Tied keys (from concurrent inserts) have no key strictly between them, and
 * `generateKeyBetween` throws when its bounds are equal. So "after X" lands after X's whole tie
 * group and "before X" before it; the item may therefore end up one or two places away from
 * the exact spot asked for, but the list never breaks. Throws a `BoardError` when the anchor is
 * not a sibling.
 */
export function orderKeyFor(
	siblings: Iterable<Ordered>,
	placement: Placement & { self?: string | undefined } = {}
): string {
	const all = [...siblings].filter((item) => item.id !== placement.self);
	const useAfter = placement.after !== undefined;
	const anchorId = useAfter ? placement.after : placement.before;
	if (anchorId != null && !all.some((item) => item.id === anchorId)) {
		throw new BoardError(`Cannot place next to "${anchorId}": it is not in this list`);
	}
	// A sibling can briefly have no valid key: a peer that receives an overwrite's delete before
	// the overwriting value (updates out of order) sees the field missing, and a foreign peer may
	// write garbage. Such items sort first, so they are left out here and an anchor among them
	// means "at the start".
	const list = sortOrdered(all.filter((item) => isValidOrderKey(item.order)));
	const first = list[0]?.order ?? null;
	const index = list.findIndex((item) => item.id === anchorId);
	if (anchorId === undefined || (anchorId === null && !useAfter)) {
		return generateKeyBetween(list.at(-1)?.order ?? null, null);
	}
	if (anchorId === null || index < 0) return generateKeyBetween(null, first);
	const anchor = list[index] as Ordered;
	if (useAfter) {
		const next = list.slice(index + 1).find((item) => item.order > anchor.order);
		return generateKeyBetween(anchor.order, next?.order ?? null);
	}
	const previous = list
		.slice(0, index)
		.reverse()
		.find((item) => item.order < anchor.order);
	return generateKeyBetween(previous?.order ?? null, anchor.order);
}

/**
 * Answers of `isValidOrderKey` so far. Checking a key costs a `generateKeyBetween` (which grows
 * with the key), and every read and every placement checks every sibling's key, so a board of
 * 10,000 risks spent most of `readBoard` and `addRisk` here. The answer depends on the key alone;
 * the cache is emptied when it gets large, so it cannot grow without bound.
 */
const validity = new Map<string, boolean>();
const VALIDITY_CACHE_SIZE = 200_000;

/** True when `key` is a well-formed fractional-indexing key. */
export function isValidOrderKey(key: string): boolean {
	const known = validity.get(key);
	if (known !== undefined) return known;
	let valid: boolean;
	try {
		generateKeyBetween(key, null);
		valid = true;
	} catch {
		valid = false;
	}
	if (validity.size >= VALIDITY_CACHE_SIZE) validity.clear();
	validity.set(key, valid);
	return valid;
}
