import { serve, upgradeWebSocket, type ServerType } from '@hono/node-server';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { createApp } from './app.ts';
import { HistoryCache } from './history.ts';
import { RevocationSweep } from './links.ts';
import { redactUrl, type Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { Metrics } from './metrics.ts';
import { isLoopbackHost, OriginPolicy } from './origin.ts';
// The scale-out parts (postgres, ioredis) load only when configured: the bundle's single-process
// start-up does not parse them (build.mjs splits them into chunks of their own).
import type { RedisFanout } from './scale/redis-fanout.ts';
import { MemoryStore } from './storage/memory.ts';
import { SqliteStore } from './storage/sqlite.ts';
import type { BoardStore } from './storage/types.ts';
import { RoomManager } from './sync/rooms.ts';

export interface RunningServer {
	url: string;
	port: number;
	store: BoardStore;
	rooms: RoomManager;
	metrics: Metrics;
	/** Cross-process fan-out, when `REDIS_URL` is set. */
	fanout: RedisFanout | null;
	/** Commits everything pending, snapshots, closes connections and storage. */
	close(): Promise<void>;
}

/**
 * Opens the configured storage: SQLite in DATA_DIR by default, PostgreSQL for a `DATABASE_URL`
 * (connected and migrated before the server listens).
 */
export async function openStore(config: Config): Promise<BoardStore> {
	switch (config.storage) {
		case 'memory':
			return new MemoryStore();
		case 'postgres': {
			const { PostgresStore } = await import('./storage/postgres.ts');
			return PostgresStore.open(config.databaseUrl!, { max: config.databasePool });
		}
		case 'sqlite':
			return new SqliteStore(join(config.dataDir, 'riskboard.sqlite'));
	}
}

/** Starts the HTTP + websocket server on one port. Used by `main.ts` and by tests in-process. */
export async function startServer(
	config: Config,
	options: { store?: BoardStore; log?: Logger } = {}
): Promise<RunningServer> {
	const log = options.log ?? createLogger(config.logLevel);
	const store = options.store ?? (await openStore(config));
	const metrics = new Metrics();
	const fanout = config.redisUrl
		? await (
				await import('./scale/redis-fanout.ts')
			).RedisFanout.start({ url: config.redisUrl, store, log, metrics })
		: null;
	if (!fanout && store.kind === 'postgres') {
		log.warn(
			'DATABASE_URL without REDIS_URL: run one server process (others would not see its edits live)'
		);
	}
	// Several processes share boards only with Redis; then one holds each board's lease.
	const leases =
		fanout && config.databaseUrl
			? new (await import('./scale/pg-leases.ts')).PgLeases({
					url: config.databaseUrl,
					metrics,
					log
				})
			: null;
	const rooms = new RoomManager({
		store,
		metrics,
		log,
		...(fanout ? { peers: fanout } : {}),
		...(leases ? { leases } : {}),
		compactEvery: config.compactEvery,
		graceMs: config.roomGraceMs,
		timeZone: config.timeZone
	});
	const origins = new OriginPolicy({
		publicUrl: config.publicUrl,
		allowedOrigins: config.allowedOrigins,
		port: config.port
	});
	const rateLimitStores = fanout
		? (await import('./scale/redis-rate-limits.ts')).redisRateLimitStores(fanout.commands)
		: null;
	const app = createApp({
		config,
		origins,
		store,
		metrics,
		log,
		rooms,
		history: new HistoryCache({ store }),
		fanout,
		...(rateLimitStores ? { rateLimitStores } : {}),
		upgradeWebSocket: upgradeWebSocket as never
	});
	// Revocations made by another process sharing the store close this one's sockets too.
	const sweep = new RevocationSweep({ store, rooms, log, metrics });
	sweep.start();
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.wsMaxPayloadBytes });
	const server: ServerType = await new Promise((resolve) => {
		const s = serve(
			{ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } },
			() => resolve(s)
		);
	});
	const { port } = server.address() as AddressInfo;
	origins.listeningOn(port);
	const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
	log.info('listening', {
		url,
		storage: store.kind,
		...(store.kind === 'sqlite' ? { dataDir: config.dataDir } : {}),
		...(config.databaseUrl ? { database: redactUrl(config.databaseUrl) } : {}),
		...(fanout ? { redis: redactUrl(config.redisUrl!), instance: fanout.instanceId } : {})
	});
	if (!config.publicUrl && !isLoopbackHost(config.host)) {
		log.warn('PUBLIC_URL is not set: browsers are only accepted from loopback origins', {
			host: config.host,
			allowedOrigins: origins.origins
		});
	}

	let closing: Promise<void> | null = null;
	return {
		url,
		port,
		store,
		rooms,
		metrics,
		fanout,
		close() {
			closing ??= (async () => {
				sweep.stop();
				server.close();
				await rooms.closeAll();
				for (const client of wss.clients) client.terminate();
				await fanout?.close();
				await leases?.close();
				await store.close();
				log.info('stopped');
			})();
			return closing;
		}
	};
}
