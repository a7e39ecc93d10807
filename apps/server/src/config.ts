import { DEFAULT_TIME_ZONE, isTimeZone } from '@riskboard/model';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Server settings; every field has a documented default (see README "Configuration"). */
export interface Config {
	port: number;
	host: string;
	/** Where the SQLite file (`riskboard.sqlite`) lives. */
	dataDir: string;
	/**
	 * `sqlite` (default), `postgres` (chosen by a `DATABASE_URL`; several processes may share it)
	 * or `memory` (nothing survives a restart; for tests and demos).
	 */
	storage: 'sqlite' | 'postgres' | 'memory';
	/** `DATABASE_URL`: a `postgres://` URL; null unless the storage is PostgreSQL. */
	databaseUrl: string | null;
	/** Connections per process to PostgreSQL (`DATABASE_POOL`). */
	databasePool: number;
	/**
	 * `REDIS_URL` (`redis://…`): enables fan-out between server processes (document updates over
	 * Redis Streams, presence over pub/sub); null for one process on its own.
	 */
	redisUrl: string | null;
	/**
	 * The server's public origin (`https://risk.example.com`), the one browsers use. Null: the
	 * loopback origins of the listening port (`http://127.0.0.1:PORT`, `http://localhost:PORT`).
	 */
	publicUrl: string | null;
	/** Browser origins allowed besides the server's own (exact `scheme://host[:port]`). */
	allowedOrigins: string[];
	/** When set, creating a board needs `Authorization: Bearer <secret>`. */
	createBoardSecret: string | null;
	/** Largest websocket frame accepted, in bytes; larger ones close the socket with 4413. */
	maxMessageBytes: number;
	/**
	 * Hard cap on a frame `ws` reads at all (its `maxPayload`): larger frames are cut with 1009
	 * before they are buffered. At least `maxMessageBytes`; default 4 × it.
	 */
	wsMaxPayloadBytes: number;
	/**
	 * Bytes queued for one client, beyond the largest frame in flight, after which the connection
	 * is terminated (a client that stopped reading).
	 */
	maxBufferedBytes: number;
	/** Largest REST request body, in bytes. */
	maxRequestBytes: number;
	/** Largest uploaded import file (`IMPORT_MAX_BYTES`); the upload route is exempt from `maxRequestBytes`. */
	importMaxBytes: number;
	/** Most data rows and columns an import reads. */
	importMaxRows: number;
	importMaxColumns: number;
	/** Total size of all uncommitted import previews kept in the store (files + parses). */
	importPreviewMaxBytes: number;
	/** How long an uncommitted import preview is kept. */
	importPreviewTtlMs: number;
	/** Sustained websocket messages per second per connection, and the burst allowance. */
	rateLimitPerSecond: number;
	rateLimitBurst: number;
	/**
	 * REST requests per board link (token) per window on `/api/boards/:id/…`; 0 disables. Sized
	 * for 30 people sharing one link through a scoring round.
	 */
	restRateLimit: number;
	restRateWindowMs: number;
	/** Boards created (`POST /api/boards`) per client address per window; 0 disables. */
	createRateLimit: number;
	createRateWindowMs: number;
	/**
	 * How many reverse proxies in front of the server append to `X-Forwarded-For`; 0 (default)
	 * ignores the header and uses the socket's address.
	 */
	trustProxy: number;
	/** How long a room stays loaded after its last client leaves. */
	roomGraceMs: number;
	/** A connection that has been sent nothing for this long gets a keepalive frame; pings run at this period too. */
	keepaliveMs: number;
	/** Write a snapshot after this many stored updates since the last one. */
	compactEvery: number;
	/** Built web app to serve; empty string disables it. */
	webDir: string;
	logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
	/**
	 * The time zone (IANA, from `TZ`; default UTC) of boards created without one and of boards
	 * made before boards had a time zone.
	 */
	timeZone: string;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const defaultWebDir = resolve(here, '../../web/build');

function int(env: Record<string, string | undefined>, name: string, fallback: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
	}
	return value;
}

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
	const value = int(env, name, fallback);
	if (value === 0) throw new Error(`${name} must be a positive integer`);
	return value;
}

/** `TRUST_PROXY`: a number of proxies; `true` means one, `false` none. */
function trustProxy(raw: string | undefined): number {
	if (raw === undefined || raw === '' || raw === 'false') return 0;
	if (raw === 'true') return 1;
	return int({ TRUST_PROXY: raw }, 'TRUST_PROXY', 0);
}

/**
 * `TZ` as an IANA zone; UTC when unset. A `TZ` that is not a zone name but that the runtime
 * understands (`:/etc/localtime`, as systemd sets it) means the zone the runtime resolved it to.
 */
function timeZone(raw: string | undefined): string {
	const zone = (raw ?? '').replace(/^:/, '').trim();
	if (zone === '') return DEFAULT_TIME_ZONE;
	if (isTimeZone(zone)) return zone;
	const resolved = Intl.DateTimeFormat().resolvedOptions().timeZone;
	if (process.env.TZ === raw && isTimeZone(resolved)) return resolved;
	throw new Error(`TZ must be an IANA time zone such as Europe/Berlin, got "${raw}"`);
}

