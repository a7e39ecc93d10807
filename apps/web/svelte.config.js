// Static single-page app: the server serves build/ and falls back to index.html for unknown GETs.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';

const out = process.env.WEB_BUILD_DIR ?? 'build';

/**
 * The one inline style the app has: the `style` attribute of SvelteKit's route announcer
 * (`@sveltejs/kit` src/core/sync/write_root.js). Allowed by its hash alone ('unsafe-hashes'
 * permits hashed attribute styles, nothing else); test/e2e/csp.spec.ts fails if a SvelteKit
 * upgrade changes it.
 */
const ANNOUNCER_STYLE =
	'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';
const announcerHash = `sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// WEB_BUILD_DIR / SVELTEKIT_OUT_DIR let parallel builds (e.g. separate e2e runs) not collide.
		adapter: adapter({ pages: out, assets: out, fallback: 'index.html', strict: true }),
		outDir: process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit',
		// One script and one stylesheet for the whole app: the fallback page (every route is the
		// SPA's index.html) cannot name a route's chunks, so with split chunks the board's code
		// (Yjs, the model, the register) was only requested after the entry had run, a second
		// round trip before the board could even be asked for.
		output: { bundleStrategy: 'single' },
		// A strict Content-Security-Policy: SvelteKit hashes its inline bootstrap script into
		// `script-src` (hash mode: the page is static, so no per-request nonce); everything else
		// comes from this origin only. Styles: stylesheets from this origin ('self'), no inline
		// <style>; style attributes only the route announcer's, by hash. Svelte applies `style:`
		// directives and the app its popover positions through the CSSOM (`style.cssText`,
		// `style.setProperty`), which style-src does not govern. The server sends this policy as
		// a header too, adding frame-ancestors (apps/server/src/security-headers.ts), which a
		// <meta> policy cannot carry.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-hashes', announcerHash],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['none'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
