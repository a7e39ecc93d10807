import { describe, expect, it } from 'vitest';
import { readTokenFromHash, shareLink } from './links.ts';

const token = 'a'.repeat(43);

describe('board links', () => {
	it('puts the token in the fragment', () => {
		expect(shareLink('https://risk.example', 'abcdefghijklmnopqrstuv', token)).toBe(
			`https://risk.example/b/abcdefghijklmnopqrstuv#token=${token}`
		);
	});

	it('reads a token back from the hash', () => {
		expect(readTokenFromHash(`#token=${token}`)).toEqual({ kind: 'token', token });
		expect(readTokenFromHash('')).toEqual({ kind: 'missing' });
		expect(readTokenFromHash('#token=')).toEqual({ kind: 'missing' });
		expect(readTokenFromHash('#token=short')).toEqual({ kind: 'invalid' });
	});
});
