/**
 * The room's domain duties as an extension (room-extension.ts): document migrations on load,
 * risk-key conflict resolution before each commit, review attendance after it. The rules
 * themselves live in `@riskboard/model`; this module decides when they run, from what each batch
 * changed, so a batch that only edits fields or texts costs no scan of the board. With several
 * processes on a board, migrations and key fixes are the lease holder's (`room.leads()`): the others
 * only follow which keys are established, for when they take over.
 */
import {
	isPerson,
	markAttendance,
	migrateBoard,
	resolveRiskKeyConflicts,
	REVIEW_ROOT,
	RISK_KEY_ROOTS,
	riskKeyIds,
	runningReviewId
} from '@riskboard/model';
import type { UpdateAuthor } from '../storage/types.ts';
import type { Connection } from './connection.ts';
import type {
	CommittedBatch,
	DocChanges,
	RoomContext,
	RoomExtension,
	RoomHooks
} from './room-extension.ts';

const SYSTEM: UpdateAuthor = { role: 'system', connectionId: 'server', tokenId: null, name: null };

export interface BoardRulesOptions {
	/** The zone a board gets when a migration finds none (the server's `TZ`); UTC by default. */
	timeZone?: string | undefined;
}

/** Migrations, risk keys and attendance for one room. */
export function boardRules(options: BoardRulesOptions = {}): RoomExtension {
	return (room) => new BoardRules(room, options);
}

class BoardRules implements RoomHooks {
	#room: RoomContext;
	#options: BoardRulesOptions;
	/** Risks holding a key before the batch being prepared (see `resolveRiskKeyConflicts`). */
	#established = new Set<string>();
	/** The review attendance was last recorded for. */
	#attendanceReview: string | null = null;

	constructor(room: RoomContext, options: BoardRulesOptions) {
		this.#room = room;
		this.#options = options;
	}

	loaded(): void {
		const { doc } = this.#room;
		this.#attendanceReview = runningReviewId(doc);
		this.#established = riskKeyIds(doc);
		// The server (the lease holder, with several processes) is the only writer of migrations
		// and key fixes, so they cannot race.
		if (this.#room.leads()) this.#room.write(SYSTEM, () => this.#migrate());
	}

	beforeCommit(changes: DocChanges): void {
		// Only a batch that added, deleted or renumbered a risk can have made a key conflict (from
		// concurrent offline adds); keys already accepted keep theirs.
		if (!changes.anyKeysOf(RISK_KEY_ROOTS)) return;
		const { doc } = this.#room;
		if (this.#room.leads()) {
			this.#room.write(SYSTEM, () => resolveRiskKeyConflicts(doc, this.#established));
		}
		this.#established = riskKeyIds(doc);
	}

	remoteCommitted(changes: DocChanges): void {
		if (!changes.anyKeysOf(RISK_KEY_ROOTS)) return;
		const { doc } = this.#room;
		if (this.#room.leads()) {
			// The lease holder resolves collisions between what others committed and what it holds,
			// as it does for its own batches; the fix is a server write like any other.
			this.#room.write(SYSTEM, () => resolveRiskKeyConflicts(doc, this.#established));
			this.#established = riskKeyIds(doc);
		} else {
			// Keys another process committed are established here too, for when this one leads
			// (only the ledger entries that batch wrote: this process's own pending ones are not).
			const held = riskKeyIds(doc);
			for (const root of RISK_KEY_ROOTS) {
				for (const id of changes.keysOf(root)) if (held.has(id)) this.#established.add(id);
			}
		}
	}

	leaseGained(): void {
		// The holder went away: migrate and resolve what waited for a holder.
		const { doc } = this.#room;
		this.#room.write(SYSTEM, () => {
			this.#migrate();
			resolveRiskKeyConflicts(doc, this.#established);
		});
		this.#established = riskKeyIds(doc);
	}

	#migrate(): void {
		const migrated = migrateBoard(this.#room.doc, { timeZone: this.#options.timeZone });
		if (migrated.applied.length > 0) {
			this.#room.log.info('board migrated', { board: this.#room.id, ...migrated });
		}
	}

	afterCommit(commit: CommittedBatch): void {
		// A review that started with this batch: everyone present with a name attends it.
		if (!commit.changes.touched(REVIEW_ROOT)) return;
		const running = runningReviewId(this.#room.doc);
		if (running === this.#attendanceReview) return;
		this.#attendanceReview = running;
		this.#recordAttendance([...this.#room.connections]);
	}

	identityChanged(connection: Connection): void {
		this.#recordAttendance([connection]);
	}

	/**
	 * While a review runs, records the display names of `connections` as attendees
	 * (`markAttendance`, which writes nothing for a name already listed) as server writes under
	 * each connection's ids. Called when a connection's name first appears or changes and when a
	 * review starts, never per edit or per presence move.
	 */
	#recordAttendance(connections: readonly Connection[]): void {
		const { doc } = this.#room;
		const reviewId = runningReviewId(doc);
		if (reviewId === null) return;
		for (const connection of connections) {
			const name = connection.displayName;
			if (name === null || connection.closed) continue;
			const personId = connection.personId;
			const author: UpdateAuthor = {
				role: 'system',
				connectionId: connection.id,
				tokenId: connection.tokenId,
				name,
				personId
			};
			try {
				this.#room.write(author, () =>
					markAttendance(doc, {
						reviewId,
						name,
						personId: personId !== null && isPerson(doc, personId) ? personId : null
					})
				);
			} catch (error) {
				this.#room.log.warn('attendance not recorded', { board: this.#room.id, error });
			}
		}
	}
}
