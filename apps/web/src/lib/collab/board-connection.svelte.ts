/**
 * The one bridge between a board's Yjs document and Svelte runes. A `BoardConnection` owns the
 * Y.Doc, its IndexedDB copy on this device and the `y-websocket` provider, and exposes plain
 * values as reactive getters; components never see Yjs or call `observe` themselves.
 *
 * Create it in the browser only, and call `destroy()` when the page goes away.
 */
import {
	BoardReader,
	getActionText,
	getRaciRowText,
	getReviewNotes,
	getRiskText,
	maxTextLength,
	type Board,
	type RiskTextField
} from '@riskboard/model';
import {
	canWrite,
	isTerminalCloseCode,
	encodeRoundSubscribe,
	MessageType,
	readRoundEvent,
	type RoundEvent,
	readSavedId,
	SYNC_PATH,
	type Role
} from '@riskboard/protocol';
import { createSubscriber } from 'svelte/reactivity';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { BoardEditor } from './board-editor.ts';
import { reasonForCloseCode, type ClosedReason } from './close-reasons.ts';
import { jitterReconnects } from './reconnect.ts';
import { localCopyName } from './local-copy.ts';
import { fieldKey, Presence, type Identity } from './presence.svelte.ts';
import { SaveTracker } from './save-tracker.ts';
import { TextHandle } from './text-binding.ts';
import { UndoHistory } from './undo-history.svelte.ts';
import { hasUnsavedChanges, markUnsavedChanges } from './unsaved-marker.ts';

/** The socket's state as people should understand it. */
export type ConnectionStatus =
	| { state: 'connecting' }
	| { state: 'connected' }
	/** Lost or never reached; the provider keeps retrying with backoff. */
	| { state: 'disconnected' }
	/** The server refused the connection for good (a terminal close code); no more retries. */
	| { state: 'closed'; reason: ClosedReason; code: number };

/**
 * What the "saved" indicator shows: everything acknowledged; local changes on their way; or
 * local changes that cannot reach the server right now (kept in IndexedDB when `storedLocally`).
 */
export type SaveState = 'saved' | 'saving' | 'offline';

export interface BoardConnectionOptions {
	boardId: string;
	token: string;
	role: Role;
	/** Page origin (`https://host`); the socket goes to the same host. Defaults to `location.origin`. */
	origin?: string;
	/** Keep a copy in IndexedDB so offline edits survive a reload. Default true. */
	persist?: boolean;
	/**
	 * Load this device's copy before connecting, so its offline edits go out in the first sync
	 * exchange. Default true; false when this device has no copy to wait for (its first visit to
	 * the board): then the socket opens at once and the local copy loads alongside.
	 */
	waitForLocalCopy?: boolean;
	/** How this person appears to others (name and colour). */
	identity: Identity;
}

/** How each co-edited risk text is named when a change would make it too long. */
const RISK_TEXT_NAMES: Readonly<Record<RiskTextField, string>> = {
	title: 'The title',
	description: 'The description',
	trigger: 'The trigger',
	contingency: 'The contingency plan'
};

/** How long to wait for the IndexedDB copy before connecting anyway (it may be unavailable). */
const LOCAL_LOAD_TIMEOUT_MS = 1500;

export class BoardConnection {
	readonly boardId: string;
	readonly role: Role;
	/** Whether this link may change the board (the server enforces it too). */
	readonly canEdit: boolean;
	/** This person's edits; null for a read-only link. */
	readonly editor: BoardEditor | null;
	/** Undo and redo of this person's own edits. */
	readonly history: UndoHistory;
	/** Who is here and which field each person is editing. */
	readonly presence: Presence;

	#token: string;
	/** The origin of every local write: what undo tracks and what counts as "my change". */
	#origin = { local: true };
	#doc = new Y.Doc();
	#provider: WebsocketProvider;
	#persistence: IndexeddbPersistence | null = null;
	#stopJitter: () => void;
	#saves: SaveTracker;
	#destroyed = false;
	#started = false;
	// Listeners, not state: nothing renders from this set.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#roundListeners = new Set<(event: RoundEvent | 'connected') => void>();

	#status = $state<ConnectionStatus>({ state: 'connecting' });
	#synced = $state(false);
	#dirty = $state(false);
	#storedLocally = $state(false);
	#loadedLocally = $state(false);

	#subscribeBoard: () => void;
	/** Follows the doc and re-reads only what each change touched (the model's `BoardReader`). */
	#reader: BoardReader;

