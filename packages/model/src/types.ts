/** Risk statuses, in the order the UI lists them. `Closed` requires a closed reason. */
export const RISK_STATUSES = ['Open', 'Mitigating', 'Watching', 'Accepted', 'Closed'] as const;
/** A risk's status. */
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** Risk response strategies. */
export const RISK_RESPONSES = ['Avoid', 'Mitigate', 'Transfer', 'Accept', 'Escalate'] as const;
/** A risk's response strategy. */
export type RiskResponse = (typeof RISK_RESPONSES)[number];

/** Mitigation action statuses. */
export const ACTION_STATUSES = ['Planned', 'In progress', 'Done', 'Blocked'] as const;
/** A mitigation action's status. */
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The risk fields that are co-edited Y.Text, created with the risk and never replaced. */
export const RISK_TEXT_FIELDS = ['title', 'description', 'trigger', 'contingency'] as const;
/** One of the co-edited risk text fields. */
export type RiskTextField = (typeof RISK_TEXT_FIELDS)[number];

/** Score bands, lowest first. */
export const SCORE_BANDS = ['low', 'medium', 'high', 'critical'] as const;
/** A score band. */
export type ScoreBand = (typeof SCORE_BANDS)[number];

/** RACI matrix presets. Custom letter sets are a later extension. */
export const RACI_PRESETS = ['RACI', 'RASCI'] as const;
/** A RACI matrix preset. */
export type RaciPreset = (typeof RACI_PRESETS)[number];
/** Every letter any preset uses. */
export const RACI_LETTERS = ['R', 'A', 'S', 'C', 'I'] as const;
/** A RACI letter. */
export type RaciLetter = (typeof RACI_LETTERS)[number];
/** The letters each preset allows, in display order. */
export const RACI_PRESET_LETTERS: Readonly<Record<RaciPreset, readonly RaciLetter[]>> = {
	RACI: ['R', 'A', 'C', 'I'],
	RASCI: ['R', 'A', 'S', 'C', 'I']
};

/**
 * Inclusive upper bounds of the low, medium and high bands (critical runs to 25). Integers with
 * 1 ≤ low < medium < high < 25.
 */
export interface ScoreBandBounds {
	low: number;
	medium: number;
	high: number;
}

/** A risk category from the board's editable list. */
export interface Category {
	id: string;
	name: string;
	order: string;
}

/** Board-wide settings, with defaults filled in for anything missing. */
export interface BoardSettings {
	/** Five labels for likelihood 1–5. */
	likelihoodLabels: string[];
	/** Five labels for impact 1–5. */
	impactLabels: string[];
	scoreBands: ScoreBandBounds;
	/** Sorted by (order, id). */
	categories: Category[];
	/** A RACI column holding A on more rows than this gets a warning. */
	raciMaxAccountable: number;
	/**
	 * The board's IANA time zone (`Pacific/Auckland`): its calendar day is "today" for due,
	 * overdue, review-due, the agenda and export dates (`boardToday`, `time-zone.ts`).
	 */
	timeZone: string;
	/**
	 * Days between reviews per band (`reviewCadence.ts`): a decision in a review sets the risk's
	 * next review date to its last reviewed day plus its band's days; null = no cadence (the
	 * decision clears the next review date and the risk waits for one set by hand).
	 */
	reviewCadence: ReviewCadence;
}

/** Days between reviews per score band; null = no cadence for that band. */
export type ReviewCadence = Record<ScoreBand, number | null>;

/** A person on the board's people list. */
export interface Person {
	id: string;
	name: string;
	/** Team or function; '' when not set. */
	team: string;
	roleTitle: string | null;
	email: string | null;
	order: string;
}

/** Done/total/overdue counts of a risk's mitigation actions. */
export interface ActionRollup {
	done: number;
	total: number;
	overdue: number;
}

