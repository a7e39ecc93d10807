/**
 * @riskboard/server — the Hono app (REST API, y-websocket sync endpoint, web app), its rooms and
 * its storage adapters. `main.ts` runs it; tests and benchmarks import from here.
 */
export { createApp } from './app.ts';
export type { AppDeps } from './deps.ts';
export { loadConfig, type Config } from './config.ts';
export { createLogger, type Logger } from './log.ts';
export { Metrics } from './metrics.ts';
export { openStore, startServer, type RunningServer } from './server.ts';
export { MemoryStore } from './storage/memory.ts';
export { PostgresStore } from './storage/postgres.ts';
export { SqliteStore } from './storage/sqlite.ts';
export { RedisFanout } from './scale/redis-fanout.ts';
export type { BoardStore } from './storage/types.ts';
export { RoomManager } from './sync/rooms.ts';
