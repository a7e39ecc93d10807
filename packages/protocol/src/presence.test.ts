import { describe, expect, it } from 'vitest';
import { MAX_DISPLAY_NAME, presenceName, presencePersonId } from './presence.ts';

describe('presenceName', () => {
	it('reads the trimmed user name of a presence state', () => {
		expect(presenceName({ user: { name: '  Alice ', color: '#ff0000' }, focus: null })).toBe(
			'Alice'
		);
	});

	it('is null without a usable name', () => {
		for (const state of [null, undefined, 'Alice', {}, { user: null }, { user: { name: 7 } }]) {
			expect(presenceName(state)).toBeNull();
		}
		expect(presenceName({ user: { name: '   ' } })).toBeNull();
	});

	it('cuts long names to the limit without splitting a character', () => {
		const long = `${'é'.repeat(MAX_DISPLAY_NAME - 1)}😀😀`;
		const name = presenceName({ user: { name: long } })!;
		expect([...name]).toHaveLength(MAX_DISPLAY_NAME);
		expect(name.endsWith('😀')).toBe(true);
	});
});

describe('presencePersonId', () => {
	it('reads the person id a page chose, and nothing else', () => {
		expect(presencePersonId({ user: { name: 'Ada', personId: 'a1_B-2' } })).toBe('a1_B-2');
		for (const state of [
			null,
			{ user: { name: 'Ada' } },
			{ user: { personId: 7 } },
			{ user: { personId: '' } },
			{ user: { personId: 'a b' } },
			{ user: { personId: 'x'.repeat(65) } }
		]) {
			expect(presencePersonId(state)).toBeNull();
		}
	});
});
