import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBoard } from './read.ts';
import { resolveRiskKeyConflicts, riskKeyIds } from './risk-keys.ts';
import { addRisk, deleteRisk } from './risks.ts';
import { roots } from './schema.ts';
import { fork, newBoard, sync } from './test-support.ts';

function keys(doc: Y.Doc): Record<string, string> {
	return Object.fromEntries(readBoard(doc).risks.map((risk) => [risk.title, risk.key]));
}

describe('key ledger', () => {
	it('hands out R-1, R-2, … and never reuses a number after a delete', () => {
		const doc = newBoard();
		const a = addRisk(doc, { title: 'a' });
		const b = addRisk(doc, { title: 'b' });
		expect([a.key, b.key]).toEqual(['R-1', 'R-2']);
		deleteRisk(doc, b.id);
		expect(addRisk(doc, { title: 'c' }).key).toBe('R-3');
		deleteRisk(doc, a.id);
		expect(addRisk(doc, { title: 'd' }).key).toBe('R-4');
		expect(riskKeyIds(doc)).toEqual(
			new Set([a.id, b.id, ...readBoard(doc).risks.map((r) => r.id)])
		);
	});
});

/** A hub (the server) and two peers that both add a risk while offline. */
function offlineConflict() {
	const hub = newBoard();
	addRisk(hub, { title: 'seen' });
	const p1 = fork(hub);
	const p2 = fork(hub);
	addRisk(p1, { title: 'p1' });
	addRisk(p2, { title: 'p2' });
	return { hub, p1, p2 };
}

/** Applies `from`'s state to the hub the way the server does: established set, apply, resolve. */
function serverApply(hub: Y.Doc, from: Y.Doc): number {
	const established = riskKeyIds(hub);
	Y.applyUpdate(hub, Y.encodeStateAsUpdate(from, Y.encodeStateVector(hub)));
	return resolveRiskKeyConflicts(hub, established);
}

describe('resolveRiskKeyConflicts', () => {
	it('keeps the key of the claimant the server accepted first and renumbers the newcomer', () => {
		const { hub, p1, p2 } = offlineConflict();
		expect(serverApply(hub, p2)).toBe(0);
		expect(keys(hub)).toEqual({ seen: 'R-1', p2: 'R-2' });
		expect(serverApply(hub, p1)).toBe(1);
		expect(keys(hub)).toEqual({ seen: 'R-1', p2: 'R-2', p1: 'R-3' });
		sync(hub, p1, p2);
		for (const doc of [p1, p2]) expect(keys(doc)).toEqual(keys(hub));
	});

	it('lets the smallest id keep the number when no claimant is established', () => {
		const { hub, p1, p2 } = offlineConflict();
		sync(p1, p2);
		const ids = readBoard(p1)
			.risks.filter((risk) => risk.title !== 'seen')
			.map((risk) => risk.id)
			.sort();
		expect(serverApply(hub, p1)).toBe(1);
		const byId = Object.fromEntries(readBoard(hub).risks.map((risk) => [risk.id, risk.key]));
		expect(byId[ids[0] as string]).toBe('R-2');
		expect(byId[ids[1] as string]).toBe('R-3');
	});

	it('renumbers several losers to max+1, +2, … in id order and is stable when repeated', () => {
		const doc = newBoard();
		const ledger = roots(doc).riskKeys;
		ledger.set('a', 1);
		ledger.set('d', 1);
		ledger.set('c', 1);
		ledger.set('b', 2);
		ledger.set('e', 2);
		ledger.set('f', 7);
		expect(resolveRiskKeyConflicts(doc, new Set(['c', 'e']))).toBe(3);
		expect(Object.fromEntries(ledger.entries())).toEqual({ a: 8, b: 9, c: 1, d: 10, e: 2, f: 7 });
		let updates = 0;
		doc.on('update', () => updates++);
		expect(resolveRiskKeyConflicts(doc, riskKeyIds(doc))).toBe(0);
		expect(updates).toBe(0);
	});

	it('counts deleted risks: a new claimant of a deleted established risk number moves', () => {
		const { hub, p1, p2 } = offlineConflict();
		serverApply(hub, p2);
		const p2Risk = readBoard(hub).risks.find((risk) => risk.title === 'p2');
		deleteRisk(hub, p2Risk?.id as string);
		serverApply(hub, p1);
		expect(keys(hub)).toEqual({ seen: 'R-1', p1: 'R-3' });
	});
});

describe('readBoard before resolution', () => {
	it('never shows two risks with the same key', () => {
		const { p1, p2 } = offlineConflict();
		sync(p1, p2);
		const risks = readBoard(p1).risks.filter((risk) => risk.title !== 'seen');
		const sorted = [...risks].sort((a, b) => (a.id < b.id ? -1 : 1));
		expect(sorted.map((risk) => risk.key)).toEqual(['R-2', 'R-2~2']);
		expect(sorted.every((risk) => risk.keyNumber === 2)).toBe(true);
		expect(readBoard(p2).risks.map((risk) => risk.key)).toEqual(
			readBoard(p1).risks.map((risk) => risk.key)
		);
	});
});

describe('hand-made documents', () => {
	it('shows a risk missing from the ledger as R-? and the server gives it a number', () => {
		const doc = newBoard();
		addRisk(doc, { title: 'a' });
		const { id } = addRisk(doc, { title: 'b' });
		roots(doc).riskKeys.delete(id);
		expect(keys(doc)).toEqual({ a: 'R-1', b: 'R-?' });
		expect(resolveRiskKeyConflicts(doc, riskKeyIds(doc))).toBe(1);
		expect(keys(doc)).toEqual({ a: 'R-1', b: 'R-2' });
	});
});
