/**
 * This device's display name and colour (no accounts in the first version). Stored in
 * localStorage and shown to others through presence.
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

class IdentityStore {
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

	/** Stops asking on this device; the person stays "Guest" until they pick a name. */
	skip(): void {
		this.#skipped = true;
		localStorage.setItem(SKIPPED_KEY, '1');
	}
}

export const identity = new IdentityStore();
