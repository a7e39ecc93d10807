/**
 * The choices of the value-mapping selects: what a source value may become for each kind of
 * field, encoded as strings for `<select>` and decoded back to the contract's `ImportValue`.
 */
import {
	FIELD_KIND,
	RISK_RESPONSES,
	RISK_STATUSES,
	type Board,
	type ImportField,
	type ImportValue
} from '@riskboard/model';

export interface ValueOption {
	value: string;
	label: string;
}

/** `ImportValue` → the select's value. */
export function encodeValue(value: ImportValue): string {
	if (value === null) return 'none';
	if (value === '') return 'empty';
	if (typeof value === 'number') return `n:${value}`;
	if (typeof value === 'object') return 'new';
	return `v:${value}`;
}

/** The select's value → `ImportValue` (`source` names a person or category to create). */
export function decodeValue(encoded: string, source: string): ImportValue {
	if (encoded === 'none') return null;
	if (encoded === 'empty') return '';
	if (encoded === 'new') return { new: source };
	if (encoded.startsWith('n:')) return Number(encoded.slice(2));
	return encoded.slice(2);
}

/** What `field`'s source value `source` may be mapped to on `board`. */
export function valueOptions(board: Board, field: ImportField, source: string): ValueOption[] {
	const head: ValueOption[] = [{ value: 'none', label: 'Not mapped (row error)' }];
	const empty: ValueOption = { value: 'empty', label: 'Leave empty' };
	switch (FIELD_KIND[field]) {
		case 'score': {
			const labels = field.toLowerCase().includes('likelihood')
				? board.settings.likelihoodLabels
				: board.settings.impactLabels;
			return [
				...head,
				...labels.map((label, i) => ({ value: `n:${i + 1}`, label: `${i + 1} ${label}` })),
				empty
			];
		}
		case 'status':
			return [...head, ...RISK_STATUSES.map((s) => ({ value: `v:${s}`, label: s })), empty];
		case 'response':
			return [...head, ...RISK_RESPONSES.map((r) => ({ value: `v:${r}`, label: r })), empty];
		case 'person':
			return [
				...head,
				{ value: 'new', label: `New person “${source}”` },
				...board.people.map((p) => ({ value: `v:${p.id}`, label: p.name })),
				empty
			];
		case 'category':
			return [
				...head,
				{ value: 'new', label: `New category “${source}”` },
				...board.settings.categories.map((c) => ({ value: `v:${c.id}`, label: c.name })),
				empty
			];
		default:
			return head;
	}
}