function oneOf<T extends string>(
	env: Record<string, string | undefined>,
	name: string,
	options: readonly T[],
	fallback: T
): T {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!options.includes(raw as T)) throw new Error(`${name} must be one of ${options.join(', ')}`);
	return raw as T;
}

function publicUrl(raw: string | undefined): string | null {
	if (raw === undefined || raw.trim() === '') return null;
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		throw new Error(`PUBLIC_URL must be a URL like https://risk.example.com, got "${raw}"`);
	}
	if (
		(url.protocol !== 'http:' && url.protocol !== 'https:') ||
		url.pathname !== '/' ||
		url.search !== '' ||
		url.hash !== '' ||
		url.username !== ''
	) {
		throw new Error(
			`PUBLIC_URL must be an origin like https://risk.example.com (no path), got "${raw}"`
		);
	}
	return url.origin;
}

function serviceUrl(
	name: string,
	raw: string | undefined,
	protocols: readonly string[]
): string | null {
	if (raw === undefined || raw.trim() === '') return null;
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		throw new Error(`${name} must be a URL (${protocols.join(' or ')}), got something else`);
	}
	if (!protocols.includes(url.protocol)) {
		throw new Error(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
	}
	return raw.trim();
}

/** A service URL for logs and `/healthz`: its password replaced. */
export function redactUrl(raw: string): string {
	const url = new URL(raw);
	if (url.password) url.password = '***';
	return url.toString();
}

/** Reads the configuration from environment variables, failing loudly on a bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const origins = (env.ALLOWED_ORIGINS ?? '')
		.split(',')
		.map((o) => o.trim())
		.filter(Boolean);
	for (const origin of origins) {
		if (new URL(origin).origin !== origin) {
			throw new Error(
				`ALLOWED_ORIGINS entry "${origin}" must be an origin like https://risk.example.com`
			);
		}
	}
	const maxMessageBytes = int(env, 'MAX_MESSAGE_BYTES', 4 * 1024 * 1024);
	const databaseUrl = serviceUrl('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']);
	const storage = oneOf(
		env,
		'STORAGE',
		['sqlite', 'postgres', 'memory'],
		databaseUrl ? 'postgres' : 'sqlite'
	);
	if (storage === 'postgres' && !databaseUrl) {
		throw new Error('STORAGE=postgres needs DATABASE_URL=postgres://user:password@host:5432/db');
	}
	return {
		port: int(env, 'PORT', 8787),
		publicUrl: publicUrl(env.PUBLIC_URL),
		host: env.HOST || '127.0.0.1',
		dataDir: resolve(env.DATA_DIR || 'data'),
		storage,
		databaseUrl: storage === 'postgres' ? databaseUrl : null,
		databasePool: positive(env, 'DATABASE_POOL', 10),
		redisUrl: serviceUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
		allowedOrigins: origins,
		createBoardSecret: env.CREATE_BOARD_SECRET || null,
		maxMessageBytes,
		wsMaxPayloadBytes: Math.max(
			maxMessageBytes,
			int(env, 'WS_MAX_PAYLOAD_BYTES', 4 * maxMessageBytes)
		),
		maxBufferedBytes: int(env, 'MAX_BUFFERED_BYTES', 8 * 1024 * 1024),
		maxRequestBytes: int(env, 'MAX_REQUEST_BYTES', 64 * 1024),
		importMaxBytes: positive(env, 'IMPORT_MAX_BYTES', 10 * 1024 * 1024),
		importMaxRows: positive(env, 'IMPORT_MAX_ROWS', 20_000),
		importMaxColumns: positive(env, 'IMPORT_MAX_COLUMNS', 200),
		importPreviewMaxBytes: positive(env, 'IMPORT_PREVIEW_MAX_BYTES', 256 * 1024 * 1024),
		importPreviewTtlMs: positive(env, 'IMPORT_PREVIEW_TTL_MS', 30 * 60_000),
		rateLimitPerSecond: int(env, 'RATE_LIMIT_PER_SECOND', 300),
		rateLimitBurst: int(env, 'RATE_LIMIT_BURST', 3000),
		restRateLimit: int(env, 'REST_RATE_LIMIT', 1800),
		restRateWindowMs: positive(env, 'REST_RATE_WINDOW_MS', 60_000),
		createRateLimit: int(env, 'CREATE_RATE_LIMIT', 20),
		createRateWindowMs: positive(env, 'CREATE_RATE_WINDOW_MS', 3_600_000),
		trustProxy: trustProxy(env.TRUST_PROXY),
		roomGraceMs: int(env, 'ROOM_GRACE_MS', 5000),
		keepaliveMs: int(env, 'KEEPALIVE_MS', 15000),
		compactEvery: int(env, 'COMPACT_EVERY', 500),
		webDir: env.WEB_DIR ?? defaultWebDir,
		logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'], 'info'),
		timeZone: timeZone(env.TZ)
	};
}
