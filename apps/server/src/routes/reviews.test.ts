import {
	addPerson,
	addRisk,
	recordDecision,
	updateRisk,
	type ChangesSince,
	type Minutes,
	type Review
} from '@riskboard/model';
import type { SnapshotMeta } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import { testApp } from './test-app.ts';

const errorCode = async (response: Response) =>
	((await response.json()) as { error: { code: string } }).error.code;

async function withRisks(options: { graceMs?: number } = {}) {
	const t = await testApp(options);
	const ids = await t.edit((doc) => ({
		low: addRisk(doc, { title: 'Low', likelihood: 1, impact: 2 }).id,
		high: addRisk(doc, { title: 'High', likelihood: 4, impact: 5 }).id,
		bo: addPerson(doc, { name: 'Bo' }),
		cy: addPerson(doc, { name: 'Cy' })
	}));
	return { ...t, ...ids };
}

describe('review routes', () => {
	it('starts a review with a baseline and agenda, ends it, and serves minutes and changes since', async () => {
		const { app, board, post, as, store, rooms, edit, low, high } = await withRisks();
		const base = `/api/boards/${board.id}`;
		const facilitator = { facilitator: { name: 'Ada', clientId: 7 }, mode: 'open' };
		expect((await app.request(`${base}/reviews`, post('viewer', facilitator))).status).toBe(403);
		const bad = await app.request(`${base}/reviews`, post('editor', { facilitator: {} }));
		expect(bad.status).toBe(400);
		expect((await app.request(`${base}/since-last-review`, as('viewer'))).status).toBe(404);

		const started = await app.request(`${base}/reviews`, post('editor', facilitator));
		expect(started.status).toBe(201);
		const { review, baseline } = (await started.json()) as {
			review: Review;
			baseline: SnapshotMeta;
		};
		expect(review).toMatchObject({ status: 'running', baselineSnapshotId: baseline.id });
		expect(review.facilitator).toMatchObject({ name: 'Ada', clientId: 7 });
		expect(review.agenda.map((item) => item.riskId)).toEqual([high, low]);
		expect(baseline).toMatchObject({ author: 'Ada', scope: 'board', role: 'editor' });
		const tokens = await store.listUpdates(board.id);
		expect(tokens.at(-1)).toMatchObject({ role: 'system', connectionId: 'rest' });
		const again = await app.request(`${base}/reviews`, post('owner', facilitator));
		// The model refuses a second running review: 422 with its message.
		expect(again.status).toBe(422);
		expect(await errorCode(again)).toBe('rule_refused');

		await edit((doc) => {
			updateRisk(doc, high, { likelihood: 2 });
			recordDecision(doc, { riskId: high, decision: 're-score', by: 'Ada' });
		});
		const draft = (await (
			await app.request(`${base}/reviews/${review.id}/minutes`, as('viewer'))
		).json()) as Minutes;
		expect(draft).toMatchObject({ status: 'running', endedAt: null });

		const ended = await app.request(
			`${base}/reviews/${review.id}/end`,
			post('editor', { by: 'Bo' })
		);
		expect(ended.status).toBe(200);
		const end = (await ended.json()) as { review: Review; final: SnapshotMeta };
		expect(end.review).toMatchObject({
			status: 'ended',
			endedBy: 'Bo',
			finalSnapshotId: end.final.id
		});
		const twice = await app.request(`${base}/reviews/${review.id}/end`, post('editor', {}));
		expect(twice.status).toBe(409);

		const minutes = (await (
			await app.request(`${base}/reviews/${review.id}/minutes`, as('viewer'))
		).json()) as Minutes;
		expect(minutes).toMatchObject({ status: 'ended', finalSnapshotId: end.final.id });
		expect(minutes.items.find((item) => item.riskId === high)?.decision).toMatchObject({
			decision: 're-score',
			by: 'Ada'
		});
		expect(minutes.scoreChanges.map((change) => change.riskId)).toEqual([high]);

		const md = await app.request(`${base}/reviews/${review.id}/minutes.md`, as('viewer'));
		expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
		expect(md.headers.get('content-disposition')).toMatch(
			/^attachment; filename="cafe-launch-minutes-/
		);
		expect(await md.text()).toContain('High');

		const listed = (await (await app.request(`${base}/reviews`, as('viewer'))).json()) as {
			reviews: Review[];
		};
		expect(listed.reviews.map((r) => [r.id, r.status])).toEqual([[review.id, 'ended']]);

		const none = (await (
			await app.request(`${base}/since-last-review`, as('viewer'))
		).json()) as ChangesSince;
		expect(none.summary.total).toBe(0);
		await edit((doc) => updateRisk(doc, low, { impact: 5 }));
		const since = (await (
			await app.request(`${base}/since-last-review`, as('viewer'))
		).json()) as ChangesSince;
		expect(since.review.id).toBe(review.id);
		expect(since.diff.risks.changed.map((risk) => risk.id)).toEqual([low]);
		expect(rooms.size).toBeLessThanOrEqual(1);
	});

	it('runs a silent round: values stay private until the reveal', async () => {
		// Rounds live as long as the room: keep it loaded between requests (nobody is connected).
		const { app, board, post, as, high, bo, cy } = await withRisks({ graceMs: 60_000 });
		const base = `/api/boards/${board.id}`;
		const started = await app.request(
			`${base}/reviews`,
			post('editor', { facilitator: { name: 'Ada' }, mode: 'open' })
		);
		const { review } = (await started.json()) as { review: Review };
		const rounds = `${base}/reviews/${review.id}/rounds`;
		expect((await app.request(rounds, post('viewer', { riskId: high }))).status).toBe(403);
		expect((await app.request(rounds, post('editor', { riskId: 'nope' }))).status).toBe(404);
		const opened = await app.request(rounds, post('editor', { riskId: high }));
		expect(opened.status).toBe(201);
		const { roundId } = (await opened.json()) as { roundId: string };
		const put = (role: 'owner' | 'editor' | 'viewer', body: unknown) =>
			app.request(`${rounds}/${roundId}/vote`, { ...post(role, body), method: 'PUT' });

		const mine = await put('viewer', { personId: cy, tab: 'tab-1', likelihood: 5, impact: 4 });
		expect(await mine.json()).toEqual({
			vote: { voterId: cy, voter: 'Cy', likelihood: 5, impact: 4 }
		});
		// The same link and tab may change its vote; another link or tab voting as Cy may not.
		expect(
			(await put('viewer', { personId: cy, tab: 'tab-1', likelihood: 5, impact: 4 })).status
		).toBe(200);
		const taken = await put('editor', { personId: cy, tab: 'tab-1', likelihood: 1, impact: 1 });
		expect([taken.status, await errorCode(taken)]).toEqual([409, 'voter_taken']);
		expect(
			(await put('viewer', { personId: cy, tab: 'tab-2', likelihood: 1, impact: 1 })).status
		).toBe(409);
		// Only people on the board vote: a name alone (no personId; `voter` is no field) or an
		// unknown id is refused.
		const nameOnly = await put('viewer', { voter: 'Dee', likelihood: 1, impact: 1 });
		expect([nameOnly.status, await errorCode(nameOnly)]).toEqual([400, 'invalid_request']);
		expect((await put('viewer', { personId: 'nobody', likelihood: 1, impact: 1 })).status).toBe(
			403
		);
		expect((await put('editor', { personId: bo, likelihood: 6, impact: 1 })).status).toBe(400);
		expect(
			(await put('editor', { personId: bo, tab: 'a b', likelihood: 1, impact: 1 })).status
		).toBe(400);
		await put('editor', { personId: bo, likelihood: 2, impact: 2 });
		const open = await app.request(`${rounds}/${roundId}`, as('owner'));
		expect(await open.json()).toMatchObject({
			status: 'open',
			count: 2,
			voters: ['Bo', 'Cy'],
			voterIds: [bo, cy].sort()
		});
		// The list (what a page that joins late fetches) holds no values either.
		const listed = await (await app.request(rounds, as('viewer'))).text();
		expect(JSON.parse(listed)).toMatchObject({
			rounds: [{ id: roundId, riskId: high, status: 'open', count: 2, voters: ['Bo', 'Cy'] }]
		});
		expect(listed).not.toMatch(/likelihood|impact|tally/);
		expect((await app.request(`${rounds}/${roundId}/reveal`, post('viewer', {}))).status).toBe(403);

		const revealed = await app.request(`${rounds}/${roundId}/reveal`, post('editor', {}));
		const view = (await revealed.json()) as { status: string; tally: { votes: unknown[] } };
		expect(view.status).toBe('revealed');
		expect(view.tally.votes).toEqual([
			{ voterId: bo, voter: 'Bo', likelihood: 2, impact: 2 },
			{ voterId: cy, voter: 'Cy', likelihood: 5, impact: 4 }
		]);
		const late = await put('viewer', { personId: cy, tab: 'tab-1', likelihood: 1, impact: 1 });
		expect([late.status, await errorCode(late)]).toEqual([409, 'round_revealed']);
		const after = (await (await app.request(rounds, as('viewer'))).json()) as {
			rounds: Array<{ status: string; tally: { count: number } }>;
		};
		expect(after.rounds.map((round) => [round.status, round.tally.count])).toEqual([
			['revealed', 2]
		]);
	});
});
