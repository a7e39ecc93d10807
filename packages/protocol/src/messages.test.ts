import { describe, expect, it } from 'vitest';
import {
	decodeClientMessage,
	encodeAwareness,
	encodeQueryAwareness,
	encodeSaveRequest,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	ProtocolError
} from './messages.ts';

describe('decodeClientMessage', () => {
	const payload = new Uint8Array([1, 2, 3]);

	it('round-trips every client frame', () => {
		expect(decodeClientMessage(encodeSyncStep1(payload))).toEqual({
			type: 'sync-step1',
			stateVector: payload
		});
		expect(decodeClientMessage(encodeSyncStep2(payload))).toEqual({
			type: 'sync-step2',
			update: payload
		});
		expect(decodeClientMessage(encodeUpdate(payload))).toEqual({ type: 'update', update: payload });
		expect(decodeClientMessage(encodeAwareness(payload))).toEqual({
			type: 'awareness',
			update: payload
		});
		expect(decodeClientMessage(encodeQueryAwareness())).toEqual({ type: 'query-awareness' });
		expect(decodeClientMessage(encodeSaveRequest(300))).toEqual({ type: 'save-request', id: 300 });
	});

	it('rejects an empty frame', () => {
		expect(() => decodeClientMessage(new Uint8Array())).toThrow(ProtocolError);
	});

	it('rejects unknown message and sync types', () => {
		expect(() => decodeClientMessage(new Uint8Array([9]))).toThrow(/unknown message type 9/);
		expect(() => decodeClientMessage(new Uint8Array([0, 7, 0]))).toThrow(/unknown sync/);
	});

	it('rejects server-only auth frames', () => {
		expect(() => decodeClientMessage(new Uint8Array([2, 0]))).toThrow(/unknown message type 2/);
	});

	it('rejects a truncated payload', () => {
		const full = encodeUpdate(new Uint8Array(50));
		expect(() => decodeClientMessage(full.subarray(0, 20))).toThrow(/truncated/);
	});

	it('rejects trailing bytes', () => {
		const full = encodeUpdate(payload);
		const padded = new Uint8Array(full.length + 2);
		padded.set(full);
		expect(() => decodeClientMessage(padded)).toThrow(/trailing/);
	});
});
