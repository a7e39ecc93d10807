/**
 * `GET /api/openapi.json` (the OpenAPI 3.1 document generated from every mounted route module)
 * and `GET /api/docs` (Swagger UI, served from the `swagger-ui-dist` package on this server: no
 * CDN, so the reference works offline and under the server's own CSP).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Api } from './contract.ts';
import { BOARD_TOKEN_SCHEME } from './contract.ts';

/** The path of the generated document. */
export const OPENAPI_PATH = '/api/openapi.json';
/** The path of the reference page; its assets live below it. */
export const DOCS_PATH = '/api/docs';

const ASSETS = {
	'swagger-ui.css': 'text/css; charset=utf-8',
	'swagger-ui-bundle.js': 'text/javascript; charset=utf-8'
} as const;

// The page's one script of its own: no inline script, so the CSP needs no hash or nonce.
const INIT = `window.addEventListener('load', function () {
	window.ui = SwaggerUIBundle({ url: '${OPENAPI_PATH}', dom_id: '#api', deepLinking: true });
});
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Riskboard REST API</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

let assetDir: string | null = null;
const cache = new Map<string, string>();

function asset(name: keyof typeof ASSETS): string {
	let text = cache.get(name);
	if (text === undefined) {
		assetDir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
		text = readFileSync(join(assetDir, name), 'utf8');
		cache.set(name, text);
	}
	return text;
}

/**
 * The OpenAPI 3.1 document of every route mounted on `app` so far, plus what middleware adds to
 * routes (the `Idempotency-Key` header of every board `POST`).
 */
export function openApiDocument(app: Api, options: { version: string }) {
	const document = app.getOpenAPI31Document({
		openapi: '3.1.0',
		info: {
			title: 'Riskboard REST API',
			version: options.version,
			description:
				'Every board route takes a board link’s token as `Authorization: Bearer <token>`. ' +
				'Refusals answer `{"error":{"code","message","details"?}}`. Every `POST` under ' +
				'`/api/boards/{id}` takes an `Idempotency-Key` header.'
		}
	});
	for (const [path, item] of Object.entries(document.paths ?? {})) {
		if (!path.startsWith('/api/boards/{id}') || !item.post) continue;
		item.post.parameters = [
			...(item.post.parameters ?? []),
			{
				name: 'Idempotency-Key',
				in: 'header',
				required: false,
				description:
					'Makes a retry safe: the first 2xx answer to this key (per link) is kept 24 hours ' +
					'and answered again to a retry of the same request; the same key with another ' +
					'request answers 422 `idempotency_key_reused`.',
				schema: { type: 'string', minLength: 1, maxLength: 255 }
			}
		];
	}
	return document;
}

/** Mounts the document and the reference page on the root app (after every route module). */
export function documentApi(app: Api, options: { version: string }): void {
	app.openAPIRegistry.registerComponent('securitySchemes', BOARD_TOKEN_SCHEME, {
		type: 'http',
		scheme: 'bearer',
		description:
			'A board link’s capability token (the `#token=` part of its URL). Its role (owner, ' +
			'editor, viewer) decides what the request may do.'
	});
	app.get(OPENAPI_PATH, (c) => c.json(openApiDocument(app, options), 200));
	app.get(DOCS_PATH, (c) => c.html(PAGE, 200, { 'Cache-Control': 'no-cache' }));
	app.get(`${DOCS_PATH}/init.js`, (c) =>
		c.body(INIT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' })
	);
	for (const [name, type] of Object.entries(ASSETS) as [keyof typeof ASSETS, string][]) {
		app.get(`${DOCS_PATH}/${name}`, (c) =>
			c.body(asset(name), 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' })
		);
	}
}