/** A register row as `readBoard` returns it: plain values plus derived fields. */
export interface Risk {
	id: string;
	/** Display key, `R-7`; a not-yet-resolved duplicate shows as `R-7~2` (see CONTEXT.md). */
	key: string;
	/** The number claimed in the key ledger (0 if the ledger has none). */
	keyNumber: number;
	title: string;
	description: string;
	trigger: string;
	contingency: string;
	/** Null when unset or when the category no longer exists. */
	categoryId: string | null;
	/** Null when unset or when the person was removed. */
	ownerId: string | null;
	status: RiskStatus;
	closedReason: string | null;
	response: RiskResponse | null;
	likelihood: number | null;
	impact: number | null;
	/** likelihood × impact, null unless both are set. */
	score: number | null;
	band: ScoreBand | null;
	residualLikelihood: number | null;
	residualImpact: number | null;
	residualScore: number | null;
	residualBand: ScoreBand | null;
	/** 'YYYY-MM-DD' or null. */
	nextReviewDate: string | null;
	dueDate: string | null;
	/** 'YYYY-MM-DD' board day a review last recorded a decision on the risk, or null. */
	lastReviewed: string | null;
	/** The risk's id in the register it was imported from (`R-12`, `RISK-0042`), or null. */
	sourceId: string | null;
	/** Due before `today` and not closed. */
	overdue: boolean;
	/** Next review on or before `today` and not closed. */
	reviewDue: boolean;
	/** Sorted. */
	tags: string[];
	/** Sorted. */
	links: string[];
	order: string;
	createdAt: string;
	updatedAt: string;
	/** The risk's mitigation plan, in plan order. */
	actionIds: string[];
	actionRollup: ActionRollup;
}

/** A mitigation action; lives once and may be linked to several risks. */
export interface MitigationAction {
	id: string;
	text: string;
	ownerId: string | null;
	dueDate: string | null;
	status: ActionStatus;
	/** 0–100. */
	progress: number;
	/** Linked risks that still exist, sorted by id; empty only after concurrent deletes. */
	riskIds: string[];
	/** Due before `today` and not done. */
	overdue: boolean;
	createdAt: string;
	updatedAt: string;
}

/** What a RACI activity can be linked to: a risk or a mitigation action of the board. */
export const RACI_LINK_KINDS = ['risk', 'action'] as const;
/** The kind of a RACI activity link. */
export type RaciLinkKind = (typeof RACI_LINK_KINDS)[number];

/**
 * The risks and mitigation actions an activity is linked to. Only live targets: links to a
 * deleted risk or action are dropped. Risks in register order, actions in board order.
 */
export interface RaciRowLinks {
	riskIds: string[];
	actionIds: string[];
}

/** A RACI activity or deliverable. */
export interface RaciRow {
	id: string;
	text: string;
	order: string;
	/** Snapshots taken before links existed have none: read them through `raciRowLinks`. */
	links: RaciRowLinks;
}

/** One activity as seen from a linked risk or action (see `activitiesLinkedTo`). */
export interface RaciActivityRef {
	matrixId: string;
	matrixName: string;
	rowId: string;
	rowText: string;
}

/** A RACI column: one person, or a whole team. */
export interface RaciColumn {
	id: string;
	kind: 'person' | 'team';
	personId: string | null;
	team: string | null;
	/** The person's name or the team name. */
	label: string;
	order: string;
}

/** A RACI matrix with only live rows, columns and cells. */
export interface RaciMatrix {
	id: string;
	name: string;
	preset: RaciPreset;
	order: string;
	rows: RaciRow[];
	columns: RaciColumn[];
	/** `cells[rowId][colId]`: letters in preset order; absent when empty. */
	cells: Record<string, Record<string, RaciLetter[]>>;
}

/** The whole board as plain, JSON-serialisable, deterministic data. */
export interface Board {
	schemaVersion: number;
	title: string;
	createdAt: string;
	settings: BoardSettings;
	/** Sorted by (order, id). */
	people: Person[];
	/** Distinct non-empty teams of the people, sorted. */
	teams: string[];
	/** Register order: sorted by (order, id). */
	risks: Risk[];
	/** Sorted by (createdAt, id). */
	actions: MitigationAction[];
	/** Sorted by (order, id). */
	matrices: RaciMatrix[];
	/**
	 * Review sessions, oldest first: sorted by (seq, startedAt, id). Snapshots stored before
	 * reviews existed have none: read them through `boardReviews(board)`.
	 */
	reviews: Review[];
}

/** Options every write accepts. */
export interface WriteOptions {
	/** Timestamp to record (createdAt/updatedAt); defaults to the current time. */
	now?: Date | undefined;
	/** Transaction origin, so undo managers can track whose change this was. */
	origin?: unknown;
}

