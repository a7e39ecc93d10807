import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

/**
 * In development the API and the sync socket live on the Hono server; proxy them there. The
 * Host header is kept (changeOrigin: false) so the server's same-origin check accepts the
 * browser's Origin, the dev server's own.
 */
const target = process.env.RISKBOARD_SERVER ?? 'http://127.0.0.1:8787';
const proxy = { target, changeOrigin: false };

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
