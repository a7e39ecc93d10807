/**
 * Importing a register from a spreadsheet: header and value mapping suggestions, the plan a
 * preview shows and a commit writes, and undo. File decoding and parsing live in the server.
 */
export * from './types.ts';
export {
	IMPORT_FIELDS,
	FIELD_KIND,
	FIELD_LABEL,
	HEADER_SEARCH_ROWS,
	normaliseKey,
	suggestField,
	suggestMapping,
	cellText,
	findHeaderRow,
	type ImportField,
	type FieldKind
} from './fields.ts';
export {
	TEXT_SCALES,
	IMPORTED_CLOSED_REASON,
	suggestTextScale,
	numericScale,
	levelOf,
	readNumber,
	suggestStatus,
	suggestResponse,
	inferDateOrder,
	readDate as readImportDate,
	excelSerialDate,
	type NumericScale,
	type DateRead
} from './values.ts';
export {
	buildImportPlan,
	planSummaryText,
	type ImportPlan,
	type PlanRow,
	type PlanColumn,
	type RowError,
	type ImportDraft,
	type RefValue
} from './plan.ts';
export {
	applyImport,
	checkImportPlan,
	undoImport,
	planErrors,
	ImportRejected,
	type ImportResult,
	type ImportUndoRecord,
	type ApplyOptions,
	type UndoResult,
	type KeptItem
} from './apply.ts';
