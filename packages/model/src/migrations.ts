import type * as Y from 'yjs';
import { BoardError } from './errors.ts';
import { childMap, mapEntries, newMap, readInt, roots, write } from './schema.ts';
import { writeDefaultSettings } from './settings.ts';
import { DEFAULT_TIME_ZONE, isTimeZone } from './time-zone.ts';
import type { WriteOptions } from './types.ts';

/** What a migration may use besides the document. */
export interface MigrationContext {
	now: Date;
	/** Title for a board being created; migrations that need one fall back to a default. */
	title?: string | undefined;
	/**
	 * The time zone a board gets when it has none: the one asked for at creation, else the
	 * server's (`TZ`); `UTC` when neither is given.
	 */
	timeZone?: string | undefined;
}

/**
 * One forward step of the document schema. `version` is the schema version the document has
 * after `up` ran; versions are consecutive from 1. `up` must be idempotent on data it finds
 * already in place: a version-0 document may be a half-initialised one.
 */
export interface Migration {
	version: number;
	name: string;
	up(doc: Y.Doc, context: MigrationContext): void;
}

/**
 * Every migration, oldest first. Append only: never edit or reorder a released migration, add a
 * new one and bump nothing else (SCHEMA_VERSION follows this list).
 */
export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		name: 'init-board',
		up(doc, context) {
			// Version 0 means "no meta at all": a brand-new document, or one from before versioning.
			const { meta } = roots(doc);
			if (typeof meta.get('title') !== 'string')
				meta.set('title', context.title ?? 'Untitled board');
			if (typeof meta.get('createdAt') !== 'string') {
				meta.set('createdAt', context.now.toISOString());
			}
			writeDefaultSettings(doc);
		}
	},
	{
		version: 2,
		name: 'raci-row-links',
		up(doc) {
			// Rows made before activity links existed get their links map here, from the single
			// writer: created lazily by two peers at once, one peer's map (and link) would be lost.
			for (const [, matrix] of mapEntries(roots(doc).matrices)) {
				const rows = childMap(matrix, 'rows');
				if (!rows) continue;
				for (const [, row] of mapEntries(rows)) {
					if (!childMap(row, 'links')) row.set('links', newMap({}));
				}
			}
		}
	},
	{
		version: 3,
		name: 'board-time-zone',
		up(doc, context) {
			// Boards from before time zones get the server's zone; new ones the zone they asked for.
			const { settings } = roots(doc);
			if (!isTimeZone(settings.get('timeZone'))) {
				settings.set(
					'timeZone',
					isTimeZone(context.timeZone) ? context.timeZone : DEFAULT_TIME_ZONE
				);
			}
		}
	}
];

/** The schema version this code writes and reads: the last migration's version. */
export const SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;

/** The document's schema version; 0 when it has no meta (never initialised). */
export function getSchemaVersion(doc: Y.Doc): number {
	return readInt(roots(doc).meta, 'schemaVersion', 0, Number.MAX_SAFE_INTEGER) ?? 0;
}

/** What `migrateBoard` did. */
export interface MigrationResult {
	from: number;
	to: number;
	/** Names of the migrations applied, in order. */
	applied: string[];
}

/**
 * Brings the document up to the latest schema version by running, in order and in one
 * transaction, every migration newer than `meta.schemaVersion`. Run by the server on load, as
 * the single writer: two peers migrating concurrently could both create defaults. Throws a
 * `BoardError` when the document is newer than this code (an older server must not touch it).
 * `migrations` is for tests.
 */
export function migrateBoard(
	doc: Y.Doc,
	options: WriteOptions & {
		migrations?: readonly Migration[];
		title?: string;
		timeZone?: string | undefined;
	} = {}
): MigrationResult {
	const migrations = options.migrations ?? MIGRATIONS;
	migrations.forEach((migration, index) => {
		if (migration.version !== index + 1) {
			throw new Error(`Migration "${migration.name}" must have version ${index + 1}`);
		}
	});
	const latest = migrations.length;
	const from = getSchemaVersion(doc);
	if (from > latest) {
		throw new BoardError(`Board schema version ${from} is newer than this code (${latest})`);
	}
	const pending = migrations.filter((migration) => migration.version > from);
	if (pending.length === 0) return { from, to: from, applied: [] };
	const context: MigrationContext = {
		now: options.now ?? new Date(),
		title: options.title,
		timeZone: options.timeZone
	};
	write(doc, options, () => {
		for (const migration of pending) {
			migration.up(doc, context);
			roots(doc).meta.set('schemaVersion', migration.version);
		}
	});
	return { from, to: latest, applied: pending.map((migration) => migration.name) };
}
