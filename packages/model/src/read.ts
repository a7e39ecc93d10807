import type * as Y from 'yjs';
import { BoardError } from './errors.ts';
import { getSchemaVersion } from './migrations.ts';
import { isValidOrderKey, sortOrdered, type Ordered } from './order-keys.ts';
import { readPeople } from './people.ts';
import { cellLetterKey } from './raci.ts';
import { readRowLinks, type LinkTargets } from './raci-links.ts';
import { displayRiskKeys } from './risk-keys.ts';
import { readReviews } from './review-read.ts';
import {
	childMap,
	isIsoDate,
	mapEntries,
	readDate,
	readEnum,
	readInt,
	readOptionalString,
	readSet,
	readOrder,
	readString,
	readText,
	roots,
	type YMap
} from './schema.ts';
import { readSettings } from './settings.ts';
import { riskScoreOrNull, scoreBand } from './scoring.ts';
import { boardToday } from './time-zone.ts';
import {
	ACTION_STATUSES,
	RACI_PRESETS,
	RACI_PRESET_LETTERS,
	RISK_RESPONSES,
	RISK_STATUSES,
	type Board,
	type BoardSettings,
	type MitigationAction,
	type Person,
	type RaciColumn,
	type RaciLetter,
	type RaciMatrix,
	type Risk,
	type ScoreBandBounds
} from './types.ts';

/** Options of `readBoard`. */
export interface ReadOptions {
	/**
	 * 'YYYY-MM-DD' that overdue flags compare against; defaults to today in the board's time zone
	 * (`boardToday`), the same day in every browser and on the server.
	 */
	today?: string;
}

/**
 * The whole board as plain, JSON-serialisable data. Deterministic: two documents with the same
 * content give the same result (every list sorted by (order, id) or another total order), so
 * peers can compare `JSON.stringify(readBoard(doc, { today }))`. Derived fields are computed
 * (key, score, band, overdue, action rollup) and dangling references normalised away: owners
 * that are no longer people and unknown categories read as null, action links to deleted risks
 * are dropped, and so are RACI activity links to deleted risks or actions, and RACI columns of
 * removed people and cells of missing rows or columns vanish. Malformed values (from a peer
 * running other code) read as their defaults.
 */
export function readBoard(doc: Y.Doc, options: ReadOptions = {}): Board {
	const settings = readSettings(doc);
	const today = options.today ?? boardToday({ settings });
	if (!isIsoDate(today)) throw new BoardError('today must be a YYYY-MM-DD date');
	const { meta } = roots(doc);
	const people = readPeople(doc);
	const personIds = new Set(people.map((person) => person.id));
	const person = (id: string | null) => (id !== null && personIds.has(id) ? id : null);
	const actions = readActions(doc, { today, person });
	const risks = readRisks(doc, {
		today,
		person,
		bands: settings.scoreBands,
		categoryIds: new Set(settings.categories.map((category) => category.id)),
		actions
	});
	const targets: LinkTargets = {
		risks: new Map(risks.map((risk, index) => [risk.id, index])),
		actions: new Map(actions.map((action, index) => [action.id, index]))
	};
	return {
		schemaVersion: getSchemaVersion(doc),
		title: readString(meta, 'title'),
		createdAt: readString(meta, 'createdAt'),
		settings,
		people,
		teams: [...new Set(people.map((p) => p.team).filter((team) => team !== ''))].sort(),
		risks,
		actions,
		matrices: sortOrdered(
			[...mapEntries(roots(doc).matrices)].map(([id, map]) =>
				readMatrix(id, map, new Map(people.map((p) => [p.id, p.name])), targets)
			)
		),
		reviews: readReviews(doc)
	};
}

/** Options of `readRisksById`: shortcuts for callers that follow the document update by update. */
export interface RiskSetOptions extends ReadOptions {
	/**
	 * The display keys of every live risk (`displayRiskKeys`), when the caller keeps them
	 * current; otherwise they are computed over all risks (a key depends on its namesakes).
	 */
	keys?: ReadonlyMap<string, { key: string; number: number }> | undefined;
	/** Every action that may link to one of the risks (a superset is fine); else all are scanned. */
	actionIds?: Iterable<string> | undefined;
	/** The board's settings and people as `readRisksById` last returned them, if still current. */
	around?: Pick<RiskSet, 'settings' | 'people'> | undefined;
}

/** Some risks of a board and the context their diff values need (see `readRisksById`). */
export interface RiskSet {
	/** The live risks among the ids asked for, by id (ids of missing risks are absent). */
	risks: Map<string, Risk>;
	people: Person[];
	settings: BoardSettings;
	/** The actions linked to those risks (all a risk's `actionIds` are here). */
	actions: MitigationAction[];
}

/**
 * Reads only the given risks, exactly as `readBoard` would (same keys, scores, normalisation
 * and action plans), with the people, settings and linked actions around them. For callers
 * that follow a few risks through many versions of a document (the history): it reads no
 * other risk's fields and no action that is not linked to one of them.
 */
