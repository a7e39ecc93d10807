import {
	addPerson,
	addRisk,
	endReview,
	initBoard,
	readBoard,
	setRiskText,
	startReview
} from '@riskboard/model';
import {
	encodeAwareness,
	encodeRoundSubscribe,
	encodeSaveRequest,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	MessageType,
	SyncType
} from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createLogger } from '../log.ts';
import { Metrics } from '../metrics.ts';
import { MemoryStore } from '../storage/memory.ts';
import type { UpdateToStore } from '../storage/types.ts';
import { Connection } from './connection.ts';
import { boardRules } from './board-rules.ts';
import type { RoomExtension } from './room-extension.ts';
import { MemorySocket } from './room-fuzz.ts';
import { RoomManager } from './rooms.ts';

/** A store whose commits wait until the test releases them, to observe what happens meanwhile. */
class GatedStore extends MemoryStore {
	#gate: Promise<void> = Promise.resolve();
	release: () => void = () => {};
	hold(): void {
		this.#gate = new Promise((resolve) => (this.release = resolve));
	}
	override async appendUpdates(boardId: string, updates: UpdateToStore[]): Promise<number> {
		await this.#gate;
		return super.appendUpdates(boardId, updates);
	}
}

/** The fuzz's in-memory socket, plus what these tests ask of what it was sent. */
class TestSocket extends MemorySocket {
	relayed(): Uint8Array[] {
		return this.sent.filter((f) => f[0] === MessageType.Sync && f[1] === SyncType.Update);
	}
	saved(): boolean {
		return this.sent.some((f) => f[0] === MessageType.Saved);
	}
}

const ticks = async (n = 5) => {
	for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** Polls `condition` (no fixed sleeps); fails after 2 s. */
async function waitFor(condition: () => Promise<boolean> | boolean): Promise<void> {
	const until = Date.now() + 2000;
	while (!(await condition())) {
		if (Date.now() > until) throw new Error('condition not met in time');
		await new Promise((r) => setTimeout(r, 2));
	}
}

/** A client's presence (its own awareness client id), as frames the room receives. */
function presenceOf() {
	const awareness = new awarenessProtocol.Awareness(new Y.Doc());
	return {
		frame(state: Record<string, unknown>): Uint8Array {
			awareness.setLocalState(state);
			return encodeAwareness(
				awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])
			);
		}
	};
}

/** Starts a review on board `b` as a server write; returns its id. */
function startedReview(rooms: RoomManager): Promise<string> {
	return rooms.write('b', (doc) =>
		startReview(doc, {
			facilitator: { name: 'Ada', clientId: null },
			baselineSnapshotId: 'baseline',
			agenda: []
		})
	);
}

async function setup(
	options: { compactEvery?: number; roundsIdleMs?: number; extensions?: RoomExtension[] } = {}
) {
	const store = new GatedStore();
	const base = new Y.Doc();
	initBoard(base, { title: 'Room test' });
	await store.createBoard({
		board: { id: 'b', title: 'Room test', createdAt: '2026-01-01T00:00:00Z' },
		tokens: [],
		initialUpdate: {
			data: Y.encodeStateAsUpdate(base),
			role: 'system',
			connectionId: 'server',
			tokenId: null,
			name: null,
			at: 0
		}
	});
	const rooms = new RoomManager({
		store,
		metrics: new Metrics(),
		log: createLogger(process.env.ROOM_TEST_LOG === '1' ? 'debug' : 'silent'),
		compactEvery: options.compactEvery ?? 1000,
		graceMs: 10,
		...(options.roundsIdleMs ? { roundsIdleMs: options.roundsIdleMs } : {}),
		...(options.extensions ? { extensions: options.extensions } : {})
	});
	let n = 0;
	/** Joins a connection and sends its sync step 1; by default waits for the answer. */
	const connect = async (
		role: 'editor' | 'viewer' = 'editor',
		waitForSync = true,
		tokenId: string | null = null
	) => {
		const socket = new TestSocket();
		const connection = new Connection({
			id: `c${++n}`,
			boardId: 'b',
			role,
			tokenId,
			socket,
			rateLimitPerSecond: 0,
			rateLimitBurst: 0,
			keepaliveMs: 0
		});
		const feed = rooms.join(connection);
		feed(encodeSyncStep1(new Uint8Array([0])));
		if (waitForSync) while (!connection.initialSyncSent) await ticks(1);
		return { socket, connection, feed };
	};
	/** An update that adds one risk to the board as created. */
	const edit = (title: string) => {
		const local = new Y.Doc();
		Y.applyUpdate(local, Y.encodeStateAsUpdate(base));
		const before = Y.encodeStateVector(local);
		addRisk(local, { title });
		return Y.encodeStateAsUpdate(local, before);
	};
	return { store, rooms, connect, edit, base };
}

