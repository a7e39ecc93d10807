import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startServer } from './server.ts';

async function startLines(env: Record<string, string>): Promise<string[]> {
	const lines: string[] = [];
	const server = await startServer(
		loadConfig({ PORT: '0', STORAGE: 'memory', WEB_DIR: '', ...env }),
		{ log: createLogger('info', (line) => lines.push(line)) }
	);
	await server.close();
	return lines;
}

const warnings = (lines: string[]) =>
	lines
		.map((l) => JSON.parse(l) as { level: string; msg: string })
		.filter((l) => l.level === 'warn');

describe('startServer', () => {
	it('warns when it listens beyond loopback with no PUBLIC_URL', async () => {
		const lines = await startLines({ HOST: '0.0.0.0' });
		expect(warnings(lines).map((w) => w.msg)).toEqual([
			'PUBLIC_URL is not set: browsers are only accepted from loopback origins'
		]);
	});

	it('does not warn on loopback, or with PUBLIC_URL', async () => {
		expect(warnings(await startLines({ HOST: '127.0.0.1' }))).toEqual([]);
		expect(
			warnings(await startLines({ HOST: '0.0.0.0', PUBLIC_URL: 'https://risk.example.com' }))
		).toEqual([]);
	});
});
