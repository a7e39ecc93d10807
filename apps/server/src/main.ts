// Entry point: read the environment, start the server, shut down gracefully on SIGTERM/SIGINT.
import { loadConfig } from './config.ts';
import { startServer } from './server.ts';

const server = await startServer(loadConfig());
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
	process.once(signal, () => {
		void server.close().then(
			() => process.exit(0),
			() => process.exit(1)
		);
	});
}
