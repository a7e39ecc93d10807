/**
 * Human risk keys (R-1, R-2, …). The `riskKeys` ledger maps risk id → number and never shrinks,
 * so a number is never handed out twice on one peer. Peers adding risks concurrently (offline)
 * can claim the same number; the server settles that with `resolveRiskKeyConflicts`, and
 * `readBoard` shows duplicates distinctly until it has. See CONTEXT.md.
 */
import type * as Y from 'yjs';
import { ROOT, roots, write } from './schema.ts';
import type { WriteOptions } from './types.ts';

/** Prefix of every displayed risk key. */
export const RISK_KEY_PREFIX = 'R-';

/**
 * The roots whose own entries decide risk keys (a risk added or deleted, a ledger number set). A
 * batch that changed no entry of these (only fields inside risks, texts, actions …) cannot have
 * made a key conflict, so the server skips `resolveRiskKeyConflicts` for it.
 */
export const RISK_KEY_ROOTS: readonly string[] = [ROOT.risks, ROOT.riskKeys];

function ledgerEntries(doc: Y.Doc): [string, number][] {
	const entries: [string, number][] = [];
	for (const [id, value] of roots(doc).riskKeys.entries()) {
		if (Number.isSafeInteger(value) && (value as number) > 0) entries.push([id, value as number]);
	}
	return entries;
}

function maxClaimed(entries: readonly [string, number][]): number {
	let max = 0;
	for (const [, number] of entries) if (number > max) max = number;
	return max;
}

/** Claims the next number, max(ledger)+1, for a new risk. Call inside the creating transaction. */
export function claimRiskKey(doc: Y.Doc, riskId: string): number {
	const number = maxClaimed(ledgerEntries(doc)) + 1;
	roots(doc).riskKeys.set(riskId, number);
	return number;
}

/** Claims max(ledger)+1, +2, … for new risks, in the order given (one ledger read). */
export function claimRiskKeys(doc: Y.Doc, riskIds: readonly string[]): number[] {
	const first = maxClaimed(ledgerEntries(doc)) + 1;
	const { riskKeys } = roots(doc);
	return riskIds.map((id, index) => {
		riskKeys.set(id, first + index);
		return first + index;
	});
}

/**
 * Ids of every risk, deleted ones included, that holds a number in the key ledger. The server
 * takes this before applying incoming updates and passes it to `resolveRiskKeyConflicts`.
 */
export function riskKeyIds(doc: Y.Doc): Set<string> {
	return new Set(ledgerEntries(doc).map(([id]) => id));
}

/**
 * Renumbers risks that claimed a number someone else also holds. For each duplicated number an
 * `established` claimant keeps it (the smallest id if several are), otherwise the smallest id
 * does; all other claimants, plus live risks with no valid ledger entry, get max(ledger)+1, +2, …
 * in id order. `established` = `riskKeyIds(doc)` taken before the latest updates were applied,
 * so a key that anyone besides its offline creator may have seen never changes.
 * Run only by the server (a single writer: two resolvers could renumber differently).
 * Returns how many risks were renumbered; 0 means nothing was written.
 */
export function resolveRiskKeyConflicts(
	doc: Y.Doc,
	established: ReadonlySet<string>,
	options?: WriteOptions
): number {
	const entries = ledgerEntries(doc);
	const claimants = new Map<number, string[]>();
	for (const [id, number] of entries) {
		const ids = claimants.get(number);
		if (ids) ids.push(id);
		else claimants.set(number, [id]);
	}
	const renumber: string[] = [];
	for (const ids of claimants.values()) {
		if (ids.length < 2) continue;
		ids.sort();
		const keeper = ids.find((id) => established.has(id)) ?? ids[0];
		renumber.push(...ids.filter((id) => id !== keeper));
	}
	const valid = new Set(entries.map(([id]) => id));
	for (const id of roots(doc).risks.keys()) if (!valid.has(id)) renumber.push(id);
	if (renumber.length === 0) return 0;
	renumber.sort();
	let next = maxClaimed(entries);
	write(doc, options, () => {
		const ledger = roots(doc).riskKeys;
		for (const id of renumber) ledger.set(id, ++next);
	});
	return renumber.length;
}

/**
 * Display keys of the given live risks. Unique even before resolution: among live risks sharing
 * a number, the smallest id shows `R-n` and the others `R-n~2`, `R-n~3`, … in id order. A risk
 * missing from the ledger (only in a hand-made document) shows `R-?`.
 */
export function displayRiskKeys(
	doc: Y.Doc,
	riskIds: Iterable<string>
): Map<string, { key: string; number: number }> {
	const ledger = new Map(ledgerEntries(doc));
	const byNumber = new Map<number, string[]>();
	for (const id of riskIds) {
		const number = ledger.get(id) ?? 0;
		const ids = byNumber.get(number);
		if (ids) ids.push(id);
		else byNumber.set(number, [id]);
	}
	const keys = new Map<string, { key: string; number: number }>();
	for (const [number, ids] of byNumber) {
		ids.sort();
		ids.forEach((id, index) => {
			const base = `${RISK_KEY_PREFIX}${number === 0 ? '?' : number}`;
			keys.set(id, { key: index === 0 ? base : `${base}~${index + 1}`, number });
		});
	}
	return keys;
}
