import { describe, expect, it } from 'vitest';
import { asciiSlug, contentDisposition, exportFileName, isExportFormat } from './files.ts';

describe('export file names', () => {
	it('builds ASCII and Unicode names from board, subject, snapshot and date', () => {
		const name = exportFileName({
			board: 'Café launch',
			subject: 'Go-live: [phase 1]',
			snapshot: 'Agreed "v1" 日本',
			date: '2025-01-15',
			format: 'xlsx'
		});
		expect(name).toEqual({
			ascii: 'cafe-launch-go-live-phase-1-agreed-v1-2025-01-15.xlsx',
			unicode: 'café-launch-go-live-phase-1-agreed-v1-日本-2025-01-15.xlsx'
		});
		expect(contentDisposition(name)).toBe(
			'attachment; filename="cafe-launch-go-live-phase-1-agreed-v1-2025-01-15.xlsx"; ' +
				"filename*=UTF-8''caf%C3%A9-launch-go-live-phase-1-agreed-v1-%E6%97%A5%E6%9C%AC-2025-01-15.xlsx"
		);
	});

	it('never leaves a part empty or unsafe', () => {
		expect(asciiSlug('日本', 'board')).toBe('board');
		expect(asciiSlug('../../etc/passwd', 'x')).toBe('etc-passwd');
		expect(asciiSlug('a'.repeat(100), 'x')).toHaveLength(60);
		const name = exportFileName({
			board: '"\r\n;',
			subject: 'register',
			date: '2025-01-15',
			format: 'csv'
		});
		expect(name.ascii).toBe('board-register-2025-01-15.csv');
		expect(isExportFormat('csv')).toBe(true);
		expect(isExportFormat('exe')).toBe(false);
		expect(isExportFormat('toString')).toBe(false);
	});
});
