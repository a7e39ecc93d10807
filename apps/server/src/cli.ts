// The `riskboard` command: operations on a board store that are not the server itself.
//   riskboard copy-to-postgres [--from FILE] [--to URL]
// copies a SQLite store (default: DATA_DIR/riskboard.sqlite) into an empty PostgreSQL database
// (default: DATABASE_URL), then checks every table by row count and digest.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, redactUrl } from './config.ts';
import { copyToPostgres } from './storage/copy-to-postgres.ts';
import { PostgresStore } from './storage/postgres.ts';
import { SqliteStore } from './storage/sqlite.ts';

const USAGE = `usage: riskboard copy-to-postgres [--from riskboard.sqlite] [--to postgres://…]
  --from  the SQLite file (default: $DATA_DIR/riskboard.sqlite, DATA_DIR defaults to ./data)
  --to    an empty PostgreSQL database (default: $DATABASE_URL); migrated first`;

async function copyCommand(args: string[]): Promise<number> {
	const { values } = parseArgs({
		args,
		options: { from: { type: 'string' }, to: { type: 'string' } },
		strict: true
	});
	const config = loadConfig({ ...process.env, STORAGE: 'sqlite', DATABASE_URL: '' });
	const file = values.from ?? join(config.dataDir, 'riskboard.sqlite');
	const url = values.to ?? process.env.DATABASE_URL;
	if (!url) {
		console.error(`riskboard: no target database (--to or DATABASE_URL)\n${USAGE}`);
		return 2;
	}
	const from = new SqliteStore(file);
	const to = await PostgresStore.open(url, { max: 2 });
	try {
		console.log(`copying ${file} to ${redactUrl(url)}`);
		const report = await copyToPostgres(from, to, { progress: (m) => console.log(`  ${m}`) });
		console.log('\n| table | SQLite rows | PostgreSQL rows | digest | check |');
		console.log('|---|---|---|---|---|');
		for (const t of report.tables) {
			const digest = t.ok
				? t.sqliteDigest.slice(0, 16)
				: `${t.sqliteDigest.slice(0, 16)} ≠ ${t.postgresDigest.slice(0, 16)}`;
			console.log(
				`| ${t.table} | ${t.sqliteRows} | ${t.postgresRows} | ${digest} | ${t.ok ? 'ok' : 'DIFFERENT'} |`
			);
		}
		console.log(
			report.ok ? '\nevery table matches' : '\nthe copy does not match; do not switch to it'
		);
		return report.ok ? 0 : 1;
	} finally {
		await from.close();
		await to.close();
	}
}

const [command, ...rest] = process.argv.slice(2);
let code: number;
try {
	if (command === 'copy-to-postgres') code = await copyCommand(rest);
	else {
		console.error(USAGE);
		code = command === undefined || command === '--help' ? 0 : 2;
	}
} catch (error) {
	console.error(`riskboard: ${error instanceof Error ? error.message : String(error)}`);
	code = 1;
}
process.exit(code);
