import { describe, expect, it } from 'vitest';
import { carryStep, type Carry } from './keyboard-move.ts';

const chip = { id: 'r1', key: 'R-1', cell: { likelihood: 3, impact: 3 } };

describe('carryStep', () => {
	it('ignores arrows until the risk is picked up', () => {
		expect(carryStep(null, chip, 'ArrowUp')).toEqual({ kind: 'ignore' });
		const step = carryStep(null, chip, 'Enter');
		expect(step).toEqual({
			kind: 'pickup',
			carry: { riskId: 'r1', key: 'R-1', from: chip.cell, to: chip.cell }
		});
		expect(carryStep(null, chip, ' ').kind).toBe('pickup');
	});

	it('moves, drops and reports whether the cell changed', () => {
		let carry: Carry = { riskId: 'r1', key: 'R-1', from: chip.cell, to: chip.cell };
		const up = carryStep(carry, chip, 'ArrowUp');
		expect(up).toMatchObject({ kind: 'move', carry: { to: { likelihood: 4, impact: 3 } } });
		carry = (up as { carry: Carry }).carry;
		expect(carryStep(carry, chip, 'Enter')).toMatchObject({ kind: 'drop', moved: true });
		const back = (carryStep(carry, chip, 'ArrowDown') as { carry: Carry }).carry;
		expect(carryStep(back, chip, ' ')).toMatchObject({ kind: 'drop', moved: false });
	});

	it('cancels with Escape and lets other keys through', () => {
		const carry: Carry = { riskId: 'r1', key: 'R-1', from: chip.cell, to: chip.cell };
		expect(carryStep(carry, chip, 'Escape')).toEqual({ kind: 'cancel', carry });
		expect(carryStep(carry, chip, 'Tab')).toEqual({ kind: 'ignore' });
	});

	it('forgets a carry of another risk', () => {
		const other: Carry = { riskId: 'r2', key: 'R-2', from: chip.cell, to: chip.cell };
		expect(carryStep(other, chip, 'ArrowUp')).toEqual({ kind: 'ignore' });
		expect(carryStep(other, chip, 'Enter').kind).toBe('pickup');
	});
});
