/**
 * The room's domain duties as an extension (room-extension.ts): document migrations on load,
 * risk-key conflict resolution before each commit, review attendance after it. The rules
 * themselves live in `@riskboard/model`; this module decides when they run, from what each batch
 * changed, so a batch that only edits fields or texts costs no scan of the board.
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
		// The server is the only writer of migrations and key fixes, so they cannot race.
		this.#room.write(SYSTEM, () => {
			const migrated = migrateBoard(doc, { timeZone: this.#options.timeZone });
			if (migrated.applied.length > 0) {
				this.#room.log.info('board migrated', { board: this.#room.id, ...migrated });
			}
		});
	}

	beforeCommit(changes: DocChanges): void {
		// Only a batch that added, deleted or renumbered a risk can have made a key conflict (from
		// concurrent offline adds); keys already accepted keep theirs.
		if (!changes.anyKeysOf(RISK_KEY_ROOTS)) return;
		const { doc } = this.#room;
		this.#room.write(SYSTEM, () => resolveRiskKeyConflicts(doc, this.#established));
		this.#established = riskKeyIds(doc);
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
