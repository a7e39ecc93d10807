import { describe, expect, it } from 'vitest';
import { Connection, type PeerSocket } from './connection.ts';

/** A socket whose send buffer only grows: the peer never reads. */
class PausedSocket implements PeerSocket {
	bufferedAmount = 0;
	terminated = false;
	closed: number | null = null;
	send(data: Uint8Array): void {
		this.bufferedAmount += data.byteLength;
	}
	close(code: number): void {
		this.closed = code;
	}
	ping(): void {}
	terminate(): void {
		this.terminated = true;
	}
}

function connection(socket: PeerSocket, maxBufferedBytes: number, onCut?: () => void) {
	return new Connection({
		id: 'c',
		boardId: 'b',
		role: 'editor',
		tokenId: 't',
		socket,
		rateLimitPerSecond: 0,
		rateLimitBurst: 0,
		keepaliveMs: 0,
		maxBufferedBytes,
		...(onCut ? { onCut } : {})
	});
}

describe('Connection backpressure', () => {
	it('terminates a peer that stops reading once the backlog passes the limit', () => {
		const socket = new PausedSocket();
		let cuts = 0;
		const c = connection(socket, 1000, () => cuts++);
		// 1,000 bytes beyond the 100-byte frame in flight are allowed: 12 frames queue, the 13th cuts.
		for (let i = 0; i < 12; i++) c.send(new Uint8Array(100));
		expect(socket.terminated).toBe(false);
		c.send(new Uint8Array(100));
		expect(socket.terminated).toBe(true);
		expect(cuts).toBe(1);
		expect(c.closed).toBe(true);
		// Nothing more is queued for it.
		const buffered = socket.bufferedAmount;
		c.send(new Uint8Array(100));
		expect(socket.bufferedAmount).toBe(buffered);
	});

	it('allows one frame larger than the limit (a big board’s sync step 2) on top', () => {
		const socket = new PausedSocket();
		const c = connection(socket, 1000);
		c.send(new Uint8Array(10_000));
		for (let i = 0; i < 11; i++) c.send(new Uint8Array(100));
		expect(socket.terminated).toBe(false);
		c.send(new Uint8Array(100));
		expect(socket.terminated).toBe(true);
	});

	it('forgets the allowance once the buffer drained', () => {
		const socket = new PausedSocket();
		const c = connection(socket, 1000);
		c.send(new Uint8Array(10_000));
		socket.bufferedAmount = 0;
		for (let i = 0; i < 12; i++) c.send(new Uint8Array(100));
		expect(socket.terminated).toBe(false);
		c.send(new Uint8Array(100));
		expect(socket.terminated).toBe(true);
	});

	it('terminates a peer that does not answer a close frame', async () => {
		const socket = new PausedSocket();
		const c = connection(socket, 1000);
		c.close(4400, 'bye');
		expect(socket.closed).toBe(4400);
		expect(socket.terminated).toBe(false);
		const until = Date.now() + 3000;
		while (!socket.terminated && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
		expect(socket.terminated).toBe(true);
	});
});
