/**
 * The contract, route by route, through `app.request`: every documented route is called with a
 * valid request and its answer must be one of its documented statuses and fit that status's
 * response schema; every route with a JSON body is sent malformed JSON, a wrong type, an unknown
 * field, a wrong content type and an oversize body, and must answer the documented 4xx (never a
 * 5xx). A route documented without an example here fails the suite.
 */
import { addMatrix, addPerson, addRisk } from '@riskboard/model';
import type { CreateBoardResponse } from '@riskboard/protocol';
import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import { testApp } from '../routes/test-app.ts';

type Role = keyof CreateBoardResponse['tokens'];

/** What the examples share: ids made by the setup and by earlier answers. */
interface Ctx {
	board: string;
	riskId: string;
	personId: string;
	matrixId: string;
	snapshotId: string;
	reviewId: string;
	roundId: string;
	linkId: string;
	newRiskId: string;
	actionId: string;
	person2: string;
	categoryId: string;
	m2: string;
	rowId: string;
	colId: string;
	importId: string;
}

interface Example {
	role?: Role | null;
	path: string;
	query?: string;
	body?: unknown;
	/** A body that is not JSON (an uploaded file), sent as is with its content type. */
	raw?: { body: string; type: string };
	/** Keeps an id from the answer for the examples after it. */
	keep?: (answer: Record<string, unknown>, ctx: Ctx) => void;
}

/**
 * One valid request per documented route, in the order they run (later ones use ids earlier
 * answers made). Keyed by the document's `METHOD path`.
 */
