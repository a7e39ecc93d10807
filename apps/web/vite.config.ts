import { sveltekit } from '@sveltejs/kit/vite';
import type { ClientRequest } from 'node:http';
import type { ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * In development the API and the sync socket live on the Hono server; proxy them there. The
 * server accepts browsers only from its own configured origins (loopback ones for its port by
 * default), so the proxy presents the dev page's requests as coming from the server's origin.
 * Only the dev server's own loopback pages are relabelled; any other Origin passes unchanged and
 * is refused as usual.
 */
const target = process.env.RISKBOARD_SERVER ?? 'http://127.0.0.1:8787';
const serverOrigin = new URL(target).origin;
const LOOPBACK_PAGE = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/;

function relabel(request: ClientRequest): void {
	const origin = request.getHeader('origin');
	if (typeof origin === 'string' && LOOPBACK_PAGE.test(origin)) {
		request.setHeader('origin', serverOrigin);
	}
}

const proxy: ProxyOptions = {
	target,
	changeOrigin: false,
	configure(server) {
		server.on('proxyReq', relabel);
		server.on('proxyReqWs', relabel);
	}
};

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		proxy: {
			'/api': proxy,
			'/healthz': proxy,
			'/sync': { ...proxy, ws: true }
		}
	},
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
