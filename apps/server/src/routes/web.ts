import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';

/**
 * The built SvelteKit app (a static single-page app). Hashed assets are cached forever; every
 * other GET that is not an API or sync path gets `index.html`, and the client router takes over.
 */
export function webRoutes(webDir: string): Hono {
	const app = new Hono();
	const index = join(webDir, 'index.html');
	if (!webDir || !existsSync(index)) {
		app.get('*', (c) =>
			c.text('The web app is not built. Run `pnpm build` (or `pnpm start`, which builds it).', 503)
		);
		return app;
	}
	app.use('/_app/immutable/*', async (c, next) => {
		await next();
		if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
	});
	app.use('*', serveStatic({ root: webDir }));
	app.get('*', async (c, next) => {
		await next();
		c.header('Cache-Control', 'no-cache');
	});
	app.get('*', serveStatic({ path: index }));
	return app;
}
