/**
 * The Yjs layout of a board document: root names, nested collection names, and defensive
 * readers. Every other module reaches the document through here, so the layout lives in one
 * place (see CONTEXT.md for the whole picture).
 */
import * as Y from 'yjs';
import { BoardError } from './errors.ts';
import { isValidOrderKey } from './order-keys.ts';
import type { WriteOptions } from './types.ts';

/** A Y.Map whose values we check before trusting: remote peers may run other code. */
export type YMap = Y.Map<unknown>;

/** Root shared types of a board document. */
export const ROOT = {
	meta: 'meta',
	settings: 'settings',
	people: 'people',
	risks: 'risks',
	riskKeys: 'riskKeys',
	actions: 'actions',
	matrices: 'matrices',
	/** Review sessions: id → review (see reviews.ts). A root, so it needs no migration. */
	reviews: 'reviews'
} as const;

/**
 * Names of every root type a board document may hold. The server refuses updates that write into
 * any other root (a flipped bit in a root name would otherwise add a stray root forever).
 */
export const BOARD_ROOTS: ReadonlySet<string> = new Set(Object.values(ROOT));

/** The roots as typed maps. `getMap` only registers a type locally; it writes no update. */
export function roots(doc: Y.Doc) {
	return {
		meta: doc.getMap<unknown>(ROOT.meta),
		settings: doc.getMap<unknown>(ROOT.settings),
		people: doc.getMap<unknown>(ROOT.people),
		risks: doc.getMap<unknown>(ROOT.risks),
		riskKeys: doc.getMap<unknown>(ROOT.riskKeys),
		actions: doc.getMap<unknown>(ROOT.actions),
		matrices: doc.getMap<unknown>(ROOT.matrices),
		reviews: doc.getMap<unknown>(ROOT.reviews)
	};
}

/** The child map at `key`, or undefined when missing or not a map. */
export function childMap(parent: YMap, key: string): YMap | undefined {
	const value = parent.get(key);
	return value instanceof Y.Map ? (value as YMap) : undefined;
}

/** The child map at `key`; throws a `BoardError` naming `what` when it does not exist. */
export function requireMap(parent: YMap, key: string, what: string): YMap {
	const map = childMap(parent, key);
	if (!map) throw new BoardError(`Unknown ${what} "${key}"`);
	return map;
}

/** Every (id, child map) entry of a collection map, skipping malformed values. */
export function* mapEntries(parent: YMap): Generator<[string, YMap]> {
	for (const [key, value] of parent.entries()) {
		if (value instanceof Y.Map) yield [key, value as YMap];
	}
}

/** The Y.Text at `key`; throws when missing (text fields are created with their parent). */
export function requireText(parent: YMap, key: string, what: string): Y.Text {
	const value = parent.get(key);
	if (!(value instanceof Y.Text)) throw new BoardError(`${what} has no text field "${key}"`);
	return value;
}

/** Text content at `key`, '' when missing. */
export function readText(map: YMap, key: string): string {
	const value = map.get(key);
	return value instanceof Y.Text ? value.toString() : '';
}

/** String at `key`, or `fallback` when missing or not a string. */
export function readString(map: YMap, key: string, fallback = ''): string {
	const value = map.get(key);
	return typeof value === 'string' ? value : fallback;
}

/**
 * The order key of a list item; '' (sorts first) when missing or malformed, which happens
 * briefly when a peer receives an overwrite's delete before the new value.
 */
export function readOrder(map: YMap): string {
	const value = map.get('order');
	return typeof value === 'string' && isValidOrderKey(value) ? value : '';
}

/** Non-empty string at `key`, or null. */
export function readOptionalString(map: YMap, key: string): string | null {
	const value = map.get(key);
	return typeof value === 'string' && value !== '' ? value : null;
}

/** Integer in [min, max] at `key`, or null. */
export function readInt(map: YMap, key: string, min: number, max: number): number | null {
	const value = map.get(key);
	return Number.isInteger(value) && (value as number) >= min && (value as number) <= max
		? (value as number)
		: null;
}

/** One of `values` at `key`, or null. */
export function readEnum<T extends string>(map: YMap, key: string, values: readonly T[]): T | null {
	const value = map.get(key);
	return values.includes(value as T) ? (value as T) : null;
}

/** 'YYYY-MM-DD' date at `key`, or null. */
export function readDate(map: YMap, key: string): string | null {
	const value = map.get(key);
	return isIsoDate(value) ? value : null;
}

/** Members of the set map at `key` (entries whose value is `true`), sorted. */
export function readSet(map: YMap, key: string): string[] {
	const set = childMap(map, key);
	if (!set) return [];
	return [...set.entries()]
		.filter(([, value]) => value === true)
		.map(([member]) => member)
		.sort();
}

/**
 * Makes the set map at `key` hold exactly `members`, writing only the differences so that
 * concurrent edits of different members merge instead of overwriting each other.
 */
export function writeSet(map: YMap, key: string, members: Iterable<string>): void {
	let set = childMap(map, key);
	if (!set) {
		set = new Y.Map<unknown>();
		map.set(key, set);
	}
	const wanted = new Set(members);
	for (const member of [...set.keys()]) if (!wanted.has(member)) set.delete(member);
	for (const member of wanted) if (set.get(member) !== true) set.set(member, true);
}

/** A new Y.Map holding `fields` (undefined values skipped). */
export function newMap(fields: Record<string, unknown>): YMap {
	const map = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(fields)) if (value !== undefined) map.set(key, value);
	return map;
}

/** A new Y.Text holding `value`. */
export function newText(value = ''): Y.Text {
	const text = new Y.Text();
	if (value !== '') text.insert(0, value);
	return text;
}

/** Replaces all content of `text` with `value` (delete all + insert). */
export function replaceText(text: Y.Text, value: string): void {
	if (text.toString() === value) return;
	text.delete(0, text.length);
	if (value !== '') text.insert(0, value);
}

/** Sets `key` only when the value differs, so no-op patches write nothing. */
export function setIfChanged(map: YMap, key: string, value: unknown): void {
	if (map.get(key) !== value || !map.has(key)) map.set(key, value);
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** ISO timestamp of `options.now`, or of the current time. */
export function timestamp(options: WriteOptions | undefined): string {
	return (options?.now ?? new Date()).toISOString();
}

/** Runs `fn` in one transaction (one update) with the caller's origin. */
export function write<T>(doc: Y.Doc, options: WriteOptions | undefined, fn: () => T): T {
	let result: T | undefined;
	doc.transact(() => {
		result = fn();
	}, options?.origin ?? null);
	return result as T;
}
