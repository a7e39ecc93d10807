/**
 * The one or two letters shown in a person's avatar: the first letters of the first and last
 * words of their name ("Priya Nair" → "PN", "Cher" → "C"), upper-cased; "?" for a blank name.
 * Works on code points, so names that start with an emoji or an astral letter stay intact.
 * Bracketed asides ("Dana Whitfield (TPM)", "Tom [QA]") and words without a letter or digit
 * are not part of the name.
 */
export function initials(name: string): string {
	const words = name
		.replace(/\([^)]*\)?|\[[^\]]*\]?/g, ' ')
		.trim()
		.split(/\s+/)
		.filter((word) => /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(word));
	if (words.length === 0) return '?';
	const first = (word: string) => Array.from(word)[0] ?? '';
	const letters = words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words.at(-1)!);
	return letters.toLocaleUpperCase();
}
