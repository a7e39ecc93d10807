/**
 * Cross-process fan-out over Redis (`REDIS_URL`), behind the `RoomPeers` seam (`peers.ts`).
 *
 * Document updates: after a room commits a batch (sequence numbers `from..to` in the shared log),
 * its process appends one entry to the board's stream (`XADD … MAXLEN ~ N`: one stream per board,
 * trimmed) with the merged update and its sequence range. Every process that has the board loaded
 * reads the streams of its loaded boards (one blocking `XREAD` connection per process) and applies
 * and relays each entry to its own clients — in sequence order only, so nothing is ever applied
 * before what it depends on. An entry whose range the room already holds is a duplicate and is
 * not relayed again. An entry beyond a gap is held for `gapWaitMs` (entries of different
 * processes can reach the stream out of commit order); a gap that does not close, a reconnect,
 * a late start and a REST read all catch up from the store (`listUpdates(afterSeq)`): the log in
 * PostgreSQL is the truth, Redis only makes it fast. While Redis is unreachable or hangs the
 * process keeps serving its own clients and polls the store for the boards it has loaded.
 *
 * Presence: awareness updates of a process's own connections go over pub/sub (ephemeral, loss is
 * repaired by the clients' 15 s renewals and y-protocols' 30 s timeout); a process applies only
 * client ids none of its own connections own (`Room.applyRemoteAwareness`), and its connections
 * cannot claim ids that are present on another process.
 *
 * Why ioredis (6): maintained, types included, reconnects by itself with a retry strategy,
 * re-subscribes after a reconnect, Buffer replies for binary stream fields (`xreadBuffer`), a
 * client-side timeout for blocking reads (`blockingTimeout`, so a paused Redis is noticed).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import type { BoardStore } from '../storage/types.ts';
import { PEER_ORIGIN, type BoardPeer, type PeerRoom, type RoomPeers } from './peers.ts';

export interface RedisFanoutOptions {
	url: string;
	store: BoardStore;
	log: Logger;
	metrics: Metrics;
	/** Entries kept per board stream (approximate trimming). */
	streamMaxLen?: number;
	/** How long an entry beyond a gap waits for the gap to close before catching up from the store. */
	gapWaitMs?: number;
	/** Health check (PING) period; while Redis fails it, loaded boards poll the store this often. */
	heartbeatMs?: number;
}

/** A stream entry as read: which process committed `from..to`; no `data` for a head marker. */
interface Entry {
	origin: string;
	from: number;
	to: number;
	data: Uint8Array | null;
}

const PRESENCE_UPDATE = 0;
const PRESENCE_QUERY = 1;
/** A stream untouched for a day (its board idle everywhere) is dropped by Redis. */
const STREAM_TTL_MS = 24 * 60 * 60 * 1000;
/** How long one blocking read waits before looking at the set of loaded boards again. */
const BLOCK_MS = 2000;

const streamKey = (boardId: string) => `riskboard:{${boardId}}:updates`;
const presenceChannel = (boardId: string) => `riskboard:{${boardId}}:presence`;

export interface FanoutHealth {
	ok: boolean;
	/** ioredis' connection status (`ready`, `connecting`, `reconnecting`, …) or `unresponsive`. */
	status: string;
	instance: string;
	boards: number;
}

export class RedisFanout implements RoomPeers {
	/** This process's id in stream entries and presence messages (16 hex characters). */
	readonly instanceId = randomBytes(8).toString('hex');
	readonly options: Required<Omit<RedisFanoutOptions, 'url'>>;
	/** Commands: XADD, XREVRANGE, PUBLISH, CLIENT UNBLOCK, PING. Fails fast while disconnected. */
	#cmd: Redis;
	/** The blocking XREAD loop's own connection. */
	#reader: Redis;
	/** Presence subscriptions (a subscribed connection can do nothing else). */
	#sub: Redis;
	#feeds = new Map<string, BoardFeed>();
	#byKey = new Map<string, BoardFeed>();
	#readerId: number | null = null;
	/** Bumped when the set of streams to read changes; the loop compares it after each read. */
	#generation = 0;
	#readGeneration = -1;
	#wake: (() => void) | null = null;
	#closed = false;
	#healthy = false;
	#heartbeat: ReturnType<typeof setInterval>;
	#loop: Promise<void>;

