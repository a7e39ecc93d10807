import { EMPTY_AWARENESS_UPDATE, encodeAwareness, type Role } from '@riskboard/protocol';
import { RateLimiter } from './rate-limiter.ts';

/** The part of a websocket a connection needs; `ws`'s WebSocket satisfies it. */
export interface PeerSocket {
	readonly bufferedAmount: number;
	send(data: Uint8Array): void;
	close(code: number, reason?: string): void;
	ping(): void;
	terminate(): void;
}

export interface ConnectionOptions {
	id: string;
	boardId: string;
	role: Role;
	tokenId: string | null;
	socket: PeerSocket;
	rateLimitPerSecond: number;
	rateLimitBurst: number;
	keepaliveMs: number;
	/** Bytes queued beyond the largest frame in flight before the peer is cut (default 8 MiB). */
	maxBufferedBytes?: number;
	/** Called when the connection is cut for not reading (for metrics). */
	onCut?: () => void;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** After a close frame, how long a peer gets to answer before its socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

/**
 * One client's websocket on one board: who it is (role, link), what it may claim in awareness,
 * and liveness. The stock client drops a connection after 30 s without a message, so an idle
 * peer gets an empty awareness frame every `keepaliveMs`; pings detect peers that vanished.
 */
export class Connection {
	readonly id: string;
	readonly boardId: string;
	readonly role: Role;
	readonly tokenId: string | null;
	/** Awareness client ids this connection has claimed; nobody else may speak for them. */
	readonly awarenessIds = new Set<number>();
	/** Set once the initial sync step 2 went out; relays start only after it. */
	initialSyncSent = false;
	/** Set once the client's own sync step 2 (its answer to the server's step 1) arrived. */
	syncAnswered = false;
	/** Whether the client asked for scoring-round events (RoundSubscribe); the stock one never does. */
	roundEvents = false;
	/**
	 * The display name its presence last published (`presenceName`), stored with each update it
	 * writes; null until it published one. Awareness is restricted to its own client ids.
	 */
	displayName: string | null = null;
	/**
	 * The person on the board its presence last said it was (`presencePersonId`, checked against
	 * the board's people list); null for a name only. Stored with each update beside the name.
	 */
	personId: string | null = null;
	#socket: PeerSocket;
	#limiter: RateLimiter;
	#lastSent = Date.now();
	#alive = true;
	#closed = false;
	#timer: ReturnType<typeof setInterval> | null = null;
	#closeTimer: ReturnType<typeof setTimeout> | null = null;
	#maxBuffered: number;
	/** The largest frame sent since the send buffer was last seen empty: allowed on top. */
	#inFlight = 0;
	#onCut: (() => void) | undefined;

	constructor(options: ConnectionOptions) {
		this.#maxBuffered = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
		this.#onCut = options.onCut;
		this.id = options.id;
		this.boardId = options.boardId;
		this.role = options.role;
		this.tokenId = options.tokenId;
		this.#socket = options.socket;
		this.#limiter = new RateLimiter(options.rateLimitPerSecond, options.rateLimitBurst);
		if (options.keepaliveMs > 0) {
			this.#timer = setInterval(() => this.#keepalive(options.keepaliveMs), options.keepaliveMs);
			this.#timer.unref?.();
		}
	}

	get closed(): boolean {
		return this.#closed;
	}

	/** Bytes queued on the socket, not yet handed to the operating system. */
	get bufferedAmount(): number {
		return this.#socket.bufferedAmount;
	}

	/** False when this message exceeds the connection's rate limit. */
	allowMessage(): boolean {
		return this.#limiter.take();
	}

	/**
	 * Queues a frame. A peer with more than `maxBufferedBytes` queued beyond the largest frame in
	 * flight has stopped reading: it is terminated at once (a close frame would only queue behind
	 * the backlog), so its buffers are freed and it leaves the connection count now. One large
	 * frame, such as the sync step 2 of a big board, is always allowed.
	 */
	send(frame: Uint8Array): void {
		if (this.#closed) return;
		const buffered = this.#socket.bufferedAmount;
		if (buffered === 0) this.#inFlight = 0;
		if (buffered - this.#inFlight > this.#maxBuffered) {
			this.#closed = true;
			this.#stopTimer();
			this.#onCut?.();
			this.#socket.terminate();
			return;
		}
		this.#inFlight = Math.max(this.#inFlight, frame.byteLength);
		this.#lastSent = Date.now();
		this.#socket.send(frame);
	}

	/** Sends a close frame; a peer that does not answer within 2 s is terminated. */
	close(code: number, reason: string): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#stopTimer();
		this.#socket.close(code, reason);
		this.#closeTimer = setTimeout(() => this.#socket.terminate(), CLOSE_GRACE_MS);
		this.#closeTimer.unref?.();
	}

	/** Called by the socket layer on pong. */
	pong(): void {
		this.#alive = true;
	}

	/** Called by the socket layer when the socket is gone, whoever closed it. */
	disposed(): void {
		this.#closed = true;
		this.#stopTimer();
		if (this.#closeTimer) clearTimeout(this.#closeTimer);
		this.#closeTimer = null;
	}

	#keepalive(intervalMs: number): void {
		if (!this.#alive) {
			this.disposed();
			this.#socket.terminate();
			return;
		}
		this.#alive = false;
		this.#socket.ping();
		if (Date.now() - this.#lastSent >= intervalMs - 50) {
			this.send(encodeAwareness(EMPTY_AWARENESS_UPDATE));
		}
	}

	#stopTimer(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}
}
