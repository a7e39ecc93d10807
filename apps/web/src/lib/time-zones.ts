/**
 * The time zones a board can be set to, for the Settings picker: every IANA zone this browser
 * knows, plus UTC and the board's current zone (so a zone this browser lacks stays selectable).
 */
export function timeZoneOptions(
	current: string,
	known: readonly string[] = Intl.supportedValuesOf('timeZone')
): string[] {
	return [...new Set(['UTC', current, ...known])].sort((a, b) =>
		a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)
	);
}