export function readRisksById(
	doc: Y.Doc,
	ids: Iterable<string>,
	options: RiskSetOptions = {}
): RiskSet {
	const only = new Set(ids);
	const settings = options.around?.settings ?? readSettings(doc);
	const today = options.today ?? boardToday({ settings });
	const people = options.around?.people ?? readPeople(doc);
	const personIds = new Set(people.map((person) => person.id));
	const person = (id: string | null) => (id !== null && personIds.has(id) ? id : null);
	const actions = readActions(doc, { today, person, only, actionIds: options.actionIds });
	const risks = readRisks(doc, {
		today,
		person,
		only,
		keys: options.keys,
		bands: settings.scoreBands,
		categoryIds: new Set(settings.categories.map((category) => category.id)),
		actions
	});
	return { risks: new Map(risks.map((risk) => [risk.id, risk])), people, settings, actions };
}

/** What reading risks and actions needs besides the document (internal to the readers). */
export interface ReadContext {
	today: string;
	person: (id: string | null) => string | null;
	/** Read only these risks (and the actions linked to them); all when absent. */
	only?: ReadonlySet<string>;
	/** With `only`: the actions to consider (see `RiskSetOptions`). */
	actionIds?: Iterable<string> | undefined;
}

/** Whether an action's link map names one of `only`. */
function linksAny(links: YMap | undefined, only: ReadonlySet<string>): boolean {
	if (!links) return false;
	for (const riskId of only) if (typeof links.get(riskId) === 'string') return true;
	return false;
}

/** The actions of the board (or those linked to `context.only`), in board order. */
export function readActions(doc: Y.Doc, context: ReadContext): MitigationAction[] {
	const { only } = context;
	const candidates: Iterable<[string, YMap]> =
		only && context.actionIds
			? [...new Set(context.actionIds)].flatMap((id): Array<[string, YMap]> => {
					const map = childMap(roots(doc).actions, id);
					return map ? [[id, map]] : [];
				})
			: mapEntries(roots(doc).actions);
	const entries = [...candidates].filter(
		([, map]) => !only || linksAny(childMap(map, 'risks'), only)
	);
	const actions = entries.map(([id, map]) => readAction(doc, id, map, context));
	return actions.sort(compareActions);
}

/** One action as `readActions` reads it (its links to deleted risks dropped). */
export function readAction(
	doc: Y.Doc,
	id: string,
	map: YMap,
	context: Pick<ReadContext, 'today' | 'person'>
): MitigationAction {
	const { risks } = roots(doc);
	const links = childMap(map, 'risks');
	const riskIds = links
		? [...links.entries()]
				.filter(([riskId, order]) => typeof order === 'string' && risks.has(riskId))
				.map(([riskId]) => riskId)
				.sort()
		: [];
	const status = readEnum(map, 'status', ACTION_STATUSES) ?? 'Planned';
	const dueDate = readDate(map, 'dueDate');
	return {
		id,
		text: readText(map, 'text'),
		ownerId: context.person(readOptionalString(map, 'ownerId')),
		dueDate,
		status,
		progress: readInt(map, 'progress', 0, 100) ?? 0,
		riskIds,
		overdue: dueDate !== null && dueDate < context.today && status !== 'Done',
		createdAt: readString(map, 'createdAt'),
		updatedAt: readString(map, 'updatedAt')
	};
}

