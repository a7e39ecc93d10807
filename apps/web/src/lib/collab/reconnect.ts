/**
 * Reconnecting with jitter. The stock `y-websocket` provider retries after exactly
 * min(2^n × 100 ms, 2.5 s): when a server restarts, every client of it comes back in the same
 * few milliseconds, again and again. This module takes the retries over ("full jitter": a
 * uniformly random delay up to an exponentially growing cap) and leaves the provider everything
 * else. Plain TypeScript with no browser globals, so the reconnect soak runs it in Node against a
 * real server (`test/soak/reconnect-storm.ts`).
 */
import { isTerminalCloseCode } from '@riskboard/protocol';

export interface ReconnectPolicy {
	/** Cap of the first retry's delay, in ms; it doubles per failed attempt. */
	baseMs: number;
	/** The largest cap, in ms. */
	maxMs: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { baseMs: 500, maxMs: 5000 };

/** The delay before retry `attempt` (0-based): uniform in [0, min(maxMs, baseMs × 2^attempt)). */
export function reconnectDelay(
	attempt: number,
	policy: ReconnectPolicy = DEFAULT_RECONNECT,
	random: () => number = Math.random
): number {
	const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt, 30));
	return Math.floor(random() * cap);
}

/** The part of `WebsocketProvider` this needs. */
export interface ReconnectingProvider {
	shouldConnect: boolean;
	connect(): void;
	on(event: 'connection-close', listener: (event: { code: number } | null) => void): void;
	on(event: 'sync', listener: (synced: boolean) => void): void;
	off(event: 'connection-close', listener: (event: { code: number } | null) => void): void;
	off(event: 'sync', listener: (synced: boolean) => void): void;
}

/**
 * Makes `provider` reconnect after jittered delays instead of its own fixed backoff. Terminal
 * close codes (4400–4499) still end the connection for good, and a provider someone disconnected
 * on purpose stays disconnected. Returns a function that undoes it (and cancels a pending retry).
 */
export function jitterReconnects(
	provider: ReconnectingProvider,
	options: { policy?: ReconnectPolicy; random?: () => number } = {}
): () => void {
	let attempt = 0;
	let timer: ReturnType<typeof setTimeout> | null = null;
	const onClose = (event: { code: number } | null) => {
		if (!provider.shouldConnect) return; // disconnected on purpose
		if (event && isTerminalCloseCode(event.code)) return; // the provider stops by itself
		// Turn the provider's own scheduled retry into a no-op, then retry when we decide.
		provider.shouldConnect = false;
		if (timer) clearTimeout(timer);
		timer = setTimeout(
			() => {
				timer = null;
				provider.connect();
			},
			reconnectDelay(attempt++, options.policy, options.random)
		);
	};
	const onSync = (synced: boolean) => {
		if (synced) attempt = 0;
	};
	provider.on('connection-close', onClose);
	provider.on('sync', onSync);
	return () => {
		if (timer) clearTimeout(timer);
		timer = null;
		provider.off('connection-close', onClose);
		provider.off('sync', onSync);
	};
}
