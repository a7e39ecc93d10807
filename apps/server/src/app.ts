import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { createApi, type Api } from './api/contract.ts';
import { documentApi } from './api/docs.ts';
import { idempotency } from './api/idempotency.ts';
import type { AppDeps } from './deps.ts';
import { ApiError, STORAGE_RETRY_AFTER_SECONDS } from './errors.ts';
import { OriginPolicy } from './origin.ts';
import { securityHeaders } from './security-headers.ts';
import { memoryRateLimitStores, restRateLimits } from './rest-rate-limits.ts';
import { boardAccess } from './routes/board-data.ts';
import { boardRoutes } from './routes/boards.ts';
import { cspReportRoutes } from './routes/csp-reports.ts';
import { exportRoutes } from './routes/exports.ts';
import { historyRoutes } from './routes/history.ts';
import { linkRoutes } from './routes/links.ts';
import { matrixRoutes } from './routes/matrices.ts';
import { registerRoutes } from './routes/register.ts';
import { importRoutes } from './routes/imports.ts';
import { reviewRoutes } from './routes/reviews.ts';
import { snapshotRoutes } from './routes/snapshots.ts';
import { syncRoutes } from './routes/sync.ts';
import { webRoutes } from './routes/web.ts';
import { isStorageUnavailable } from './storage/errors.ts';
import type { BoardStore } from './storage/types.ts';

export type { AppDeps } from './deps.ts';

/** The version the OpenAPI document states: the server package's. */
const API_VERSION = '0.1.0';