/** The board order of actions: by creation time, then id. */
export function compareActions(a: MitigationAction, b: MitigationAction): number {
	return compare(a.createdAt, b.createdAt) || compare(a.id, b.id);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** The board's risks (or `context.only`), in register order; see `readBoard`. */
export function readRisks(
	doc: Y.Doc,
	context: ReadContext & {
		keys?: ReadonlyMap<string, { key: string; number: number }> | undefined;
		bands: ScoreBandBounds;
		categoryIds: ReadonlySet<string>;
		actions: readonly MitigationAction[];
	}
): Risk[] {
	const { only } = context;
	const risksMap = roots(doc).risks;
	const entries = only
		? [...only].flatMap((id): Array<[string, YMap]> => {
				const map = childMap(risksMap, id);
				return map ? [[id, map]] : [];
			})
		: [...mapEntries(risksMap)];
	// Display keys depend on every live risk sharing a number, so they are computed over all.
	const keys =
		context.keys ??
		displayRiskKeys(
			doc,
			only ? [...mapEntries(risksMap)].map(([id]) => id) : entries.map(([id]) => id)
		);
	const plans = new Map<string, Ordered[]>();
	const actionsById = new Map(context.actions.map((action) => [action.id, action]));
	for (const action of context.actions) {
		const map = childMap(roots(doc).actions, action.id)!;
		for (const riskId of action.riskIds) {
			const order = childMap(map, 'risks')?.get(riskId) as string;
			// A plan key that is not a valid order key sorts first, like other list items.
			const plan = plans.get(riskId) ?? [];
			plan.push({ id: action.id, order: isValidOrderKey(order) ? order : '' });
			plans.set(riskId, plan);
		}
	}
	const risks = entries.map(([id, map]): Risk => {
		const status = readEnum(map, 'status', RISK_STATUSES) ?? 'Open';
		const open = status !== 'Closed';
		const likelihood = readInt(map, 'likelihood', 1, 5);
		const impact = readInt(map, 'impact', 1, 5);
		const residualLikelihood = readInt(map, 'residualLikelihood', 1, 5);
		const residualImpact = readInt(map, 'residualImpact', 1, 5);
		const score = riskScoreOrNull(likelihood, impact);
		const residualScore = riskScoreOrNull(residualLikelihood, residualImpact);
		const dueDate = readDate(map, 'dueDate');
		const nextReviewDate = readDate(map, 'nextReviewDate');
		const categoryId = readOptionalString(map, 'categoryId');
		const actionIds = sortOrdered(plans.get(id) ?? []).map((item) => item.id);
		const plan = actionIds.map((actionId) => actionsById.get(actionId) as MitigationAction);
		const key = keys.get(id) ?? { key: '', number: 0 };
		return {
			id,
			key: key.key,
			keyNumber: key.number,
			title: readText(map, 'title'),
			description: readText(map, 'description'),
			trigger: readText(map, 'trigger'),
			contingency: readText(map, 'contingency'),
			categoryId: categoryId !== null && context.categoryIds.has(categoryId) ? categoryId : null,
			ownerId: context.person(readOptionalString(map, 'ownerId')),
			status,
			closedReason: readOptionalString(map, 'closedReason'),
			response: readEnum(map, 'response', RISK_RESPONSES),
			likelihood,
			impact,
			score,
			band: score === null ? null : scoreBand(score, context.bands),
			residualLikelihood,
			residualImpact,
			residualScore,
			residualBand: residualScore === null ? null : scoreBand(residualScore, context.bands),
			nextReviewDate,
			dueDate,
			lastReviewed: readDate(map, 'lastReviewed'),
			sourceId: readOptionalString(map, 'sourceId'),
			overdue: open && dueDate !== null && dueDate < context.today,
			reviewDue: open && nextReviewDate !== null && nextReviewDate <= context.today,
			tags: readSet(map, 'tags'),
			links: readSet(map, 'links'),
			order: readOrder(map),
			createdAt: readString(map, 'createdAt'),
			updatedAt: readString(map, 'updatedAt'),
			actionIds,
			actionRollup: {
				done: plan.filter((action) => action.status === 'Done').length,
				total: plan.length,
				overdue: plan.filter((action) => action.overdue).length
			}
		};
	});
	return sortOrdered(risks);
}

/** One RACI matrix as `readBoard` reads it. */
export function readMatrix(
	id: string,
	map: YMap,
	names: ReadonlyMap<string, string>,
	targets: LinkTargets
): RaciMatrix {
	const preset = readEnum(map, 'preset', RACI_PRESETS) ?? 'RACI';
	const rowsMap = childMap(map, 'rows');
	const columnsMap = childMap(map, 'columns');
	const rows = sortOrdered(
		rowsMap
			? [...mapEntries(rowsMap)].map(([rowId, row]) => ({
					id: rowId,
					text: readText(row, 'text'),
					order: readOrder(row),
					links: readRowLinks(row, targets)
				}))
			: []
	);
	const columns: RaciColumn[] = [];
	for (const [colId, column] of columnsMap ? mapEntries(columnsMap) : []) {
		const personId = readOptionalString(column, 'personId');
		const team = readOptionalString(column, 'team');
		const order = readOrder(column);
		const name = personId === null ? undefined : names.get(personId);
		if (name !== undefined) {
			columns.push({ id: colId, kind: 'person', personId, team: null, label: name, order });
		} else if (personId === null && team !== null) {
			columns.push({ id: colId, kind: 'team', personId: null, team, label: team, order });
		}
	}
	const cellsMap = childMap(map, 'cells');
	const cells: Record<string, Record<string, RaciLetter[]>> = {};
	const sortedColumns = sortOrdered(columns);
	for (const row of rows) {
		const rowCells: Record<string, RaciLetter[]> = {};
		for (const column of sortedColumns) {
			const held = RACI_PRESET_LETTERS[preset].filter(
				(letter) => cellsMap?.get(cellLetterKey(row.id, column.id, letter)) === true
			);
			if (held.length > 0) rowCells[column.id] = held;
		}
		cells[row.id] = rowCells;
	}
	return {
		id,
		name: readString(map, 'name'),
		preset,
		order: readOrder(map),
		rows,
		columns: sortedColumns,
		cells
	};
}
