/**
 * What a person's presence says in words: "Priya Nair (you)", "Tom Becker — editing R-3
 * description". The field key format is `kind:id:field` (see `fieldKey` in $lib/collab).
 */
import type { Board } from '@riskboard/model';

const FIELD_NAMES: Record<string, string> = {
	title: 'title',
	description: 'description',
	trigger: 'trigger',
	contingency: 'contingency plan',
	text: 'text'
};

/** The field someone is editing, in words, or '' when unknown or not focused. */
export function describeFocus(focus: string | null, board: Pick<Board, 'risks' | 'actions'>) {
	if (!focus) return '';
	const [kind, id, field = ''] = focus.split(':');
	const fieldName = FIELD_NAMES[field] ?? field;
	if (kind === 'risk') {
		const risk = board.risks.find((r) => r.id === id);
		return risk ? `${risk.key} ${fieldName}` : '';
	}
	if (kind === 'action') {
		const action = board.actions.find((a) => a.id === id);
		if (!action) return '';
		const risk = board.risks.find((r) => action.riskIds.includes(r.id));
		return risk ? `a mitigation action of ${risk.key}` : 'a mitigation action';
	}
	if (kind === 'raci') return 'a RACI activity';
	if (kind === 'board') return `the board ${fieldName}`;
	return '';
}

/** A person's accessible label in the presence list. */
export function presenceLabel(
	peer: { name: string; self: boolean; focus: string | null },
	board: Pick<Board, 'risks' | 'actions'>
): string {
	const name = peer.self ? `${peer.name} (you)` : peer.name;
	const editing = describeFocus(peer.focus, board);
	return editing ? `${name} — editing ${editing}` : name;
}