	constructor(options: RedisFanoutOptions) {
		this.options = {
			store: options.store,
			log: options.log,
			metrics: options.metrics,
			streamMaxLen: options.streamMaxLen ?? 1000,
			gapWaitMs: options.gapWaitMs ?? 100,
			heartbeatMs: options.heartbeatMs ?? 1000
		};
		const common = {
			protocol: 2 as const,
			lazyConnect: false,
			retryStrategy: (times: number) => Math.min(50 * times, 1000),
			maxRetriesPerRequest: 1
		};
		this.#cmd = new Redis(options.url, {
			...common,
			enableOfflineQueue: false,
			commandTimeout: 2000,
			connectionName: `riskboard-${this.instanceId}-cmd`
		});
		this.#reader = new Redis(options.url, {
			...common,
			enableOfflineQueue: false,
			blockingTimeout: BLOCK_MS + 1000,
			autoResendUnfulfilledCommands: false,
			connectionName: `riskboard-${this.instanceId}-read`
		});
		this.#sub = new Redis(options.url, {
			...common,
			maxRetriesPerRequest: null,
			connectionName: `riskboard-${this.instanceId}-sub`
		});
		for (const [name, client] of [
			['cmd', this.#cmd],
			['read', this.#reader],
			['sub', this.#sub]
		] as const) {
			// ioredis reconnects by itself; errors are expected while Redis is away.
			client.on('error', (error: Error) =>
				this.options.log.debug('redis error', { connection: name, error: error.message })
			);
		}
		this.#cmd.on('ready', () => this.#up('connected'));
		this.#cmd.on('close', () => this.#down('connection closed'));
		this.#reader.on('ready', () => {
			void this.#reader.client('ID').then(
				(id) => {
					this.#readerId = Number(id);
					this.#kick();
				},
				() => {}
			);
			// Whatever was appended while this connection was away is read from the store.
			for (const feed of this.#feeds.values()) void feed.catchUp('reconnect');
		});
		this.#sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
			this.#onPresence(channel.toString(), message)
		);
		this.#heartbeat = setInterval(() => void this.#beat(), this.options.heartbeatMs);
		this.#heartbeat.unref?.();
		this.#loop = this.#read();
	}

	/**
	 * Connects and waits up to `waitMs` for Redis; a server whose Redis is away still starts (it
	 * serves its own clients, and catches up once Redis answers).
	 */
	static async start(options: RedisFanoutOptions, waitMs = 3000): Promise<RedisFanout> {
		const fanout = new RedisFanout(options);
		const deadline = Date.now() + waitMs;
		while (!fanout.#healthy && Date.now() < deadline) await sleep(20);
		if (!fanout.#healthy) options.log.warn('redis not reachable yet; serving this process only');
		return fanout;
	}

	/** The command connection (fails fast while Redis is away), for other shared state. */
	get commands(): Redis {
		return this.#cmd;
	}

	get healthy(): boolean {
		return this.#healthy;
	}

	health(): FanoutHealth {
		return {
			ok: this.#healthy,
			status: this.#healthy
				? this.#cmd.status
				: this.#cmd.status === 'ready'
					? 'unresponsive'
					: this.#cmd.status,
			instance: this.instanceId,
			boards: this.#feeds.size
		};
	}

	attach(room: PeerRoom): BoardPeer {
		this.#feeds.get(room.id)?.detach();
		const feed = new BoardFeed(this, room);
		this.#feeds.set(room.id, feed);
		this.#byKey.set(feed.key, feed);
		this.#sub.subscribe(feed.channel).catch(() => {});
		void this.#position(feed);
		this.publishPresence(feed, PRESENCE_QUERY, new Uint8Array());
		return feed;
	}

	/** Called by a feed when its room closed. */
	forget(feed: BoardFeed): void {
		if (this.#feeds.get(feed.room.id) !== feed) return;
		this.#feeds.delete(feed.room.id);
		this.#byKey.delete(feed.key);
		this.#sub.unsubscribe(feed.channel).catch(() => {});
		this.#kick();
	}

	/** Appends a committed batch (or a head marker, `data` null) to the board's stream. */
	publish(feed: BoardFeed, from: number, to: number, data: Uint8Array | null): void {
		const fields: Array<string | Buffer> = [
			'o',
			this.instanceId,
			'f',
			String(from),
			't',
			String(to)
		];
		if (data) fields.push('d', Buffer.from(data.buffer, data.byteOffset, data.byteLength));
		const pipeline = this.#cmd.pipeline();
		pipeline.xadd(feed.key, 'MAXLEN', '~', this.options.streamMaxLen, '*', ...fields);
		pipeline.pexpire(feed.key, STREAM_TTL_MS);
		pipeline
			.exec()
			.then(
				(results) => {
					const failed = results?.find(([error]) => error);
					if (failed) throw failed[0];
					this.options.metrics.inc('riskboard_fanout_published_total');
				},
				(error: unknown) => this.#publishFailed(error)
			)
			.catch((error: unknown) => this.#publishFailed(error));
	}

	#publishFailed(error: unknown): void {
		this.options.metrics.inc('riskboard_fanout_publish_failures_total');
		this.options.log.debug('stream append failed', { error: String(error) });
		// Others learn of it from the head markers sent when Redis answers again.
		this.#down('publish failed');
	}

	publishPresence(feed: BoardFeed, kind: number, data: Uint8Array): void {
		if (this.#cmd.status !== 'ready') return;
		const message = Buffer.concat([Buffer.from([kind]), Buffer.from(this.instanceId), data]);
		this.#cmd.publish(feed.channel, message).catch(() => {});
	}

	#onPresence(channel: string, message: Buffer): void {
		const feed = this.#feeds.get(channel.slice('riskboard:{'.length, -'}:presence'.length));
		if (!feed || message.length < 17) return;
		const origin = message.subarray(1, 17).toString();
		if (origin === this.instanceId) return;
		const kind = message[0];
		if (kind === PRESENCE_QUERY) feed.publishAllPresence();
		else if (kind === PRESENCE_UPDATE)
			feed.room.applyRemoteAwareness(new Uint8Array(message.subarray(17)));
	}

	/** Where a new feed starts reading: the stream's newest entry, then a catch-up from the store. */
	async #position(feed: BoardFeed): Promise<void> {
		if (this.#cmd.status !== 'ready') return; // done by #up when Redis is back
		try {
			const newest = await this.#cmd.xrevrange(feed.key, '+', '-', 'COUNT', 1);
			if (feed.detached) return;
			feed.position = newest[0]?.[0] ?? '0-0';
		} catch {
			return;
		}
		await feed.catchUp('start');
		this.#kick();
	}

	#up(why: string): void {
		if (this.#healthy || this.#closed) return;
		this.#healthy = true;
		this.options.metrics.set('riskboard_redis_up', 1);
		this.options.log.info('redis available', { why });
		for (const feed of this.#feeds.values()) {
			if (feed.position === null) void this.#position(feed);
			else {
				// Tell the others where this board's log is (an append may have been lost meanwhile),
				// and catch up on what they appended while this process could not read.
				this.publish(feed, feed.watermark, feed.watermark, null);
				void feed.catchUp('reconnect');
			}
			feed.publishAllPresence();
		}
	}

	#down(why: string): void {
		if (!this.#healthy || this.#closed) return;
		this.#healthy = false;
		this.options.metrics.set('riskboard_redis_up', 0);
		this.options.log.warn('redis unavailable; polling the store for loaded boards', { why });
	}

	async #beat(): Promise<void> {
		if (this.#closed) return;
		if (!this.#healthy) {
			// Keep loaded boards current from the store while Redis cannot carry updates.
			for (const feed of this.#feeds.values()) void feed.catchUp('poll');
		}
		if (this.#cmd.status !== 'ready') return;
		try {
			await this.#cmd.ping();
			this.#up('ping answered');
		} catch {
			this.#down('ping unanswered');
		}
	}

	/** Makes the reader look at the set of streams again (a board loaded or unloaded). */
	#kick(): void {
		this.#generation++;
		this.#wake?.();
		if (this.#readerId !== null && this.#readGeneration !== this.#generation) {
			this.#cmd.client('UNBLOCK', this.#readerId).catch(() => {});
		}
	}

	async #read(): Promise<void> {
		while (!this.#closed) {
			const feeds = [...this.#feeds.values()].filter((f) => f.position !== null);
			if (feeds.length === 0 || this.#reader.status !== 'ready') {
				await new Promise<void>((resolve) => {
					this.#wake = resolve;
					setTimeout(resolve, 250).unref?.();
				});
				this.#wake = null;
				continue;
			}
			this.#readGeneration = this.#generation;
			let reply: Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;
			try {
				reply = (await this.#reader.xreadBuffer(
					'COUNT',
					1000,
					'BLOCK',
					BLOCK_MS,
					'STREAMS',
					...feeds.map((f) => f.key),
					...feeds.map((f) => f.position!)
				)) as typeof reply;
			} catch (error) {
				if (this.#closed) return;
				this.options.log.debug('stream read failed', { error: String(error) });
				await sleep(100);
				continue;
			}
			// A kick that came while the read was being sent may not have unblocked it: look again.
			if (!reply) continue;
			for (const [key, items] of reply) {
				const feed = this.#byKey.get(key.toString());
				if (!feed) continue;
				for (const [id, fields] of items) {
					feed.position = id.toString();
					const entry = parseEntry(fields);
					if (!entry) continue;
					const lag = Date.now() - Number(feed.position.split('-')[0]);
					this.options.metrics.set('riskboard_fanout_stream_lag_ms', Math.max(0, lag));
					feed.onEntry(entry, this.instanceId);
				}
			}
		}
	}

	async close(): Promise<void> {
		if (this.#closed) return;
		this.#closed = true;
		clearInterval(this.#heartbeat);
		this.#wake?.();
		for (const feed of [...this.#feeds.values()]) feed.detach();
		this.#reader.disconnect();
		await this.#loop.catch(() => {});
		await Promise.all(
			[this.#cmd, this.#sub].map((c) =>
				c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect()
			)
		);
	}
}

function parseEntry(fields: Buffer[]): Entry | null {
	const map = new Map<string, Buffer>();
	for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i]!.toString(), fields[i + 1]!);
	const from = Number(map.get('f')?.toString());
	const to = Number(map.get('t')?.toString());
	const origin = map.get('o')?.toString();
	if (!origin || !Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) return null;
	const data = map.get('d');
	return { origin, from, to, data: data ? new Uint8Array(data) : null };
}

/**
 * One loaded board's place in the shared log. `watermark` is the contiguous prefix the room has
 * integrated; `ahead` the sequence numbers integrated beyond it (this room's own commits, which
 * can come back from the store before an earlier one committed elsewhere has arrived); `held`
 * the stream entries waiting for a gap before them to close.
 */
class BoardFeed implements BoardPeer {
	readonly key: string;
	readonly channel: string;
	readonly room: PeerRoom;
	/** Last stream id read (or the newest when the feed started); null until known. */
	position: string | null = null;
	watermark: number;
	detached = false;
	#fanout: RedisFanout;
	#ahead = new Set<number>();
	#held = new Map<number, Entry>();
	#gapTimer: ReturnType<typeof setTimeout> | null = null;
	#chain: Promise<void> = Promise.resolve();
	#onAwareness: (changes: AwarenessChanges, origin: unknown) => void;

	constructor(fanout: RedisFanout, room: PeerRoom) {
		this.#fanout = fanout;
		this.room = room;
		this.key = streamKey(room.id);
		this.channel = presenceChannel(room.id);
		this.watermark = room.lastSeq;
		this.#onAwareness = ({ added, updated, removed }, origin) => {
			// Only this process's own connections' presence; other processes time theirs out.
			if (origin === PEER_ORIGIN || origin === 'timeout') return;
			const ids = [...added, ...updated, ...removed].filter((id) => !room.remoteClients.has(id));
			if (ids.length === 0) return;
			const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids);
			fanout.publishPresence(this, PRESENCE_UPDATE, update);
		};
		room.awareness.on('update', this.#onAwareness);
	}

	get #metrics(): Metrics {
		return this.#fanout.options.metrics;
	}

	committed(from: number, to: number, merged: Uint8Array): number {
		if (!this.detached) this.#fanout.publish(this, from, to, merged);
		for (let seq = Math.max(from, this.watermark + 1); seq <= to; seq++) this.#ahead.add(seq);
		this.#advance();
		return this.watermark;
	}

	onEntry(entry: Entry, self: string): void {
		if (this.detached || entry.origin === self) return;
		if (entry.data === null) {
			if (entry.to > this.watermark) void this.catchUp('head');
			return;
		}
		if (entry.to <= this.watermark) {
			this.#metrics.inc('riskboard_fanout_duplicates_total');
			return;
		}
		this.#held.set(entry.from, entry);
		this.#advance();
	}

	/** Integrates whatever continues the watermark: own commits and held entries, in order. */
	#advance(): void {
		for (;;) {
			const next = this.watermark + 1;
			if (this.#ahead.delete(next)) {
				this.watermark = next;
				continue;
			}
			const entry = this.#takeHeld(next);
			if (!entry) break;
			this.room.applyCommitted(entry.data!, entry.to);
			this.#metrics.inc('riskboard_fanout_applied_total');
			this.#settle(entry.to);
		}
		for (const [from, entry] of this.#held) if (entry.to <= this.watermark) this.#held.delete(from);
		if (this.#held.size > 0 || this.#ahead.size > 0) this.#armGap();
		else this.#disarmGap();
	}

	/** A held entry starting at or before `next` and reaching beyond the watermark. */
	#takeHeld(next: number): Entry | null {
		for (const [from, entry] of this.#held) {
			if (from <= next && entry.to >= next) {
				this.#held.delete(from);
				return entry;
			}
		}
		return null;
	}

	#settle(through: number): void {
		if (through <= this.watermark) return;
		this.watermark = through;
		for (const seq of this.#ahead) if (seq <= through) this.#ahead.delete(seq);
	}

	#armGap(): void {
		if (this.#gapTimer || this.detached) return;
		this.#gapTimer = setTimeout(() => {
			this.#gapTimer = null;
			void this.catchUp('gap');
		}, this.#fanout.options.gapWaitMs);
		this.#gapTimer.unref?.();
	}

	#disarmGap(): void {
		if (this.#gapTimer) clearTimeout(this.#gapTimer);
		this.#gapTimer = null;
	}

	/**
	 * Reads the log after the watermark from the store and integrates it (one merged update,
	 * relayed once; sequence numbers this room already holds are left out). Catch-ups run one
	 * after another, so each one sees everything committed before it was asked for.
	 */
	catchUp(reason: string = 'read'): Promise<void> {
		const run = this.#chain.then(() => this.#catchUpNow(reason));
		this.#chain = run.catch(() => {});
		return run;
	}

	async #catchUpNow(reason: string): Promise<void> {
		if (this.detached) return;
		const { store, log } = this.#fanout.options;
		let rows;
		try {
			rows = await store.listUpdates(this.room.id, { afterSeq: this.watermark });
		} catch (error) {
			log.warn('catch-up from the store failed', { board: this.room.id, reason, error });
			if (reason !== 'read') this.#armGap();
			throw error;
		}
		if (this.detached || rows.length === 0) return;
		this.#metrics.inc('riskboard_fanout_catchups_total', { reason });
		const fresh = rows.filter((r) => r.seq > this.watermark && !this.#ahead.has(r.seq));
		const last = rows.at(-1)!.seq;
		if (fresh.length > 0) {
			const datas = fresh.map((r) => r.data);
			this.room.applyCommitted(datas.length === 1 ? datas[0]! : Y.mergeUpdates(datas), last);
		}
		// Everything up to `last` is in the room now (sequence numbers the store skipped are
		// quarantined entries, left out of loads too).
		this.#settle(last);
		this.#advance();
	}

	/** Publishes the presence of every client of this process's connections (a peer asked). */
	publishAllPresence(): void {
		if (this.detached) return;
		const ids = [...this.room.awareness.getStates().keys()].filter(
			(id) => !this.room.remoteClients.has(id)
		);
		if (ids.length === 0) return;
		const update = awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ids);
		this.#fanout.publishPresence(this, PRESENCE_UPDATE, update);
	}

	detach(): void {
		if (this.detached) return;
		this.detached = true;
		this.#disarmGap();
		this.room.awareness.off('update', this.#onAwareness);
		this.#fanout.forget(this);
	}
}

interface AwarenessChanges {
	added: number[];
	updated: number[];
	removed: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
