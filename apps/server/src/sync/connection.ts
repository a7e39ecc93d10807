import { CloseCode, EMPTY_AWARENESS_UPDATE, encodeAwareness, type Role } from '@riskboard/protocol';
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
}

/** Bytes queued for one peer beyond which it is treated as stuck and disconnected. */
export const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

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
	/** Whether the client asked for scoring-round events (RoundSubscribe); the stock one never does. */
	roundEvents = false;
	/**
	 * The display name its presence last published (`presenceName`), stored with each update it
	 * writes; null until it published one. Awareness is restricted to its own client ids.
	 */
	displayName: string | null = null;
	#socket: PeerSocket;
	#limiter: RateLimiter;
	#lastSent = Date.now();
	#alive = true;
	#closed = false;
	#timer: ReturnType<typeof setInterval> | null = null;

	constructor(options: ConnectionOptions) {
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

	/** False when this message exceeds the connection's rate limit. */
	allowMessage(): boolean {
		return this.#limiter.take();
	}

	send(frame: Uint8Array): void {
		if (this.#closed) return;
		if (this.#socket.bufferedAmount > MAX_BUFFERED_BYTES) {
			this.close(CloseCode.Backpressure, 'client is not reading; reconnect');
			return;
		}
		this.#lastSent = Date.now();
		this.#socket.send(frame);
	}

	close(code: number, reason: string): void {
		if (this.#closed) return;
		this.#closed = true;
		this.#stopTimer();
		this.#socket.close(code, reason);
	}

	/** Called by the socket layer on pong. */
	pong(): void {
		this.#alive = true;
	}

	/** Called by the socket layer when the socket is gone, whoever closed it. */
	disposed(): void {
		this.#closed = true;
		this.#stopTimer();
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
