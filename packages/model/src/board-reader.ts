/**
 * `readBoard`, kept current incrementally: a `BoardReader` observes the document and, on the
 * next `read()`, re-reads only what the transactions since the last read touched, returning a
 * board that is exactly what `readBoard` would return (same JSON) while every part that did not
 * change is the same object as before. So a keystroke in one title of a 10,000-risk board re-reads
 * that one risk and copies one array, and a view keyed by object identity redraws one row.
 *
 * What is re-read for a change of:
 *   - a risk (any field, its texts, tags, links): that risk; its order key changed → re-sort;
 *   - the risk set (added, deleted) or the key ledger: display keys (recomputed over all, since a
 *     key depends on its namesakes; risks whose key changed are re-read), and every action (their
 *     links to deleted risks are dropped) and the RACI matrices (links to risks);
 *   - an action: that action and the risks it linked to before or links to now;
 *   - RACI matrices, reviews, the board's meta: that part only;
 *   - people or settings, or a new board day (overdue flags): everything, through `readBoard`.
 */
import type * as Y from 'yjs';
import { getSchemaVersion } from './migrations.ts';
import { sortOrdered } from './order-keys.ts';
import {
	compareActions,
	readBoard,
	readAction,
	readActions,
	readMatrix,
	readRisks,
	type ReadOptions
} from './read.ts';
import type { LinkTargets } from './raci-links.ts';
import { readReviews } from './review-read.ts';
import { displayRiskKeys } from './risk-keys.ts';
import { childMap, isIsoDate, mapEntries, readString, roots, type YMap } from './schema.ts';
import { boardToday } from './time-zone.ts';
import { BoardError } from './errors.ts';
import type { Board, MitigationAction, Risk } from './types.ts';

type Root = keyof ReturnType<typeof roots>;

/** Which parts of the board changed since the last read. */
interface Dirty {
	/** Everything (people, settings, the first read). */
	all: boolean;
	meta: boolean;
	/** Risks whose own map (or anything inside it) changed, by id. */
	risks: Set<string>;
	/** A risk was added, deleted or replaced. */
	riskSet: boolean;
	/** The key ledger changed. */
	keys: boolean;
	/** Actions whose own map changed, by id. */
	actions: Set<string>;
	/** An action was added, deleted or replaced. */
	actionSet: boolean;
	matrices: boolean;
	reviews: boolean;
}

function clean(): Dirty {
	return {
		all: false,
		meta: false,
		risks: new Set(),
		riskSet: false,
		keys: false,
		actions: new Set(),
		actionSet: false,
		matrices: false,
		reviews: false
	};
}

/** Whether two reads of one action are equal (the fields `readAction` produces). */
function sameAction(a: MitigationAction, b: MitigationAction): boolean {
	return (
		a.text === b.text &&
		a.ownerId === b.ownerId &&
		a.dueDate === b.dueDate &&
		a.status === b.status &&
		a.progress === b.progress &&
		a.overdue === b.overdue &&
		a.createdAt === b.createdAt &&
		a.updatedAt === b.updatedAt &&
		a.riskIds.length === b.riskIds.length &&
		a.riskIds.every((id, i) => b.riskIds[i] === id)
	);
}

function sameIds(a: readonly { id: string }[], b: readonly { id: string }[]): boolean {
	return a.length === b.length && a.every((item, i) => b[i]!.id === item.id);
}

/**
 * Follows one document and reads its board incrementally (see the module comment). Create one
 * per document and `destroy()` it when done; `read()` may be called at any time, as often as
 * wanted (without changes it returns the same object).
 */
