/**
 * Everything a page received: its websocket frames and its REST answers, recorded from before
 * the board loads, and decoded the way a curious participant could decode them (the Yjs document
 * state, every awareness state, every round event) — to prove what a page could never learn.
 */
import type { Page } from '@playwright/test';
import { MessageType, readRoundEvent, SyncType, type RoundEvent } from '@riskboard/protocol';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

export interface Traffic {
	frames: Uint8Array[];
	responses: Array<{ method: string; url: string; body: string }>;
}

/** Starts recording a page's received frames and `/api/` answers; call before it loads. */
export function recordTraffic(page: Page): Traffic {
	const traffic: Traffic = { frames: [], responses: [] };
	page.on('websocket', (socket) => {
		socket.on('framereceived', ({ payload }) => {
			traffic.frames.push(typeof payload === 'string' ? Buffer.from(payload) : payload);
		});
	});
	page.on('response', async (response) => {
		const url = response.url();
		if (!url.includes('/api/')) return;
		const body = await response.text().catch(() => '');
		traffic.responses.push({ method: response.request().method(), url, body });
	});
	return traffic;
}

/** What the frames a page received contain, decoded. */
export interface DecodedFrames {
	/** The Yjs document built from every sync message received, as JSON. */
	documentJson: string;
	/** Every awareness state received, as JSON. */
	awarenessStates: unknown[];
	roundEvents: RoundEvent[];
	/** Frame types seen (message type numbers). */
	types: Set<number>;
}

export function decodeFrames(frames: readonly Uint8Array[]): DecodedFrames {
	const doc = new Y.Doc();
	const awarenessStates: unknown[] = [];
	const roundEvents: RoundEvent[] = [];
	const types = new Set<number>();
	for (const frame of frames) {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		types.add(type);
		if (type === MessageType.Sync) {
			const syncType = decoding.readVarUint(decoder);
			const data = decoding.readVarUint8Array(decoder);
			if (syncType === SyncType.Step2 || syncType === SyncType.Update) Y.applyUpdate(doc, data);
		} else if (type === MessageType.Awareness) {
			const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
			const count = decoding.readVarUint(update);
			for (let i = 0; i < count; i++) {
				decoding.readVarUint(update); // client id
				decoding.readVarUint(update); // clock
				awarenessStates.push(JSON.parse(decoding.readVarString(update)));
			}
		} else if (type === MessageType.RoundEvent) {
			roundEvents.push(readRoundEvent(decoder));
		}
	}
	const shared: Record<string, unknown> = {};
	for (const name of doc.share.keys()) shared[name] = doc.getMap(name).toJSON();
	return { documentJson: JSON.stringify(shared), awarenessStates, roundEvents, types };
}
