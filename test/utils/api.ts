/** A REST caller for one board of a test server, as each of its three links. */
import type { CreateBoardResponse } from '@riskboard/protocol';

/** One of a board's three links. */
export type Role = keyof CreateBoardResponse['tokens'];

/**
 * `call(role, method, path, body?)` against `/api/boards/:id{path}` of the server at `url`, with
 * that link's token; answers the status and the parsed JSON body (null when empty).
 */
export function boardApi(url: string, board: CreateBoardResponse) {
	return async (role: Role, method: string, path: string, body?: unknown) => {
		const response = await fetch(`${url}/api/boards/${board.id}${path}`, {
			method,
			headers: {
				authorization: `Bearer ${board.tokens[role]}`,
				'content-type': 'application/json'
			},
			...(body === undefined ? {} : { body: JSON.stringify(body) })
		});
		const text = await response.text();
		return { status: response.status, json: (text ? JSON.parse(text) : null) as unknown };
	};
}
