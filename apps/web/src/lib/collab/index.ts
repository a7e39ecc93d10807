/**
 * $lib/collab — the only place that touches Yjs and the sync socket. Everything it exports is
 * runes state or plain values.
 */
export {
	BoardConnection,
	type BoardConnectionOptions,
	type ConnectionStatus,
	type SaveState
} from './board-connection.svelte.ts';
export {
	CLOSED_MESSAGES,
	reasonForCloseCode,
	reasonForHttpStatus,
	type ClosedReason
} from './close-reasons.ts';
export { clearLocalCopy } from './local-copy.ts';
export { BoardEditor } from './board-editor.ts';
export { fieldKey, Presence, type Identity, type Peer } from './presence.svelte.ts';
export { collabText, TextHandle } from './text-binding.ts';
export { UndoHistory } from './undo-history.svelte.ts';
