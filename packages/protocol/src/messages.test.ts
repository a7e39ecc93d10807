import { describe, expect, it } from 'vitest';
import {
	decodeClientMessage,
	encodeAwareness,
	encodeQueryAwareness,
	encodeRoundEvent,
	encodeRoundSubscribe,
	encodeSaveRequest,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	MessageType,
	ProtocolError,
	readRoundEvent,
	type RoundEvent
} from './messages.ts';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

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
		expect(decodeClientMessage(encodeRoundSubscribe())).toEqual({ type: 'round-subscribe' });
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

describe('round events', () => {
	const read = (frame: Uint8Array) => {
		const decoder = decoding.createDecoder(frame);
		expect(decoding.readVarUint(decoder)).toBe(MessageType.RoundEvent);
		return readRoundEvent(decoder);
	};

	it('round-trips every kind', () => {
		const events: RoundEvent[] = [
			{ kind: 'opened', reviewId: 'r', roundId: 'x', riskId: 'k' },
			{ kind: 'progressed', reviewId: 'r', roundId: 'x', count: 2, voters: ['Ada', 'Bo'] },
			{ kind: 'revealed', reviewId: 'r', roundId: 'x' }
		];
		for (const event of events) expect(read(encodeRoundEvent(event))).toEqual(event);
	});

	it('sends only the fields of its kind, so no vote can ride along', () => {
		const leaky = {
			kind: 'progressed',
			reviewId: 'r',
			roundId: 'x',
			count: 1,
			voters: ['Ada'],
			votes: [{ voter: 'Ada', likelihood: 5, impact: 5 }]
		} as RoundEvent;
		const frame = encodeRoundEvent(leaky);
		expect(String.fromCharCode(...frame)).not.toContain('likelihood');
		expect(read(frame)).toEqual({
			kind: 'progressed',
			reviewId: 'r',
			roundId: 'x',
			count: 1,
			voters: ['Ada']
		});
	});

	it('rejects malformed events', () => {
		const bad = (json: string) => {
			const encoder = encoding.createEncoder();
			encoding.writeVarString(encoder, json);
			return () => readRoundEvent(decoding.createDecoder(encoding.toUint8Array(encoder)));
		};
		expect(bad('nope')).toThrow(ProtocolError);
		expect(bad('{"kind":"opened","reviewId":"r","roundId":"x"}')).toThrow(/riskId/);
		expect(bad('{"kind":"other","reviewId":"r","roundId":"x"}')).toThrow(/unknown round event/);
	});
});
