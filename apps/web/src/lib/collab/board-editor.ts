/**
 * Every change a person can make to a board, as plain method calls. Each write carries this
 * person's origin, so the undo history (undo.svelte.ts) undoes their edits and nobody else's.
 * Components get a BoardEditor (never the Y.Doc) and pass ids and plain values.
 */
import {
	addAction,
	addReviewAction,
	applyReviewScore,
	addMatrix,
	addRaciColumn,
	addRaciRow,
	deleteMatrix,
	deleteRaciRow,
	moveMatrix,
	moveRaciColumn,
	moveRaciRow,
	removeRaciColumn,
	renameMatrix,
	setRaciCell,
	addCategory,
	addPerson,
	bulkEditRisks,
	addRisk,
	deleteAction,
	deleteRisk,
	linkAction,
	linkRaciActivity,
	moveAction,
	moveCategory,
	movePerson,
	moveRisk,
	removeCategory,
	removePerson,
	renameCategory,
	setBoardTitle,
	unlinkAction,
	unlinkRaciActivity,
	updateAction,
	updatePerson,
	updateRisk,
	updateSettings,
	type ActionPatch,
	type NewRisk,
	type PersonFields,
	type Placement,
	type RaciLinkKind,
	type RaciPreset,
	type BulkChange,
	type RiskPatch,
	type SettingsPatch,
	addAgendaItem,
	moveAgendaItem,
	recordDecision,
	setFacilitator,
	setFocus,
	setReviewTimer,
	skipAgendaItem,
	type FacilitatorInput,
	type ReviewDecision
} from '@riskboard/model';
import type * as Y from 'yjs';

export class BoardEditor {
	#doc: Y.Doc;
	#origin: object;

	constructor(doc: Y.Doc, origin: object) {
		this.#doc = doc;
		this.#origin = origin;
	}

	get #o() {
		return { origin: this.#origin };
	}

	/** Runs several edits as one change (one undo step, one update on the wire). */
	batch(fn: () => void): void {
		this.#doc.transact(fn, this.#origin);
	}

