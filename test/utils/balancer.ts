/**
 * A TCP load balancer for tests, standing in for nginx in front of several server processes:
 * each new connection goes to the next backend in turn (no stickiness); a backend that refuses the
 * connection (killed, not yet restarted) is skipped. Websocket upgrades pass through untouched.
 */
import { createServer, Socket, type AddressInfo } from 'node:net';

export interface Balancer {
	port: number;
	url: string;
	wsUrl: string;
	/** Backend ports, in turn order; the caller may change the list at any time. */
	backends: number[];
	close(): Promise<void>;
}

export async function startBalancer(backends: number[]): Promise<Balancer> {
	let next = 0;
	const sockets = new Set<Socket>();
	const connect = (client: Socket, tries: number): void => {
		if (tries >= balancer.backends.length || client.destroyed) {
			client.destroy();
			return;
		}
		const port = balancer.backends[next++ % balancer.backends.length]!;
		const upstream = new Socket();
		sockets.add(upstream);
		let connected = false;
		upstream.once('connect', () => {
			connected = true;
			client.pipe(upstream);
			upstream.pipe(client);
			client.resume();
		});
		upstream.on('error', () => {
			if (!connected) connect(client, tries + 1);
			else client.destroy();
		});
		upstream.on('close', () => {
			sockets.delete(upstream);
			if (connected) client.destroy();
		});
		client.on('close', () => upstream.destroy());
		client.on('error', () => upstream.destroy());
		upstream.connect(port, '127.0.0.1');
	};
	const server = createServer({ pauseOnConnect: true }, (client) => {
		sockets.add(client);
		client.on('close', () => sockets.delete(client));
		connect(client, 0);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const balancer: Balancer = {
		port,
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		backends: [...backends],
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
	return balancer;
}
