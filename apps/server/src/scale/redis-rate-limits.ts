/**
 * REST rate-limit counters shared by every process (`REDIS_URL`): hono-rate-limiter's own
 * `RedisStore` (its atomic Lua scripts), given an adapter to our ioredis connection. While Redis
 * cannot be reached a request counts against this process's in-memory counters instead, so the
 * API stays up and limited per process; nothing is refused because the counter is away.
 */
import { MemoryStore, RedisStore, type Store } from 'hono-rate-limiter';
import type { Redis } from 'ioredis';
import type { RateLimitStores } from '../rest-rate-limits.ts';

type Options = Parameters<NonNullable<Store['init']>>[0];

/** A shared store that falls back to local counting when Redis fails. */
class SharedStore implements Store {
	readonly localKeys = false;
	readonly prefix: string;
	#shared: RedisStore;
	#local = new MemoryStore();

	constructor(redis: Redis, prefix: string) {
		this.prefix = prefix;
		this.#shared = new RedisStore({
			prefix,
			client: {
				scriptLoad: (script) => redis.script('LOAD', script) as Promise<string>,
				evalsha: <TArgs extends unknown[], TData = unknown>(
					sha1: string,
					keys: string[],
					args: TArgs
				) => redis.evalsha(sha1, keys.length, ...keys, ...args.map(String)) as Promise<TData>,
				decr: (key) => redis.decr(key),
				del: (key) => redis.del(key)
			}
		});
		// The store loads its scripts when built; a Redis that is away makes those promises reject.
		for (const sha of [
			this.#shared.incrementScriptSha,
			this.#shared.getScriptSha,
			this.#shared.decrementScriptSha
		]) {
			sha.catch(() => {});
		}
	}

	init(options: Options): void {
		this.#shared.init(options as never);
		this.#local.init(options as never);
	}

	async increment(key: string) {
		try {
			return await this.#shared.increment(key);
		} catch {
			return this.#local.increment(key);
		}
	}

	async decrement(key: string): Promise<void> {
		await this.#shared.decrement(key).catch(() => this.#local.decrement(key));
	}

	async resetKey(key: string): Promise<void> {
		await this.#shared.resetKey(key).catch(() => {});
		this.#local.resetKey(key);
	}
}

/** One shared store per limit, keyed `riskboard:rate:<limit>:…` in Redis. */
export function redisRateLimitStores(redis: Redis): RateLimitStores {
	return {
		boards: new SharedStore(redis, 'riskboard:rate:boards:'),
		create: new SharedStore(redis, 'riskboard:rate:create:'),
		reports: new SharedStore(redis, 'riskboard:rate:reports:')
	};
}
