/** Benchmark clients: the stock y-websocket provider, exactly as an application runs it. */
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RoomTarget } from './servers.ts';

export interface BenchClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Connection closes seen (each one is followed by a reconnect attempt). */
	closes: number;
	destroy(): void;
}

/**
 * Connects a provider. BroadcastChannel is off (otherwise providers in one process sync among
 * themselves and the server is bypassed), and presence is off (local awareness state null), so
 * the numbers are about document updates only, without 15-second awareness renewals from every
 * client fanning out to every other one.
 */
export function connectBenchClient(target: RoomTarget): BenchClient {
	const doc = new Y.Doc();
	const awareness = new Awareness(doc);
	awareness.setLocalState(null);
	const provider = new WebsocketProvider(target.serverUrl, target.room, doc, {
		params: target.params,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		awareness,
		maxBackoffTime: 1000
	});
	const client: BenchClient = {
		doc,
		provider,
		closes: 0,
		destroy() {
			provider.destroy();
			awareness.destroy();
			doc.destroy();
		}
	};
	provider.on('connection-close', () => client.closes++);
	return client;
}
