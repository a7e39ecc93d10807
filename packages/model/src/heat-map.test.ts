import { describe, expect, it } from 'vitest';
import { heatMapCell, isOnHeatMap } from './heat-map.ts';

const risk = {
	status: 'Open' as const,
	likelihood: 4,
	impact: 2,
	residualLikelihood: 2,
	residualImpact: null
};

describe('heat map placement', () => {
	it('places a risk by its inherent or residual pair', () => {
		expect(heatMapCell(risk, 'inherent')).toEqual({ likelihood: 4, impact: 2 });
		expect(heatMapCell(risk, 'residual')).toBeNull();
		expect(heatMapCell({ ...risk, residualImpact: 1 }, 'residual')).toEqual({
			likelihood: 2,
			impact: 1
		});
	});

	it('leaves closed risks off every heat map', () => {
		const closed = { ...risk, status: 'Closed' as const };
		expect(isOnHeatMap(closed)).toBe(false);
		expect(heatMapCell(closed, 'inherent')).toBeNull();
		expect(isOnHeatMap({ status: 'Watching' })).toBe(true);
	});
});