	setTitle(title: string): void {
		setBoardTitle(this.#doc, title, this.#o);
	}

	updateSettings(patch: SettingsPatch): void {
		updateSettings(this.#doc, patch, this.#o);
	}

	addCategory(name: string): string {
		return addCategory(this.#doc, { name, ...this.#o });
	}

	renameCategory(id: string, name: string): void {
		renameCategory(this.#doc, id, name, this.#o);
	}

	removeCategory(id: string): void {
		removeCategory(this.#doc, id, this.#o);
	}

	moveCategory(id: string, placement: Placement): void {
		moveCategory(this.#doc, { id, ...placement, ...this.#o });
	}

	addRisk(input: Omit<NewRisk, 'origin' | 'now'>): { id: string; key: string } {
		return addRisk(this.#doc, { ...input, ...this.#o });
	}

	/**
	 * One change to many risks (`bulkEditRisks`): validated as a whole by the model, written in
	 * one update, so it is one undo step for this person. Returns how many risks it changed.
	 */
	bulkEditRisks(riskIds: readonly string[], change: BulkChange): number {
		return bulkEditRisks(this.#doc, { riskIds, change, ...this.#o }).count;
	}

	updateRisk(id: string, patch: RiskPatch): void {
		updateRisk(this.#doc, id, patch, this.#o);
	}

	deleteRisk(id: string): void {
		deleteRisk(this.#doc, id, this.#o);
	}

	moveRisk(id: string, placement: Placement): void {
		moveRisk(this.#doc, { id, ...placement, ...this.#o });
	}

	addAction(riskId: string, input: ActionPatch & { text?: string } = {}): string {
		return addAction(this.#doc, { riskId, ...input, ...this.#o });
	}

	updateAction(id: string, patch: ActionPatch): void {
		updateAction(this.#doc, id, patch, this.#o);
	}

	deleteAction(id: string): void {
		deleteAction(this.#doc, id, this.#o);
	}

	linkAction(actionId: string, riskId: string): void {
		linkAction(this.#doc, { actionId, riskId, ...this.#o });
	}

	unlinkAction(actionId: string, riskId: string): void {
		unlinkAction(this.#doc, { actionId, riskId, ...this.#o });
	}

	moveAction(actionId: string, riskId: string, placement: Placement): void {
		moveAction(this.#doc, { actionId, riskId, ...placement, ...this.#o });
	}

	addPerson(fields: PersonFields): string {
		return addPerson(this.#doc, { ...fields, ...this.#o });
	}

	updatePerson(id: string, patch: Partial<PersonFields>): void {
		updatePerson(this.#doc, id, patch, this.#o);
	}

	removePerson(id: string): void {
		removePerson(this.#doc, id, this.#o);
	}

	movePerson(id: string, placement: Placement): void {
		movePerson(this.#doc, { id, ...placement, ...this.#o });
	}

	addMatrix(name: string, preset: RaciPreset = 'RACI'): string {
		return addMatrix(this.#doc, { name, preset, ...this.#o });
	}

	renameMatrix(id: string, name: string): void {
		renameMatrix(this.#doc, id, name, this.#o);
	}

	deleteMatrix(id: string): void {
		deleteMatrix(this.#doc, id, this.#o);
	}

	moveMatrix(id: string, placement: Placement): void {
		moveMatrix(this.#doc, { id, ...placement, ...this.#o });
	}

	/** Adds an activity (at the end, or after `after`) and returns its id. */
	addRaciRow(matrixId: string, input: { text?: string; after?: string } = {}): string {
		return addRaciRow(this.#doc, { matrixId, ...input, ...this.#o });
	}

	deleteRaciRow(matrixId: string, rowId: string): void {
		deleteRaciRow(this.#doc, { matrixId, rowId, ...this.#o });
	}

	moveRaciRow(matrixId: string, rowId: string, placement: Placement): void {
		moveRaciRow(this.#doc, { matrixId, rowId, ...placement, ...this.#o });
	}

	/** Adds a column for one person or one team (exactly one of the two) and returns its id. */
	addRaciColumn(matrixId: string, input: { personId: string } | { team: string }): string {
		return addRaciColumn(this.#doc, { matrixId, ...input, ...this.#o });
	}

	removeRaciColumn(matrixId: string, colId: string): void {
		removeRaciColumn(this.#doc, { matrixId, colId, ...this.#o });
	}

	moveRaciColumn(matrixId: string, colId: string, placement: Placement): void {
		moveRaciColumn(this.#doc, { matrixId, colId, ...placement, ...this.#o });
	}

	/** Makes a cell hold exactly these letters (a set; [] clears it). */
	setRaciCell(matrixId: string, rowId: string, colId: string, letters: readonly string[]): void {
		setRaciCell(this.#doc, { matrixId, rowId, colId, letters, ...this.#o });
	}

	/** Links an activity to a risk or a mitigation action of the board. */
	linkRaciActivity(matrixId: string, rowId: string, targetId: string, kind: RaciLinkKind): void {
		linkRaciActivity(this.#doc, { matrixId, rowId, targetId, kind, ...this.#o });
	}

	unlinkRaciActivity(matrixId: string, rowId: string, targetId: string): void {
		unlinkRaciActivity(this.#doc, { matrixId, rowId, targetId, ...this.#o });
	}

	/** Hands the running review's facilitator role to someone else. */
	setReviewFacilitator(facilitator: FacilitatorInput): void {
		setFacilitator(this.#doc, { ...facilitator, ...this.#o });
	}

	/** Puts an agenda item of the running review in focus (null clears it). */
	setReviewFocus(riskId: string | null): void {
		setFocus(this.#doc, { riskId, ...this.#o });
	}

	addAgendaItem(riskId: string, placement: Placement = {}): void {
		addAgendaItem(this.#doc, { riskId, ...placement, ...this.#o });
	}

	moveAgendaItem(riskId: string, placement: Placement): void {
		moveAgendaItem(this.#doc, { riskId, ...placement, ...this.#o });
	}

	skipAgendaItem(riskId: string, skipped: boolean): void {
		skipAgendaItem(this.#doc, { riskId, skipped, ...this.#o });
	}

	/**
	 * Records (or clears, with null) the decision on an agenda item, with who recorded it (a
	 * name, and the person on the board when known). The model sets the risk's last reviewed day
	 * and next review date in the same update, so one undo reverts all of it.
	 */
	recordReviewDecision(
		riskId: string,
		decision: ReviewDecision | null,
		by: string,
		byId: string | null = null
	): void {
		recordDecision(this.#doc, { riskId, decision, by, byId, ...this.#o });
	}

	setReviewTimer(riskId: string, action: 'start' | 'pause' | 'reset'): void {
		setReviewTimer(this.#doc, { riskId, action, ...this.#o });
	}

	/**
	 * Sets an agenda item's risk score (inherent, or residual) from the review and records the
	 * change on the item with who applied it; false when the score was already that.
	 */
	applyReviewScore(
		riskId: string,
		score: { likelihood: number; impact: number; residual?: boolean; source: 'vote' | 'manual' },
		by: string
	): boolean {
		return applyReviewScore(this.#doc, { riskId, ...score, by, ...this.#o });
	}

	/** Creates a mitigation action on an agenda item's risk, recorded on the item; returns its id. */
	addReviewAction(
		riskId: string,
		action: { text: string; ownerId?: string | null; dueDate?: string | null }
	): string {
		return addReviewAction(this.#doc, { riskId, ...action, ...this.#o });
	}
}