/** Two consecutive updates of one peer: the second depends on the first. */
function chainedUpdates(base: Y.Doc): { peer: Y.Doc; first: Uint8Array; second: Uint8Array } {
	const peer = new Y.Doc();
	Y.applyUpdate(peer, Y.encodeStateAsUpdate(base));
	const start = Y.encodeStateVector(peer);
	const { id } = addRisk(peer, { title: 'first' });
	const middle = Y.encodeStateVector(peer);
	const first = Y.encodeStateAsUpdate(peer, start);
	setRiskText(peer, { riskId: id, field: 'description', value: 'second' });
	return { peer, first, second: Y.encodeStateAsUpdate(peer, middle) };
}

describe('Room integrity', () => {
	it('refuses an update whose dependencies are missing; nobody else notices', async () => {
		const { store, rooms, connect, base } = await setup();
		const bystander = await connect();
		const sender = await connect();
		const before = (await store.listUpdates('b')).length;
		// Its sync answer (nothing new), then an edit building on something nobody sent.
		sender.feed(encodeSyncStep2(Y.encodeStateAsUpdate(new Y.Doc())));
		sender.feed(encodeUpdate(chainedUpdates(base).second));
		await ticks();
		expect(sender.socket.closedWith).toBe(4400);
		expect(bystander.socket.closedWith).toBeNull();
		const doc = rooms.get('b')!.doc;
		expect(doc.store.pendingStructs).toBeNull();
		expect(doc.store.pendingDs).toBeNull();
		expect((await store.listUpdates('b')).length).toBe(before);
		expect(bystander.socket.relayed()).toHaveLength(0);
	});

	it("leaves an edit sent before the client's sync answer, building on what it brings, to the answer", async () => {
		// A client that moved from a process that died with its last edits uncommitted: its next
		// edit can reach the new process before its sync answer, which carries both.
		const { rooms, connect, base } = await setup();
		const bystander = await connect();
		const sender = await connect();
		const { first, second } = chainedUpdates(base);
		sender.feed(encodeUpdate(second));
		await ticks();
		expect(sender.socket.closedWith).toBeNull();
		const doc = rooms.get('b')!.doc;
		expect(readBoard(doc).risks).toHaveLength(0);
		expect(doc.store.pendingStructs).toBeNull();
		sender.feed(encodeSyncStep2(Y.mergeUpdates([first, second])));
		await ticks();
		expect(readBoard(doc).risks[0]!.description).toBe('second');
		expect(bystander.socket.closedWith).toBeNull();
	});

	it('binds a Yjs client id to the link and the live connection that first wrote under it', async () => {
		const { rooms, connect, base } = await setup();
		const { peer, first, second } = chainedUpdates(base);
		const owner = await connect('editor', true, 'link-1');
		owner.feed(encodeUpdate(first));
		await ticks();
		// Another link continuing that client's clock (a forged id) is refused…
		const forger = await connect('editor', true, 'link-2');
		forger.feed(encodeUpdate(second));
		await ticks();
		expect(forger.socket.closedWith).toBe(4400);
		expect(readBoard(rooms.get('b')!.doc).risks[0]!.description).toBe('');
		// …so is another live connection of the same link (a shared link, or a forger holding it)…
		const twin = await connect('editor', true, 'link-1');
		twin.feed(encodeUpdate(second));
		await ticks();
		expect(twin.socket.closedWith).toBe(4400);
		expect(owner.socket.closedWith).toBeNull();
		// …while the same link on a new connection after the first one left (a reload) goes on.
		rooms.leave(owner.connection);
		const reloaded = await connect('editor', true, 'link-1');
		reloaded.feed(encodeUpdate(second));
		await ticks();
		expect(reloaded.socket.closedWith).toBeNull();
		expect(readBoard(rooms.get('b')!.doc).risks[0]!.description).toBe('second');
		expect(peer.clientID).toBeGreaterThan(0);
	});

	it('keeps a presence client id bound to its link after the connection left', async () => {
		const { rooms, connect } = await setup();
		const presence = presenceOf();
		const editor = await connect('editor', true, 'editor-link');
		editor.feed(presence.frame({ user: { name: 'Ed' } }));
		await ticks();
		rooms.leave(editor.connection);
		await ticks();
		const room = rooms.get('b')!;
		expect(room.awareness.getStates().size).toBe(0);
		// A viewer link cannot take the id over…
		const viewer = await connect('viewer', true, 'viewer-link');
		viewer.feed(presence.frame({ user: { name: 'Ed (not really)' } }));
		await ticks();
		expect(room.awareness.getStates().size).toBe(0);
		// …but the editor's link, reconnecting, can.
		const back = await connect('editor', true, 'editor-link');
		back.feed(presence.frame({ user: { name: 'Ed' } }));
		await ticks();
		expect([...room.awareness.getStates().values()]).toEqual([{ user: { name: 'Ed' } }]);
	});

	it('loads a board whose log holds an update that cannot apply, and quarantines it', async () => {
		const { store, rooms, connect, base, edit } = await setup();
		const orphan = chainedUpdates(base).second;
		await store.appendUpdates('b', [
			{ data: orphan, at: 1, role: 'editor', connectionId: 'x', tokenId: null, name: null },
			{ data: edit('kept'), at: 2, role: 'editor', connectionId: 'y', tokenId: null, name: null }
		]);
		const client = await connect();
		expect(client.socket.closedWith).toBeNull();
		const doc = rooms.get('b')!.doc;
		expect(readBoard(doc).risks.map((r) => r.title)).toEqual(['kept']);
		expect(doc.store.pendingStructs).toBeNull();
		expect((await store.listQuarantined('b')).map((q) => q.seq)).toEqual([2]);
		expect((await store.loadDocument('b')).updates.map((u) => u.seq)).toEqual([1, 3]);
	});

	it('replays the whole log when the compaction snapshot does not apply', async () => {
		const { store, rooms, connect, edit, base } = await setup();
		await store.appendUpdates('b', [
			{
				data: edit('from the log'),
				at: 1,
				role: 'editor',
				connectionId: 'y',
				tokenId: null,
				name: null
			}
		]);
		// A snapshot (written before updates were checked) that depends on changes nobody has.
		await store.writeSnapshot('b', { data: chainedUpdates(base).second, throughSeq: 2 });
		await connect();
		const doc = rooms.get('b')!.doc;
		expect(readBoard(doc).risks.map((r) => r.title)).toEqual(['from the log']);
		expect(readBoard(doc).title).toBe('Room test');
		expect(doc.store.pendingStructs).toBeNull();
	});

	it('server writes see every client edit since the previous one (the scratch copy keeps up)', async () => {
		const { rooms, connect, edit } = await setup();
		const client = await connect();
		await rooms.write('b', (doc) => addRisk(doc, { title: 'by REST' }));
		client.feed(encodeUpdate(edit('by a client')));
		await ticks();
		const seen = await rooms.write('b', (doc) =>
			readBoard(doc)
				.risks.map((r) => r.title)
				.sort()
		);
		expect(seen).toEqual(['by REST', 'by a client']);
		// A throw drops the scratch copy; the next write starts from a fresh, correct one.
		await expect(
			rooms.write('b', (doc) => {
				addRisk(doc, { title: 'refused' });
				throw new Error('no');
			})
		).rejects.toThrow('no');
		client.feed(encodeUpdate(edit('after the refusal')));
		await ticks();
		const after = await rooms.write('b', (doc) => readBoard(doc).risks.length);
		expect(after).toBe(3);
	});

	it('a server write that throws half-way leaves the room untouched and everyone connected', async () => {
		const { rooms, connect } = await setup();
		const client = await connect();
		const room = rooms.get('b')!;
		const before = Y.encodeStateVector(room.doc);
		await expect(
			rooms.write('b', (doc) => {
				addRisk(doc, { title: 'half' });
				throw new Error('refused after writing');
			})
		).rejects.toThrow('refused after writing');
		await ticks();
		expect(rooms.get('b')).toBe(room);
		expect(Y.encodeStateVector(room.doc)).toEqual(before);
		expect(client.socket.closedWith).toBeNull();
		await rooms.write('b', (doc) => addRisk(doc, { title: 'whole' }));
		expect(readBoard(room.doc).risks.map((r) => r.title)).toEqual(['whole']);
		expect(client.socket.relayed()).toHaveLength(1);
	});
});

