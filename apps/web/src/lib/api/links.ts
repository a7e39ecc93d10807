/**
 * REST client for a board's links (owner only): list them (never their tokens), add a labelled
 * link per role, rotate one (a new token, the old one revoked), revoke one. Answers are parsed
 * with the contract's schemas; a new token is in the answer of `create` and `rotate` only.
 */
import {
	LinkListResponseSchema,
	LinkSchema,
	LinkWithTokenSchema,
	type CreateLinkRequest,
	type Link,
	type LinkListResponse,
	type LinkWithToken
} from '@riskboard/protocol';
import { request } from './boards.ts';

export type { Link, LinkWithToken };

export interface LinksClient {
	list(): Promise<LinkListResponse>;
	create(input: CreateLinkRequest): Promise<LinkWithToken>;
	rotate(linkId: string): Promise<LinkWithToken>;
	revoke(linkId: string): Promise<Link>;
}

/** A client for one board's links with its owner token; `fetchFn` is for tests. */
export function linksClient(
	boardId: string,
	token: string,
	fetchFn: typeof fetch = (...args) => fetch(...args)
): LinksClient {
	const base = `/api/boards/${encodeURIComponent(boardId)}/links`;
	const auth = { authorization: `Bearer ${token}` };
	const link = (id: string) => `${base}/${encodeURIComponent(id)}`;
	const post = (body: unknown) => ({
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	return {
		list: () => request(base, { headers: auth }, LinkListResponseSchema, fetchFn),
		create: (input) => request(base, post(input), LinkWithTokenSchema, fetchFn),
		rotate: (id) => request(`${link(id)}/rotate`, post({}), LinkWithTokenSchema, fetchFn),
		revoke: (id) => request(link(id), { method: 'DELETE', headers: auth }, LinkSchema, fetchFn)
	};
}
