/**
 * How a RACI cell reacts to clicks and keys: cycling through the common values, toggling one
 * letter, clearing. Pure: it returns the letters to write; the model (`setRaciCell`) decides
 * whether they are allowed and stores them as a set.
 */
import { RACI_PRESET_LETTERS, type RaciLetter, type RaciPreset } from '@riskboard/model';

/** The values a click or Space steps through, per preset: empty → R → A → A/R → (S →) C → I. */
export const CELL_CYCLES: Readonly<Record<RaciPreset, readonly (readonly RaciLetter[])[]>> = {
	RACI: [[], ['R'], ['A'], ['R', 'A'], ['C'], ['I']],
	RASCI: [[], ['R'], ['A'], ['R', 'A'], ['S'], ['C'], ['I']]
};

/** Letters in the preset's display order, duplicates and foreign letters dropped. */
export function normalizeLetters(letters: readonly string[], preset: RaciPreset): RaciLetter[] {
	return RACI_PRESET_LETTERS[preset].filter((letter) => letters.includes(letter));
}

function same(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((letter, i) => letter === b[i]);
}

/**
 * The next value in the cycle (`step` -1 goes back). A combination outside the cycle (say C+I,
 * typed by someone) steps to the value after its first letter's single-letter entry, so the
 * cycle carries on from something recognisable instead of jumping to empty.
 */
export function cycleCell(
	letters: readonly string[],
	preset: RaciPreset,
	step: 1 | -1 = 1
): RaciLetter[] {
	const cycle = CELL_CYCLES[preset];
	const current = normalizeLetters(letters, preset);
	let index = cycle.findIndex((value) => same(value, current));
	if (index < 0)
		index = Math.max(
			0,
			cycle.findIndex((value) => same(value, current.slice(0, 1)))
		);
	return [...cycle[(index + step + cycle.length) % cycle.length]!];
}

/** The letter a key press stands for in this preset (`a` → A), or null. */
export function letterForKey(key: string, preset: RaciPreset): RaciLetter | null {
	if (key.length !== 1) return null;
	const upper = key.toUpperCase();
	return RACI_PRESET_LETTERS[preset].find((letter) => letter === upper) ?? null;
}

/** Adds the letter when the cell lacks it, removes it otherwise. */
export function toggleLetter(
	letters: readonly string[],
	letter: RaciLetter,
	preset: RaciPreset
): RaciLetter[] {
	const current = normalizeLetters(letters, preset);
	return current.includes(letter)
		? current.filter((l) => l !== letter)
		: normalizeLetters([...current, letter], preset);
}

/** What each letter means, for legends and screen readers. */
export const LETTER_NAMES: Readonly<Record<RaciLetter, string>> = {
	R: 'Responsible',
	A: 'Accountable',
	S: 'Support',
	C: 'Consulted',
	I: 'Informed'
};

/** A cell's value read aloud: "Responsible and Accountable", or "empty". */
export function describeLetters(letters: readonly RaciLetter[]): string {
	if (letters.length === 0) return 'empty';
	return letters.map((letter) => LETTER_NAMES[letter]).join(' and ');
}
