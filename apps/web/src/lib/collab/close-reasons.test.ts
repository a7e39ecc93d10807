import { CloseCode, isTerminalCloseCode } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import { CLOSED_MESSAGES, reasonForCloseCode, reasonForHttpStatus } from './close-reasons.ts';

describe('close reasons', () => {
	it('names every terminal close code the server uses', () => {
		const terminal = Object.values(CloseCode).filter(isTerminalCloseCode);
		for (const code of terminal) expect(reasonForCloseCode(code)).not.toBe('closed');
	});

	it('uses the wording people are told about', () => {
		expect(CLOSED_MESSAGES[reasonForCloseCode(4401)].title).toBe('This link is not valid');
		expect(CLOSED_MESSAGES[reasonForCloseCode(4404)].title).toBe('Board not found');
	});

	it('tells a revoked link from an unknown one, over the socket and over REST', () => {
		expect(reasonForCloseCode(CloseCode.LinkRevoked, 'link revoked')).toBe('revoked');
		expect(reasonForCloseCode(CloseCode.Unauthorized, 'This link is not valid')).toBe(
			'unauthorized'
		);
		expect(reasonForHttpStatus(401, 'token_revoked')).toBe('revoked');
		expect(CLOSED_MESSAGES.revoked.title).toBe(
			'This link was revoked — ask the board’s owner for a new one'
		);
	});

	it('maps REST statuses and leaves server errors retryable', () => {
		expect(reasonForHttpStatus(401)).toBe('unauthorized');
		expect(reasonForHttpStatus(404)).toBe('not-found');
		expect(reasonForHttpStatus(500)).toBeNull();
	});
});
