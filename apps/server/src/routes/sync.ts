import { CloseCode, LINK_REVOKED_REASON, type Role } from '@riskboard/protocol';
import { Hono } from 'hono';
import type { UpgradeWebSocket, WSEvents } from 'hono/ws';
import type { WebSocket } from 'ws';
import type { AppDeps } from '../deps.ts';
import { ApiError } from '../errors.ts';
import { Connection } from '../sync/connection.ts';
import { newShortId } from '../tokens.ts';
import { authenticate } from './access.ts';

const REFUSAL_CODES = {
	'not-found': CloseCode.NotFound,
	unauthorized: CloseCode.Unauthorized,
	revoked: CloseCode.LinkRevoked
} as const;

/**
 * `/sync/:boardId?token=…`: the y-websocket endpoint. Access is decided here, at the upgrade,
 * before any frame is read. A refused client (unknown board, missing or wrong token) gets the
 * upgrade and an immediate close with 4404/4401, because browsers cannot read an HTTP status
 * from a failed upgrade and the stock client stops retrying on 44xx codes. A revoked link gets
 * 4401 with the reason `link revoked`.
 */
export function syncRoutes(deps: AppDeps, upgradeWebSocket: UpgradeWebSocket<unknown>): Hono {
	const app = new Hono();
	let open = 0;

	app.get('/:boardId', async (c, next) => {
		if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
			throw new ApiError(426, 'upgrade_required', 'This endpoint speaks the y-websocket protocol.');
		}
		const boardId = c.req.param('boardId');
		const access = await authenticate(deps, boardId, c.req.query('token') ?? null);
		let events: WSEvents<unknown>;
		if (!access.ok) {
			deps.metrics.inc('riskboard_connections_refused_total', { reason: access.reason });
			deps.log.info('connection refused', { board: boardId, reason: access.reason });
			const code = REFUSAL_CODES[access.reason];
			const reason = access.reason === 'revoked' ? LINK_REVOKED_REASON : access.error.message;
			events = { onOpen: (_event, ws) => ws.close(code, reason) };
		} else {
			events = liveEvents(boardId, access.token.role, access.token.id);
		}
		return upgradeWebSocket(() => events)(c, next);
	});

	function liveEvents(boardId: string, role: Role, tokenId: string): WSEvents<unknown> {
		let connection: Connection | null = null;
		let feed: ((frame: Uint8Array) => void) | null = null;
		return {
			onOpen(_event, ws) {
				const socket = ws.raw as WebSocket;
				connection = new Connection({
					id: newShortId(),
					boardId,
					role,
					tokenId,
					socket,
					rateLimitPerSecond: deps.config.rateLimitPerSecond,
					rateLimitBurst: deps.config.rateLimitBurst,
					keepaliveMs: deps.config.keepaliveMs,
					maxBufferedBytes: deps.config.maxBufferedBytes,
					onCut: () => deps.metrics.inc('riskboard_connections_cut_total')
				});
				const current = connection;
				socket.on('pong', () => current.pong());
				feed = deps.rooms.join(connection);
				deps.metrics.set('riskboard_connections', ++open);
				deps.log.debug('connected', { board: boardId, connection: connection.id, role });
			},
			onMessage(event) {
				if (!connection || !feed) return;
				if (typeof event.data === 'string') {
					deps.metrics.inc('riskboard_frames_rejected_total', { reason: 'text-frame' });
					connection.close(CloseCode.UnsupportedData, 'binary frames only');
					return;
				}
				const frame = new Uint8Array(event.data as ArrayBuffer);
				if (frame.byteLength > deps.config.maxMessageBytes) {
					deps.metrics.inc('riskboard_frames_rejected_total', { reason: 'too-big' });
					deps.log.warn('frame rejected', {
						board: boardId,
						connection: connection.id,
						reason: 'too-big',
						bytes: frame.byteLength
					});
					connection.close(CloseCode.MessageTooLarge, 'message larger than the server accepts');
					return;
				}
				feed(frame);
			},
			onClose(event) {
				if (!connection) return;
				connection.disposed();
				deps.rooms.leave(connection);
				deps.metrics.set('riskboard_connections', --open);
				deps.log.debug('disconnected', {
					board: boardId,
					connection: connection.id,
					code: event.code
				});
				connection = null;
			},
			onError(event) {
				const error = (event as Event & { error?: { code?: string } }).error;
				// `ws` reports a frame over its hard cap (maxPayload) as an error, then closes with 1009.
				if (error?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
					deps.metrics.inc('riskboard_frames_rejected_total', { reason: 'too-big' });
				}
				deps.log.warn('websocket error', { board: boardId, error: String(error ?? '') });
			}
		};
	}

	return app;
}
