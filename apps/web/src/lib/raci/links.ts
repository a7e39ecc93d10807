/**
 * What the RACI grid shows of an activity's links: chips for the linked risks and actions, and
 * the options of the "Link…" picker (searchable by risk key, title or action text).
 */
import {
	raciRowLinks,
	type MitigationAction,
	type RaciLinkKind,
	type RaciRow,
	type Risk
} from '@riskboard/model';

/** One linked risk or action as a chip (or one picker option). */
export interface LinkItem {
	id: string;
	kind: RaciLinkKind;
	/** `R-7` for a risk, the action's text for an action. */
	label: string;
	/** The risk's title; for an action, the keys of its risks (`for R-1, R-4`). */
	detail: string;
	/** The risk a click opens: the risk itself, or an action's first risk; null if none. */
	riskId: string | null;
}

/** The risks and actions of the board, to label links with. */
export interface LinkTargets {
	risks: readonly Risk[];
	actions: readonly MitigationAction[];
}

function riskItem(risk: Risk): LinkItem {
	return { id: risk.id, kind: 'risk', label: risk.key, detail: risk.title, riskId: risk.id };
}

function actionItem(action: MitigationAction, keys: ReadonlyMap<string, string>): LinkItem {
	const riskKeys = action.riskIds.flatMap((id) => keys.get(id) ?? []);
	return {
		id: action.id,
		kind: 'action',
		label: action.text.trim() || 'Untitled action',
		detail: riskKeys.length ? `for ${riskKeys.join(', ')}` : '',
		riskId: action.riskIds[0] ?? null
	};
}

/** The row's links as chips: risks (register order), then actions (board order). */
export function linkChips(row: RaciRow, targets: LinkTargets): LinkItem[] {
	const links = raciRowLinks(row);
	const risks = new Map(targets.risks.map((risk) => [risk.id, risk]));
	const actions = new Map(targets.actions.map((action) => [action.id, action]));
	const keys = new Map(targets.risks.map((risk) => [risk.id, risk.key]));
	return [
		...links.riskIds.flatMap((id) => {
			const risk = risks.get(id);
			return risk ? [riskItem(risk)] : [];
		}),
		...links.actionIds.flatMap((id) => {
			const action = actions.get(id);
			return action ? [actionItem(action, keys)] : [];
		})
	];
}

/**
 * What the row can still be linked to, matching `query` (case-insensitive, every word must
 * appear in the key, title or action text): risks in register order, then actions.
 */
export function linkOptions(row: RaciRow, targets: LinkTargets, query: string): LinkItem[] {
	const links = raciRowLinks(row);
	const linked = new Set([...links.riskIds, ...links.actionIds]);
	const keys = new Map(targets.risks.map((risk) => [risk.id, risk.key]));
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	const matches = (item: LinkItem) => {
		const text = `${item.label} ${item.detail}`.toLowerCase();
		return words.every((word) => text.includes(word));
	};
	return [
		...targets.risks.filter((risk) => !linked.has(risk.id)).map(riskItem),
		...targets.actions
			.filter((action) => !linked.has(action.id))
			.map((action) => actionItem(action, keys))
	].filter(matches);
}
