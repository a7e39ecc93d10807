/**
 * A deterministic attack on one room: honest peers edit a board through real `Room` and
 * `Connection` objects (in-memory sockets, a `MemoryStore`), while attacker connections on
 * editor links send random, truncated, bit-flipped, spliced and replayed frames made from the
 * honest traffic. Everything is driven by one seed, so a failing seed replays exactly and is kept
 * as a named regression test (`room-fuzz.test.ts`). The networked soak (`test/soak`) runs the
 * same kind of attack at scale over real websockets.
 *
 * Invariants checked after every step and at the end:
 * - no honest connection is ever closed (no room reset reaches bystanders);
 * - the board always loads from the store, and what loads equals the live room's document;
 * - every honest peer's state equals the room's once relays are delivered (nothing relayed that
 *   is not stored, nothing stored that is not relayed).
 */
import {
	addRisk,
	deleteRisk,
	initBoard,
	readBoard,
	setRiskText,
	updateRisk
} from '@riskboard/model';
import {
	decodeClientMessage,
	encodeSyncStep1,
	encodeUpdate,
	encodeSyncStep2,
	MessageType
} from '@riskboard/protocol';
import * as Y from 'yjs';
import { createLogger } from '../log.ts';
import { Metrics } from '../metrics.ts';
import { MemoryStore } from '../storage/memory.ts';
import { Connection, type PeerSocket } from './connection.ts';
import { RoomManager } from './rooms.ts';

/** Mulberry32: a small seeded PRNG (same sequence on every machine). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** An in-memory socket: records what the room sends and the first close code. */
export class MemorySocket implements PeerSocket {
	bufferedAmount = 0;
	sent: Uint8Array[] = [];
	closedWith: number | null = null;
	send(data: Uint8Array): void {
		this.sent.push(data);
	}
	close(code: number): void {
		this.closedWith ??= code;
	}
	ping(): void {}
	terminate(): void {
		this.closedWith ??= 1006;
	}
}

interface Peer {
	doc: Y.Doc;
	socket: MemorySocket;
	connection: Connection;
	feed: (frame: Uint8Array) => void;
}

export interface RoomFuzzOptions {
	seed: number;
	/** Rounds; each round some honest edits and some attack frames, then checks. */
	steps: number;
	honest?: number;
	attackers?: number;
	/** Attack frames per round across all attackers. */
	framesPerStep?: number;
	/** Compact (write a snapshot) after this many stored updates. */
	compactEvery?: number;
}

export interface RoomFuzzResult {
	seed: number;
	framesSent: number;
	/** Honest connections the room closed (room resets seen by bystanders). */
	bystanderCloses: number;
	/** Times the stored board failed to load, or loaded different from the live room. */
	loadFailures: number;
	divergences: number;
	/** The first problem seen, for the test message. */
	firstProblem: string | null;
}

