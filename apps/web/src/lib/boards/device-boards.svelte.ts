/**
 * Boards opened on this device, kept in localStorage with the token each was opened with, so a
 * board can be reopened from the home page and its link fragment dropped from the address bar.
 */
import { clearLocalCopy } from '$lib/collab/local-copy';
import { ROLES, type Role } from '@riskboard/protocol';

export interface DeviceBoard {
	id: string;
	title: string;
	role: Role;
	token: string;
	/** ISO timestamp. */
	lastOpened: string;
}

const STORAGE_KEY = 'riskboard:boards';

function isDeviceBoard(value: unknown): value is DeviceBoard {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return (
		typeof v.id === 'string' &&
		typeof v.title === 'string' &&
		typeof v.token === 'string' &&
		typeof v.lastOpened === 'string' &&
		ROLES.includes(v.role as Role)
	);
}

function load(): DeviceBoard[] {
	try {
		const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
		return Array.isArray(parsed) ? parsed.filter(isDeviceBoard) : [];
	} catch {
		return [];
	}
}

class DeviceBoards {
	#entries = $state<DeviceBoard[]>(typeof localStorage === 'undefined' ? [] : load());

	constructor() {
		if (typeof window !== 'undefined') {
			// another tab opened or forgot a board
			window.addEventListener('storage', (event) => {
				if (event.key === STORAGE_KEY) this.#entries = load();
			});
		}
	}

	/** Most recently opened first. */
	get list(): DeviceBoard[] {
		return this.#entries.toSorted((a, b) => b.lastOpened.localeCompare(a.lastOpened));
	}

	get(id: string): DeviceBoard | undefined {
		return this.#entries.find((entry) => entry.id === id);
	}

	/** Adds or updates a board, stamping it as opened now. */
	remember(entry: Omit<DeviceBoard, 'lastOpened'>): void {
		const updated = { ...entry, lastOpened: new Date().toISOString() };
		this.#entries = [...this.#entries.filter((e) => e.id !== entry.id), updated];
		this.#save();
	}

	/** Updates the stored title, e.g. after someone renamed the board. */
	setTitle(id: string, title: string): void {
		const entry = this.get(id);
		if (!entry || entry.title === title) return;
		this.#entries = this.#entries.map((e) => (e.id === id ? { ...e, title } : e));
		this.#save();
	}

	/** Drops the board from the list, with its token and this device's copy of its content. */
	forget(id: string): void {
		this.#entries = this.#entries.filter((e) => e.id !== id);
		this.#save();
		clearLocalCopy(id);
	}

	#save(): void {
		try {
			localStorage.setItem(STORAGE_KEY, JSON.stringify(this.#entries));
		} catch {
			// storage full or disabled: the list lasts for this session only
		}
	}
}

/** The device's board list (browser only; empty during a build). */
export const deviceBoards = new DeviceBoards();
