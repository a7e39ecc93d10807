// The benchmark's peer: the reference y-websocket server (`@y/websocket-server` 0.1.1) in a tiny
// node http + `ws` server. No persistence (YPERSISTENCE unset), no callbacks. The room name is the
// URL path (`/<room>`), query string ignored. Prints one JSON "listening" line, like Riskboard.
import { setupWSConnection } from '@y/websocket-server/utils';
import http from 'node:http';
import { WebSocketServer } from 'ws';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 0);
const maxPayload = Number(process.env.MAX_MESSAGE_BYTES || 4 * 1024 * 1024);

const wss = new WebSocketServer({ noServer: true, maxPayload });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));

const server = http.createServer((_req, res) => {
	res.writeHead(200, { 'Content-Type': 'text/plain' });
	res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(port, host, () => {
	const address = server.address();
	const url = `http://${host}:${address.port}`;
	process.stdout.write(JSON.stringify({ msg: 'listening', url }) + '\n');
});

for (const signal of ['SIGTERM', 'SIGINT']) {
	process.once(signal, () => {
		for (const client of wss.clients) client.terminate();
		server.close(() => process.exit(0));
		setTimeout(() => process.exit(0), 1000).unref();
	});
}
