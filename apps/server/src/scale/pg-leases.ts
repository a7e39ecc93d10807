/**
 * Per-board leases as PostgreSQL session advisory locks (`pg_try_advisory_lock` on a 64-bit hash
 * of the board id), all held by one dedicated connection per process. A process that dies loses
 * its session and with it every lease at once (PostgreSQL releases a closed session's locks), so
 * another process takes the board over on its next retry (`retryMs`). Every retry also checks that
 * the session is still the one that took the locks (`pg_backend_pid`): after a reconnect, or when
 * the check fails, every lease counts as lost and is asked for again.
 *
 * Fencing: the lease is not checked inside the holder's appends, so after its session is lost a
 * holder may act as one for at most `retryMs` while another process already does. That takes a
 * lost lease session with a working pool: PostgreSQL itself away makes every append fail, and the
 * rooms close (4503). The duties it guards stay safe with two holders for a moment: key
 * resolution and migrations are deterministic and idempotent on the same state, compaction
 * snapshots never move backwards.
 */
import postgres from 'postgres';
import type { Logger } from '../log.ts';
import { reconnectBackoff } from '../storage/postgres.ts';
import type { Metrics } from '../metrics.ts';
import type { BoardLease, RoomLeases } from './peers.ts';

class Lease implements BoardLease {
	held = false;
	released = false;
	constructor(
		readonly boardId: string,
		readonly onChange: (held: boolean) => void,
		private readonly leases: PgLeases
	) {}

	release(): void {
		this.leases.release(this);
	}
}

export class PgLeases implements RoomLeases {
	#sql: postgres.Sql;
	#pid: number | null = null;
	#leases = new Set<Lease>();
	#timer: ReturnType<typeof setInterval>;
	#metrics: Metrics;
	#log: Logger;
	#closed = false;

	constructor(options: { url: string; metrics: Metrics; log: Logger; retryMs?: number }) {
		this.#metrics = options.metrics;
		this.#log = options.log;
		this.#sql = postgres(options.url, {
			max: 1,
			connect_timeout: 5,
			backoff: reconnectBackoff,
			onnotice: () => {}
		});
		this.#timer = setInterval(() => void this.#tick(), options.retryMs ?? 2000);
		this.#timer.unref?.();
	}

	async acquire(boardId: string, onChange: (held: boolean) => void): Promise<BoardLease> {
		const lease = new Lease(boardId, onChange, this);
		this.#leases.add(lease);
		await this.#try(lease, false);
		return lease;
	}

	/** Asks for `lease`'s lock; `notify` tells its room when it is gained. */
	async #try(lease: Lease, notify: boolean): Promise<void> {
		const [row] = await this.#sql<Array<{ ok: boolean; pid: number }>>`
			SELECT pg_try_advisory_lock(hashtextextended(${`riskboard:board:${lease.boardId}`}, 0)) AS ok,
			       pg_backend_pid() AS pid`;
		this.#sessionIs(row!.pid);
		if (lease.released) {
			if (row!.ok) await this.#unlock(lease.boardId);
			return;
		}
		if (row!.ok && !lease.held) {
			lease.held = true;
			this.#metrics.inc('riskboard_lease_changes_total', { change: 'acquired' });
			if (notify) lease.onChange(true);
		}
	}

	/** A different session than the one holding the locks: they are gone. */
	#sessionIs(pid: number): void {
		if (this.#pid !== null && this.#pid !== pid) this.#lostAll('lease session replaced');
		this.#pid = pid;
	}

	#lostAll(why: string): void {
		let lost = 0;
		for (const lease of this.#leases) {
			if (!lease.held) continue;
			lease.held = false;
			lost++;
			this.#metrics.inc('riskboard_lease_changes_total', { change: 'lost' });
			lease.onChange(false);
		}
		if (lost > 0) this.#log.warn('board leases lost', { why, lost });
	}

	async #tick(): Promise<void> {
		if (this.#closed) return;
		try {
			const [row] = await this.#sql<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
			this.#sessionIs(row!.pid);
			for (const lease of this.#leases) if (!lease.held) await this.#try(lease, true);
		} catch {
			this.#pid = null;
			this.#lostAll('lease session unreachable');
		}
	}

	release(lease: Lease): void {
		if (lease.released) return;
		lease.released = true;
		this.#leases.delete(lease);
		if (!lease.held) return;
		lease.held = false;
		this.#metrics.inc('riskboard_lease_changes_total', { change: 'released' });
		void this.#unlock(lease.boardId).catch(() => {});
	}

	async #unlock(boardId: string): Promise<void> {
		await this
			.#sql`SELECT pg_advisory_unlock(hashtextextended(${`riskboard:board:${boardId}`}, 0))`;
	}

	async close(): Promise<void> {
		this.#closed = true;
		clearInterval(this.#timer);
		await this.#sql.end({ timeout: 2 });
	}
}
