/**
 * How values from a diff (`BoardDiff`, `MatrixDiff`) read on screen. The diff itself is computed
 * by the server with `@riskboard/model`; this only prints its before/after values.
 */
import { raciLetters, type DiffValue, type RaciLetter } from '@riskboard/model';

/** Shown for an empty value. */
export const EMPTY_VALUE = '—';

/** A field value as text: lists joined, empty values as a dash. */
export function formatDiffValue(value: DiffValue): string {
	if (value === null) return EMPTY_VALUE;
	if (Array.isArray(value)) return value.length ? value.join(', ') : EMPTY_VALUE;
	const text = String(value);
	return text.trim() === '' ? EMPTY_VALUE : text;
}

/** A cell's letters as text (`R/A`), or a dash when empty. */
export function formatLetters(letters: readonly RaciLetter[]): string {
	return letters.length ? raciLetters(letters) : EMPTY_VALUE;
}

/** "1 change" / "12 changes" / "No changes". */
export function changeCountLabel(count: number): string {
	if (count === 0) return 'No changes';
	return `${count} ${count === 1 ? 'change' : 'changes'}`;
}