describe('Room', () => {
	it('relays, acknowledges and answers sync only after storage committed', async () => {
		const { store, connect, edit } = await setup();
		const writer = await connect();
		const reader = await connect();
		store.hold();
		writer.feed(encodeUpdate(edit('held')));
		writer.feed(encodeSaveRequest(1));
		const late = await connect('viewer', false);
		await ticks();
		expect(reader.socket.relayed()).toHaveLength(0);
		expect(writer.socket.saved()).toBe(false);
		expect(late.connection.initialSyncSent).toBe(false);

		store.release();
		await ticks();
		expect(reader.socket.relayed()).toHaveLength(1);
		expect(writer.socket.relayed()).toHaveLength(0);
		expect(writer.socket.saved()).toBe(true);
		expect(late.connection.initialSyncSent).toBe(true);
		expect((await store.listUpdates('b')).map((u) => [u.role, u.connectionId])).toEqual([
			['system', 'server'],
			['editor', writer.connection.id]
		]);
	});

	it('commits updates that arrive in one tick together and relays them merged, once', async () => {
		const { store, rooms, connect, edit } = await setup();
		const a = await connect();
		const b = await connect();
		const reader = await connect();
		a.feed(encodeUpdate(edit('from a')));
		b.feed(encodeUpdate(edit('from b')));
		await ticks();
		expect(reader.socket.relayed()).toHaveLength(1);
		// A mixed batch goes to its senders too, so each learns the other's edit.
		expect(a.socket.relayed()).toHaveLength(1);
		// Both edits claimed R-1 offline; the server's key fix rides in the same batch.
		expect((await store.listUpdates('b')).map((u) => u.role)).toEqual([
			'system',
			'editor',
			'editor',
			'system'
		]);
		const risks = readBoard(rooms.get('b')!.doc).risks;
		expect(risks.map((r) => r.title).sort()).toEqual(['from a', 'from b']);
		expect(risks.map((r) => r.key).sort()).toEqual(['R-1', 'R-2']);
	});

	it('writes a snapshot after COMPACT_EVERY stored updates, and loads from it', async () => {
		const { store, rooms, connect, edit } = await setup({ compactEvery: 5 });
		const writer = await connect();
		for (let i = 0; i < 6; i++) {
			writer.feed(encodeUpdate(edit(`r${i}`)));
			await ticks();
		}
		await rooms.get('b')!.settle();
		await ticks();
		const load = await store.loadDocument('b');
		expect(load.snapshot).not.toBeNull();
		expect(load.updatesSinceSnapshot).toBeLessThan(5);
		const doc = new Y.Doc();
		Y.applyUpdate(doc, load.snapshot!);
		for (const u of load.updates) Y.applyUpdate(doc, u.data);
		expect(readBoard(doc).risks).toHaveLength(6);
	});

	it('ignores a viewer sync step 2 that changes nothing, and refuses one that does', async () => {
		const { store, rooms, connect, edit } = await setup();
		const viewer = await connect('viewer');
		const room = rooms.get('b')!;
		viewer.feed(encodeUpdate(Y.encodeStateAsUpdate(room.doc)));
		await ticks();
		expect(viewer.connection.closed).toBe(false);
		viewer.feed(encodeUpdate(edit('forged')));
		await ticks();
		expect(viewer.connection.closed).toBe(true);
		expect(readBoard(room.doc).risks).toHaveLength(0);
		expect(await store.listUpdates('b')).toHaveLength(1);
	});
});

