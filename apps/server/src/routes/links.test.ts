import type { Link, LinkWithToken } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import { testApp } from './test-app.ts';

const errorOf = async (response: Response) =>
	((await response.json()) as { error: { code: string; message: string } }).error;

describe('link routes', () => {
	it('lets the owner list, add, rotate and revoke links; others get 403', async () => {
		const { app, board, as, post } = await testApp();
		const base = `/api/boards/${board.id}/links`;
		for (const role of ['editor', 'viewer'] as const) {
			expect((await app.request(base, as(role))).status).toBe(403);
			expect((await app.request(base, post(role, { role: 'viewer', label: 'x' }))).status).toBe(
				403
			);
		}
		const listed = await app.request(base, as('owner'));
		expect(listed.status).toBe(200);
		const { links } = (await listed.json()) as { links: Link[] };
		expect(links.map((l) => [l.role, l.label, l.revokedAt])).toEqual([
			['owner', 'Owner', null],
			['editor', 'Editor', null],
			['viewer', 'Viewer', null]
		]);
		// The owner's own request counts as a use; no token is ever listed.
		expect(links[0]!.lastUsedAt).not.toBeNull();
		expect(JSON.stringify(links)).not.toContain(board.tokens.owner);

		const created = await app.request(base, post('owner', { role: 'editor', label: 'Vendor QA' }));
		expect(created.status).toBe(201);
		const vendor = (await created.json()) as LinkWithToken;
		expect(vendor).toMatchObject({ role: 'editor', label: 'Vendor QA', revokedAt: null });
		const info = await app.request(`/api/boards/${board.id}`, {
			headers: { authorization: `Bearer ${vendor.token}` }
		});
		expect(await info.json()).toMatchObject({ role: 'editor' });

		const rotated = await app.request(`${base}/${vendor.id}/rotate`, post('owner', {}));
		expect(rotated.status).toBe(200);
		const next = (await rotated.json()) as LinkWithToken;
		expect(next).toMatchObject({ role: 'editor', label: 'Vendor QA' });
		expect(next.id).not.toBe(vendor.id);
		const old = await app.request(`/api/boards/${board.id}`, {
			headers: { authorization: `Bearer ${vendor.token}` }
		});
		expect(old.status).toBe(401);
		expect(await errorOf(old)).toMatchObject({ code: 'token_revoked' });
		expect((await app.request(`${base}/${vendor.id}/rotate`, post('owner', {}))).status).toBe(409);

		const revoked = await app.request(`${base}/${next.id}`, as('owner', { method: 'DELETE' }));
		expect(revoked.status).toBe(200);
		expect(((await revoked.json()) as Link).revokedAt).not.toBeNull();
		expect((await app.request(`${base}/nope`, as('owner', { method: 'DELETE' }))).status).toBe(404);
	});

	it('never revokes the last owner link, saying why; rotating it works', async () => {
		const { app, board, as, post } = await testApp();
		const base = `/api/boards/${board.id}/links`;
		const { links } = (await (await app.request(base, as('owner'))).json()) as { links: Link[] };
		const owner = links.find((l) => l.role === 'owner')!;
		const refused = await app.request(`${base}/${owner.id}`, as('owner', { method: 'DELETE' }));
		expect(refused.status).toBe(409);
		expect(await errorOf(refused)).toMatchObject({ code: 'last_owner_link' });
		const rotated = await app.request(`${base}/${owner.id}/rotate`, post('owner', {}));
		expect(rotated.status).toBe(200);
		const fresh = (await rotated.json()) as LinkWithToken;
		// The old owner token is revoked now; the new one manages the links.
		expect((await app.request(base, as('owner'))).status).toBe(401);
		const again = await app.request(base, {
			headers: { authorization: `Bearer ${fresh.token}` }
		});
		expect(again.status).toBe(200);
	});

	it('refuses bad link bodies with the envelope', async () => {
		const { app, board, post } = await testApp();
		const base = `/api/boards/${board.id}/links`;
		for (const body of [{}, { role: 'admin', label: 'x' }, { role: 'viewer', label: '  ' }]) {
			const response = await app.request(base, post('owner', body));
			expect(response.status).toBe(400);
			expect((await errorOf(response)).code).toBe('invalid_request');
		}
		const unknown = await app.request(base, post('owner', { role: 'viewer', label: 'x', x: 1 }));
		expect(unknown.status).toBe(400);
		expect((await errorOf(unknown)).message).toContain('x');
	});

	it('answers a POST retried with the same Idempotency-Key once, and refuses the key reused', async () => {
		const { app, board, store } = await testApp();
		const base = `/api/boards/${board.id}/links`;
		const send = (body: unknown, key = 'retry-1') =>
			app.request(base, {
				method: 'POST',
				headers: {
					authorization: `Bearer ${board.tokens.owner}`,
					'content-type': 'application/json',
					'idempotency-key': key
				},
				body: JSON.stringify(body)
			});
		const first = await send({ role: 'viewer', label: 'CI job' });
		expect(first.status).toBe(201);
		const retry = await send({ role: 'viewer', label: 'CI job' });
		expect(retry.status).toBe(201);
		expect(retry.headers.get('idempotency-replayed')).toBe('true');
		expect(await retry.json()).toEqual(await first.json());
		expect((await store.listTokens(board.id)).filter((t) => t.label === 'CI job')).toHaveLength(1);
		const reused = await send({ role: 'viewer', label: 'Other' });
		expect(reused.status).toBe(422);
		expect((await errorOf(reused)).code).toBe('idempotency_key_reused');
		expect((await send({ role: 'viewer', label: 'Other' }, 'retry-2')).status).toBe(201);
	});
});
