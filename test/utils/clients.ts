/**
 * Clients for cross-package tests: the stock `y-websocket` provider (exactly what users of the
 * protocol run), and a raw websocket for sending frames the provider never would.
 */
import { SYNC_PATH } from '@riskboard/protocol';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { waitFor } from './wait.ts';

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close events the provider saw, newest last. */
	closes: Array<{ code: number; reason: string }>;
	destroy(): void;
}

/** A stock y-websocket provider. BroadcastChannel is off so only the server can relay. */
export function connectClient(
	wsUrl: string,
	boardId: string,
	token: string,
	options: { doc?: Y.Doc; connect?: boolean } = {}
): TestClient {
	const doc = options.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(`${wsUrl}${SYNC_PATH}`, boardId, doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		connect: options.connect ?? true,
		maxBackoffTime: 200
	});
	const closes: TestClient['closes'] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	return {
		doc,
		provider,
		closes,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

export async function connectSynced(
	wsUrl: string,
	boardId: string,
	token: string
): Promise<TestClient> {
	const client = connectClient(wsUrl, boardId, token);
	await waitFor(() => client.provider.synced, { what: 'initial sync' });
	return client;
}

/** A raw websocket to the sync endpoint, collecting every frame and the close event. */
export interface RawSocket {
	ws: WebSocket;
	frames: Uint8Array[];
	closed: Promise<{ code: number; reason: string }>;
	opened: Promise<void>;
	send(frame: Uint8Array | string): void;
}

export function openRaw(
	wsUrl: string,
	boardId: string,
	token: string | null,
	headers: Record<string, string> = {}
): RawSocket {
	const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
	const ws = new WebSocket(`${wsUrl}${SYNC_PATH}/${boardId}${query}`, { headers });
	const frames: Uint8Array[] = [];
	ws.binaryType = 'nodebuffer';
	ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
	const closed = new Promise<{ code: number; reason: string }>((res) =>
		ws.on('close', (code, reason) => res({ code, reason: reason.toString() }))
	);
	const opened = new Promise<void>((res, rej) => {
		ws.once('open', () => res());
		ws.once('error', rej);
		ws.once('unexpected-response', (_req, response) =>
			rej(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode }))
		);
	});
	opened.catch(() => {});
	return { ws, frames, closed, opened, send: (frame) => ws.send(frame) };
}
