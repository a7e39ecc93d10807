/**
 * REST rate limits (`hono-rate-limiter`, fixed windows): per board link on the board routes, per
 * client address on board creation. An exceeded limit answers 429 `rate_limited` with
 * `Retry-After` (seconds until the window resets) and the `RateLimit-*` headers of the IETF
 * draft. The counters live behind hono-rate-limiter's `Store` interface: in memory by default,
 * and with `REDIS_URL` its `RedisStore`, so several processes count together
 * (`scale/redis-rate-limits.ts`).
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { isToken } from '@riskboard/protocol';
import type { Context, MiddlewareHandler } from 'hono';
import { MemoryStore, rateLimiter, type RateLimitInfo, type Store } from 'hono-rate-limiter';
import type { Config } from './config.ts';
import { ApiError } from './errors.ts';
import type { Metrics } from './metrics.ts';
import { bearerToken } from './routes/access.ts';
import { hashToken } from './tokens.ts';

/** Where the counters live: one store per limit. */
export interface RateLimitStores {
	boards: Store;
	create: Store;
	reports: Store;
}

/** CSP reports accepted per client address per minute (a page in a violation loop, or noise). */
export const CSP_REPORT_LIMIT = 100;

/** Fresh in-memory counters (one process). */
export function memoryRateLimitStores(): RateLimitStores {
	return { boards: new MemoryStore(), create: new MemoryStore(), reports: new MemoryStore() };
}

/**
 * The client's address: the socket's, or with `trustProxy` = N the N-th `X-Forwarded-For` entry
 * from the right (the one the outermost trusted proxy appended; entries left of it are whatever
 * the client sent). `unknown` without a socket (in-process `app.request()`).
 */
export function clientAddress(c: Context, trustProxy: number): string {
	if (trustProxy > 0) {
		const hops = (c.req.header('x-forwarded-for') ?? '')
			.split(',')
			.map((h) => h.trim())
			.filter(Boolean);
		const hop = hops[hops.length - trustProxy];
		if (hop) return hop;
	}
	try {
		return getConnInfo(c).remote.address ?? 'unknown';
	} catch {
		return 'unknown';
	}
}

interface LimitOptions {
	name: 'boards' | 'create' | 'reports';
	limit: number;
	windowMs: number;
	store: Store;
	metrics: Metrics;
	key: (c: Context) => string;
	message: string;
}

function limiter(options: LimitOptions): MiddlewareHandler {
	if (options.limit === 0) return (_c, next) => next();
	return rateLimiter({
		windowMs: options.windowMs,
		limit: options.limit,
		standardHeaders: 'draft-6',
		store: options.store,
		keyGenerator: options.key,
		handler: (c) => {
			const info = (c as Context<{ Variables: { rateLimit?: RateLimitInfo } }>).get('rateLimit');
			const reset = info?.resetTime;
			const seconds = Math.max(
				1,
				Math.ceil(((reset?.getTime() ?? Date.now() + options.windowMs) - Date.now()) / 1000)
			);
			options.metrics.inc('riskboard_rest_rate_limited_total', { limit: options.name });
			throw new ApiError(429, 'rate_limited', `${options.message} Try again in ${seconds} s.`, {
				retryAfter: seconds
			});
		}
	});
}

/** The two limits of the REST API, as middleware for `app.ts`. */
export function restRateLimits(deps: {
	config: Config;
	metrics: Metrics;
	stores: RateLimitStores;
}): { boards: MiddlewareHandler; create: MiddlewareHandler; reports: MiddlewareHandler } {
	const { config, metrics, stores } = deps;
	return {
		// Keyed by the link's hash (never the token itself); requests without a well-formed token
		// count against their address.
		boards: limiter({
			name: 'boards',
			limit: config.restRateLimit,
			windowMs: config.restRateWindowMs,
			store: stores.boards,
			metrics,
			key: (c) => {
				const token = bearerToken(c.req.header('authorization'));
				return token && isToken(token)
					? `token:${hashToken(token)}`
					: `addr:${clientAddress(c, config.trustProxy)}`;
			},
			message: `This link made more than ${config.restRateLimit} requests in ${config.restRateWindowMs / 1000} s.`
		}),
		create: limiter({
			name: 'create',
			limit: config.createRateLimit,
			windowMs: config.createRateWindowMs,
			store: stores.create,
			metrics,
			key: (c) => `addr:${clientAddress(c, config.trustProxy)}`,
			message: `More than ${config.createRateLimit} boards were created from this address in ${config.createRateWindowMs / 1000} s.`
		}),
		reports: limiter({
			name: 'reports',
			limit: CSP_REPORT_LIMIT,
			windowMs: 60_000,
			store: stores.reports,
			metrics,
			key: (c) => `addr:${clientAddress(c, config.trustProxy)}`,
			message: `More than ${CSP_REPORT_LIMIT} reports from this address in 60 s.`
		})
	};
}
