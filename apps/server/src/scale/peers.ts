/**
 * The narrow seam between a room and the other server processes sharing its board (scale-out):
 * the room tells its `BoardPeer` what it committed and lets it apply what others committed; the
 * room never knows Redis. `RedisFanout` (`redis-fanout.ts`) implements it; without `REDIS_URL` a
 * room has no peer and behaves as the single writer it was.
 */
import type { Awareness } from 'y-protocols/awareness';

/** What the fan-out may see of and do to a loaded room. */
export interface PeerRoom {
	readonly id: string;
	readonly awareness: Awareness;
	/** The contiguous prefix of the board's log this room has integrated (its watermark). */
	readonly lastSeq: number;
	/** Awareness client ids that belong to connections on other processes (presence only). */
	readonly remoteClients: ReadonlySet<number>;
	/**
	 * Applies an update another process already committed to the log (no batch, no commit) and
	 * relays it to this room's synced connections; `throughSeq` is the new watermark.
	 */
	applyCommitted(update: Uint8Array, throughSeq: number): void;
	/** Applies an awareness update published by another process (its own clients only). */
	applyRemoteAwareness(update: Uint8Array): void;
}

/** One room's link to the other processes; created when the room has loaded. */
export interface BoardPeer {
	/**
	 * A batch of this room committed as sequence numbers `from..to`; `merged` is its updates merged
	 * (what was relayed locally). Publishes it and returns the room's new watermark (which stays
	 * below `from` while an earlier sequence committed elsewhere is not integrated yet).
	 */
	committed(from: number, to: number, merged: Uint8Array): number;
	/** Resolves once the room holds everything the log held when it was called (REST reads). */
	catchUp(): Promise<void>;
	/** The room closed: stop following the board. */
	detach(): void;
}

/** Creates a room's peer once the room has loaded. */
export interface RoomPeers {
	attach(room: PeerRoom): BoardPeer;
}

/** Origin of document and awareness changes that came from another process. */
export const PEER_ORIGIN = Symbol('peer');

/**
 * A per-board lease: while `held`, this process alone runs the board's single-writer duties
 * (risk-key resolution, document migrations, compaction). `scale/pg-leases.ts` implements it.
 */
export interface BoardLease {
	readonly held: boolean;
	release(): void;
}

/** Hands out board leases; `onChange` is called when this process gains or loses one later. */
export interface RoomLeases {
	acquire(boardId: string, onChange: (held: boolean) => void): Promise<BoardLease>;
}
