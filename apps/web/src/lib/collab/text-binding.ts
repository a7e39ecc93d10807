/**
 * Binds an <input> or <textarea> to a shared Y.Text, character by character: local typing is
 * applied as the smallest insert/delete, remote changes are merged into the field without moving
 * the caret (the selection is shifted through the remote delta), and focus is announced as
 * presence. Use it as a Svelte action: `<textarea use:collabText={handle}>`; never also bind
 * the element's value.
 */
import type * as Y from 'yjs';
import type { Presence } from './presence.svelte.ts';

/** What a component holds to bind a text field; get one from BoardConnection.text(). */
export class TextHandle {
	constructor(
		readonly key: string,
		readonly text: Y.Text,
		readonly origin: object,
		readonly presence: Presence | null,
		readonly readOnly: boolean
	) {}
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
