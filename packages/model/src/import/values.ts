/**
 * Reading source values as board values: numeric and text scales onto 1–5, status and response
 * synonyms, dates in the formats spreadsheets write (with day/month order inferred per column).
 * Pure; `plan.ts` applies them to whole columns.
 */
import { RISK_RESPONSES, RISK_STATUSES, type RiskResponse, type RiskStatus } from '../types.ts';
import { isIsoDate } from '../schema.ts';
import { normaliseKey } from './fields.ts';
import type { DateOrder } from './types.ts';

/** Ordered text scales people use; each maps onto 1–5 in order. Shorter lists spread out. */
export const TEXT_SCALES: readonly (readonly string[])[] = [
	['Very Low', 'Low', 'Medium', 'High', 'Very High'],
	['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'],
	['Negligible', 'Minor', 'Moderate', 'Major', 'Severe'],
	['Insignificant', 'Minor', 'Moderate', 'Major', 'Catastrophic'],
	['Very unlikely', 'Unlikely', 'Possible', 'Likely', 'Very likely'],
	['Low', 'Medium', 'High', 'Critical'],
	['Low', 'Medium', 'High'],
	['Low', 'Moderate', 'High']
];

/** Level `index` (0-based) of an `n`-level scale, placed onto 1–5 in order. */
export function spreadLevel(index: number, n: number): number {
	if (n <= 1) return 3;
	return Math.round(1 + (index * 4) / (n - 1));
}

/** Extra spellings of scale words. */
const SCALE_ALIASES: Readonly<Record<string, string>> = {
	med: 'medium',
	mid: 'medium',
	vlow: 'verylow',
	vhigh: 'veryhigh',
	hi: 'high',
	lo: 'low'
};

function scaleKey(value: string): string {
	const key = normaliseKey(value);
	return SCALE_ALIASES[key] ?? key;
}

/**
 * Suggested 1–5 levels for the distinct text values of a score column: the first scale (the
 * board's own labels first, then the shortest of `TEXT_SCALES`) that holds every value; values no
 * scale holds get null. Numbers are not handled here (`numericScale`).
 */
export function suggestTextScale(
	values: readonly string[],
	boardLabels: readonly string[]
): Record<string, number | null> {
	// The board's labels first, then the shortest known scale holding every value: Low/Medium/
	// High is a three-level scale (1, 3, 5), not the middle of Very Low…Very High.
	const scales = [boardLabels, ...[...TEXT_SCALES].sort((a, b) => a.length - b.length)];
	const keys = values.map(scaleKey);
	const whole = scales.find((scale) => {
		const set = scale.map(scaleKey);
		return keys.every((key) => set.includes(key));
	});
	const out: Record<string, number | null> = {};
	values.forEach((value, i) => {
		const key = keys[i]!;
		const scale = whole ?? scales.find((s) => s.map(scaleKey).includes(key));
		if (!scale) {
			out[value] = null;
			return;
		}
		const index = scale.map(scaleKey).indexOf(key);
		out[value] = spreadLevel(index, scale.length);
	});
	return out;
}

/** A numeric column's scale, inferred from its values. */
export type NumericScale = { kind: 'five' } | { kind: 'levels'; max: number } | { kind: 'percent' };

/** A number as written in a cell: `3`, `3.0`, `3,5`, `40%`; null for anything else. */
export function readNumber(text: string): { value: number; percent: boolean } | null {
	const match = /^([+-]?\d+(?:[.,]\d+)?)\s*(%?)$/.exec(text.trim());
	if (!match) return null;
	return { value: Number(match[1]!.replace(',', '.')), percent: match[2] === '%' };
}

/**
 * The scale of a column's numbers: percentages when any value has `%` or the values run above
 * 10 up to 100; 1–3 or 1–4 when every level up to that maximum is used, twice on average; 1–10
 * when at least two values and a tenth of them are above 5 (so one stray 7 in a 1–5 column stays
 * an error); otherwise 1–5 (values outside it are row errors). The preview shows the mapping.
 */
