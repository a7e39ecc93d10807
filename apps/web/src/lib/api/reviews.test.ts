import { describe, expect, it } from 'vitest';
import { ApiError } from './boards.ts';
import { reviewsClient } from './reviews.ts';

function fakeFetch(respond: (url: string, init: RequestInit) => Response) {
	const calls: Array<{ url: string; init: RequestInit }> = [];
	const fn = (async (url: string, init: RequestInit = {}) => {
		calls.push({ url, init });
		return respond(url, init);
	}) as unknown as typeof fetch;
	return { fn, calls };
}

const json = (body: unknown, status = 200) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('reviewsClient', () => {
	it('sends the token in a header and encodes ids in paths', async () => {
		const cast = { voterId: 'p1', voter: 'Ana', likelihood: 2, impact: 3 };
		const fake = fakeFetch(() => json({ vote: cast }));
		const client = reviewsClient('b 1', 'tok', fake.fn);
		const input = { personId: 'p1', tab: 't1', likelihood: 2, impact: 3 };
		const vote = await client.vote('r/1', 'x?y', input);
		expect(vote).toEqual(cast);
		const [call] = fake.calls;
		expect(call?.url).toBe('/api/boards/b%201/reviews/r%2F1/rounds/x%3Fy/vote');
		expect(call?.init.method).toBe('PUT');
		expect(new Headers(call?.init.headers).get('authorization')).toBe('Bearer tok');
		expect(call?.url).not.toContain('tok');
	});

	it('reads "no review has ended" as null and other refusals as errors', async () => {
		const none = fakeFetch(() =>
			json({ error: { code: 'no_ended_review', message: 'No review has ended.' } }, 404)
		);
		expect(await reviewsClient('b', 't', none.fn).sinceLastReview()).toBeNull();
		const denied = fakeFetch(() =>
			json({ error: { code: 'invalid_token', message: 'This link is not valid.' } }, 401)
		);
		await expect(reviewsClient('b', 't', denied.fn).sinceLastReview()).rejects.toBeInstanceOf(
			ApiError
		);
	});

	it('returns the round id of a new round and the list of rounds', async () => {
		const fake = fakeFetch((url, init) =>
			init.method === 'POST' ? json({ roundId: 'r9' }, 201) : json({ rounds: [] })
		);
		const client = reviewsClient('b', 't', fake.fn);
		expect(await client.openRound('rev', 'risk')).toBe('r9');
		expect(JSON.parse(String(fake.calls[0]?.init.body))).toEqual({ riskId: 'risk' });
		expect(await client.rounds('rev')).toEqual([]);
		expect(fake.calls[1]?.url).toBe('/api/boards/b/reviews/rev/rounds');
	});
});
