/** Input checks shared by the write functions; each throws a `BoardError` with a clear message. */
import { BoardError } from './errors.ts';
import { isIsoDate } from './schema.ts';

/** A trimmed, non-empty string of at most `max` characters. */
export function requireName(value: unknown, what: string, max = 200): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new BoardError(`${what} must be a non-empty string`);
	}
	const trimmed = value.trim();
	if (trimmed.length > max) throw new BoardError(`${what} must be at most ${max} characters`);
	return trimmed;
}

/** An integer in [min, max], or null when `nullable`. */
export function requireInt(
	value: unknown,
	what: string,
	range: { min: number; max: number; nullable?: boolean }
): number | null {
	if (value === null && range.nullable) return null;
	if (!Number.isInteger(value) || (value as number) < range.min || (value as number) > range.max) {
		throw new BoardError(
			`${what} must be an integer from ${range.min} to ${range.max}${range.nullable ? ' or null' : ''}, got ${String(value)}`
		);
	}
	return value as number;
}

/** One of `values`. */
export function requireEnum<T extends string>(
	value: unknown,
	what: string,
	values: readonly T[]
): T {
	if (!values.includes(value as T)) {
		throw new BoardError(`${what} must be one of ${values.join(', ')}, got ${String(value)}`);
	}
	return value as T;
}

/** A 'YYYY-MM-DD' calendar date or null. */
export function requireDateOrNull(value: unknown, what: string): string | null {
	if (value === null) return null;
	if (!isIsoDate(value)) throw new BoardError(`${what} must be a YYYY-MM-DD date or null`);
	return value;
}

/** A string or null; '' and whitespace become null. */
export function optionalText(value: unknown, what: string, max = 500): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'string') throw new BoardError(`${what} must be a string or null`);
	const trimmed = value.trim();
	if (trimmed.length > max) throw new BoardError(`${what} must be at most ${max} characters`);
	return trimmed === '' ? null : trimmed;
}
