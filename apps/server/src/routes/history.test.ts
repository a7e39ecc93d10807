import {
	addRisk,
	deleteRisk,
	updateRisk,
	type ChangeAuthors,
	type ChangesSince,
	type Minutes
} from '@riskboard/model';
import type { RiskHistoryResponse } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import { testApp } from './test-app.ts';

const errorCode = async (response: Response) =>
	((await response.json()) as { error: { code: string } }).error.code;

describe('risk history route', () => {
	it('lists who changed which field of a risk, newest first, for any link', async () => {
		const { app, board, as, edit } = await testApp();
		const id = await edit(
			(doc) => addRisk(doc, { title: 'Vendor slips', likelihood: 2, impact: 3 }).id,
			'Alice'
		);
		await edit((doc) => updateRisk(doc, id, { likelihood: 4 }), 'Bob');
		await edit((doc) => updateRisk(doc, id, { status: 'Watching' }), 'Alice');
		const url = `/api/boards/${board.id}/risks/${id}/history`;

		const response = await app.request(url, as('viewer'));
		expect(response.status).toBe(200);
		const { entries } = (await response.json()) as RiskHistoryResponse;
		expect(entries.map((e) => [e.by, e.field, e.before, e.after])).toEqual([
			['Alice', 'status', 'Open', 'Watching'],
			['Bob', 'likelihood', 2, 4],
			['Bob', 'score', 6, 12],
			['Bob', 'band', 'Medium', 'High'],
			['Alice', '*', null, 'Vendor slips']
		]);
		expect(entries[1]).toMatchObject({ role: 'editor', key: 'R-1', label: 'Likelihood' });
		expect(Date.parse(entries[0]!.at)).not.toBeNaN();
		expect(entries[0]!.seq).toBeGreaterThan(entries[1]!.seq);

		const limited = (await (
			await app.request(`${url}?limit=2`, as('editor'))
		).json()) as RiskHistoryResponse;
		expect(limited.entries.map((e) => e.field)).toEqual(['status', 'likelihood']);
		for (const bad of ['0', '1001', 'x', '-1']) {
			const refused = await app.request(`${url}?limit=${bad}`, as('owner'));
			expect(refused.status).toBe(400);
			expect(await errorCode(refused)).toBe('invalid_request');
		}
		expect((await app.request(url)).status).toBe(401);
	});

	it('keeps the history of a deleted risk and answers 404 only for a risk that never was', async () => {
		const { app, board, as, edit } = await testApp();
		const id = await edit((doc) => addRisk(doc, { title: 'Short-lived' }).id, 'Alice');
		const base = `/api/boards/${board.id}/risks`;
		// The first read caches the board's history; later edits are applied incrementally.
		expect((await app.request(`${base}/${id}/history`, as('viewer'))).status).toBe(200);
		await edit((doc) => deleteRisk(doc, id), 'Bob');
		const { entries } = (await (
			await app.request(`${base}/${id}/history`, as('viewer'))
		).json()) as RiskHistoryResponse;
		expect(entries.map((e) => [e.by, e.field, e.before, e.after])).toEqual([
			['Bob', '*', 'Short-lived', null],
			['Alice', '*', null, 'Short-lived']
		]);
		const missing = await app.request(`${base}/nope/history`, as('viewer'));
		expect(missing.status).toBe(404);
		expect(await errorCode(missing)).toBe('risk_not_found');
	});
});

describe('authors in minutes and since the last review', () => {
	it('names who changed what inside the review window, and after it', async () => {
		const { app, board, post, as, edit } = await testApp();
		const base = `/api/boards/${board.id}`;
		const id = await edit(
			(doc) => addRisk(doc, { title: 'Vendor', likelihood: 1, impact: 2 }).id,
			'Carol'
		);
		// Before the review: not in its minutes.
		await edit((doc) => updateRisk(doc, id, { impact: 3 }), 'Carol');

		const started = await app.request(
			`${base}/reviews`,
			post('editor', { facilitator: { name: 'Ada' }, mode: 'open' })
		);
		const { review } = (await started.json()) as { review: { id: string } };
		await edit((doc) => updateRisk(doc, id, { likelihood: 3 }), 'Bob');
		const added = await edit((doc) => addRisk(doc, { title: 'New in review' }).id, 'Bob');

		// Draft minutes of the running review: the window runs up to now.
		const draft = (await (
			await app.request(`${base}/reviews/${review.id}/minutes`, as('viewer'))
		).json()) as Minutes;
		const changeBy = (minutes: Minutes, field: string) =>
			minutes.changes.changed
				.find((risk) => risk.id === id)
				?.changes.find((change) => change.field === field)?.by;
		expect(changeBy(draft, 'likelihood')).toEqual(['Bob']);

		await app.request(`${base}/reviews/${review.id}/end`, post('editor', { by: 'Ada' }));
		// After the review: only in "since the last review".
		await edit((doc) => updateRisk(doc, id, { likelihood: 5 }), 'Dan');

		const minutes = (await (
			await app.request(`${base}/reviews/${review.id}/minutes`, as('viewer'))
		).json()) as Minutes;
		expect(changeBy(minutes, 'likelihood')).toEqual(['Bob']);
		expect(changeBy(minutes, 'score')).toEqual(['Bob']);
		expect(minutes.changes.added).toEqual([expect.objectContaining({ id: added, by: ['Bob'] })]);
		const markdown = await (
			await app.request(`${base}/reviews/${review.id}/minutes.md`, as('viewer'))
		).text();
		expect(markdown).toContain('Likelihood: 1 → 3 (by Bob)');
		expect(markdown).not.toMatch(/Carol|Dan/);

		const since = (await (
			await app.request(`${base}/since-last-review`, as('viewer'))
		).json()) as ChangesSince & { authors: ChangeAuthors };
		expect(since.diff.risks.changed[0]!.changes.map((c) => c.field)).toContain('likelihood');
		expect(since.authors).toEqual({ [id]: { likelihood: ['Dan'], score: ['Dan'], band: ['Dan'] } });
		expect(since.summary.risksChanged).toBe(1);
	});
});
