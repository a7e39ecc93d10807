/**
 * Who is on the board and which field each person is editing, over Yjs awareness. The server
 * only lets a connection speak for its own client id. A field is named by a stable key such as
 * `risk:<id>:title` (see fieldKey).
 */
import { createSubscriber } from 'svelte/reactivity';
import type { Awareness } from 'y-protocols/awareness';

export interface Identity {
	name: string;
	color: string;
	/** The person on the board's people list this page is ("Who are you?"); absent: a name only. */
	personId?: string | null;
}

export interface Peer extends Identity {
	personId: string | null;
	clientId: number;
	/** The field this person is editing, or null. */
	focus: string | null;
	self: boolean;
}

interface PresenceState {
	user?: Partial<Identity>;
	focus?: string | null;
}

/** The presence key of a field, shared by the text binding and the components that show it. */
export function fieldKey(
	kind: 'risk' | 'action' | 'person' | 'board' | 'raci' | 'review',
	id: string,
	field: string
) {
	return `${kind}:${id}:${field}`;
}

export class Presence {
	#awareness: Awareness;
	#subscribe: () => void;

	constructor(awareness: Awareness, identity: Identity) {
		this.#awareness = awareness;
		awareness.setLocalState({ user: { ...identity }, focus: null } satisfies PresenceState);
		this.#subscribe = createSubscriber((update) => {
			awareness.on('change', update);
			return () => awareness.off('change', update);
		});
	}

	/** Everyone on the board, this person first, then by name. */
	get peers(): Peer[] {
		this.#subscribe();
		const self = this.#awareness.clientID;
		const peers: Peer[] = [];
		for (const [clientId, raw] of this.#awareness.getStates()) {
			const state = raw as PresenceState;
			if (!state.user || typeof state.user.name !== 'string') continue;
			peers.push({
				clientId,
				name: state.user.name.slice(0, 60) || 'Anonymous',
				color: /^#[0-9a-f]{6}$/i.test(state.user.color ?? '') ? state.user.color! : '#64748b',
				personId: typeof state.user.personId === 'string' ? state.user.personId : null,
				focus: typeof state.focus === 'string' ? state.focus : null,
				self: clientId === self
			});
		}
		return peers.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
	}

	/** Other people editing the field with this key right now. */
	editorsOf(key: string): Peer[] {
		return this.peers.filter((p) => !p.self && p.focus === key);
	}

	setFocus(key: string | null): void {
		if ((this.#awareness.getLocalState() as PresenceState | null)?.focus === key) return;
		this.#awareness.setLocalStateField('focus', key);
	}

	setIdentity(identity: Identity): void {
		this.#awareness.setLocalStateField('user', { ...identity });
	}
}