const ticks = async (n = 3) => {
	for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

function stateOf(doc: Y.Doc): string {
	return JSON.stringify(readBoard(doc)) + Buffer.from(Y.encodeStateVector(doc)).toString('hex');
}

/** Mutates a valid update the ways a broken or hostile client would. */
export function mutate(random: () => number, updates: Uint8Array[]): Uint8Array {
	const pick = () => updates[Math.floor(random() * updates.length)]!;
	const kind = random();
	if (kind < 0.1) {
		const bytes = new Uint8Array(1 + Math.floor(random() * 40));
		for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
		return bytes;
	}
	const base = pick().slice();
	if (kind < 0.2) return base.subarray(0, Math.floor(random() * base.length));
	if (kind < 0.3) return base; // a replay of something valid
	if (kind < 0.4) {
		const other = pick();
		const cut = Math.floor(random() * base.length);
		const out = new Uint8Array(cut + other.length - Math.floor(random() * other.length));
		out.set(base.subarray(0, cut));
		out.set(other.subarray(other.length - (out.length - cut)), cut);
		return out;
	}
	const flips = 1 + Math.floor(random() * 3);
	for (let i = 0; i < flips && base.length > 0; i++) {
		const at = Math.floor(random() * base.length);
		base[at]! ^= 1 << Math.floor(random() * 8);
	}
	return base;
}

/** Runs the attack for one seed and reports what broke (all zeros when nothing did). */
export async function runRoomFuzz(options: RoomFuzzOptions): Promise<RoomFuzzResult> {
	const random = prng(options.seed);
	const honestCount = options.honest ?? 3;
	const attackerCount = options.attackers ?? 4;
	const framesPerStep = options.framesPerStep ?? 6;
	const store = new MemoryStore();
	const seedDoc = new Y.Doc();
	initBoard(seedDoc, { title: 'fuzz' });
	await store.createBoard({
		board: { id: 'b', title: 'fuzz', createdAt: new Date(0).toISOString() },
		tokens: [],
		initialUpdate: {
			data: Y.encodeStateAsUpdate(seedDoc),
			at: 0,
			role: 'system',
			connectionId: 'seed',
			tokenId: null,
			name: null
		}
	});
	const log = createLogger('silent');
	const metrics = new Metrics();
	const deps = { store, log, metrics, compactEvery: options.compactEvery ?? 25, graceMs: 60_000 };
	const rooms = new RoomManager(deps);
	const result: RoomFuzzResult = {
		seed: options.seed,
		framesSent: 0,
		bystanderCloses: 0,
		loadFailures: 0,
		divergences: 0,
		firstProblem: null
	};
	const problem = (what: string) => {
		result.firstProblem ??= what;
	};
	let nextConnection = 0;
	const connect = (role: 'editor' | 'owner', tokenId: string): Peer => {
		const socket = new MemorySocket();
		const connection = new Connection({
			id: `c${nextConnection++}`,
			boardId: 'b',
			role,
			tokenId,
			socket,
			rateLimitPerSecond: 0,
			rateLimitBurst: 0,
			keepaliveMs: 0
		});
		const doc = new Y.Doc();
		const feed = rooms.join(connection);
		feed(encodeSyncStep1(Y.encodeStateVector(doc)));
		return { doc, socket, connection, feed };
	};
	/** Applies what the room sent to an honest peer (sync step 2 and relays). */
	const deliver = (peer: Peer) => {
		for (const frame of peer.socket.sent.splice(0)) {
			if (frame[0] !== MessageType.Sync) continue;
			const message = decodeClientMessage(frame);
			if (message.type === 'sync-step2' || message.type === 'update') {
				try {
					Y.applyUpdate(peer.doc, message.update, 'server');
				} catch (error) {
					result.divergences++;
					problem(`an honest peer could not apply what the room sent: ${String(error)}`);
				}
			}
		}
	};

	const honest: Peer[] = [];
	for (let i = 0; i < honestCount; i++) honest.push(connect('editor', `honest-${i}`));
	const valid: Uint8Array[] = [];
	for (const peer of honest) {
		peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'server') return;
			valid.push(update);
			peer.feed(encodeUpdate(update));
		});
	}
	await ticks(6);
	honest.forEach(deliver);
	let attackers: Peer[] = [];
	const freshAttackers = () => {
		attackers = [];
		for (let i = 0; i < attackerCount; i++) attackers.push(connect('editor', `attacker-${i}`));
	};
	freshAttackers();
	const riskIds: string[] = [];

	for (let step = 0; step < options.steps; step++) {
		// Honest edits.
		for (const peer of honest) {
			try {
				honestEdit(peer, step);
			} catch {
				// An attacker with an editor link may legitimately reshape what this edit expected.
			}
		}
		function honestEdit(peer: Peer, step: number) {
			const r = random();
			const ids = riskIds.filter((id) => readBoard(peer.doc).risks.some((risk) => risk.id === id));
			if (r < 0.4 || ids.length === 0) {
				riskIds.push(addRisk(peer.doc, { title: `risk ${step}`, likelihood: 3, impact: 2 }).id);
			} else if (r < 0.7) {
				const id = ids[Math.floor(random() * ids.length)]!;
				updateRisk(peer.doc, id, { likelihood: 1 + Math.floor(random() * 5) });
			} else if (r < 0.9) {
				const id = ids[Math.floor(random() * ids.length)]!;
				setRiskText(peer.doc, {
					riskId: id,
					field: 'description',
					value: `text ${step} ${random()}`
				});
			} else {
				deleteRisk(peer.doc, ids[Math.floor(random() * ids.length)]!);
			}
		}
		// Attack frames, wrapped as sync updates or sync step 2 (and sometimes raw).
		for (let i = 0; i < framesPerStep && valid.length > 0; i++) {
			const attacker = attackers[Math.floor(random() * attackers.length)]!;
			const payload = mutate(random, valid);
			const wrap = random();
			const frame =
				wrap < 0.8 ? encodeUpdate(payload) : wrap < 0.9 ? encodeSyncStep2(payload) : payload;
			attacker.feed(frame);
			result.framesSent++;
		}
		await ticks(4);
		honest.forEach(deliver);
		for (const peer of honest) {
			if (peer.socket.closedWith !== null) {
				result.bystanderCloses++;
				problem(`step ${step}: honest connection closed with ${peer.socket.closedWith}`);
				// Reconnect it, as its client would, so the run goes on.
				const replacement = connect('editor', String(peer.connection.tokenId));
				Object.assign(peer, {
					socket: replacement.socket,
					connection: replacement.connection,
					feed: replacement.feed
				});
				peer.feed(encodeUpdate(Y.encodeStateAsUpdate(peer.doc)));
			}
		}
		if (attackers.some((a) => a.socket.closedWith !== null)) freshAttackers();
		if (step % 5 === 4 || step === options.steps - 1) await check(step);
	}
	return result;

	async function check(step: number): Promise<void> {
		await ticks(6);
		const room = rooms.get('b');
		if (!room || room.state !== 'ready') {
			await ticks(6);
		}
		let live: string;
		try {
			live = await rooms.read('b', (doc) => stateOf(doc));
		} catch (error) {
			result.loadFailures++;
			problem(`step ${step}: board failed to load: ${String(error)}`);
			return;
		}
		honest.forEach(deliver);
		for (const peer of honest) {
			if (peer.socket.closedWith === null && stateOf(peer.doc) !== live) {
				result.divergences++;
				problem(`step ${step}: an honest peer's state differs from the room's`);
				break;
			}
		}
		// What the store holds loads, and equals the live document.
		const reloaded = new RoomManager({ ...deps, metrics: new Metrics() });
		try {
			const stored = await reloaded.read('b', (doc) => stateOf(doc));
			if (stored !== live) {
				result.divergences++;
				problem(`step ${step}: the stored board differs from the live room`);
			}
		} catch (error) {
			result.loadFailures++;
			problem(`step ${step}: stored board failed to load: ${String(error)}`);
		}
		await reloaded.closeAll();
	}
}
