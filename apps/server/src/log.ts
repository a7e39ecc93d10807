/**
 * Structured logs: one JSON object per line on stdout. Callers pass fields, never URLs with
 * query strings or tokens; `redact` strips anything token-shaped as a last line of defence.
 */
import { TOKEN_PATTERN } from '@riskboard/protocol';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Logger = Record<LogLevel, (msg: string, fields?: Record<string, unknown>) => void>;

const ORDER = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
const TOKEN_ANYWHERE = new RegExp(TOKEN_PATTERN.source.slice(1, -1), 'g');

function redact(value: unknown): unknown {
	if (typeof value === 'string') return value.replace(TOKEN_ANYWHERE, '[redacted]');
	if (value instanceof Error) return { name: value.name, message: redact(value.message) };
	return value;
}

export function createLogger(
	level: keyof typeof ORDER,
	write: (line: string) => void = (line) => process.stdout.write(line + '\n')
): Logger {
	const make =
		(l: LogLevel) =>
		(msg: string, fields: Record<string, unknown> = {}): void => {
			if (ORDER[l] < ORDER[level]) return;
			const entry: Record<string, unknown> = { t: new Date().toISOString(), level: l, msg };
			for (const [k, v] of Object.entries(fields)) entry[k] = redact(v);
			write(JSON.stringify(entry));
		};
	return { debug: make('debug'), info: make('info'), warn: make('warn'), error: make('error') };
}
