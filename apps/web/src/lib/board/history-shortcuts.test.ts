import { describe, expect, it } from 'vitest';
import { historyShortcut, type ShortcutKey } from './history-shortcuts.ts';

const press = (key: string, mods: Partial<ShortcutKey> = {}): ShortcutKey => ({
	key,
	ctrlKey: false,
	metaKey: false,
	shiftKey: false,
	altKey: false,
	...mods
});

describe('historyShortcut', () => {
	it('undoes on Ctrl+Z and Cmd+Z', () => {
		expect(historyShortcut(press('z', { ctrlKey: true }))).toBe('undo');
		expect(historyShortcut(press('z', { metaKey: true }))).toBe('undo');
	});

	it('redoes on Shift+Ctrl/Cmd+Z and Ctrl+Y', () => {
		expect(historyShortcut(press('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
		expect(historyShortcut(press('Z', { metaKey: true, shiftKey: true }))).toBe('redo');
		expect(historyShortcut(press('y', { ctrlKey: true }))).toBe('redo');
	});

	it('ignores plain keys, Alt combinations and IME composition', () => {
		expect(historyShortcut(press('z'))).toBeNull();
		expect(historyShortcut(press('z', { ctrlKey: true, altKey: true }))).toBeNull();
		expect(historyShortcut(press('z', { ctrlKey: true, isComposing: true }))).toBeNull();
		expect(historyShortcut(press('Y', { ctrlKey: true, shiftKey: true }))).toBeNull();
		expect(historyShortcut(press('x', { ctrlKey: true }))).toBeNull();
	});
});
