/**
 * This device's display name and colour (no accounts in the first version), and per board the
 * person on its people list this device is ("Who are you?"). Stored in localStorage and shown to
 * others through presence.
 */
import type { Identity } from '$lib/collab';

const KEY = 'riskboard:identity';
/** Set when someone closes the "how should others see you" prompt without choosing a name. */
const SKIPPED_KEY = 'riskboard:identity-skipped';

/** Presence colours, readable on light and dark backgrounds. */
export const IDENTITY_COLORS = [
	'#e11d48',
	'#ea580c',
	'#ca8a04',
	'#16a34a',
	'#0891b2',
	'#2563eb',
	'#7c3aed',
	'#db2777'
] as const;

/** localStorage key of the person chosen on one board. */
const personKey = (boardId: string) => `riskboard:person:${boardId}`;

class IdentityStore {
	/** Board id → the chosen person id, null for "not on the list"; absent: not asked yet. */
	#people = $state<Record<string, string | null>>({});
	#name = $state('');
	#color = $state<string>(IDENTITY_COLORS[0]);
	#known = $state(false);
	#skipped = $state(false);

	constructor() {
		if (typeof localStorage === 'undefined') return;
		this.#skipped = localStorage.getItem(SKIPPED_KEY) === '1';
		try {
			const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Identity> | null;
			if (saved && typeof saved.name === 'string' && saved.name.trim()) {
				this.#name = saved.name.trim().slice(0, 60);
				this.#known = true;
			}
			if (saved && typeof saved.color === 'string' && /^#[0-9a-f]{6}$/i.test(saved.color)) {
				this.#color = saved.color;
			} else {
				this.#color = IDENTITY_COLORS[Math.floor(Math.random() * IDENTITY_COLORS.length)]!;
			}
		} catch {
			// A corrupt entry is replaced on the next save.
		}
	}

	/** Whether this person has chosen a name on this device. */
	get known(): boolean {
		return this.#known;
	}

	/** Whether to ask for a name when a board opens: never chosen, and the prompt not closed. */
	get shouldAsk(): boolean {
		return !this.#known && !this.#skipped;
	}

	get current(): Identity {
		return { name: this.#name || 'Guest', color: this.#color };
	}

	save(identity: Identity): void {
		this.#name = identity.name.trim().slice(0, 60);
		this.#color = identity.color;
		this.#known = this.#name !== '';
		localStorage.setItem(KEY, JSON.stringify({ name: this.#name, color: this.#color }));
	}

	/**
	 * Who this device is on `boardId`: a person id, null for "not on the list" (a name only), or
	 * undefined when it has not been asked yet.
	 */
	personOf(boardId: string): string | null | undefined {
		// Read from storage without writing state: this runs inside derived values.
		if (boardId in this.#people) return this.#people[boardId];
		if (typeof localStorage === 'undefined') return undefined;
		const saved = localStorage.getItem(personKey(boardId));
		if (saved === null) return undefined;
		try {
			const value = JSON.parse(saved) as unknown;
			return typeof value === 'string' ? value : null;
		} catch {
			return null;
		}
	}

	/** Remembers on this device who it is on `boardId` (null: not on the board's list). */
	choosePerson(boardId: string, personId: string | null): void {
		this.#people[boardId] = personId;
		localStorage.setItem(personKey(boardId), JSON.stringify(personId));
	}

	/** Stops asking on this device; the person stays "Guest" until they pick a name. */
	skip(): void {
		this.#skipped = true;
		localStorage.setItem(SKIPPED_KEY, '1');
	}
}

export const identity = new IdentityStore();
