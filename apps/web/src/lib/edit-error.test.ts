import { BoardError } from '@riskboard/model';
import { describe, expect, it, vi } from 'vitest';
import { editError, editStep } from './edit-error.ts';

describe('editError', () => {
	it('returns null when the edit succeeds', () => {
		const edit = vi.fn();
		expect(editError(edit)).toBeNull();
		expect(edit).toHaveBeenCalledOnce();
	});

	it("returns the model's message when it refuses the edit", () => {
		expect(
			editError(() => {
				throw new BoardError('Person name must be a non-empty string');
			})
		).toBe('Person name must be a non-empty string');
	});

	it('hides unexpected errors behind a generic message', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		expect(
			editError(() => {
				throw new TypeError('boom');
			})
		).toBe('That change could not be made.');
		expect(log).toHaveBeenCalled();
		log.mockRestore();
	});
});

describe('editStep', () => {
	it('closes the undo step before and after the edit', () => {
		const calls: string[] = [];
		const history = { stopCapturing: () => calls.push('stop') };
		expect(editStep(history, () => calls.push('edit'))).toBeNull();
		expect(calls).toEqual(['stop', 'edit', 'stop']);
	});
});
