import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('newId', () => {
	it('is 12 URL-safe characters without the cell-key separator', () => {
		for (let i = 0; i < 200; i++) expect(newId()).toMatch(/^[A-Za-z0-9_-]{12}$/);
	});

	it('does not repeat', () => {
		const ids = new Set(Array.from({ length: 5000 }, newId));
		expect(ids.size).toBe(5000);
	});
});
