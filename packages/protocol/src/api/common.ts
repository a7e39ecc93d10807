/** Building blocks the resource modules share: roles, ids in paths, ISO times. */
import type { Board } from '@riskboard/model';
import { z } from './zod.ts';
import { ROLES } from '../rules.ts';

/** A link role. */
export const RoleSchema = z.enum(ROLES);

/** Who wrote a stored change: a link role, or `system` for the server's own writes. */
export const WriterRoleSchema = z.enum([...ROLES, 'system']);

/** An ISO 8601 time, as the server writes them. */
export const IsoTimeSchema = z.string().meta({ format: 'date-time' });

/**
 * `:id` of every board route. Deliberately only a string: an id of the wrong shape names no
 * board, so it answers 404 `board_not_found` like any unknown id, not 400.
 */
export const BoardParamsSchema = z.object({ id: z.string().meta({ description: 'Board id' }) });

/**
 * A board read as `readBoard` reads it (`Board` in `@riskboard/model`). Declared as an object
 * without listing its fields: the model owns that shape, and the web app types it from there.
 */
export const BoardJsonSchema = modelObject<Board>('The board as the model reads it (Board)');

/**
 * A JSON object whose shape the model owns (a board, a diff, a review): typed as the model's type
 * `T`, checked to be an object, and documented as one. Declaring every field a second time here
 * would be a copy of the model that drifts.
 */
export function modelObject<T>(description: string) {
	return z
		.custom<T>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
			message: 'expected an object'
		})
		.meta({ type: 'object', description });
}
