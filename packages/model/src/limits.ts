/**
 * How long a text field may grow, in characters (UTF-16 code units, as Yjs counts them). The
 * write functions refuse longer values with a `BoardError`; the web app checks the same limits
 * before applying a keystroke or paste to a co-edited field, so no single change can outgrow the
 * server's frame limit (`MAX_MESSAGE_BYTES`, 4 MiB: 20,000 characters are at most 80 KB of UTF-8).
 */
import type { RiskTextField } from './types.ts';
import { BoardError } from './errors.ts';

/** Titles and one-line texts: a risk's title, a RACI activity. */
export const MAX_TITLE_LENGTH = 500;
/** Long co-edited texts: description, trigger, contingency, action text, review notes. */
export const MAX_TEXT_LENGTH = 20_000;

/** A co-edited text field, as far as its limit goes. */
export type TextTarget =
	| { kind: 'risk'; field: RiskTextField }
	| { kind: 'action' }
	| { kind: 'raci-row' }
	| { kind: 'review-notes' };

/** The most characters `target` may hold. */
export function maxTextLength(target: TextTarget): number {
	if (target.kind === 'raci-row') return MAX_TITLE_LENGTH;
	if (target.kind === 'risk' && target.field === 'title') return MAX_TITLE_LENGTH;
	return MAX_TEXT_LENGTH;
}

/** What people are told when `what` would exceed `max` characters (`length` is the attempt). */
export function tooLongMessage(what: string, max: number, length: number): string {
	return `${what} can hold at most ${max.toLocaleString('en-US')} characters; this change would make it ${length.toLocaleString('en-US')}.`;
}

/** Throws a `BoardError` when `value` is longer than `target` allows. */
export function requireTextLength(
	value: string | undefined,
	target: TextTarget,
	what: string
): void {
	const max = maxTextLength(target);
	if (value !== undefined && value.length > max) {
		throw new BoardError(tooLongMessage(what, max, value.length));
	}
}