const EXAMPLES: Array<[string, (ctx: Ctx) => Example]> = [
	['post /api/boards', () => ({ role: null, path: '/api/boards', body: { title: 'Another' } })],
	['get /api/boards/{id}', (x) => ({ path: `/api/boards/${x.board}` })],
	['get /api/boards/{id}/links', (x) => ({ path: `/api/boards/${x.board}/links` })],
	[
		'post /api/boards/{id}/links',
		(x) => ({
			path: `/api/boards/${x.board}/links`,
			body: { role: 'viewer', label: 'CI job' },
			keep: (a, c) => (c.linkId = String(a.id))
		})
	],
	[
		'post /api/boards/{id}/links/{link}/rotate',
		(x) => ({
			path: `/api/boards/${x.board}/links/${x.linkId}/rotate`,
			keep: (a, c) => (c.linkId = String(a.id))
		})
	],
	[
		'delete /api/boards/{id}/links/{link}',
		(x) => ({ path: `/api/boards/${x.board}/links/${x.linkId}` })
	],
	[
		'get /api/boards/{id}/risks',
		(x) => ({
			role: 'viewer',
			path: `/api/boards/${x.board}/risks`,
			query: 'status=Open&sort=-score&limit=1'
		})
	],
	[
		'get /api/boards/{id}/risks/{risk}',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/risks/R-1` })
	],
	[
		'post /api/boards/{id}/risks',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/risks`,
			body: { title: 'From CI', likelihood: 2, impact: 3, tags: ['release'], author: 'CI job' },
			keep: (a, c) => (c.newRiskId = String(a.id))
		})
	],
	[
		'patch /api/boards/{id}/risks/{risk}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/risks/${x.riskId}`,
			body: { description: 'Replaced', ownerId: x.personId }
		})
	],
	[
		'post /api/boards/{id}/risks/{risk}/close',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/risks/${x.newRiskId}/close`,
			body: { reason: 'Shipped' }
		})
	],
	[
		'get /api/boards/{id}/actions',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/actions` })
	],
	[
		'post /api/boards/{id}/actions',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/actions`,
			body: { riskId: x.riskId, text: 'Call the vendor', progress: 10 },
			keep: (a, c) => (c.actionId = String(a.id))
		})
	],
	[
		'patch /api/boards/{id}/actions/{action}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/actions/${x.actionId}`,
			body: { status: 'In progress' }
		})
	],
	[
		'put /api/boards/{id}/actions/{action}/risks/{risk}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/actions/${x.actionId}/risks/${x.newRiskId}`
		})
	],
	[
		'delete /api/boards/{id}/actions/{action}/risks/{risk}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/actions/${x.actionId}/risks/${x.newRiskId}`
		})
	],
	[
		'delete /api/boards/{id}/actions/{action}',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/actions/${x.actionId}` })
	],
	[
		'delete /api/boards/{id}/risks/{risk}',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/risks/${x.newRiskId}` })
	],
	[
		'get /api/boards/{id}/people',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/people` })
	],
	[
		'post /api/boards/{id}/people',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/people`,
			body: { name: 'Bo', team: 'QA' },
			keep: (a, c) => (c.person2 = String(a.id))
		})
	],
	[
		'patch /api/boards/{id}/people/{person}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/people/${x.person2}`,
			body: { roleTitle: 'Lead' }
		})
	],
	[
		'delete /api/boards/{id}/people/{person}',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/people/${x.person2}` })
	],
	[
		'get /api/boards/{id}/categories',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/categories` })
	],
	[
		'post /api/boards/{id}/categories',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/categories`,
			body: { name: 'Legal' },
			keep: (a, c) => (c.categoryId = String(a.id))
		})
	],
	[
		'patch /api/boards/{id}/categories/{category}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/categories/${x.categoryId}`,
			body: { name: 'Legal and privacy' }
		})
	],
	[
		'delete /api/boards/{id}/categories/{category}',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/categories/${x.categoryId}` })
	],
	[
		'get /api/boards/{id}/settings',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/settings` })
	],
	[
		'patch /api/boards/{id}/settings',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/settings`,
			body: { raciMaxAccountable: 4 }
		})
	],
	[
		'post /api/boards/{id}/matrices',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/matrices`,
			body: { name: 'Release RACI', preset: 'RASCI' },
			keep: (a, c) => (c.m2 = String((a.matrix as { id: string }).id))
		})
	],
	[
		'post /api/boards/{id}/matrices/{matrix}/rows',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/matrices/${x.m2}/rows`,
			body: { text: 'Sign off the release' },
			keep: (a, c) => (c.rowId = String((a.matrix as { rows: Array<{ id: string }> }).rows[0]!.id))
		})
	],
	[
		'post /api/boards/{id}/matrices/{matrix}/columns',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/matrices/${x.m2}/columns`,
			body: { personId: x.personId },
			keep: (a, c) =>
				(c.colId = String((a.matrix as { columns: Array<{ id: string }> }).columns[0]!.id))
		})
	],
	[
		'put /api/boards/{id}/matrices/{matrix}/cells/{row}/{column}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/matrices/${x.m2}/cells/${x.rowId}/${x.colId}`,
			body: { letters: ['A', 'R'] }
		})
	],
	[
		'patch /api/boards/{id}/matrices/{matrix}/rows/{row}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/matrices/${x.m2}/rows/${x.rowId}`,
			body: { text: 'Sign off release 4.2' }
		})
	],
	[
		'patch /api/boards/{id}/matrices/{matrix}/columns/{column}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/matrices/${x.m2}/columns/${x.colId}`,
			body: { after: null }
		})
	],
	[
		'get /api/boards/{id}/matrices',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/matrices` })
	],
	[
		'get /api/boards/{id}/matrices/{matrix}',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/matrices/${x.m2}` })
	],
	[
		'delete /api/boards/{id}/matrices/{matrix}/columns/{column}',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/matrices/${x.m2}/columns/${x.colId}` })
	],
	[
		'delete /api/boards/{id}/matrices/{matrix}/rows/{row}',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/matrices/${x.m2}/rows/${x.rowId}` })
	],
	[
		'patch /api/boards/{id}/matrices/{matrix}',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/matrices/${x.m2}`,
			body: { name: 'Release 4.2 RACI' }
		})
	],
	[
		'delete /api/boards/{id}/matrices/{matrix}',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/matrices/${x.m2}` })
	],
	[
		'post /api/boards/{id}/snapshots',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/snapshots`,
			body: { name: 'Baseline', author: 'Ada' },
			keep: (a, c) => (c.snapshotId = String(a.id))
		})
	],
	[
		'get /api/boards/{id}/snapshots',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/snapshots` })
	],
	[
		'get /api/boards/{id}/snapshots/{sid}',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/snapshots/${x.snapshotId}` })
	],
	[
		'get /api/boards/{id}/diff',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/diff`, query: `from=${x.snapshotId}` })
	],
	[
		'get /api/boards/{id}/export/{file}',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/export/register.csv` })
	],
	[
		'get /api/boards/{id}/export/raci/{file}',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/export/raci/${x.matrixId}.md` })
	],
	[
		'get /api/boards/{id}/risks/{riskId}/history',
		(x) => ({
			role: 'viewer',
			path: `/api/boards/${x.board}/risks/${x.riskId}/history`,
			query: 'limit=5'
		})
	],
	[
		'post /api/boards/{id}/reviews',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/reviews`,
			body: { facilitator: { name: 'Ada', personId: x.personId }, mode: 'open' },
			keep: (a, c) => (c.reviewId = String((a.review as { id: string }).id))
		})
	],
	[
		'get /api/boards/{id}/reviews',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/reviews` })
	],
	[
		'post /api/boards/{id}/reviews/{rid}/rounds',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/reviews/${x.reviewId}/rounds`,
			body: { riskId: x.riskId },
			keep: (a, c) => (c.roundId = String(a.roundId))
		})
	],
	[
		'put /api/boards/{id}/reviews/{rid}/rounds/{roundId}/vote',
		(x) => ({
			role: 'viewer',
			path: `/api/boards/${x.board}/reviews/${x.reviewId}/rounds/${x.roundId}/vote`,
			body: { personId: x.personId, likelihood: 3, impact: 4, tab: 'tab-1' }
		})
	],
	[
		'get /api/boards/{id}/reviews/{rid}/rounds',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/reviews/${x.reviewId}/rounds` })
	],
	[
		'get /api/boards/{id}/reviews/{rid}/rounds/{roundId}',
		(x) => ({
			role: 'viewer',
			path: `/api/boards/${x.board}/reviews/${x.reviewId}/rounds/${x.roundId}`
		})
	],
	[
		'post /api/boards/{id}/reviews/{rid}/rounds/{roundId}/reveal',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/reviews/${x.reviewId}/rounds/${x.roundId}/reveal`
		})
	],
	[
		'get /api/boards/{id}/reviews/{rid}/minutes',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/reviews/${x.reviewId}/minutes` })
	],
	[
		'get /api/boards/{id}/reviews/{rid}/minutes.md',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/reviews/${x.reviewId}/minutes.md` })
	],
	[
		'post /api/boards/{id}/reviews/{rid}/end',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/reviews/${x.reviewId}/end`, body: {} })
	],
	[
		'get /api/boards/{id}/since-last-review',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/since-last-review` })
	],
	[
		'post /api/boards/{id}/imports',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/imports`,
			query: 'filename=register.csv',
			raw: { body: 'Title,Likelihood,Impact\nVendor late,3,4\n', type: 'text/csv' },
			keep: (a, c) => (c.importId = String(a.id))
		})
	],
	[
		'get /api/boards/{id}/imports/{importId}',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/imports/${x.importId}` })
	],
	[
		'post /api/boards/{id}/imports/{importId}/preview',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/imports/${x.importId}/preview`,
			body: { headerRow: 1 }
		})
	],
	[
		'post /api/boards/{id}/imports/{importId}/commit',
		(x) => ({
			role: 'editor',
			path: `/api/boards/${x.board}/imports/${x.importId}/commit`,
			body: { mapping: { '0': 'title', '1': 'likelihood', '2': 'impact' } }
		})
	],
	[
		'post /api/boards/{id}/imports/{importId}/undo',
		(x) => ({ role: 'editor', path: `/api/boards/${x.board}/imports/${x.importId}/undo` })
	],
	[
		'get /api/boards/{id}/imports',
		(x) => ({ role: 'viewer', path: `/api/boards/${x.board}/imports` })
	],
	[
		'delete /api/boards/{id}/snapshots/{sid}',
		(x) => ({ path: `/api/boards/${x.board}/snapshots/${x.snapshotId}` })
	],
	['post /api/csp-reports', () => ({ role: null, path: '/api/csp-reports', body: {} })]
];

