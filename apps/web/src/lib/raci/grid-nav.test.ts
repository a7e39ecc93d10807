import { describe, expect, it } from 'vitest';
import { moveInGrid } from './grid-nav.ts';

const size = { rows: 3, cols: 4 };

describe('moveInGrid', () => {
	it('moves one cell with the arrows and stops at the edges', () => {
		expect(moveInGrid({ row: 1, col: 1 }, 'ArrowRight', size)).toEqual({ row: 1, col: 2 });
		expect(moveInGrid({ row: 1, col: 1 }, 'ArrowUp', size)).toEqual({ row: 0, col: 1 });
		expect(moveInGrid({ row: 0, col: 0 }, 'ArrowLeft', size)).toEqual({ row: 0, col: 0 });
		expect(moveInGrid({ row: 2, col: 3 }, 'ArrowDown', size)).toEqual({ row: 2, col: 3 });
	});

	it('jumps to row ends, grid corners and first/last rows', () => {
		expect(moveInGrid({ row: 1, col: 2 }, 'Home', size)).toEqual({ row: 1, col: 0 });
		expect(moveInGrid({ row: 1, col: 2 }, 'End', size)).toEqual({ row: 1, col: 3 });
		expect(moveInGrid({ row: 1, col: 2 }, 'Home', size, { ctrl: true })).toEqual({
			row: 0,
			col: 0
		});
		expect(moveInGrid({ row: 1, col: 2 }, 'End', size, { ctrl: true })).toEqual({ row: 2, col: 3 });
		expect(moveInGrid({ row: 1, col: 2 }, 'PageDown', size)).toEqual({ row: 2, col: 2 });
		expect(moveInGrid({ row: 1, col: 2 }, 'PageUp', size)).toEqual({ row: 0, col: 2 });
	});

	it('ignores other keys and empty grids, and clamps a stale position', () => {
		expect(moveInGrid({ row: 0, col: 0 }, 'a', size)).toBeNull();
		expect(moveInGrid({ row: 0, col: 0 }, 'ArrowDown', { rows: 0, cols: 2 })).toBeNull();
		expect(moveInGrid({ row: 9, col: 9 }, 'ArrowLeft', size)).toEqual({ row: 2, col: 3 });
	});
});