/** A JSON media type, with or without parameters (`application/json; charset=utf-8`). */
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** Whether the store answers within 2 s (stores without `ping` live in the process). */
async function storageHealth(store: BoardStore): Promise<{ kind: string; ok: boolean }> {
	if (!store.ping) return { kind: store.kind, ok: true };
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('timeout')), 2000);
	});
	try {
		await Promise.race([store.ping(), timeout]);
		return { kind: store.kind, ok: true };
	} catch {
		return { kind: store.kind, ok: false };
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Builds the whole HTTP surface: health, metrics, REST API (with its OpenAPI document and
 * reference page), the sync endpoint and the web app, on one Hono app. Testable without a network
 * through `app.request()`.
 */
export function createApp(deps: AppDeps): Api {
	const app = createApi();
	const origins =
		deps.origins ??
		new OriginPolicy({
			publicUrl: deps.config.publicUrl,
			allowedOrigins: deps.config.allowedOrigins,
			port: deps.config.port
		});

	// Every answer carries X-Request-Id; a 500 also names it in its body and in the log.
	app.use('*', requestId({ headerName: 'X-Request-Id', limitLength: 64 }));

	app.use(
		'*',
		securityHeaders({
			webDir: deps.config.webDir,
			https: deps.config.publicUrl?.startsWith('https:') ?? false
		})
	);

	// Browsers always send Origin on websocket upgrades and cross-site writes; refuse foreign ones,
	// whatever `Host` says (a DNS-rebinding page controls it).
	app.use('*', async (c, next) => {
		const writes = c.req.method !== 'GET' && c.req.method !== 'HEAD';
		const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket';
		if ((writes || upgrade) && !origins.allows(c.req.header('origin'))) {
			deps.metrics.inc('riskboard_connections_refused_total', { reason: 'origin' });
			deps.log.warn('foreign origin refused', { origin: c.req.header('origin'), path: c.req.path });
			throw new ApiError(403, 'origin_not_allowed', 'Requests from this origin are not allowed.');
		}
		await next();
	});

	// 503 while storage cannot be reached (a load balancer takes the process out); Redis being away
	// is reported but not fatal: the process keeps serving its own clients.
	app.get('/healthz', async (c) => {
		const storage = await storageHealth(deps.store);
		const redis = deps.fanout?.health() ?? null;
		return c.json(
			{
				ok: storage.ok,
				storage: storage.kind,
				storageOk: storage.ok,
				redis,
				rooms: deps.rooms.size
			},
			storage.ok ? 200 : 503
		);
	});
	app.get('/metrics', (c) =>
		c.text(deps.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4' })
	);

	const jsonBodyLimit = bodyLimit({
		maxSize: deps.config.maxRequestBytes,
		onError: () => {
			throw new ApiError(
				413,
				'body_too_large',
				`Request bodies are limited to ${deps.config.maxRequestBytes} bytes.`
			);
		}
	});
	// An import upload is a file with its own limit (IMPORT_MAX_BYTES, in routes/imports.ts).
	const importUpload = /^\/api\/boards\/[^/]+\/imports\/?$/;
	app.use('/api/*', (c, next) =>
		c.req.method === 'POST' && importUpload.test(c.req.path) ? next() : jsonBodyLimit(c, next)
	);
	// An empty JSON body is an empty object: a body whose fields are all optional may be left out
	// (the schema then decides; one with required fields answers 400 naming them).
	app.use('/api/*', async (c, next) => {
		if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
			const type = c.req.header('content-type');
			if (type && JSON_TYPE.test(type)) {
				const length = c.req.header('content-length');
				const empty =
					length === '0' ||
					c.req.raw.body === null ||
					(length === undefined && (await c.req.raw.clone().text()).trim() === '');
				if (empty) c.req.raw = new Request(c.req.raw, { body: '{}' });
			}
		}
		await next();
	});
	const limits = restRateLimits({
		config: deps.config,
		metrics: deps.metrics,
		stores: deps.rateLimitStores ?? memoryRateLimitStores()
	});
	app.post('/api/boards', limits.create);
	// `/:id/*` also matches `/:id` itself.
	app.use('/api/boards/:id/*', limits.boards);
	// Who is asking comes before what they sent: an unknown board or token is 404/401 whatever
	// the body, and every route of the board finds the link in `c.get('access')`.
	app.use('/api/boards/:id/*', async (c, next) => {
		await boardAccess(deps, c);
		await next();
	});
	app.use('/api/boards/:id/*', idempotency(deps));
	app.use('/api/csp-reports', limits.reports);
	app.route('/api/csp-reports', cspReportRoutes(deps));
	app.route('/api/boards', boardRoutes(deps));
	app.route('/api/boards', snapshotRoutes(deps));
	app.route('/api/boards', exportRoutes(deps));
	app.route('/api/boards', historyRoutes(deps));
	app.route('/api/boards', reviewRoutes(deps));
	app.route('/api/boards', linkRoutes(deps));
	app.route('/api/boards', registerRoutes(deps));
	app.route('/api/boards', matrixRoutes(deps));
	app.route('/api/boards', importRoutes(deps));
	documentApi(app, { version: API_VERSION });
	app.all('/api/*', () => {
		throw new ApiError(404, 'not_found', 'No such API endpoint.');
	});

	if (deps.upgradeWebSocket) app.route('/sync', syncRoutes(deps, deps.upgradeWebSocket));
	app.route('/', webRoutes(deps.config.webDir));

	// Expected failures answer 4xx/503; a 500 is a bug, logged under the request id it carries.
	app.onError((error, c) => {
		if (error instanceof ApiError) {
			if (error.retryAfter !== null) c.header('Retry-After', String(error.retryAfter));
			return c.json(error.toJSON(), error.status);
		}
		// Hono's own refusals: malformed JSON (400) and a body that is not JSON (415).
		if (error instanceof HTTPException && (error.status === 400 || error.status === 415)) {
			const refusal =
				error.status === 400
					? new ApiError(400, 'invalid_request', 'The request body is not valid JSON.', {
							details: [{ path: ['body'], code: 'invalid_json', message: error.message }]
						})
					: new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON.');
			return c.json(refusal.toJSON(), refusal.status);
		}
		if (isStorageUnavailable(error)) {
			deps.metrics.inc('riskboard_storage_errors_total');
			deps.log.warn('storage unavailable', {
				path: c.req.path,
				requestId: c.get('requestId'),
				error
			});
			c.header('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
			return c.json(
				{
					error: {
						code: 'storage_unavailable',
						message:
							'Storage is unavailable or full; nothing was changed. Try again in a few seconds.'
					}
				},
				503
			);
		}
		const id = c.get('requestId');
		deps.log.error('request failed', { path: c.req.path, requestId: id, error });
		return c.json(
			{
				error: {
					code: 'internal',
					message: `Something went wrong on the server (request ${id}).`,
					requestId: id
				}
			},
			500
		);
	});

	return app;
}
