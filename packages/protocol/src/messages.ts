/**
 * Websocket frames. Types 0–3 are the standard y-websocket ones, so the stock client works
 * unchanged; 4 and 5 are Riskboard's save acknowledgement, 6 and 7 its scoring-round
 * notifications: only clients that ask for them ever see types 5 and 7.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MessageType = {
	Sync: 0,
	Awareness: 1,
	Auth: 2,
	QueryAwareness: 3,
	/** Client → server: "tell me when everything I sent before this frame is stored". */
	SaveRequest: 4,
	/** Server → client: "everything before your save request `id` is durably stored". */
	Saved: 5,
	/** Client → server: "send me scoring-round events on this board" (opt-in, no payload). */
	RoundSubscribe: 6,
	/** Server → client: a silent scoring round opened, got a vote or was revealed (JSON). */
	RoundEvent: 7
} as const;

/** Sub-types of a Sync frame (y-protocols/sync). */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const;

/** A decoded client frame. Payloads are views into the received buffer. */
export type ClientMessage =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2'; update: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	| { type: 'save-request'; id: number }
	| { type: 'round-subscribe' };

/**
 * What a subscribed client hears about a silent scoring round. Never a vote value: `progressed`
 * says how many voted and who; after `revealed` the client fetches the tally over REST
 * (`GET /api/boards/:id/reviews/:rid/rounds/:roundId`).
 */
export type RoundEvent =
	| { kind: 'opened'; reviewId: string; roundId: string; riskId: string }
	| { kind: 'progressed'; reviewId: string; roundId: string; count: number; voters: string[] }
	| { kind: 'revealed'; reviewId: string; roundId: string };

/** Thrown for a frame that is not a well-formed message; the text says what was wrong. */
export class ProtocolError extends Error {
	override name = 'ProtocolError';
}

/** Ends a `switch` over a union so that a new member is a type error. */
export function exhaustiveSwitchError(value: never, what = 'value'): never {
	throw new Error(`Unknown ${what}: ${JSON.stringify(value)}`);
}

/**
 * Decodes one client frame. Throws ProtocolError on an unknown type, a truncated frame, or
 * trailing bytes. Auth frames (type 2) are server-to-client only and rejected here.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
	const decoder = decoding.createDecoder(frame);
	let message: ClientMessage;
	try {
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MessageType.Sync: {
				const syncType = decoding.readVarUint(decoder);
				const payload = decoding.readVarUint8Array(decoder);
				if (syncType === SyncType.Step1) message = { type: 'sync-step1', stateVector: payload };
				else if (syncType === SyncType.Step2) message = { type: 'sync-step2', update: payload };
				else if (syncType === SyncType.Update) message = { type: 'update', update: payload };
				else throw new ProtocolError(`unknown sync message type ${syncType}`);
				break;
			}
			case MessageType.Awareness:
				message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
				break;
			case MessageType.QueryAwareness:
				message = { type: 'query-awareness' };
				break;
			case MessageType.SaveRequest:
				message = { type: 'save-request', id: decoding.readVarUint(decoder) };
				break;
			case MessageType.RoundSubscribe:
				message = { type: 'round-subscribe' };
				break;
			default:
				throw new ProtocolError(`unknown message type ${type}`);
		}
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError('truncated or malformed frame');
	}
	if (decoding.hasContent(decoder)) {
		throw new ProtocolError(`${frame.length - decoder.pos} unexpected trailing bytes`);
	}
	return message;
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array<ArrayBuffer> {
	const encoder = encoding.createEncoder();
	write(encoder);
	return encoding.toUint8Array(encoder) as Uint8Array<ArrayBuffer>;
}

function syncFrame(syncType: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.Sync);
		encoding.writeVarUint(e, syncType);
		encoding.writeVarUint8Array(e, payload);
	});
}

export const encodeSyncStep1 = (stateVector: Uint8Array) => syncFrame(SyncType.Step1, stateVector);
export const encodeSyncStep2 = (update: Uint8Array) => syncFrame(SyncType.Step2, update);
export const encodeUpdate = (update: Uint8Array) => syncFrame(SyncType.Update, update);

export function encodeAwareness(update: Uint8Array): Uint8Array<ArrayBuffer> {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.Awareness);
		encoding.writeVarUint8Array(e, update);
	});
}

export function encodeQueryAwareness(): Uint8Array<ArrayBuffer> {
	return frame((e) => encoding.writeVarUint(e, MessageType.QueryAwareness));
}

export function encodeSaveRequest(id: number): Uint8Array<ArrayBuffer> {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.SaveRequest);
		encoding.writeVarUint(e, id);
	});
}

export function encodeSaved(id: number): Uint8Array<ArrayBuffer> {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.Saved);
		encoding.writeVarUint(e, id);
	});
}

/** An awareness update that changes nothing: zero entries. Used as a keepalive the stock client ignores. */
export const EMPTY_AWARENESS_UPDATE = new Uint8Array([0]);

/** Reads the id of a server Saved frame (after its type), for clients. */
export function readSavedId(decoder: decoding.Decoder): number {
	return decoding.readVarUint(decoder);
}

export function encodeRoundSubscribe(): Uint8Array<ArrayBuffer> {
	return frame((e) => encoding.writeVarUint(e, MessageType.RoundSubscribe));
}

/** Only the fields of its kind: anything else on the object (a vote, a tally) is never sent. */
function roundEventFields(event: RoundEvent): RoundEvent {
	const ids = { reviewId: event.reviewId, roundId: event.roundId };
	switch (event.kind) {
		case 'opened':
			return { kind: 'opened', ...ids, riskId: event.riskId };
		case 'progressed':
			return { kind: 'progressed', ...ids, count: event.count, voters: [...event.voters] };
		case 'revealed':
			return { kind: 'revealed', ...ids };
		default:
			return exhaustiveSwitchError(event, 'round event');
	}
}

export function encodeRoundEvent(event: RoundEvent): Uint8Array<ArrayBuffer> {
	return frame((e) => {
		encoding.writeVarUint(e, MessageType.RoundEvent);
		encoding.writeVarString(e, JSON.stringify(roundEventFields(event)));
	});
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Reads a server RoundEvent frame (after its type), for clients; ProtocolError if malformed. */
export function readRoundEvent(decoder: decoding.Decoder): RoundEvent {
	let value: unknown;
	try {
		value = JSON.parse(decoding.readVarString(decoder));
	} catch {
		throw new ProtocolError('malformed round event');
	}
	const event = (value ?? {}) as Record<string, unknown>;
	const kind = event.kind as RoundEvent['kind'];
	if (!isText(event.reviewId) || !isText(event.roundId)) {
		throw new ProtocolError('round event without ids');
	}
	const ids = { reviewId: event.reviewId, roundId: event.roundId };
	switch (kind) {
		case 'opened':
			if (!isText(event.riskId)) throw new ProtocolError('round event without riskId');
			return { kind, ...ids, riskId: event.riskId };
		case 'progressed': {
			const { count, voters } = event;
			if (typeof count !== 'number' || !Array.isArray(voters) || !voters.every(isText)) {
				throw new ProtocolError('malformed round progress');
			}
			return { kind, ...ids, count, voters };
		}
		case 'revealed':
			return { kind, ...ids };
		default:
			throw new ProtocolError(`unknown round event ${String(kind as unknown)}`);
	}
}
