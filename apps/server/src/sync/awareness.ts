import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** One entry of a y-protocols awareness update. `state` null means "this client left". */
export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: unknown;
	/** The state's JSON text, as received. */
	json: string;
}

/**
 * Decodes an awareness update strictly (y-protocols would throw midway on bad JSON, after
 * applying the entries before it). Throws on truncation, trailing bytes or invalid JSON.
 */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const entries: AwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		entries.push({ clientId, clock, json, state: JSON.parse(json) });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
	return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.json);
	}
	return encoding.toUint8Array(encoder);
}
