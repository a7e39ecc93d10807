/** Test-only harness of the convergence fuzz: seeded PRNG, controllable network, invariants. */
import * as Y from 'yjs';
import { expect } from 'vitest';
import {
	activitiesLinkedTo,
	addRaciRow,
	initBoard,
	resolveRiskKeyConflicts,
	riskKeyIds,
	type Board
} from './index.ts';

/**
 * Adds a RACI row the way code from before activity links did: without a `links` map (the
 * first link creates it). Test-only: it knows the row layout.
 */
export function addLegacyRaciRow(doc: Y.Doc, matrixId: string, text: string): void {
	doc.transact(() => {
		const rowId = addRaciRow(doc, { matrixId, text });
		const rows = (doc.getMap('matrices').get(matrixId) as Y.Map<unknown>).get('rows');
		((rows as Y.Map<unknown>).get(rowId) as Y.Map<unknown>).delete('links');
	});
}

/** Transaction origin of updates that arrived over the network (not re-sent). */
export const REMOTE = 'remote';

/** mulberry32: a tiny seeded PRNG, good enough to drive a fuzz. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export class Rng {
	readonly next: () => number;
	constructor(seed: number) {
		this.next = mulberry32(seed);
	}
	int(n: number): number {
		return Math.floor(this.next() * n);
	}
	chance(p: number): boolean {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T | undefined {
		return items.length === 0 ? undefined : items[this.int(items.length)];
	}
	word(): string {
		return (
			this.pick(['alpha', 'beta', 'gamma', 'delta', 'vendor', 'late', 'QA', 'ok', 'é', '🙂']) ?? ''
		);
	}
}

/** The hub and peers, with an outbox per link and direction. */
export class Network {
	readonly hub = new Y.Doc();
	readonly peers: Y.Doc[] = [];
	readonly toHub: Uint8Array[][] = [];
	readonly toPeer: Uint8Array[][] = [];
	readonly online: boolean[] = [];
	/** Risk id → key number the hub has accepted; these must never change. */
	readonly accepted = new Map<string, number>();

	constructor(
		private readonly rng: Rng,
		peerCount: number
	) {
		this.hub.clientID = 1;
		initBoard(this.hub, { title: 'Fuzz', now: new Date('2025-01-01T00:00:00Z') });
		for (let i = 0; i < peerCount; i++) {
			const peer = new Y.Doc();
			peer.clientID = i + 2;
			Y.applyUpdate(peer, Y.encodeStateAsUpdate(this.hub), REMOTE);
			peer.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin !== REMOTE) this.toHub[i]?.push(update);
			});
			this.peers.push(peer);
			this.toHub.push([]);
			this.toPeer.push([]);
			this.online.push(true);
		}
		this.hub.on('update', (update: Uint8Array, origin: unknown) => {
			this.toPeer.forEach((outbox, j) => {
				if (origin !== j) outbox.push(update);
			});
		});
	}

	/** Applies one incoming update at the hub exactly as the server does. */
	hubReceive(from: number, update: Uint8Array): void {
		const established = riskKeyIds(this.hub);
		Y.applyUpdate(this.hub, update, from);
		resolveRiskKeyConflicts(this.hub, established);
		this.checkAcceptedKeys();
	}

	private checkAcceptedKeys(): void {
		const ledger = this.hub.getMap('riskKeys');
		for (const [id, number] of this.accepted) {
			expect(ledger.get(id), `accepted key of ${id} changed`).toBe(number);
		}
		for (const [id, number] of ledger.entries()) this.accepted.set(id, number as number);
	}

	/** Delivers one queued message on a random online link; false when nothing can move. */
	deliverOne(): boolean {
		const links: [kind: 'up' | 'down', index: number][] = [];
		this.peers.forEach((_, i) => {
			if (!this.online[i]) return;
			if (this.toHub[i]?.length) links.push(['up', i]);
			if (this.toPeer[i]?.length) links.push(['down', i]);
		});
		const link = this.rng.pick(links);
		if (!link) return false;
		const [kind, i] = link;
		const outbox = (kind === 'up' ? this.toHub[i] : this.toPeer[i]) as Uint8Array[];
		// Mostly in order, sometimes out of order: Yjs must cope with both.
		const index = this.rng.chance(0.2) ? this.rng.int(outbox.length) : 0;
		const [message] = outbox.splice(index, 1) as [Uint8Array];
		if (kind === 'up') this.hubReceive(i, message);
		else Y.applyUpdate(this.peers[i] as Y.Doc, message, REMOTE);
		return true;
	}

	deliverAll(): void {
		while (this.deliverOne()) {
			// keep going until every outbox of every online link is empty
		}
	}
}

/** The invariants every converged board must satisfy. */
export function checkInvariants(board: Board, hub: Y.Doc): void {
	const keys = board.risks.map((risk) => risk.key);
	expect(new Set(keys).size, 'unique risk keys').toBe(keys.length);
	expect(
		keys.filter((key) => key.includes('~')),
		'all key conflicts resolved'
	).toEqual([]);
	const numbers = [...hub.getMap('riskKeys').values()];
	expect(new Set(numbers).size, 'ledger numbers unique').toBe(numbers.length);
	const people = new Set(board.people.map((p) => p.id));
	const categories = new Set(board.settings.categories.map((c) => c.id));
	const risks = new Map(board.risks.map((r) => [r.id, r]));
	const actions = new Map(board.actions.map((a) => [a.id, a]));
	for (const risk of board.risks) {
		if (risk.ownerId !== null) expect(people.has(risk.ownerId)).toBe(true);
		if (risk.categoryId !== null) expect(categories.has(risk.categoryId)).toBe(true);
		for (const actionId of risk.actionIds)
			expect(actions.get(actionId)?.riskIds).toContain(risk.id);
	}
	for (const action of board.actions) {
		if (action.ownerId !== null) expect(people.has(action.ownerId)).toBe(true);
		for (const riskId of action.riskIds) expect(risks.get(riskId)?.actionIds).toContain(action.id);
	}
	for (const matrix of board.matrices) {
		const rows = new Set(matrix.rows.map((r) => r.id));
		const columns = new Set(matrix.columns.map((c) => c.id));
		for (const column of matrix.columns) {
			if (column.kind === 'person') expect(people.has(column.personId as string)).toBe(true);
		}
		expect(Object.keys(matrix.cells).every((rowId) => rows.has(rowId))).toBe(true);
		for (const cells of Object.values(matrix.cells)) {
			expect(Object.keys(cells).every((colId) => columns.has(colId))).toBe(true);
		}
		for (const row of matrix.rows) {
			const { riskIds, actionIds } = row.links;
			expect(
				riskIds.every((id) => risks.has(id)),
				'no dangling risk links'
			).toBe(true);
			expect(
				actionIds.every((id) => actions.has(id)),
				'no dangling action links'
			).toBe(true);
			expect(new Set([...riskIds, ...actionIds]).size, 'links are a set').toBe(
				riskIds.length + actionIds.length
			);
			for (const id of [...riskIds, ...actionIds]) {
				expect(activitiesLinkedTo(board, id)).toContainEqual(
					expect.objectContaining({ matrixId: matrix.id, rowId: row.id })
				);
			}
		}
	}
}