/** What a review can decide for an agenda item, in the order the UI offers them. */
export const REVIEW_DECISIONS = ['keep', 're-score', 'close', 'escalate', 'accept'] as const;
/** A review decision. */
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/**
 * A review's status as `readBoard` derives it. `superseded`: never ended, and a later review was
 * started (two editors started one concurrently, or a forgotten one was left running); see
 * `reviews.ts` for the rule. Only one review is ever `running`.
 */
export const REVIEW_STATUSES = ['running', 'ended', 'superseded'] as const;
/** A review's status. */
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Who runs the review: a display name and the awareness client id participants follow. */
export interface ReviewFacilitator {
	name: string;
	/** The person on the board's list, when the facilitator picked one (null: a name only). */
	personId: string | null;
	/** The Yjs awareness `clientID` of the facilitator's connection; null when not known. */
	clientId: number | null;
	/** ISO time the role was taken or handed over. */
	since: string;
}

/** A decision recorded for an agenda item, with who recorded it and when. */
export interface ReviewDecisionRecord {
	decision: ReviewDecision;
	/** The name of who recorded it, as it was then (kept readable for old records). */
	by: string;
	/** The person on the board who recorded it; null for a name only (or an old record). */
	byId: string | null;
	at: string;
	/** The risk's last reviewed day the decision set (null on records from before it did). */
	lastReviewed: string | null;
	/** The next review date the decision left on the risk (cadence, or entered by hand). */
	nextReviewDate: string | null;
	/** Where that date came from: the band's cadence, a date entered by hand, or none. */
	nextReviewSource: 'cadence' | 'hand' | null;
}

/**
 * An agenda item's timer: seconds accumulated while paused, plus the running stretch since
 * `runningSince` (see `timerSeconds`). Focusing an item starts its timer and pauses the previous.
 */
export interface ReviewTimer {
	/** ISO time the timer was last started; null while paused. */
	runningSince: string | null;
	/** Seconds counted before `runningSince` (may have a fraction). */
	accumulatedSeconds: number;
	/** Time box the facilitator set for the item, or null. */
	timeboxSeconds: number | null;
}

/** A likelihood / impact pair; null where the risk had no value. */
export interface ScorePair {
	likelihood: number | null;
	impact: number | null;
}

/** A score applied to a risk during a review item (`applyReviewScore`). */
export interface ReviewScoreChange {
	id: string;
	/** Inherent (likelihood, impact) or residual pair. */
	kind: 'inherent' | 'residual';
	before: ScorePair;
	after: ScorePair;
	/** `vote`: the result of a silent scoring round; `manual`: typed by the facilitator. */
	source: 'vote' | 'manual';
	by: string;
	at: string;
}

/** One risk on a review's agenda. There is at most one item per risk (the risk id is its id). */
export interface ReviewItem {
	riskId: string;
	order: string;
	/** Skipped items stay on the agenda (a flag, not a delete). */
	skipped: boolean;
	/** The co-edited discussion notes. */
	notes: string;
	decision: ReviewDecisionRecord | null;
	/** Sorted by (at, id). */
	scoreChanges: ReviewScoreChange[];
	/** Mitigation actions created during the item (`addReviewAction`), by (createdAt, id). */
	actionIds: string[];
	timer: ReviewTimer;
}

/** A review session as `readBoard` returns it. */
export interface Review {
	id: string;
	/** 1 + the highest seq the starter had seen: concurrent starts share a seq. */
	seq: number;
	status: ReviewStatus;
	startedAt: string;
	startedBy: string;
	endedAt: string | null;
	endedBy: string | null;
	facilitator: ReviewFacilitator | null;
	/** Ids of the snapshots the server took at the start and at the end. */
	baselineSnapshotId: string | null;
	finalSnapshotId: string | null;
	/** The risk everyone following the facilitator looks at; null before the first focus. */
	focusRiskId: string | null;
	/** Sorted by (order, riskId). Items of risks deleted since stay (the review is history). */
	agenda: ReviewItem[];
	/** Display names seen during the review (people's current names), sorted. */
	attendees: string[];
	/** The people on the board among the attendees, sorted by id. */
	attendeeIds: string[];
}
