/**
 * Per-risk history: who changed which field of a risk, and when, replayed from the server's
 * stored updates and their authors. `BoardHistory` applies the updates in log order to a scratch
 * `Y.Doc` and, after each one, compares only the risks it touched with their previous version
 * through the diff's own per-risk comparison (`diffRiskFields`), so field names and values are
 * exactly those of `diffBoards` (`likelihood`, `owner` by name, `actions` as lines, …). A risk's
 * mitigation actions are one diff field of that risk, so an action edit is an `actions` change
 * of every risk the action is linked to (before or after the edit). Adding and removing a risk
 * is the field `*`.
 *
 * Which risks an update touched comes from its transaction: every changed Yjs type is walked up
 * to the root and the id under the root names the risk (or the action, whose linked risks are
 * then touched). People and settings changes (owner names, categories, score bands) touch every
 * risk; they are rare. Key-ledger and risk membership changes recompute display keys only.
 *
 * Consecutive edits of one field by one author (nobody else touching the risk in between, each
 * within `coalesceMs` of the previous) merge into one event: typing a title is one change, not
 * one per keystroke. An event therefore spans updates `firstSeq`…`seq`; one whose net effect is
 * nothing is dropped.
 */
import * as Y from 'yjs';
import {
	diffContext,
	diffRiskFields,
	riskFieldValues,
	type DiffValue,
	type RiskFieldValues
} from './diff.ts';
import { readRisksById, type RiskSet } from './read.ts';
import type { ChangeAuthors } from './review-minutes.ts';
import { displayRiskKeys } from './risk-keys.ts';
import { childMap, mapEntries, roots } from './schema.ts';

/** The field of the events that add or remove a risk. */
export const RISK_EXISTENCE_FIELD = '*';

/** Default gap (ms) within which one author's edits of one field merge into one event. */
export const HISTORY_COALESCE_MS = 5 * 60_000;

/** One stored update, in log order, with its author's display name (null: unknown or server). */
export interface HistoryUpdate {
	seq: number;
	/** Milliseconds since the epoch when the server stored it. */
	at: number;
	by: string | null;
	/** The link role that wrote it, or `system` for the server. */
	role: string;
	data: Uint8Array;
}

/** A field of a risk that changed, or the risk added (`before` null) or removed (`after` null). */
export interface HistoryEvent {
	/** The last update of the event. */
	seq: number;
	/** The first update merged into it (= seq when it is a single update). */
	firstSeq: number;
	/** ISO time of the last update. */
	at: string;
	/** ISO time of the first update. */
	firstAt: string;
	by: string | null;
	role: string;
	riskId: string;
	/** The risk's key after the event (before it, for a removal). */
	key: string;
	/** As `FieldChange.field` of the diff, or `*` for added / removed. */
	field: string;
	label: string;
	before: DiffValue;
	after: DiffValue;
}

/** One end of a window of the log: a sequence number, or an ISO time when none is known. */
export type HistoryBound = { seq: number } | { at: string };

/** Updates after `after` (exclusive) up to `through` (inclusive); open ends when absent. */
export interface HistoryWindow {
	after?: HistoryBound;
	through?: HistoryBound;
}

interface Tracked {
	key: string;
	title: string;
	values: RiskFieldValues;
}

/** Any date: the history compares no day-dependent flag. */
const READ_DAY = '2000-01-01';
/** How far back a new event looks for the same author's previous edit of the same field. */
const COALESCE_LOOKBACK = 32;

type AnyType = Y.AbstractType<unknown>;

/** The root a changed type lives in, and the id of the entry directly under that root. */
function underRoot(type: AnyType): { root: AnyType; id: string | null } {
	let current = type;
	let id: string | null = null;
	while (current._item !== null) {
		id = current._item.parentSub;
		current = current._item.parent as AnyType;
	}
	return { root: current, id };
}

/** Ids of the risks an action's link map names (deleted risks included). */
function actionRiskIds(doc: Y.Doc, actionId: string): Set<string> {
	const links = childMap(roots(doc).actions, actionId);
	const map = links ? childMap(links, 'risks') : undefined;
	const ids = new Set<string>();
	for (const [riskId, order] of map?.entries() ?? [])
		if (typeof order === 'string') ids.add(riskId);
	return ids;
}

