/**
 * The app shell, cached so that a board opened once loads again without a network: SvelteKit's
 * service-worker support (registered by the app itself from `/service-worker.js`, so it works
 * under a strict `script-src 'self'` / `worker-src 'self'` CSP). The shell is the built
 * JavaScript and CSS (`build`, immutable per version), the static files, and `index.html`, the
 * single-page fallback every page is rendered from. The board's data is not cached here: it is
 * in IndexedDB (y-indexeddb, see `$lib/collab`), and the API, the sync socket and the health
 * check always go to the network.
 */
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `riskboard-shell-${version}`;
/** The single-page fallback; the server answers every page's URL with it. */
const SHELL = '/index.html';
const ASSETS = new Set([...build, ...files]);
/** Never from the cache: live data and the socket. */
const NETWORK_ONLY = /^\/(api|sync|healthz)(\/|$)/;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll([...ASSETS, SHELL]))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key)))
			)
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || NETWORK_ONLY.test(url.pathname)) return;

	// Built files never change under their name: the cache first.
	if (ASSETS.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
		return;
	}

	// Pages: the network first (a new version shows at once), the cached shell when offline.
	if (request.mode === 'navigate') {
		event.respondWith(
			fetch(request).catch(async () => (await caches.match(SHELL)) ?? Response.error())
		);
	}
});