interface RouteDef {
	method: string;
	path: string;
	request?: { body?: { content: Record<string, { schema: ZodType }> } };
	responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

async function setup() {
	const t = await testApp();
	const ids = await t.edit((doc) => ({
		personId: addPerson(doc, { name: 'Ada' }),
		riskId: addRisk(doc, { title: 'Vendor slips', likelihood: 3, impact: 4 }).id,
		matrixId: addMatrix(doc, { name: 'Launch RACI' })
	}));
	const routes = (t.app.openAPIRegistry.definitions as Array<{ type: string; route?: RouteDef }>)
		.filter((d) => d.type === 'route')
		.map((d) => d.route!);
	// Ids not made yet name nothing; a refused body is refused before any handler looks them up.
	const ctx: Ctx = {
		board: t.board.id,
		snapshotId: 'none',
		reviewId: 'none',
		roundId: 'none',
		linkId: 'none',
		newRiskId: 'none',
		actionId: 'none',
		person2: 'none',
		categoryId: 'none',
		m2: 'none',
		rowId: 'none',
		colId: 'none',
		importId: 'none',
		...ids
	};
	const send = (example: Example, method: string, init: { body?: string; type?: string } = {}) => {
		const role = example.role === undefined ? 'owner' : example.role;
		const headers: Record<string, string> = {};
		if (role) headers.authorization = `Bearer ${t.board.tokens[role]}`;
		if (init.type) headers['content-type'] = init.type;
		const url = example.query ? `${example.path}?${example.query}` : example.path;
		return t.app.request(url, { method: method.toUpperCase(), headers, body: init.body });
	};
	return { ...t, routes, ctx, send };
}

const key = (route: RouteDef) => `${route.method} ${route.path}`;

describe('the REST contract', () => {
	it('has an example for every documented route, and nothing else', async () => {
		const { routes } = await setup();
		expect(EXAMPLES.map(([k]) => k).sort()).toEqual(routes.map(key).sort());
	});

	it('answers every documented route with a documented status and a body that fits its schema', async () => {
		const { routes, ctx, send } = await setup();
		for (const [name, make] of EXAMPLES) {
			const route = routes.find((r) => key(r) === name)!;
			const example = make(ctx);
			const response = await send(
				example,
				route.method,
				example.raw ??
					(example.body === undefined
						? {}
						: { body: JSON.stringify(example.body), type: 'application/json' })
			);
			const documented = route.responses[String(response.status)];
			const text = await response.text();
			expect(documented, `${name} answered ${response.status}: ${text}`).toBeDefined();
			expect(response.status, `${name}: ${text}`).toBeLessThan(300);
			const schema = documented!.content?.['application/json']?.schema as ZodType | undefined;
			if (schema && typeof (schema as ZodType).safeParse === 'function' && text) {
				const parsed = schema.safeParse(JSON.parse(text));
				expect(parsed.success, `${name}: ${parsed.error?.message ?? ''}`).toBe(true);
				example.keep?.(JSON.parse(text) as Record<string, unknown>, ctx);
			} else {
				example.keep?.({}, ctx);
			}
		}
	}, 30_000);

	it('refuses malformed, mistyped, unknown, mis-typed-content and oversize bodies with documented 4xx', async () => {
		const { routes, ctx, send } = await setup();
		const withBody = routes.filter((r) => r.request?.body?.content['application/json']);
		expect(withBody.length).toBeGreaterThan(5);
		for (const route of withBody) {
			const name = key(route);
			const example = EXAMPLES.find(([k]) => k === name)![1](ctx);
			const valid = typeof example.body === 'object' && example.body !== null ? example.body : {};
			const cases: Array<[string, { body?: string; type?: string }, number]> = [
				['malformed JSON', { body: '{"title":', type: 'application/json' }, 400],
				['a JSON array', { body: '[1,2]', type: 'application/json' }, 400],
				[
					'a wrong type',
					{
						body: JSON.stringify({
							...valid,
							title: 42,
							name: 42,
							role: 7,
							riskId: 1,
							by: 5,
							facilitator: 'x',
							personId: 3
						}),
						type: 'application/json'
					},
					400
				],
				[
					'an unknown field',
					{ body: JSON.stringify({ ...valid, notAField: true }), type: 'application/json' },
					400
				],
				['text/plain', { body: 'title=x', type: 'text/plain' }, 415],
				[
					'an oversize body',
					{ body: JSON.stringify({ ...valid, pad: 'x'.repeat(70_000) }), type: 'application/json' },
					413
				]
			];
			for (const [what, init, status] of cases) {
				const response = await send(example, route.method, init);
				const body = (await response.json()) as { error?: { code: string; details?: unknown[] } };
				expect(response.status, `${name} with ${what}: ${JSON.stringify(body)}`).toBe(status);
				expect(route.responses[String(status)], `${name} documents ${status}`).toBeDefined();
				expect(body.error?.code, `${name} with ${what}`).toMatch(/^[a-z_]+$/);
				if (status === 400) {
					expect(body.error?.code).toBe('invalid_request');
					expect(body.error?.details?.length, `${name} with ${what}`).toBeGreaterThan(0);
				}
			}
		}
	});
});
