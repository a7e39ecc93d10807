/**
 * The board's named snapshots as runes state, over the REST client: the list (newest first),
 * loading and error state, and create/delete that keep the list current. Snapshots live on the
 * server outside the live document, so others' new snapshots appear on `refresh()`.
 */
import { apiMessage } from '$lib/api/boards';
import { snapshotsClient, type SnapshotsClient } from '$lib/api/snapshots';
import type { SnapshotScope } from '@riskboard/model';
import type { SnapshotMeta } from '@riskboard/protocol';

export class SnapshotStore {
	readonly client: SnapshotsClient;
	items = $state<SnapshotMeta[]>([]);
	loaded = $state(false);
	loading = $state(false);
	error = $state<string | null>(null);

	constructor(boardId: string, token: string) {
		this.client = snapshotsClient(boardId, token);
	}

	async refresh(): Promise<void> {
		this.loading = true;
		try {
			this.items = await this.client.list();
			this.error = null;
			this.loaded = true;
		} catch (error) {
			this.error = apiMessage(error);
		} finally {
			this.loading = false;
		}
	}

	/** Takes a snapshot; the new one is first in the list. Throws `ApiError` on refusal. */
	async create(input: {
		name: string;
		author: string;
		scope: SnapshotScope;
		matrixId?: string | null;
	}): Promise<SnapshotMeta> {
		const meta = await this.client.create(input);
		this.items = [meta, ...this.items.filter((item) => item.id !== meta.id)];
		return meta;
	}

	/** Deletes a snapshot (owner only on the server). Throws `ApiError` on refusal. */
	async remove(id: string): Promise<void> {
		await this.client.remove(id);
		this.items = this.items.filter((item) => item.id !== id);
	}

	find(id: string | null | undefined): SnapshotMeta | undefined {
		return this.items.find((item) => item.id === id);
	}
}