function sameValue(a: DiffValue, b: DiffValue): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function inWindow(event: HistoryEvent, window: HistoryWindow): boolean {
	const { after, through } = window;
	if (after && ('seq' in after ? event.seq <= after.seq : event.at <= after.at)) return false;
	if (through && ('seq' in through ? event.firstSeq > through.seq : event.firstAt > through.at)) {
		return false;
	}
	return true;
}

/**
 * The history of one board, built incrementally: `apply` each stored update in log order (the
 * server keeps one instance per board and feeds it what was stored since). Holds a scratch copy
 * of the document, the current diff values of every live risk and the events so far.
 */
export class BoardHistory {
	readonly #doc = new Y.Doc();
	readonly #roots = roots(this.#doc);
	readonly #coalesceMs: number;
	#tracked = new Map<string, Tracked>();
	/** Display keys of the live risks, recomputed only when the ledger or the risk set moves. */
	#keys = new Map<string, { key: string; number: number }>();
	/** actionId → risks it links to, and the reverse: which actions to read for a risk. */
	#actionRisks = new Map<string, Set<string>>();
	#riskActions = new Map<string, Set<string>>();
	/** Settings and people as last read; dropped when an update changes either. */
	#around: Pick<RiskSet, 'settings' | 'people'> | undefined;
	#events = new Map<string, HistoryEvent[]>();
	#lastSeq = 0;
	#count = 0;

	constructor(options: { coalesceMs?: number } = {}) {
		this.#coalesceMs = options.coalesceMs ?? HISTORY_COALESCE_MS;
	}

	/** Sequence number of the last update applied (0 before any). */
	get lastSeq(): number {
		return this.#lastSeq;
	}

	/** Events held, over all risks. */
	get size(): number {
		return this.#count;
	}

