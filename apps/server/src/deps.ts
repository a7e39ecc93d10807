/**
 * What the app is built from (`AppDeps`), in its own module so route modules and services import
 * it without importing `app.ts` (which imports them).
 */
import type { UpgradeWebSocket } from 'hono/ws';
import type { Config } from './config.ts';
import type { HistoryCache } from './history.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { OriginPolicy } from './origin.ts';
import type { RateLimitStores } from './rest-rate-limits.ts';
import type { FanoutHealth } from './scale/redis-fanout.ts';
import type { BoardStore } from './storage/types.ts';
import type { RoomManager } from './sync/rooms.ts';

/** What the app is built from; `main.ts` wires real ones, tests wire their own. */
export interface AppDeps {
	config: Config;
	store: BoardStore;
	metrics: Metrics;
	log: Logger;
	rooms: RoomManager;
	/** Per-board edit histories replayed from the update log (per-risk history, authors). */
	history: HistoryCache;
	/**
	 * Allowed browser origins; `startServer` passes one it tells the real port. Defaults to one
	 * built from the config.
	 */
	origins?: OriginPolicy;
	/** Counters of the REST rate limits; in memory (this process) by default. */
	rateLimitStores?: RateLimitStores;
	/** Cross-process fan-out (`REDIS_URL`), for `/healthz`; null or absent on one process. */
	fanout?: { health(): FanoutHealth } | null;
	/** The runtime's websocket upgrade helper (from `@hono/node-server` on Node). */
	upgradeWebSocket?: UpgradeWebSocket<unknown>;
}
