import { describe, expect, it } from 'vitest';
import { formatTimestamp, linkLabel, normaliseLinkInput, safeHttpUrl } from './format.ts';

describe('links', () => {
	it('only lets http(s) through', () => {
		expect(safeHttpUrl('https://jira.example.com/browse/PAY-1')).toBe(
			'https://jira.example.com/browse/PAY-1'
		);
		expect(safeHttpUrl('http://x.io')).toBe('http://x.io/');
		expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
		expect(safeHttpUrl('data:text/html,hi')).toBeNull();
		expect(safeHttpUrl('not a url')).toBeNull();
	});

	it('adds https to a bare host and leaves everything else alone', () => {
		expect(normaliseLinkInput('  jira.acme.io/PAY-1 ')).toBe('https://jira.acme.io/PAY-1');
		expect(normaliseLinkInput('http://a.b')).toBe('http://a.b');
		expect(normaliseLinkInput('javascript:alert(1)')).toBe('javascript:alert(1)');
		expect(normaliseLinkInput('just words')).toBe('just words');
	});

	it('shortens links for display', () => {
		expect(linkLabel('https://docs.acme.io/runbooks/cutover/')).toBe(
			'docs.acme.io/runbooks/cutover'
		);
		expect(linkLabel('https://acme.io')).toBe('acme.io');
		expect(linkLabel('ftp://x')).toBe('ftp://x');
	});
});

describe('timestamps', () => {
	it('formats absolute times and tolerates bad input', () => {
		expect(formatTimestamp('2025-03-12T14:05:00Z', 'en-GB')).toMatch(/12 Mar 2025/);
		expect(formatTimestamp('', 'en-GB')).toBe('');
		expect(formatTimestamp('nonsense', 'en-GB')).toBe('');
	});
});
