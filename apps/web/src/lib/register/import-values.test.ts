import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue } from './import-values';

describe('value-mapping select values', () => {
	it('round-trip every kind of board value', () => {
		for (const value of [null, '', 3, 'Mitigating', { new: 'Ada' }] as const) {
			expect(decodeValue(encodeValue(value), 'Ada')).toEqual(value);
		}
	});
});
