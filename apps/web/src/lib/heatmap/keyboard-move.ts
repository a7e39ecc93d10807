/**
 * The keyboard alternative to dragging a risk between heat-map cells, as a pure reducer:
 * Enter or Space picks a focused risk up, arrow keys move it to a neighbouring cell, Enter or
 * Space drops it there and Escape puts it back. The component applies the result and announces it.
 */
import { sameCell, stepCell, type CellRef } from './grid.ts';

/** A risk being moved with the keyboard: where it was and where it would land. */
export interface Carry {
	riskId: string;
	key: string;
	from: CellRef;
	to: CellRef;
}

export type CarryStep =
	/** Not a key this handles: let the browser have it. */
	| { kind: 'ignore' }
	| { kind: 'pickup'; carry: Carry }
	| { kind: 'move'; carry: Carry }
	/** Dropped; `moved` is false when it landed where it started. */
	| { kind: 'drop'; carry: Carry; moved: boolean }
	| { kind: 'cancel'; carry: Carry };

const PICK_KEYS = new Set(['Enter', ' ', 'Spacebar']);

/** What a key pressed on the chip of `risk` (in `cell`) does, given what is being carried. */
export function carryStep(
	carry: Carry | null,
	risk: { id: string; key: string; cell: CellRef },
	key: string
): CarryStep {
	if (carry && carry.riskId !== risk.id) carry = null;
	if (!carry) {
		if (!PICK_KEYS.has(key)) return { kind: 'ignore' };
		return {
			kind: 'pickup',
			carry: { riskId: risk.id, key: risk.key, from: risk.cell, to: risk.cell }
		};
	}
	if (PICK_KEYS.has(key)) return { kind: 'drop', carry, moved: !sameCell(carry.from, carry.to) };
	if (key === 'Escape') return { kind: 'cancel', carry };
	const to = stepCell(carry.to, key);
	if (!to) return { kind: 'ignore' };
	return { kind: 'move', carry: { ...carry, to } };
}