export function numericScale(
	values: ReadonlyArray<{ value: number; percent: boolean }>
): NumericScale {
	if (values.length === 0) return { kind: 'five' };
	if (values.some((v) => v.percent)) return { kind: 'percent' };
	const max = Math.max(...values.map((v) => v.value));
	const min = Math.min(...values.map((v) => v.value));
	const integers = values.every((v) => Number.isInteger(v.value));
	if (max > 10 && max <= 100 && min >= 0) return { kind: 'percent' };
	if (!integers || min < 1) return { kind: 'five' };
	if (max === 3 || max === 4) {
		// A 1–5 register may simply have no 5 yet: call it 1–3 or 1–4 only when every level from
		// 1 to the maximum is used and the column has at least two values per level.
		const used = new Set(values.map((v) => v.value));
		const every = Array.from({ length: max }, (_, i) => i + 1).every((level) => used.has(level));
		return every && values.length >= 2 * max ? { kind: 'levels', max } : { kind: 'five' };
	}
	if (max > 5 && max <= 10) {
		const above = values.filter((v) => v.value > 5).length;
		if (above / values.length >= 0.1 && above >= 2) return { kind: 'levels', max: 10 };
	}
	return { kind: 'five' };
}

/** A number on `scale` as 1–5, or null when it is not on the scale. */
export function levelOf(
	number: { value: number; percent: boolean },
	scale: NumericScale
): number | null {
	const { value } = number;
	switch (scale.kind) {
		case 'five':
			return Number.isInteger(value) && value >= 1 && value <= 5 ? value : null;
		case 'levels':
			return Number.isInteger(value) && value >= 1 && value <= scale.max
				? spreadLevel(value - 1, scale.max)
				: null;
		case 'percent':
			if (value < 0 || value > 100) return null;
			return Math.min(5, Math.max(1, Math.ceil(value / 20)));
	}
}

const STATUS_SYNONYMS: Readonly<Record<RiskStatus, readonly string[]>> = {
	Open: ['Open', 'New', 'Identified', 'Active', 'Raised', 'Not started', 'To do', 'Todo', 'Draft'],
	Mitigating: [
		'Mitigating',
		'In progress',
		'Ongoing',
		'In mitigation',
		'WIP',
		'Treating',
		'Started',
		'Mitigation in progress'
	],
	Watching: ['Watching', 'Monitoring', 'Monitor', 'Watch', 'On hold', 'Tracking', 'Under review'],
	Accepted: ['Accepted', 'Tolerated', 'Accept'],
	Closed: [
		'Closed',
		'Done',
		'Resolved',
		'Complete',
		'Completed',
		'Retired',
		'Mitigated',
		'Cancelled',
		'Canceled',
		'Obsolete',
		'Archived'
	]
};

const RESPONSE_SYNONYMS: Readonly<Record<RiskResponse, readonly string[]>> = {
	Avoid: ['Avoid', 'Avoidance', 'Eliminate', 'Terminate'],
	Mitigate: ['Mitigate', 'Mitigation', 'Reduce', 'Reduction', 'Treat', 'Control'],
	Transfer: ['Transfer', 'Share', 'Insure', 'Insurance', 'Outsource', 'Transference'],
	Accept: ['Accept', 'Acceptance', 'Tolerate', 'Retain', 'Retention'],
	Escalate: ['Escalate', 'Escalation']
};

function synonymLookup<T extends string>(
	table: Readonly<Record<T, readonly string[]>>
): Map<string, T> {
	const map = new Map<string, T>();
	for (const [value, words] of Object.entries(table) as Array<[T, readonly string[]]>) {
		for (const word of words) map.set(normaliseKey(word), value);
	}
	return map;
}
const STATUS_BY_KEY = synonymLookup(STATUS_SYNONYMS);
const RESPONSE_BY_KEY = synonymLookup(RESPONSE_SYNONYMS);