	constructor(options: BoardConnectionOptions) {
		this.boardId = options.boardId;
		this.role = options.role;
		this.canEdit = canWrite(options.role);
		this.#token = options.token;

		const origin = options.origin ?? location.origin;
		const wsOrigin = origin.replace(/^http/, 'ws');
		this.#provider = new WebsocketProvider(`${wsOrigin}${SYNC_PATH}`, options.boardId, this.#doc, {
			connect: false,
			params: { token: options.token },
			// Tabs sync through the server, not BroadcastChannel: a tab on another link (a viewer, or
			// another person's link) must never forward this tab's edits as its own.
			disableBc: true
		});
		this.#stopJitter = jitterReconnects(this.#provider);

		this.editor = this.canEdit ? new BoardEditor(this.#doc, this.#origin) : null;
		this.history = new UndoHistory(this.#doc, this.#origin);
		this.presence = new Presence(this.#provider.awareness, options.identity);

		this.#saves = new SaveTracker({
			send: (frame) => {
				const ws = this.#provider.ws;
				if (!ws || ws.readyState !== WebSocket.OPEN) return false;
				ws.send(frame);
				return true;
			},
			initiallyDirty: this.canEdit && hasUnsavedChanges(options.boardId),
			onDirtyChange: (dirty) => {
				this.#dirty = dirty;
				markUnsavedChanges(this.boardId, dirty);
			}
		});
		this.#dirty = this.#saves.dirty;

		this.#provider.messageHandlers[MessageType.Saved] = (_encoder, decoder) => {
			this.#saves.handleSaved(readSavedId(decoder));
		};
		this.#provider.messageHandlers[MessageType.RoundEvent] = (_encoder, decoder) => {
			const event = readRoundEvent(decoder);
			for (const listener of this.#roundListeners) listener(event);
		};
		this.#provider.on('status', ({ status }) => this.#onStatus(status));
		this.#provider.on('sync', (synced) => this.#onSync(synced));
		this.#provider.on('connection-close', (event) => this.#onClose(event));
		this.#doc.on('update', this.#onUpdate);

		this.#reader = new BoardReader(this.#doc);
		this.#subscribeBoard = createSubscriber((update) => this.#reader.onChange(update));

		window.addEventListener('offline', this.#onOffline);
		window.addEventListener('online', this.#onOnline);
		if (!navigator.onLine) this.#status = { state: 'disconnected' };

		if (options.persist ?? true) this.#loadLocalCopy(options.waitForLocalCopy ?? true);
		else this.#start();
	}

	/**
	 * The browser says the network is gone: show it at once, instead of "Live" until the socket
	 * times out, and drop the dead socket (the provider keeps retrying with its back-off).
	 */
	#onOffline = (): void => {
		if (this.#status.state === 'closed' || this.#destroyed) return;
		this.#status = { state: 'disconnected' };
		if (!this.#started) return;
		// Closing through the provider reports the close now (`#onClose`) and schedules retries.
		this.#provider.disconnect();
		this.#provider.connect();
	};

	/** The network is back: reconnect now rather than at the end of the back-off. */
	#onOnline = (): void => {
		if (this.#status.state === 'closed' || this.#destroyed || !this.#started) return;
		if (this.#provider.wsconnected) return;
		this.#provider.disconnect();
		this.#provider.connect();
	};

	/**
	 * The capability token the page opened with, for REST calls (snapshots, exports) as
	 * `Authorization: Bearer`; never put it in a URL.
	 */
	get token(): string {
		return this.#token;
	}

	/** The socket's state; `closed` is final for this connection. */
	get status(): ConnectionStatus {
		return this.#status;
	}

	/** True once the server's copy has been merged in on the current socket. */
	get synced(): boolean {
		return this.#synced;
	}

	/** True when the last local change has been acknowledged as stored by the server. */
	get saved(): boolean {
		return !this.#dirty;
	}

	/** True when unacknowledged changes are also kept in this browser's IndexedDB. */
	get storedLocally(): boolean {
		return this.#storedLocally;
	}

	/** True once there is something to show: the server's copy, or this device's. */
	get loaded(): boolean {
		return this.#synced || this.#loadedLocally;
	}

	get saveState(): SaveState {
		if (!this.#dirty) return 'saved';
		return this.#status.state === 'connected' ? 'saving' : 'offline';
	}

	/**
	 * The board as plain data; reading it in an effect or template re-runs it on every change.
	 * Parts a change did not touch are the same objects as before (one edited risk is one new
	 * `Risk`), so keyed lists redraw only what changed. "Today" is the board's day in its time
	 * zone (the model's one rule), not this browser's.
	 */
	get board(): Board {
		this.#subscribeBoard();
		return this.#reader.read();
	}

	/** A handle to bind a risk's text field with `use:collabText`. */
	riskText(riskId: string, field: RiskTextField): TextHandle {
		const text = getRiskText(this.#doc, riskId, field);
		return new TextHandle(
			fieldKey('risk', riskId, field),
			text,
			this.#origin,
			this.presence,
			!this.canEdit,
			{ max: maxTextLength({ kind: 'risk', field }), what: RISK_TEXT_NAMES[field] }
		);
	}

	/** A handle to bind a mitigation action's text with `use:collabText`. */
	actionText(actionId: string): TextHandle {
		const text = getActionText(this.#doc, actionId);
		return new TextHandle(
			fieldKey('action', actionId, 'text'),
			text,
			this.#origin,
			this.presence,
			!this.canEdit,
			{ max: maxTextLength({ kind: 'action' }), what: 'An action' }
		);
	}

	/** A handle to bind a RACI activity's text with `use:collabText`. */
	raciRowText(matrixId: string, rowId: string): TextHandle {
		const text = getRaciRowText(this.#doc, matrixId, rowId);
		return new TextHandle(
			fieldKey('raci', matrixId, `row:${rowId}`),
			text,
			this.#origin,
			this.presence,
			!this.canEdit,
			{ max: maxTextLength({ kind: 'raci-row' }), what: 'An activity' }
		);
	}

	/** A handle to bind the running review's discussion notes of one agenda item. */
	reviewNotes(riskId: string): TextHandle {
		const text = getReviewNotes(this.#doc, { riskId });
		return new TextHandle(
			fieldKey('review', riskId, 'notes'),
			text,
			this.#origin,
			this.presence,
			!this.canEdit,
			{ max: maxTextLength({ kind: 'review-notes' }), what: 'The notes' }
		);
	}

	destroy(): void {
		if (this.#destroyed) return;
		this.#destroyed = true;
		window.removeEventListener('offline', this.#onOffline);
		window.removeEventListener('online', this.#onOnline);
		this.#saves.destroy();
		this.history.destroy();
		this.#reader.destroy();
		this.#doc.off('update', this.#onUpdate);
		this.#stopJitter();
		this.#provider.destroy();
		void this.#persistence?.destroy();
		this.#doc.destroy();
	}

	/**
	 * Loads this device's copy, first (`wait`) so offline edits go out in the first sync exchange,
	 * or alongside the connection; a copy that loads after connecting is sent like an edit.
	 */
	#loadLocalCopy(wait: boolean): void {
		const persistence = new IndexeddbPersistence(localCopyName(this.boardId), this.#doc);
		this.#persistence = persistence;
		if (!wait) this.#start();
		const timeout = setTimeout(() => this.#start(), LOCAL_LOAD_TIMEOUT_MS);
		void persistence.whenSynced.then(() => {
			clearTimeout(timeout);
			if (this.#destroyed) return;
			this.#storedLocally = true;
			this.#loadedLocally = true;
			this.#start();
		});
	}

	#start(): void {
		if (this.#started || this.#destroyed) return;
		this.#started = true;
		this.#provider.connect();
	}

	#onUpdate = (_update: Uint8Array, origin: unknown): void => {
		if (origin === this.#provider) return;
		// Updates replayed from IndexedDB before connecting go out in the sync exchange and are
		// already covered by the unsaved marker; only a late load has to be tracked like an edit.
		if (origin === this.#persistence && !this.#started) return;
		this.#saves.noteLocalChange();
	};

	#onStatus(status: 'connecting' | 'connected' | 'disconnected'): void {
		if (this.#status.state === 'closed') return;
		// While retrying, stay "disconnected" instead of flickering to "connecting" on each attempt.
		if (status === 'connecting' && this.#status.state === 'disconnected') return;
		this.#status = { state: status };
		if (status === 'connected' && this.#roundListeners.size > 0) this.#subscribeRounds();
	}

	#subscribeRounds(): void {
		const ws = this.#provider.ws;
		if (!ws || ws.readyState !== WebSocket.OPEN) return;
		ws.send(encodeRoundSubscribe());
		for (const listener of this.#roundListeners) listener('connected');
	}

	/**
	 * Listens to silent scoring round events (opened, progressed, revealed: never a vote value).
	 * The socket asks the server for them while anyone listens, again on every reconnect; the
	 * listener hears `'connected'` then (and right away when connected), because events may have
	 * been missed in between: time to refetch.
	 */
	onRoundEvent(listener: (event: RoundEvent | 'connected') => void): () => void {
		this.#roundListeners.add(listener);
		const ws = this.#provider.ws;
		if (ws && ws.readyState === WebSocket.OPEN) {
			ws.send(encodeRoundSubscribe());
			listener('connected');
		}
		return () => this.#roundListeners.delete(listener);
	}

	#onSync(synced: boolean): void {
		this.#synced = synced;
		// After the sync exchange the server has every offline change; ask it to confirm.
		this.#saves.setReady(synced);
	}

	#onClose(event: CloseEvent | null): void {
		this.#synced = false;
		this.#saves.setReady(false);
		if (this.#status.state === 'closed') return;
		if (event && isTerminalCloseCode(event.code)) {
			this.#status = {
				state: 'closed',
				reason: reasonForCloseCode(event.code, event.reason),
				code: event.code
			};
		} else if (!this.#destroyed) {
			this.#status = { state: 'disconnected' };
		}
	}
}
