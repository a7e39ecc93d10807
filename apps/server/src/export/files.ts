/** File names, formats and content types of the export downloads. */

/** Export formats and what they are served as. */
export const EXPORT_FORMATS = {
	csv: 'text/csv; charset=utf-8',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	md: 'text/markdown; charset=utf-8',
	json: 'application/json; charset=utf-8'
} as const;

/** An export format (the file extension). */
export type ExportFormat = keyof typeof EXPORT_FORMATS;

/** Whether `value` names an export format. */
export function isExportFormat(value: string): value is ExportFormat {
	return Object.hasOwn(EXPORT_FORMATS, value);
}

const MAX_PART = 60;

/** An ASCII slug: accents dropped, anything else not a letter or digit becomes `-`; lower case. */
export function asciiSlug(text: string, fallback: string): string {
	const slug = text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.toLowerCase()
		.slice(0, MAX_PART)
		.replace(/-+$/, '');
	return slug || fallback;
}

/** Like `asciiSlug` but keeps letters and digits of every script (for `filename*`). */
export function unicodeSlug(text: string, fallback: string): string {
	const slug = [
		...text
			.normalize('NFC')
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '')
	]
		.slice(0, MAX_PART)
		.join('')
		.toLowerCase()
		.replace(/-+$/, '');
	return slug || fallback;
}

/**
 * `<board>-<subject>[-<snapshot>]-<YYYY-MM-DD>.<ext>` in an ASCII and a Unicode spelling. The
 * subject is `register` or the matrix name; the date is the snapshot's day, or today for live.
 */
export function exportFileName(input: {
	board: string;
	subject: string;
	snapshot?: string | null;
	date: string;
	format: ExportFormat;
}): { ascii: string; unicode: string } {
	const spell = (slug: (text: string, fallback: string) => string) =>
		[
			slug(input.board, 'board'),
			slug(input.subject, 'export'),
			...(input.snapshot ? [slug(input.snapshot, 'snapshot')] : []),
			input.date
		].join('-') + `.${input.format}`;
	return { ascii: spell(asciiSlug), unicode: spell(unicodeSlug) };
}

/** RFC 5987 `value-chars`: percent-encode everything but attr-chars. */
function rfc5987(value: string): string {
	return encodeURIComponent(value).replace(
		/['()*]/g,
		(char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`
	);
}

/**
 * `Content-Disposition: attachment` with an ASCII `filename` (safe everywhere: only letters,
 * digits, `-` and `.`) and an RFC 5987 `filename*` that browsers prefer for non-ASCII names.
 */
export function contentDisposition(name: { ascii: string; unicode: string }): string {
	return `attachment; filename="${name.ascii}"; filename*=UTF-8''${rfc5987(name.unicode)}`;
}
