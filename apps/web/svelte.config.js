// Static single-page app: the server serves build/ and falls back to index.html for unknown GETs.
import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const out = process.env.WEB_BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// WEB_BUILD_DIR / SVELTEKIT_OUT_DIR let parallel builds (e.g. separate e2e runs) not collide.
		adapter: adapter({ pages: out, assets: out, fallback: 'index.html', strict: true }),
		outDir: process.env.SVELTEKIT_OUT_DIR ?? '.svelte-kit'
	}
};

export default config;
