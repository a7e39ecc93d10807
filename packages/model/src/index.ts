/**
 * @riskboard/model — the board's Yjs schema and its domain rules: the only code that knows the
 * keys inside a board document. Everyone else (server, web app, tests) edits through the typed
 * functions here and reads through `readBoard`. Imports yjs and fractional-indexing only.
 */
export * from './types.ts';
export { BoardError } from './errors.ts';
export { compareOrdered, sortOrdered, type Ordered, type Placement } from './order-keys.ts';
export {
	SCHEMA_VERSION,
	MIGRATIONS,
	migrateBoard,
	getSchemaVersion,
	type Migration,
	type MigrationContext,
	type MigrationResult
} from './migrations.ts';
export { initBoard, setBoardTitle, observeBoard } from './board.ts';
export { BoardReader } from './board-reader.ts';
export { DEFAULT_TIME_ZONE, isTimeZone, dateIn, dayOf, boardToday } from './time-zone.ts';
export { BOARD_ROOTS } from './schema.ts';
export {
	MAX_TEXT_LENGTH,
	MAX_TITLE_LENGTH,
	maxTextLength,
	tooLongMessage,
	type TextTarget
} from './limits.ts';
export {
	DEFAULT_LIKELIHOOD_LABELS,
	DEFAULT_IMPACT_LABELS,
	DEFAULT_CATEGORIES,
	DEFAULT_RACI_MAX_ACCOUNTABLE,
	updateSettings,
	documentToday,
	addCategory,
	renameCategory,
	removeCategory,
	moveCategory,
	type SettingsPatch
} from './settings.ts';
export {
	addPerson,
	updatePerson,
	removePerson,
	movePerson,
	isPerson,
	personName,
	type PersonFields
} from './people.ts';
export {
	addRisk,
	addRisks,
	updateRisk,
	getRiskText,
	setRiskText,
	deleteRisk,
	moveRisk,
	type NewRisk,
	type RiskPatch
} from './risks.ts';
export {
	BULK_CHANGE_KINDS,
	MAX_BULK_RISKS,
	bulkEditRisks,
	type BulkChange,
	type BulkEditInput
} from './risks-bulk.ts';
export {
	SEARCH_FIELDS,
	SEARCH_FIELD_LABELS,
	SEARCH_PLACEHOLDER,
	searchRisks,
	type SearchField,
	type SearchMatch
} from './search.ts';
export {
	RISK_KEY_PREFIX,
	RISK_KEY_ROOTS,
	riskKeyIds,
	resolveRiskKeyConflicts
} from './risk-keys.ts';
export {
	addAction,
	addActions,
	updateAction,
	getActionText,
	setActionText,
	deleteAction,
	linkAction,
	unlinkAction,
	moveAction,
	type ActionPatch
} from './actions.ts';
export {
	addMatrix,
	renameMatrix,
	deleteMatrix,
	moveMatrix,
	addRaciRow,
	getRaciRowText,
	setRaciRowText,
	deleteRaciRow,
	moveRaciRow,
	addRaciColumn,
	removeRaciColumn,
	moveRaciColumn,
	setRaciCell
} from './raci.ts';
export {
	checkRaci,
	type RaciCheckResult,
	type RaciIssue,
	type RaciIssueCode
} from './raci-check.ts';
export {
	BAND_LABELS,
	DEFAULT_SCORE_BANDS,
	riskScore,
	riskScoreOrNull,
	scoreBand
} from './scoring.ts';
export {
	readBoard,
	readRisksById,
	type ReadOptions,
	type RiskSet,
	type RiskSetOptions
} from './read.ts';
export { undoScope } from './undo.ts';
export {
	diffBoards,
	diffContext,
	diffRiskFields,
	riskFieldValues,
	riskSummary,
	type BoardDiff,
	type DiffContext,
	type RiskFieldValues,
	type DiffValue,
	type FieldChange,
	type PersonChange,
	type PersonSummary,
	type RiskChange,
	type RiskSummary
} from './diff.ts';
export {
	diffMatrix,
	type Change,
	type MatrixDiff,
	type MatrixDiffContext,
	type RaciCellChange,
	type RaciLinkRef,
	type RaciLinksChange,
	type RaciColumnRef,
	type RaciRowRef
} from './diff-raci.ts';
export {
	FORMULA_TRIGGERS,
	markdownCell,
	markdownText,
	safeCell,
	startsFormula,
	type ExportCell
} from './export-safety.ts';
export {
	RACI_LETTER_COLOURS,
	RACI_LETTER_MEANINGS,
	RACI_LETTER_SEPARATOR,
	RACI_LINKED_RISKS_COLUMN,
	REGISTER_COLUMNS,
	heatMap,
	heatMapTable,
	raciChecksTable,
	raciColumnLabel,
	raciLegendTable,
	raciLetters,
	raciTable,
	registerTable,
	type ExportTable,
	type HeatMap
} from './export-tables.ts';
export {
	REGISTER_MARKDOWN_COLUMNS,
	heatMapMarkdown,
	markdownTable,
	pickColumns,
	raciMarkdown,
	registerMarkdown
} from './export-markdown.ts';
export {
	registerJson,
	type RegisterJson,
	type RegisterJsonAction,
	type RegisterJsonRisk
} from './export-json.ts';
export { findMatrix, scopeBoard, type SnapshotScope } from './snapshot.ts';
export { heatMapCell, isOnHeatMap, type HeatMapCell, type HeatMapKind } from './heat-map.ts';
export {
	activitiesLinkedTo,
	linkRaciActivity,
	raciRowLinks,
	unlinkRaciActivity,
	type RaciLinkInput
} from './raci-links.ts';
export {
	addAgendaItem,
	addReviewAction,
	applyReviewScore,
	endReview,
	getReviewNotes,
	markAttendance,
	moveAgendaItem,
	recordDecision,
	setFacilitator,
	setFocus,
	setReviewNotes,
	setReviewTimebox,
	setReviewTimer,
	skipAgendaItem,
	startReview,
	type DecisionInput,
	type FacilitatorInput,
	type ReviewItemRef,
	type ReviewRef,
	type StartReviewInput
} from './reviews.ts';
export { REVIEW_ROOT, runningReviewId, timerSeconds } from './review-layout.ts';
export { boardReviews, lastEndedReview, readReviews, runningReview } from './review-read.ts';
export { buildAgenda, type AgendaMode, type AgendaOptions } from './review-agenda.ts';
export {
	DEFAULT_REVIEW_CADENCE,
	MAX_REVIEW_CADENCE_DAYS,
	addDays,
	cadenceNextReview,
	validateReviewCadence
} from './review-cadence.ts';
export {
	tallyVotes,
	validateVotes,
	type AxisTally,
	type RoundView,
	type Vote,
	type VoteCell,
	type VoteTally
} from './review-votes.ts';
export {
	REVIEW_DECISION_LABELS,
	attributeRiskChanges,
	buildMinutes,
	formatDuration,
	markdownInline,
	minutesToMarkdown,
	type ChangeAuthors,
	type Minutes,
	type MinutesAction,
	type MinutesFieldChange,
	type MinutesInput,
	type MinutesItem,
	type MinutesRiskChanges,
	type MinutesScore,
	type MinutesReviewed,
	type MinutesScoreChange
} from './review-minutes.ts';
export { changesSince, type ChangesSince, type ChangesSummary } from './review-since.ts';
export {
	BoardHistory,
	HISTORY_COALESCE_MS,
	RISK_EXISTENCE_FIELD,
	changeAuthors,
	replayHistory,
	type HistoryBound,
	type HistoryEvent,
	type HistoryUpdate,
	type HistoryWindow
} from './history.ts';
export * from './import/index.ts';