describe('RoomManager.read', () => {
	it('reads a board nobody is connected to, then unloads it after the grace time', async () => {
		const { rooms } = await setup();
		expect(rooms.size).toBe(0);
		const title = await rooms.read('b', (doc) => readBoard(doc).title);
		expect(title).toBe('Room test');
		expect(rooms.size).toBe(1);
		while (rooms.size > 0) await new Promise((r) => setTimeout(r, 5));
	});

	it('reads only committed state: waits for a held commit, then sees its edit', async () => {
		const { store, rooms, connect, edit } = await setup();
		const writer = await connect();
		store.hold();
		writer.feed(encodeUpdate(edit('held')));
		await ticks();
		let read: string[] | null = null;
		const reading = rooms.read('b', (doc) => readBoard(doc).risks.map((r) => r.title));
		void reading.then((titles) => (read = titles));
		await ticks();
		expect(read).toBeNull();
		store.release();
		expect(await reading).toEqual(['held']);
		expect((await store.listUpdates('b')).map((u) => u.role)).toContain('editor');
	});

	it('keeps a room loaded while a read is in progress, even after its last client left', async () => {
		const { store, rooms, connect, edit } = await setup();
		const writer = await connect();
		store.hold();
		writer.feed(encodeUpdate(edit('held')));
		await ticks();
		const reading = rooms.read('b', (doc) => readBoard(doc).risks.length);
		rooms.leave(writer.connection);
		await new Promise((r) => setTimeout(r, 30)); // longer than graceMs (10)
		expect(rooms.size).toBe(1);
		store.release();
		expect(await reading).toBe(1);
		while (rooms.size > 0) await new Promise((r) => setTimeout(r, 5));
	});

	it('commits a server write before relaying it, as role system, and resolves after the commit', async () => {
		const { store, rooms, connect } = await setup();
		const client = await connect();
		store.hold();
		let done = false;
		const written = rooms
			.write('b', (doc) => addRisk(doc, { title: 'From REST' }), {
				role: 'system',
				connectionId: 'rest',
				tokenId: 't1',
				name: 'Ada'
			})
			.then((risk) => {
				done = true;
				return risk.id;
			});
		await ticks();
		expect(done).toBe(false);
		expect(client.socket.relayed()).toHaveLength(0);

		store.release();
		const riskId = await written;
		expect(client.socket.relayed()).toHaveLength(1);
		const mirror = new Y.Doc();
		for (const update of await store.listUpdates('b')) Y.applyUpdate(mirror, update.data);
		expect(readBoard(mirror).risks.map((r) => [r.id, r.title])).toEqual([[riskId, 'From REST']]);
		expect(
			(await store.listUpdates('b')).map((u) => [u.role, u.connectionId, u.tokenId, u.name])
		).toEqual([
			['system', 'server', null, null],
			['system', 'rest', 't1', 'Ada']
		]);
	});

	it('batches nothing for a server write that throws before changing the document', async () => {
		const { store, rooms } = await setup();
		await expect(
			rooms.write('b', () => {
				throw new Error('refused');
			})
		).rejects.toThrow('refused');
		expect(await store.listUpdates('b')).toHaveLength(1);
		await expect(
			rooms.write('b', () => 1, { role: 'viewer', connectionId: 'x', tokenId: null, name: null })
		).rejects.toThrow('a viewer link never writes');
	});

	it('keeps scoring rounds in server memory only; a round survives its room unloading', async () => {
		const { store, rooms } = await setup();
		const reviewId = await startedReview(rooms);
		const logged = (await store.listUpdates('b')).length;
		const roundId = await rooms.withRounds('b', (_room, rounds) => rounds.open(reviewId, 'risk1'));
		await rooms.withRounds('b', (_room, rounds) =>
			rounds.vote(
				reviewId,
				roundId,
				{ voter: { personId: 'p-ada', name: 'Ada' }, likelihood: 4, impact: 2 },
				{ tokenId: 't1', tab: '' }
			)
		);
		expect(await store.listUpdates('b')).toHaveLength(logged);
		await rooms.withRoom('b', (room) => expect(room.doc.share.has('rounds')).toBe(false));
		// Nobody connected: the room unloads (everyone reloading at once) and loads again.
		while (rooms.get('b')) await new Promise((r) => setTimeout(r, 5));
		const view = await rooms.withRounds('b', (_room, rounds) => rounds.view(reviewId, roundId));
		expect(view).toMatchObject({ status: 'open', count: 1, voters: ['Ada'] });
		expect(await store.listUpdates('b')).toHaveLength(logged);
	});

	it('drops a board’s rounds once its review is no longer running, or after idling', async () => {
		const { rooms } = await setup({ roundsIdleMs: 60 });
		const reviewId = await startedReview(rooms);
		const first = await rooms.withRounds('b', (_room, rounds) => rounds.open(reviewId, 'risk1'));
		await new Promise((r) => setTimeout(r, 80));
		await expect(
			rooms.withRounds('b', (_room, rounds) => rounds.view(reviewId, first))
		).rejects.toThrow('no such scoring round');
		const second = await rooms.withRounds('b', (_room, rounds) => rounds.open(reviewId, 'risk1'));
		await rooms.write('b', (doc) => endReview(doc, { reviewId, finalSnapshotId: 'final' }));
		await expect(
			rooms.withRounds('b', (_room, rounds) => rounds.view(reviewId, second))
		).rejects.toThrow('no such scoring round');
	});

	it('stores each update under the display name its connection’s presence goes by', async () => {
		const { store, connect, edit } = await setup();
		const alice = await connect();
		const anonymous = await connect();
		const presence = presenceOf();
		alice.feed(presence.frame({ user: { name: '  Alice ', color: '#ff0000' }, focus: null }));
		alice.feed(encodeUpdate(edit('by Alice')));
		anonymous.feed(encodeUpdate(edit('by nobody')));
		// A focus move keeps the name; a rename is used from then on.
		alice.feed(
			presence.frame({ user: { name: 'Alice', color: '#ff0000' }, focus: 'risk:x:title' })
		);
		alice.feed(encodeUpdate(edit('still Alice')));
		// (The server's own key fixes for these same-numbered risks are stored as role system.)
		const edits = async () => (await store.listUpdates('b')).filter((u) => u.role !== 'system');
		await waitFor(async () => (await edits()).length === 3);
		alice.feed(presence.frame({ user: { name: 'Alice B.', color: '#ff0000' }, focus: null }));
		alice.feed(encodeUpdate(edit('renamed')));
		await waitFor(async () => (await edits()).length === 4);
		const names = (await edits()).map((u) => [u.connectionId, u.name]);
		expect(names).toEqual([
			[alice.connection.id, 'Alice'],
			[anonymous.connection.id, null],
			[alice.connection.id, 'Alice'],
			[alice.connection.id, 'Alice B.']
		]);
	});

	it('stores the person id a presence names beside the name, when that person is on the board', async () => {
		const { store, rooms, connect, edit } = await setup();
		const ada = await rooms.write('b', (doc) => addPerson(doc, { name: 'Ada' }));
		const reviewId = await startedReview(rooms);
		const known = await connect();
		const stranger = await connect();
		known.feed(presenceOf().frame({ user: { name: 'Ada', personId: ada }, focus: null }));
		stranger.feed(
			presenceOf().frame({ user: { name: 'Eve', personId: 'nobody123' }, focus: null })
		);
		known.feed(encodeUpdate(edit('by Ada')));
		stranger.feed(encodeUpdate(edit('by Eve')));
		const edits = async () => (await store.listUpdates('b')).filter((u) => u.role !== 'system');
		await waitFor(async () => (await edits()).length === 2);
		expect((await edits()).map((u) => [u.name, u.personId])).toEqual([
			['Ada', ada],
			['Eve', null]
		]);
		const review = () =>
			rooms.read('b', (doc) => readBoard(doc).reviews.find((r) => r.id === reviewId)!);
		await waitFor(async () => (await review()).attendees.includes('Eve'));
		expect((await review()).attendeeIds).toEqual([ada]);
	});

	it('records who is present as attendees of a running review, once per name', async () => {
		const { store, rooms, connect, edit } = await setup();
		const alice = await connect();
		const presence = presenceOf();
		alice.feed(presence.frame({ user: { name: 'Alice' }, focus: null }));
		await ticks();
		// No review yet: nothing is written for a name.
		expect(await store.listUpdates('b')).toHaveLength(1);
		const reviewId = await startedReview(rooms);
		const attendees = () =>
			rooms.read('b', (doc) => readBoard(doc).reviews.find((r) => r.id === reviewId)!.attendees);
		// The facilitator (Ada) is listed by starting; Alice, present with a name, is added.
		await waitFor(async () => (await attendees()).length === 2);
		expect(await attendees()).toEqual(['Ada', 'Alice']);

		const bob = await connect();
		bob.feed(presenceOf().frame({ user: { name: 'Bob' }, focus: null }));
		await waitFor(async () => (await attendees()).length === 3);
		const logged = (await store.listUpdates('b')).length;
		// Presence moves, edits and a reconnect under a listed name write no attendance.
		for (let i = 0; i < 5; i++) {
			alice.feed(presence.frame({ user: { name: 'Alice' }, focus: `risk:${i}:title` }));
		}
		alice.feed(encodeUpdate(edit('during the review')));
		const again = await connect();
		again.feed(presenceOf().frame({ user: { name: 'Bob' }, focus: null }));
		await waitFor(async () => (await store.listUpdates('b')).length === logged + 1);
		await ticks(20);
		expect(await store.listUpdates('b')).toHaveLength(logged + 1);
		expect(await attendees()).toEqual(['Ada', 'Alice', 'Bob']);
		const attendance = (await store.listUpdates('b')).filter(
			(u) => u.role === 'system' && u.name !== null
		);
		expect(attendance.map((u) => [u.connectionId, u.name])).toEqual([
			[alice.connection.id, 'Alice'],
			[bob.connection.id, 'Bob']
		]);
	});

	it('sends round events only to connections that subscribed', async () => {
		const { rooms, connect } = await setup();
		const plain = await connect('viewer');
		const subscribed = await connect('viewer');
		subscribed.feed(encodeRoundSubscribe());
		await ticks();
		await rooms.withRoom('b', (room) =>
			room.notifyRound({ kind: 'revealed', reviewId: 'r', roundId: 'x' })
		);
		const events = (socket: TestSocket) =>
			socket.sent.filter((frame) => frame[0] === MessageType.RoundEvent);
		expect(events(subscribed.socket)).toHaveLength(1);
		expect(events(plain.socket)).toHaveLength(0);
		expect(subscribed.connection.closed).toBe(false);
	});
});

