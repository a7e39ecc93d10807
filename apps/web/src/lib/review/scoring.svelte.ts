/**
 * Silent scoring rounds of the running review as runes state. Rounds live on the server only:
 * this keeps what the server shows everyone (who voted, never their values, until the reveal)
 * and this person's own votes, which exist nowhere else in the page (not in the document, not
 * in awareness) and are kept in this tab's sessionStorage so a reload still shows them. Round
 * events over the board's socket say when to refresh.
 */
import { apiMessage } from '$lib/api/boards';
import type { ReviewsClient } from '$lib/api/reviews';
import type { VoteInput } from '$lib/api/reviews';
import type { RoundView, Vote } from '@riskboard/model';
import type { RoundEvent } from '@riskboard/protocol';

const TAB_KEY = 'riskboard:tab';

/**
 * This tab's id, kept in sessionStorage (so a reload keeps it, another tab gets its own): the
 * server lets only the first link and tab that voted as a person change that vote.
 */
export function tabId(): string {
	try {
		let id = sessionStorage.getItem(TAB_KEY);
		if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
			id = crypto.randomUUID().replaceAll('-', '');
			sessionStorage.setItem(TAB_KEY, id);
		}
		return id;
	} catch {
		return 'no-storage';
	}
}

function loadMine(key: string): Record<string, Vote> {
	try {
		const parsed: unknown = JSON.parse(sessionStorage.getItem(key) ?? '{}');
		return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, Vote>) : {};
	} catch {
		return {};
	}
}

export class ScoringRounds {
	/** The review's rounds as the server shows them, oldest first. */
	rounds = $state<RoundView[]>([]);
	/** This person's votes by round id (this tab only). */
	mine = $state<Record<string, Vote>>({});
	error = $state<string | null>(null);
	busy = $state(false);

	readonly #client: ReviewsClient;
	readonly #reviewId: string;

	constructor(client: ReviewsClient, reviewId: string) {
		this.#client = client;
		this.#reviewId = reviewId;
		this.mine = loadMine(this.storageKey);
	}

	get storageKey(): string {
		return `riskboard:votes:${this.#reviewId}`;
	}

	/** The newest round on a risk, or null. */
	latest(riskId: string): RoundView | null {
		return this.rounds.findLast((round) => round.riskId === riskId) ?? null;
	}

	/** Reacts to a round event from the socket (or to a reconnect: refetch everything). */
	handle(event: RoundEvent | 'connected'): void {
		if (event === 'connected') {
			void this.refresh();
			return;
		}
		if (event.reviewId !== this.#reviewId) return;
		if (event.kind === 'progressed' && this.rounds.some((round) => round.id === event.roundId)) {
			this.#replace(event.roundId, (round) =>
				round.status === 'open' ? { ...round, count: event.count, voters: event.voters } : round
			);
		} else {
			void this.#fetch(event.roundId);
		}
	}

	async refresh(): Promise<void> {
		await this.#run(async () => {
			this.rounds = await this.#client.rounds(this.#reviewId);
		});
	}

	async open(riskId: string): Promise<void> {
		await this.#run(async () => {
			const id = await this.#client.openRound(this.#reviewId, riskId);
			await this.#fetch(id);
		});
	}

	async vote(roundId: string, vote: VoteInput): Promise<void> {
		await this.#run(async () => {
			const cast = await this.#client.vote(this.#reviewId, roundId, vote);
			this.mine = { ...this.mine, [roundId]: cast };
			try {
				sessionStorage.setItem(this.storageKey, JSON.stringify(this.mine));
			} catch {
				// Private mode or full storage: the vote is cast; only a reload forgets showing it.
			}
		});
	}

	async reveal(roundId: string): Promise<void> {
		await this.#run(async () => {
			this.#put(await this.#client.reveal(this.#reviewId, roundId));
		});
	}

	async #fetch(roundId: string): Promise<void> {
		try {
			this.#put(await this.#client.round(this.#reviewId, roundId));
		} catch (error) {
			this.error = apiMessage(error);
		}
	}

	async #run(fn: () => Promise<void>): Promise<void> {
		this.busy = true;
		try {
			await fn();
			this.error = null;
		} catch (error) {
			this.error = apiMessage(error);
		} finally {
			this.busy = false;
		}
	}

	#put(view: RoundView): void {
		const index = this.rounds.findIndex((round) => round.id === view.id);
		if (index < 0) this.rounds = [...this.rounds, view];
		else this.rounds = this.rounds.map((round) => (round.id === view.id ? view : round));
	}

	#replace(roundId: string, fn: (round: RoundView) => RoundView): void {
		this.rounds = this.rounds.map((round) => (round.id === roundId ? fn(round) : round));
	}
}