	/** Applies one stored update (ignored when its seq is not after `lastSeq`). */
	apply(update: HistoryUpdate): void {
		if (update.seq <= this.#lastSeq) return;
		this.#lastSeq = update.seq;
		const risks = new Set<string>();
		const actions = new Set<string>();
		let everyRisk = false;
		let keysMayMove = false;
		const collect = (transaction: Y.Transaction) => {
			for (const [type, keys] of transaction.changed) {
				const { root, id } = underRoot(type as AnyType);
				const ids = id !== null ? [id] : [...keys].filter((key): key is string => key !== null);
				if (root === this.#roots.risks) {
					for (const riskId of ids) risks.add(riskId);
					if (id === null) keysMayMove = true;
				} else if (root === this.#roots.actions) {
					for (const actionId of ids) actions.add(actionId);
				} else if (root === this.#roots.riskKeys) {
					keysMayMove = true;
				} else if (root === this.#roots.people || root === this.#roots.settings) {
					everyRisk = true;
				}
			}
		};
		this.#doc.on('afterTransaction', collect);
		try {
			Y.applyUpdate(this.#doc, update.data);
		} finally {
			this.#doc.off('afterTransaction', collect);
		}
		for (const actionId of actions) {
			const now = actionRiskIds(this.#doc, actionId);
			for (const riskId of this.#actionRisks.get(actionId) ?? []) {
				risks.add(riskId);
				this.#riskActions.get(riskId)?.delete(actionId);
			}
			for (const riskId of now) {
				risks.add(riskId);
				let linked = this.#riskActions.get(riskId);
				if (!linked) this.#riskActions.set(riskId, (linked = new Set()));
				linked.add(actionId);
			}
			if (now.size > 0) this.#actionRisks.set(actionId, now);
			else this.#actionRisks.delete(actionId);
		}
		const live = () => [...mapEntries(this.#roots.risks)].map(([riskId]) => riskId);
		if (everyRisk) {
			this.#around = undefined;
			for (const riskId of [...live(), ...this.#tracked.keys()]) risks.add(riskId);
		}
		if (keysMayMove) {
			// A risk's display key can change when another risk sharing its number comes or goes.
			const keys = displayRiskKeys(this.#doc, live());
			for (const [riskId, { key }] of keys) {
				if (this.#keys.get(riskId)?.key !== key) risks.add(riskId);
			}
			this.#keys = keys;
		}
		if (risks.size > 0) this.#compare(risks, update);
	}

	#compare(ids: Set<string>, update: HistoryUpdate): void {
		const actionIds = [...ids].flatMap((riskId) => [...(this.#riskActions.get(riskId) ?? [])]);
		const set = readRisksById(this.#doc, ids, {
			today: READ_DAY,
			keys: this.#keys,
			actionIds,
			around: this.#around
		});
		this.#around = set;
		const context = diffContext(set);
		const at = new Date(update.at).toISOString();
		const base = { seq: update.seq, firstSeq: update.seq, at, firstAt: at, by: update.by };
		const event = { ...base, role: update.role };
		for (const riskId of ids) {
			const old = this.#tracked.get(riskId);
			const risk = set.risks.get(riskId);
			if (!old && !risk) continue;
			if (!risk) {
				this.#tracked.delete(riskId);
				this.#push({
					...event,
					riskId,
					key: old!.key,
					field: RISK_EXISTENCE_FIELD,
					label: 'Risk',
					before: old!.title,
					after: null
				});
				continue;
			}
			const values = riskFieldValues(risk, context);
			this.#tracked.set(riskId, { key: risk.key, title: risk.title, values });
			if (!old) {
				this.#push({
					...event,
					riskId,
					key: risk.key,
					field: RISK_EXISTENCE_FIELD,
					label: 'Risk',
					before: null,
					after: risk.title
				});
				continue;
			}
			for (const change of diffRiskFields(old.values, values)) {
				this.#push({ ...event, riskId, key: risk.key, ...change });
			}
		}
	}

	#push(event: HistoryEvent): void {
		let list = this.#events.get(event.riskId);
		if (!list) this.#events.set(event.riskId, (list = []));
		const previous = this.#mergeTarget(list, event);
		if (!previous) {
			list.push(event);
			this.#count++;
			return;
		}
		previous.after = event.after;
		previous.seq = event.seq;
		previous.at = event.at;
		previous.key = event.key;
		if (sameValue(previous.before, previous.after)) {
			list.splice(list.indexOf(previous), 1);
			this.#count--;
		}
	}

	/** The same author's recent event on the same field, if nobody else touched the risk since. */
	#mergeTarget(list: HistoryEvent[], event: HistoryEvent): HistoryEvent | null {
		if (event.field === RISK_EXISTENCE_FIELD) return null;
		const stop = Math.max(0, list.length - COALESCE_LOOKBACK);
		for (let i = list.length - 1; i >= stop; i--) {
			const candidate = list[i]!;
			if (candidate.by !== event.by || candidate.role !== event.role) return null;
			if (candidate.field === RISK_EXISTENCE_FIELD) return null;
			if (candidate.field !== event.field) continue;
			const gap = Date.parse(event.at) - Date.parse(candidate.at);
			return gap <= this.#coalesceMs ? candidate : null;
		}
		return null;
	}

	/** Whether the log ever held this risk. */
	has(riskId: string): boolean {
		return this.#events.has(riskId);
	}

	/**
	 * The events of one risk, newest first (by their last update), at most `limit`; null when the
	 * log never held the risk. Copies: callers may keep or change them.
	 */
	riskHistory(riskId: string, options: { limit?: number } = {}): HistoryEvent[] | null {
		const list = this.#events.get(riskId);
		if (!list) return null;
		const sorted = [...list].sort((a, b) => b.seq - a.seq);
		return sorted.slice(0, options.limit ?? sorted.length).map((event) => ({ ...event }));
	}

	/** Every event whose updates overlap `window`, by risk then in log order. */
	events(window: HistoryWindow = {}): HistoryEvent[] {
		const out: HistoryEvent[] = [];
		for (const list of this.#events.values()) {
			for (const event of list) if (inWindow(event, window)) out.push({ ...event });
		}
		return out;
	}

	/** Who changed what in `window` (see `changeAuthors`). */
	authors(window: HistoryWindow = {}): ChangeAuthors {
		return changeAuthors(this.events(window));
	}
}

/**
 * `ChangeAuthors` (riskId → field → display names, `*` = added / removed) of some events, for
 * `buildMinutes` and "since the last review". Names in order of first appearance; events with
 * no author name add nobody.
 */
export function changeAuthors(events: Iterable<HistoryEvent>): ChangeAuthors {
	const out: Record<string, Record<string, string[]>> = {};
	for (const event of events) {
		if (event.by === null) continue;
		const fields = (out[event.riskId] ??= {});
		const names = (fields[event.field] ??= []);
		if (!names.includes(event.by)) names.push(event.by);
	}
	return out;
}

/** Replays a whole log (in order) into a new `BoardHistory`. */
export function replayHistory(
	updates: Iterable<HistoryUpdate>,
	options: { coalesceMs?: number } = {}
): BoardHistory {
	const history = new BoardHistory(options);
	for (const update of updates) history.apply(update);
	return history;
}
