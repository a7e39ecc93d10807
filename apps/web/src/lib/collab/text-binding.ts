/**
 * Binds an <input> or <textarea> to a shared Y.Text, character by character: local typing is
 * applied as the smallest insert/delete, remote changes are merged into the field without moving
 * the caret (the selection is shifted through the remote delta), and focus is announced as
 * presence. Use it as a Svelte action: `<textarea use:collabText={handle}>`; never also bind
 * the element's value.
 */
import { tooLongMessage } from '@riskboard/model';
import type * as Y from 'yjs';
import type { Presence } from './presence.svelte.ts';

/** The most characters a field may hold and what it is called, to tell people when they hit it. */
export interface TextLimit {
	max: number;
	what: string;
}

/** What a component holds to bind a text field; get one from BoardConnection.text(). */
export class TextHandle {
	constructor(
		readonly key: string,
		readonly text: Y.Text,
		readonly origin: object,
		readonly presence: Presence | null,
		readonly readOnly: boolean,
		readonly limit: TextLimit | null = null
	) {}
}

/**
 * The message for a change that would make a field longer than its limit allows, or null when
 * it fits (or the change makes the field shorter: a field already over a lowered limit can
 * always be shortened).
 */
export function limitProblem(
	limit: TextLimit | null,
	before: string,
	after: string
): string | null {
	if (!limit || after.length <= limit.max || after.length <= before.length) return null;
	return tooLongMessage(limit.what, limit.max, after.length);
}

type Delta = Array<{ insert?: unknown; delete?: number; retain?: number }>;

/** Where position `p` ends up after `delta` (an insertion exactly at `p` stays after it). */
export function transformPosition(p: number, delta: Delta): number {
	let index = 0;
	let result = p;
	for (const op of delta) {
		if (op.retain !== undefined) index += op.retain;
		else if (typeof op.insert === 'string') {
			if (index < result) result += op.insert.length;
			index += op.insert.length;
		} else if (op.delete !== undefined) {
			if (index < result) result -= Math.min(op.delete, result - index);
		}
	}
	return result;
}

/** The single replacement turning `before` into `after`, using the caret to place it. */
export function diffText(before: string, after: string, caret: number) {
	let start = 0;
	const max = Math.min(before.length, after.length);
	while (start < max && before[start] === after[start]) start++;
	let endBefore = before.length;
	let endAfter = after.length;
	while (
		endBefore > start &&
		endAfter > Math.max(start, Math.min(caret, after.length)) &&
		before[endBefore - 1] === after[endAfter - 1]
	) {
		endBefore--;
		endAfter--;
	}
	return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

export function collabText(
	node: HTMLInputElement | HTMLTextAreaElement,
	initial: TextHandle
): { update(handle: TextHandle): void; destroy(): void } {
	let handle = initial;
	let known = '';

	const render = () => {
		known = handle.text.toString();
		if (node.value !== known) node.value = known;
		node.readOnly = handle.readOnly;
	};

	const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
		if (transaction.origin === handle.origin && transaction.local) {
			known = handle.text.toString();
			return;
		}
		const focused = document.activeElement === node;
		const start = node.selectionStart ?? 0;
		const end = node.selectionEnd ?? 0;
		const direction = node.selectionDirection ?? 'none';
		const delta = event.delta as Delta;
		known = handle.text.toString();
		node.value = known;
		if (focused)
			node.setSelectionRange(
				transformPosition(start, delta),
				transformPosition(end, delta),
				direction
			);
	};

	const onInput = () => {
		if (handle.readOnly) return;
		const next = node.value;
		// Refuse a change that would outgrow the field before it reaches the document, and say so.
		const problem = limitProblem(handle.limit, known, next);
		node.setCustomValidity(problem ?? '');
		if (problem) {
			const caret = Math.max(0, (node.selectionStart ?? 0) - (next.length - known.length));
			node.value = known;
			node.setSelectionRange(caret, caret);
			node.reportValidity();
			return;
		}
		const change = diffText(known, next, node.selectionEnd ?? next.length);
		known = next;
		if (change.remove === 0 && change.insert === '') return;
		handle.text.doc!.transact(() => {
			if (change.remove > 0) handle.text.delete(change.index, change.remove);
			if (change.insert) handle.text.insert(change.index, change.insert);
		}, handle.origin);
	};

	const onFocus = () => handle.presence?.setFocus(handle.key);
	const onBlur = () => handle.presence?.setFocus(null);

	const attach = () => {
		render();
		handle.text.observe(onRemote);
	};
	const detach = () => handle.text.unobserve(onRemote);

	node.addEventListener('input', onInput);
	node.addEventListener('focus', onFocus);
	node.addEventListener('blur', onBlur);
	attach();

	return {
		update(next) {
			if (next.text === handle.text && next.readOnly === handle.readOnly) return;
			detach();
			handle = next;
			attach();
		},
		destroy() {
			detach();
			node.removeEventListener('input', onInput);
			node.removeEventListener('focus', onFocus);
			node.removeEventListener('blur', onBlur);
			if (document.activeElement === node) handle.presence?.setFocus(null);
		}
	};
}
