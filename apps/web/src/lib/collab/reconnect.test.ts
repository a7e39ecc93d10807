import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './reconnect.ts';

describe('reconnectDelay', () => {
	it('spreads retries uniformly below a cap that doubles per attempt up to the maximum', () => {
		const policy = { baseMs: 500, maxMs: 8000 };
		expect(reconnectDelay(0, policy, () => 0)).toBe(0);
		expect(reconnectDelay(0, policy, () => 0.999)).toBe(499);
		expect(reconnectDelay(1, policy, () => 0.5)).toBe(500);
		expect(reconnectDelay(3, policy, () => 0.999)).toBe(3996);
		expect(reconnectDelay(4, policy, () => 0.999)).toBe(7992);
		expect(reconnectDelay(60, policy, () => 0.999)).toBe(7992);
	});

	it('gives different clients different delays for the same attempt', () => {
		const delays = new Set(Array.from({ length: 50 }, () => reconnectDelay(2)));
		expect(delays.size).toBeGreaterThan(25);
		for (const delay of delays) expect(delay).toBeLessThan(2000);
	});
});
