/**
 * Who may write or speak under each Yjs client id in one room: the link (token id) that first
 * used the id, in the document or in presence, for the room's lifetime, and while it is
 * connected, the one connection using it. Without this an editor could forge items under a
 * bystander's id: the bystander's own next edit at that clock would be dropped as "already
 * known" (an acknowledged edit lost) and its client would switch ids under its own presence.
 * People sharing one link are told apart only while connected: after a connection leaves, any
 * connection of its link may take its ids over (a reload sends the edits it made offline under
 * the same id).
 */
import type { Connection } from './connection.ts';

/** The owner of the server's own ids: no connection can ever claim them. */
const SERVER = '#server';

export class ClientOwners {
	#owners = new Map<number, { link: string; connection: Connection | null }>();

	/** Reserves ids the server itself writes under. */
	reserve(...ids: number[]): void {
		for (const id of ids) this.#owners.set(id, { link: SERVER, connection: null });
	}

	/**
	 * Binds each id to the connection (and its link) on first use; false when one of them belongs
	 * to another link, or to another live connection (then nothing is bound).
	 */
	claim(connection: Connection, clients: Iterable<number>): boolean {
		const link = connection.tokenId ?? connection.id;
		const ids = [...clients];
		const taken = (id: number) => {
			const owner = this.#owners.get(id);
			if (!owner) return false;
			if (owner.link !== link) return true;
			return (
				owner.connection !== null && owner.connection !== connection && !owner.connection.closed
			);
		};
		if (ids.some(taken)) return false;
		for (const id of ids) this.#owners.set(id, { link, connection });
		return true;
	}

	/** The connection left: its ids stay with its link, for another connection of it to take. */
	release(connection: Connection): void {
		for (const owner of this.#owners.values()) {
			if (owner.connection === connection) owner.connection = null;
		}
	}
}
