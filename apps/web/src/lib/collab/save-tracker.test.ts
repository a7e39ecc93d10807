import { decodeClientMessage } from '@riskboard/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveTracker } from './save-tracker.ts';

/** A fake socket that records the ids of the save requests sent on it. */
function fakeSocket() {
	const sent: number[] = [];
	let open = true;
	return {
		sent,
		close: () => (open = false),
		reopen: () => (open = true),
		send: (frame: Uint8Array<ArrayBuffer>) => {
			if (!open) return false;
			const message = decodeClientMessage(frame);
			if (message.type !== 'save-request') throw new Error(`unexpected ${message.type}`);
			sent.push(message.id);
			return true;
		}
	};
}

describe('SaveTracker', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('is clean until a local change, then clean again once that change is acknowledged', () => {
		const socket = fakeSocket();
		const changes: boolean[] = [];
		const tracker = new SaveTracker({ send: socket.send, onDirtyChange: (d) => changes.push(d) });
		tracker.setReady(true);
		expect(tracker.dirty).toBe(false);

		tracker.noteLocalChange();
		expect(tracker.dirty).toBe(true);
		expect(socket.sent).toEqual([]);
		vi.advanceTimersByTime(100);
		expect(socket.sent).toEqual([1]);

		tracker.handleSaved(1);
		expect(tracker.dirty).toBe(false);
		expect(changes).toEqual([true, false]);
	});

	it('sends one request per interval for a burst of changes', () => {
		const socket = fakeSocket();
		const tracker = new SaveTracker({ send: socket.send });
		tracker.setReady(true);
		for (let i = 0; i < 20; i++) tracker.noteLocalChange();
		vi.advanceTimersByTime(100);
		expect(socket.sent).toEqual([1]);
	});

	it('stays dirty when an older request is acknowledged after a newer change', () => {
		const socket = fakeSocket();
		const tracker = new SaveTracker({ send: socket.send });
		tracker.setReady(true);
		tracker.noteLocalChange();
		vi.advanceTimersByTime(100);
		tracker.noteLocalChange();
		tracker.handleSaved(1);
		expect(tracker.dirty).toBe(true);
		vi.advanceTimersByTime(100);
		expect(socket.sent).toEqual([1, 2]);
		tracker.handleSaved(2);
		expect(tracker.dirty).toBe(false);
	});

	it('ignores unknown ids', () => {
		const socket = fakeSocket();
		const tracker = new SaveTracker({ send: socket.send });
		tracker.setReady(true);
		tracker.noteLocalChange();
		vi.advanceTimersByTime(100);
		tracker.handleSaved(99);
		expect(tracker.dirty).toBe(true);
	});

	it('holds changes made offline and asks again after the next sync', () => {
		const socket = fakeSocket();
		const tracker = new SaveTracker({ send: socket.send });
		tracker.setReady(true);
		tracker.noteLocalChange();
		vi.advanceTimersByTime(100);
		expect(socket.sent).toEqual([1]);

		// the socket drops before the answer; the answer can never come
		socket.close();
		tracker.setReady(false);
		tracker.noteLocalChange();
		vi.advanceTimersByTime(1000);
		expect(socket.sent).toEqual([1]);
		expect(tracker.dirty).toBe(true);

		socket.reopen();
		tracker.setReady(true);
		expect(socket.sent).toEqual([1, 2]);
		tracker.handleSaved(1);
		expect(tracker.dirty).toBe(true);
		tracker.handleSaved(2);
		expect(tracker.dirty).toBe(false);
	});

	it('asks right after the first sync when an earlier session left unacknowledged changes', () => {
		const socket = fakeSocket();
		const tracker = new SaveTracker({ send: socket.send, initiallyDirty: true });
		expect(tracker.dirty).toBe(true);
		tracker.setReady(true);
		expect(socket.sent).toEqual([1]);
		tracker.handleSaved(1);
		expect(tracker.dirty).toBe(false);
	});

	it('does not ask when there is nothing to save', () => {
		const socket = fakeSocket();
		const tracker = new SaveTracker({ send: socket.send });
		tracker.setReady(true);
		tracker.setReady(false);
		tracker.setReady(true);
		expect(socket.sent).toEqual([]);
	});
});
