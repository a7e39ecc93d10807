/**
 * What a register row may do and the board data its cells choose from. Register.svelte builds
 * one `RegisterActions` over the connection (edits go through the person's BoardEditor and
 * refusals from the model are shown, never thrown into the table).
 */
import type { Category, Person, Placement, Risk, RiskPatch } from '@riskboard/model';

export interface RegisterActions {
	/** Changes a risk's non-text fields; false when the model refused (the reason is shown). */
	update(id: string, patch: RiskPatch): boolean;
	/** Asks for a reason, then closes the risk. */
	requestClose(risk: Risk): void;
	/** Deletes the risk and offers undo. */
	remove(risk: Risk): void;
	/** Moves a risk in the shared register order. */
	move(id: string, placement: Placement): void;
	/** Opens the risk in the detail panel. */
	open(id: string): void;
	/** Reports a problem in the register's alert area. */
	report(message: string): void;
}

/** The board lists and labels cells choose from. */
export interface RegisterChoices {
	people: readonly Person[];
	categories: readonly Category[];
	likelihoodLabels: readonly string[];
	impactLabels: readonly string[];
}
