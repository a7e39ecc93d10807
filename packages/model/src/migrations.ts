import { BoardError } from './errors.ts';
import * as Y from 'yjs';
import { DEFAULT_REVIEW_CADENCE } from './review-cadence.ts';
import { record } from './review-layout.ts';
import {
	childMap,
	isIsoDate,
	mapEntries,
	newMap,
	readDate,
	readInt,
	readString,
	roots,
	write
} from './schema.ts';
import { writeDefaultSettings } from './settings.ts';
import { DEFAULT_TIME_ZONE, dayOf, isTimeZone } from './time-zone.ts';
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
	},
	{
		version: 4,
		name: 'review-cadence-last-reviewed',
		up(doc) {
			// The board gets the default cadence, written (not only read) so that changing the
			// defaults in a later release does not move any existing board's dates. Each risk with
			// a decision recorded in a review gets `lastReviewed` = the board day of its latest one.
			const { settings, risks, reviews } = roots(doc);
			if (!record(settings.get('reviewCadence'))) {
				settings.set('reviewCadence', { ...DEFAULT_REVIEW_CADENCE });
			}
			const zone = isTimeZone(settings.get('timeZone'))
				? (settings.get('timeZone') as string)
				: DEFAULT_TIME_ZONE;
			const latest = new Map<string, string>();
			for (const [, review] of mapEntries(reviews)) {
				for (const [riskId, item] of mapEntries(childMap(review, 'items') ?? new Y.Map())) {
					const at = record(item.get('decision'))?.at;
					if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) continue;
					const day = dayOf(zone, at);
					if (isIsoDate(day) && day > (latest.get(riskId) ?? '')) latest.set(riskId, day);
				}
			}
			for (const [riskId, day] of latest) {
				const risk = childMap(risks, riskId);
				if (risk && readDate(risk, 'lastReviewed') === null) risk.set('lastReviewed', day);
			}
		}
	},
	{
		version: 5,
		name: 'review-person-ids',
		up(doc) {
			// Reviews named people by display name. Where a name is exactly one person's on the
			// board (case and surrounding spaces ignored), the record gets that person's id beside
			// the name; attendees move to `attendeeIds` (id → the name they had). Names that match
			// nobody, or several people, stay as they were: readable, a name only.
			const byName = new Map<string, string | null>();
			for (const [id, person] of mapEntries(roots(doc).people)) {
				const key = readString(person, 'name').trim().toLowerCase();
				if (key === '') continue;
				byName.set(key, byName.has(key) ? null : id);
			}
			const match = (name: unknown) =>
				typeof name === 'string' ? (byName.get(name.trim().toLowerCase()) ?? null) : null;
			for (const [, review] of mapEntries(roots(doc).reviews)) {
				const facilitator = record(review.get('facilitator'));
				if (facilitator && facilitator.personId === undefined) {
					review.set('facilitator', { ...facilitator, personId: match(facilitator.name) });
				}
				for (const [, item] of mapEntries(childMap(review, 'items') ?? new Y.Map())) {
					const decision = record(item.get('decision'));
					if (decision && decision.byId === undefined) {
						item.set('decision', { ...decision, byId: match(decision.by) });
					}
				}
				const attendees = childMap(review, 'attendees');
				if (!attendees) continue;
				for (const [name, value] of [...attendees.entries()]) {
					const id = value === true ? match(name) : null;
					if (id === null) continue;
					let ids = childMap(review, 'attendeeIds');
					if (!ids) {
						ids = new Y.Map<unknown>();
						review.set('attendeeIds', ids);
					}
					if (typeof ids.get(id) !== 'string') ids.set(id, name);
					attendees.delete(name);
				}
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
