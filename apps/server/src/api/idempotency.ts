/**
 * `Idempotency-Key` on every `POST` under `/api/boards/:id/…`: the first successful (2xx) answer
 * to a key is stored in the board store with a hash of the request (method, path, body) for 24
 * hours, per link; a retry with the same key and request gets that answer again
 * (`Idempotency-Replayed: true`) without doing anything, the same key with another request
 * answers 422 `idempotency_key_reused`, and while the first is still running a retry answers 409
 * `idempotency_key_in_use`. Refusals are not stored: a retry of a refused request runs again.
 */
import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { boardAccess } from '../routes/board-data.ts';
import { invalidRequest, type ApiEnv } from './contract.ts';

/** How long an answer is kept. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Printable ASCII without spaces, 1–255 characters (a UUID fits). */
const KEY = /^[\x21-\x7e]{1,255}$/;

export function idempotency(deps: Pick<AppDeps, 'store' | 'log'>): MiddlewareHandler<ApiEnv> {
	// Keys being answered in this process right now (board, link, key).
	const running = new Set<string>();
	return async (c, next) => {
		const key = c.req.header('idempotency-key');
		if (c.req.method !== 'POST' || key === undefined) return next();
		if (!KEY.test(key)) {
			throw invalidRequest('header', [
				{
					path: ['Idempotency-Key'],
					code: 'invalid_format',
					message: 'must be 1 to 255 printable ASCII characters without spaces'
				}
			]);
		}
		const { board, token } = await boardAccess(deps as AppDeps, c);
		const body = await c.req.text();
		const requestHash = createHash('sha256')
			.update(`${c.req.method} ${c.req.path}\n${body}`, 'utf8')
			.digest('hex');
		const notBefore = Date.now() - IDEMPOTENCY_TTL_MS;
		const stored = await deps.store.getIdempotency(board.id, token.id, key, notBefore);
		if (stored) {
			if (stored.requestHash !== requestHash) {
				throw new ApiError(
					422,
					'idempotency_key_reused',
					'This Idempotency-Key was used for a different request; use a new key.'
				);
			}
			return new Response(stored.status === 204 ? null : stored.body, {
				status: stored.status,
				headers: { 'Content-Type': 'application/json', 'Idempotency-Replayed': 'true' }
			});
		}
		const slot = `${board.id}\0${token.id}\0${key}`;
		if (running.has(slot)) {
			throw new ApiError(
				409,
				'idempotency_key_in_use',
				'A request with this Idempotency-Key is still being answered; retry in a moment.'
			);
		}
		running.add(slot);
		try {
			await next();
			const answer = c.res;
			if (answer.status >= 200 && answer.status < 300) {
				await deps.store.putIdempotency(
					{
						boardId: board.id,
						tokenId: token.id,
						key,
						requestHash,
						status: answer.status,
						body: await answer.clone().text(),
						createdAt: Date.now()
					},
					notBefore
				);
			}
		} finally {
			running.delete(slot);
		}
	};
}
