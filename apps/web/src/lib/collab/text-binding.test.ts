import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffText, limitProblem, transformPosition } from './text-binding.ts';

describe('diffText', () => {
	it('finds a typed character, a deletion and a replacement', () => {
		expect(diffText('abc', 'abXc', 3)).toEqual({ index: 2, remove: 0, insert: 'X' });
		expect(diffText('abc', 'ac', 1)).toEqual({ index: 1, remove: 1, insert: '' });
		expect(diffText('abc', 'aac', 2)).toEqual({ index: 1, remove: 1, insert: 'a' });
		expect(diffText('hello', 'help me', 7)).toEqual({ index: 3, remove: 2, insert: 'p me' });
	});

	it('reproduces the new value when applied', () => {
		const cases: Array<[string, string, number]> = [
			['', 'x', 1],
			['aaaa', 'aaaaa', 2],
			['abcabc', 'abc', 3],
			['mitigate', 'mitigation', 10]
		];
		for (const [before, after, caret] of cases) {
			const { index, remove, insert } = diffText(before, after, caret);
			expect(before.slice(0, index) + insert + before.slice(index + remove)).toBe(after);
		}
	});
});

describe('transformPosition', () => {
	it('keeps the caret on its character through remote inserts and deletes', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'hello world');
		let delta: unknown[] = [];
		text.observe((event) => (delta = event.delta));
		// Caret after "hello" (5). A remote insert before it moves it; one after it does not.
		text.insert(0, '>> ');
		expect(transformPosition(5, delta as never)).toBe(8);
		text.insert(11, '!');
		expect(transformPosition(8, delta as never)).toBe(8);
		// A remote delete spanning the caret pulls it to the start of the deletion.
		text.delete(6, 4);
		expect(transformPosition(8, delta as never)).toBe(6);
		// An insert exactly at the caret stays after the caret.
		text.insert(6, 'abc');
		expect(transformPosition(6, delta as never)).toBe(6);
	});
});

describe('limitProblem', () => {
	const limit = { max: 5, what: 'The title' };
	it('refuses growing past the limit and names the field and the size', () => {
		expect(limitProblem(limit, 'abcd', 'abcdef')).toBe(
			'The title can hold at most 5 characters; this change would make it 6.'
		);
		expect(limitProblem(limit, 'abcd', 'abcde')).toBeNull();
	});
	it('always lets a field shrink, and ignores fields without a limit', () => {
		expect(limitProblem(limit, 'abcdefgh', 'abcdefg')).toBeNull();
		expect(limitProblem(null, '', 'x'.repeat(100))).toBeNull();
	});
});