describe('Room extensions', () => {
	it('runs beforeCommit before the commit and afterCommit after it, before the relay', async () => {
		const seen: string[] = [];
		let other: TestSocket | null = null;
		const recorder: RoomExtension = (room) => ({
			loaded: () => seen.push(`loaded ${room.id}`),
			beforeCommit: (changes) => {
				seen.push(`before risks=${[...changes.keysOf('risks')].length}`);
			},
			afterCommit: (commit) => {
				seen.push(`after seq=${commit.lastSeq} relayed=${other!.relayed().length}`);
				expect(Y.decodeUpdate(commit.merged).structs.length).toBeGreaterThan(0);
			}
		});
		const env = await setup({ extensions: [recorder, boardRules()] });
		const store = env.store;
		const writer = await env.connect();
		other = (await env.connect()).socket;
		writer.feed(encodeUpdate(env.edit('one')));
		await waitFor(() => other!.relayed().length === 1);
		const stored = await store.listUpdates('b');
		expect(seen).toEqual([
			'loaded b',
			'before risks=1',
			`after seq=${stored.at(-1)!.seq} relayed=0`
		]);
	});

	it('tells beforeCommit what a batch changed, without a board scan for a text edit', async () => {
		const keys: string[][] = [];
		const touched: boolean[] = [];
		const recorder: RoomExtension = () => ({
			beforeCommit: (changes) => {
				keys.push([...changes.keysOf('risks'), ...changes.keysOf('riskKeys')]);
				touched.push(changes.touched('risks'));
			}
		});
		const env = await setup({ extensions: [recorder] });
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(env.base));
		const writer = await env.connect();
		const before = Y.encodeStateVector(peer);
		const { id } = addRisk(peer, { title: 'risk' });
		writer.feed(encodeUpdate(Y.encodeStateAsUpdate(peer, before)));
		await waitFor(() => keys.length === 1);
		const middle = Y.encodeStateVector(peer);
		setRiskText(peer, { riskId: id, field: 'description', value: 'text' });
		writer.feed(encodeUpdate(Y.encodeStateAsUpdate(peer, middle)));
		await waitFor(() => keys.length === 2);
		expect(keys[0]).toEqual([id, id]);
		expect(keys[1]).toEqual([]);
		expect(touched).toEqual([true, true]);
	});

	it('fails the batch when beforeCommit throws: nothing stored or relayed, the room closes 4503', async () => {
		const env = await setup({
			extensions: [
				() => ({
					beforeCommit: () => {
						throw new Error('lease lost');
					}
				})
			]
		});
		const writer = await env.connect();
		const other = await env.connect();
		const stored = (await env.store.listUpdates('b')).length;
		writer.feed(encodeUpdate(env.edit('lost')));
		await waitFor(() => other.socket.closedWith !== null);
		expect(other.socket.closedWith).toBe(4503);
		expect(other.socket.relayed()).toEqual([]);
		expect((await env.store.listUpdates('b')).length).toBe(stored);
	});
});