export class BoardReader {
	#doc: Y.Doc;
	#dirty: Dirty = { ...clean(), all: true };
	#board: Board | null = null;
	#today = '';
	#keys = new Map<string, { key: string; number: number }>();
	/** Each risk's index in the last board's `risks`, rebuilt only when that order changes. */
	#riskIndex = new Map<string, number>();
	#listeners = new Set<() => void>();
	#unobserve: () => void;

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		const all = roots(doc);
		let changedIn: Y.Transaction | null = null;
		const handlers = (Object.keys(all) as Root[]).map((root) => {
			const type = all[root];
			const handler = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>, tr: Y.Transaction) => {
				this.#note(root, events);
				changedIn = tr;
			};
			type.observeDeep(handler);
			return () => type.unobserveDeep(handler);
		});
		// Yjs emits `afterTransaction` after every observer of the transaction ran, so listeners
		// hear of a change once, when every root's part of it has been noted.
		const after = (tr: Y.Transaction) => {
			if (tr !== changedIn) return;
			changedIn = null;
			for (const listener of this.#listeners) listener();
		};
		doc.on('afterTransaction', after);
		this.#unobserve = () => {
			handlers.forEach((off) => off());
			doc.off('afterTransaction', after);
		};
	}

	/**
	 * Calls `fn` once after every transaction that changed the board (as `observeBoard` does),
	 * after this reader has noted the change, so `read()` inside `fn` is current.
	 */
	onChange(fn: () => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	/** Stops observing the document. */
	destroy(): void {
		this.#unobserve();
		this.#listeners.clear();
	}

	/** The board, equal to `readBoard(doc, options)`; parts that did not change are reused. */
	read(options: ReadOptions = {}): Board {
		const previous = this.#board;
		const dirty = this.#dirty;
		if (previous && !dirty.all) {
			const today = options.today ?? boardToday({ settings: previous.settings });
			if (!isIsoDate(today)) throw new BoardError('today must be a YYYY-MM-DD date');
			if (today === this.#today) {
				this.#dirty = clean();
				this.#board = this.#update(previous, dirty);
				return this.#board;
			}
		}
		const board = readBoard(this.#doc, options);
		this.#dirty = clean();
		this.#board = board;
		this.#today = options.today ?? boardToday(board);
		this.#keys = new Map(
			board.risks.map((risk) => [risk.id, { key: risk.key, number: risk.keyNumber }])
		);
		this.#riskIndex = new Map(board.risks.map((risk, index) => [risk.id, index]));
		return board;
	}

	#note(root: Root, events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void {
		const dirty = this.#dirty;
		if (dirty.all) return;
		switch (root) {
			case 'people':
			case 'settings':
				dirty.all = true;
				return;
			case 'meta':
				dirty.meta = true;
				return;
			case 'riskKeys':
				dirty.keys = true;
				return;
			case 'matrices':
				dirty.matrices = true;
				return;
			case 'reviews':
				dirty.reviews = true;
				return;
			case 'risks':
			case 'actions': {
				const ids = root === 'risks' ? dirty.risks : dirty.actions;
				for (const event of events) {
					const [id] = event.path;
					if (typeof id === 'string') {
						ids.add(id);
						continue;
					}
					// The root itself: entries added, deleted or replaced.
					for (const key of event.changes.keys.keys()) ids.add(key);
					if (root === 'risks') dirty.riskSet = true;
					else dirty.actionSet = true;
				}
				return;
			}
			default: {
				const never: never = root;
				throw new Error(`Unknown root ${String(never)}`);
			}
		}
	}

	#update(previous: Board, dirty: Dirty): Board {
		const doc = this.#doc;
		const today = this.#today;
		const personIds = new Set(previous.people.map((person) => person.id));
		const person = (id: string | null) => (id !== null && personIds.has(id) ? id : null);
		const risksRoot = roots(doc).risks;
		const dirtyRisks = new Set(dirty.risks);

		// Display keys depend on every live risk sharing a number.
		if (dirty.keys || dirty.riskSet) {
			const keys = displayRiskKeys(
				doc,
				[...mapEntries(risksRoot)].map(([id]) => id)
			);
			for (const [id, key] of keys) {
				const before = this.#keys.get(id);
				if (!before || before.key !== key.key || before.number !== key.number) dirtyRisks.add(id);
			}
			this.#keys = keys;
		}

		// Actions: all of them when risks came or went (their links to deleted risks drop), or
		// when one came or went; else the changed ones.
		let actions = previous.actions;
		const byId = new Map(previous.actions.map((action) => [action.id, action]));
		const known = [...dirty.actions].every((id) => byId.has(id));
		if (dirty.actionSet || dirty.riskSet || !known) {
			actions = readActions(doc, { today, person }).map((action) => {
				const before = byId.get(action.id);
				return before && sameAction(before, action) ? before : action;
			});
		} else if (dirty.actions.size > 0) {
			const next = [...previous.actions];
			let resort = false;
			for (const id of dirty.actions) {
				const map = childMap(roots(doc).actions, id);
				const index = next.findIndex((action) => action.id === id);
				if (!map || index < 0) continue;
				const before = next[index]!;
				const action = readAction(doc, id, map, { today, person });
				if (sameAction(before, action)) continue;
				if (before.createdAt !== action.createdAt) resort = true;
				next[index] = action;
			}
			actions = resort ? next.sort(compareActions) : next;
		}
		const actionsById = new Map(actions.map((action) => [action.id, action]));
		// The risks an action links to before or after; a plan's order key lives in the action,
		// so even an action that reads the same may have moved in a risk's plan.
		const changedActions = new Set(dirty.actions);
		if (actions !== previous.actions && (dirty.actionSet || dirty.riskSet || !known)) {
			for (const action of actions)
				if (byId.get(action.id) !== action) changedActions.add(action.id);
			for (const before of previous.actions) {
				if (!actionsById.has(before.id)) changedActions.add(before.id);
			}
		}
		for (const id of changedActions) {
			for (const riskId of byId.get(id)?.riskIds ?? []) dirtyRisks.add(riskId);
			for (const riskId of actionsById.get(id)?.riskIds ?? []) dirtyRisks.add(riskId);
		}

		// Risks: re-read the dirty ones, with the actions that link to them.
		let risks = previous.risks;
		let riskOrderChanged = dirty.riskSet;
		if (dirtyRisks.size > 0) {
			const index = this.#riskIndex;
			const previousById = {
				get: (id: string) => {
					const at = index.get(id);
					return at === undefined ? undefined : previous.risks[at];
				}
			};
			const linked = new Set<string>();
			for (const id of dirtyRisks) {
				for (const actionId of previousById.get(id)?.actionIds ?? []) linked.add(actionId);
			}
			for (const id of changedActions) linked.add(id);
			const plans = [...linked].flatMap((id) => {
				const action = actionsById.get(id);
				return action && action.riskIds.some((riskId) => dirtyRisks.has(riskId)) ? [action] : [];
			});
			const read = readRisks(doc, {
				today,
				person,
				only: dirtyRisks,
				keys: this.#keys,
				bands: previous.settings.scoreBands,
				categoryIds: new Set(previous.settings.categories.map((category) => category.id)),
				actions: plans
			});
			const fresh = new Map<string, Risk>(read.map((risk) => [risk.id, risk]));
			for (const risk of read) {
				const before = previousById.get(risk.id);
				if (!before || before.order !== risk.order) riskOrderChanged = true;
			}
			if (riskOrderChanged) {
				const all: Risk[] = [];
				for (const [id] of mapEntries(risksRoot)) {
					const risk = fresh.get(id) ?? previousById.get(id);
					if (risk) all.push(risk);
				}
				risks = sortOrdered(all);
			} else {
				risks = [...previous.risks];
				for (const risk of read) risks[index.get(risk.id)!] = risk;
			}
		}
		riskOrderChanged = riskOrderChanged && !sameIds(risks, previous.risks);
		if (riskOrderChanged) this.#riskIndex = new Map(risks.map((risk, at) => [risk.id, at]));
		const actionOrderChanged = actions !== previous.actions && !sameIds(actions, previous.actions);

		// RACI links are listed in register / board order and drop deleted targets.
		let matrices = previous.matrices;
		if (dirty.matrices || riskOrderChanged || actionOrderChanged) {
			const targets: LinkTargets = {
				risks: new Map(risks.map((risk, index) => [risk.id, index])),
				actions: new Map(actions.map((action, index) => [action.id, index]))
			};
			const names = new Map(previous.people.map((p) => [p.id, p.name]));
			matrices = sortOrdered(
				[...mapEntries(roots(doc).matrices)].map(([id, map]) =>
					readMatrix(id, map as YMap, names, targets)
				)
			);
		}

		if (
			!dirty.meta &&
			!dirty.reviews &&
			risks === previous.risks &&
			actions === previous.actions &&
			matrices === previous.matrices
		) {
			return previous;
		}
		const { meta } = roots(doc);
		return {
			schemaVersion: dirty.meta ? getSchemaVersion(doc) : previous.schemaVersion,
			title: dirty.meta ? readString(meta, 'title') : previous.title,
			createdAt: dirty.meta ? readString(meta, 'createdAt') : previous.createdAt,
			settings: previous.settings,
			people: previous.people,
			teams: previous.teams,
			risks,
			actions,
			matrices,
			reviews: dirty.reviews ? readReviews(doc) : previous.reviews
		};
	}
}
