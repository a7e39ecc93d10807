/**
 * Whether this person follows the review's facilitator (local, never shared): while following,
 * their view moves to every risk the facilitator puts in focus.
 */
export class ReviewFollow {
	following = $state(true);
	/** The focus this person's view last moved to (so a move happens once per focus change). */
	#applied: string | null = null;

	/** The risk to move the view to now, or null; call from an effect with the current focus. */
	target(focus: string | null): string | null {
		if (!this.following || focus === null || focus === this.#applied) return null;
		this.#applied = focus;
		return focus;
	}

	stop(): void {
		this.following = false;
	}

	/** Follows again and moves to the current focus right away. */
	resume(): void {
		this.#applied = null;
		this.following = true;
	}
}