describe('Room loading', () => {
	it('answers a sync step 1 from the checked snapshot before it builds the document', async () => {
		const env = await setup();
		const full = new Y.Doc();
		Y.applyUpdate(full, Y.encodeStateAsUpdate(env.base));
		for (let i = 0; i < 20; i++) addRisk(full, { title: `stored ${i}` });
		const state = Y.encodeStateAsUpdate(full);
		const seq = await env.store.appendUpdates('b', [
			{ data: state, role: 'system', connectionId: 'server', tokenId: null, name: null, at: 0 }
		]);
		await env.store.writeSnapshot('b', { data: state, throughSeq: seq });
		// The answer stays "in flight" until the test lets it go: the room must wait for it.
		const socket = new TestSocket();
		socket.send = (data: Uint8Array) => {
			socket.sent.push(data);
			socket.bufferedAmount += data.length;
		};
		const connection = new Connection({
			id: 'early',
			boardId: 'b',
			role: 'editor',
			tokenId: null,
			socket,
			rateLimitPerSecond: 0,
			rateLimitBurst: 0,
			keepaliveMs: 0
		});
		const feed = env.rooms.join(connection);
		feed(encodeSyncStep1(new Uint8Array([0])));
		await waitFor(() => connection.initialSyncSent);
		const room = env.rooms.get('b')!;
		expect(room.state).toBe('loading');
		const answer = socket.sent.find((f) => f[0] === MessageType.Sync && f[1] === SyncType.Step2)!;
		const client = new Y.Doc();
		const decoder = decoding.createDecoder(answer);
		decoding.readVarUint(decoder);
		decoding.readVarUint(decoder);
		Y.applyUpdate(client, decoding.readVarUint8Array(decoder));
		expect(
			readBoard(client)
				.risks.map((r) => r.title)
				.sort()
		).toEqual(
			readBoard(full)
				.risks.map((r) => r.title)
				.sort()
		);
		socket.bufferedAmount = 0;
		await room.ready;
		expect(readBoard(room.doc).risks).toHaveLength(20);
		// Edits after the early answer reach the early connection like any other.
		const other = await env.connect();
		other.feed(encodeUpdate(env.edit('after')));
		await waitFor(() => socket.relayed().length === 1);
	});
});