/** The status a source value names (`In progress` → Mitigating, `Done` → Closed), or null. */
export function suggestStatus(value: string): RiskStatus | null {
	return STATUS_BY_KEY.get(normaliseKey(value)) ?? null;
}

/** The response a source value names (`Reduce` → Mitigate, `Share` → Transfer), or null. */
export function suggestResponse(value: string): RiskResponse | null {
	return RESPONSE_BY_KEY.get(normaliseKey(value)) ?? null;
}

/** The closed reason of a risk imported as Closed without one. */
export const IMPORTED_CLOSED_REASON = 'Imported as closed';

/** True for a status or response the board knows as it is. */
export function isBoardStatus(value: unknown): value is RiskStatus {
	return RISK_STATUSES.includes(value as RiskStatus);
}

/** True for a response the board knows. */
export function isBoardResponse(value: unknown): value is RiskResponse {
	return RISK_RESPONSES.includes(value as RiskResponse);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** An Excel serial day number (1900 date system) as 'YYYY-MM-DD', or null when implausible. */
export function excelSerialDate(serial: number): string | null {
	// 1 Jan 1950 … 31 Dec 2199: smaller numbers in a date column are more likely typos.
	if (!Number.isFinite(serial) || serial < 18264 || serial > 109574) return null;
	const date = new Date(EXCEL_EPOCH + Math.floor(serial) * 86_400_000);
	return date.toISOString().slice(0, 10);
}

function iso(year: number, month: number, day: number): string | null {
	const value = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	return isIsoDate(value) ? value : null;
}

/** A date whose day/month order the text alone does not settle: `a/b/yyyy`. */
const SLASHED = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;

/**
 * What the slashed dates of a column say about their order: `dmy` when some first part is over
 * 12, `mdy` when some second part is, `conflict` for both, `ambiguous` when none settles it,
 * null when the column has no such date.
 */
export function inferDateOrder(
	values: readonly string[]
): DateOrder | 'ambiguous' | 'conflict' | null {
	let dmy = false;
	let mdy = false;
	let any = false;
	for (const value of values) {
		const match = SLASHED.exec(value.trim());
		if (!match) continue;
		any = true;
		if (Number(match[1]) > 12) dmy = true;
		if (Number(match[2]) > 12) mdy = true;
	}
	if (!any) return null;
	if (dmy && mdy) return 'conflict';
	return dmy ? 'dmy' : mdy ? 'mdy' : 'ambiguous';
}

/** The result of reading one date cell. */
export type DateRead = { date: string } | { error: 'invalid' | 'ambiguous' };

/**
 * Reads a date as written: ISO `2026-09-12` (time part ignored), `2026/9/12`, `12.09.2026`
 * (always day first), `12/09/2026` or `09/12/2026` by `order` (null: ambiguous unless a part is
 * over 12), an Excel serial number. Two-digit years are not accepted (which century?).
 */
export function readDate(text: string, order: DateOrder | null): DateRead {
	const value = text.trim();
	let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
	if (match) return wrap(iso(Number(match[1]), Number(match[2]), Number(match[3])));
	match = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(value);
	if (match) return wrap(iso(Number(match[1]), Number(match[2]), Number(match[3])));
	match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
	if (match) return wrap(iso(Number(match[3]), Number(match[2]), Number(match[1])));
	match = SLASHED.exec(value);
	if (match) {
		const a = Number(match[1]);
		const b = Number(match[2]);
		const year = Number(match[3]);
		const chosen: DateOrder | null =
			order ?? (a > 12 ? 'dmy' : b > 12 ? 'mdy' : a === b ? 'dmy' : null);
		if (chosen === null) return { error: 'ambiguous' };
		return wrap(chosen === 'dmy' ? iso(year, b, a) : iso(year, a, b));
	}
	if (/^\d+(\.\d+)?$/.test(value)) return wrap(excelSerialDate(Number(value)));
	return { error: 'invalid' };
}

function wrap(date: string | null): DateRead {
	return date === null ? { error: 'invalid' } : { date };
}
