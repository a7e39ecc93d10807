import { addPerson, addRisk, readBoard, type Review } from '@riskboard/model';
import {
	encodeRoundSubscribe,
	encodeSyncStep1,
	MessageType,
	readRoundEvent,
	type CreateBoardResponse,
	type RoundEvent
} from '@riskboard/protocol';
import * as decoding from 'lib0/decoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSynced, openRaw } from '../utils/clients.ts';
import { createBoard, startTestServer, type TestServer } from '../utils/server.ts';
import { waitFor } from '../utils/wait.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startTestServer();
});
afterAll(async () => {
	await server.dispose();
});

type Role = keyof CreateBoardResponse['tokens'];

/** Every object in a JSON value that carries a likelihood or an impact. */
function scored(value: unknown, out: Array<Record<string, unknown>> = []) {
	if (Array.isArray(value)) for (const item of value) scored(item, out);
	else if (typeof value === 'object' && value !== null) {
		const record = value as Record<string, unknown>;
		if ('likelihood' in record || 'impact' in record) out.push(record);
		for (const item of Object.values(record)) scored(item, out);
	}
	return out;
}

describe('silent scoring rounds against a real server', () => {
	it('keeps every vote private until the reveal, then shows all votes and the median', async () => {
		const board = await createBoard(server.url, 'Review board');
		const call = async (role: Role, method: string, path: string, body?: unknown) => {
			const response = await fetch(`${server.url}/api/boards/${board.id}${path}`, {
				method,
				headers: {
					authorization: `Bearer ${board.tokens[role]}`,
					'content-type': 'application/json'
				},
				...(body === undefined ? {} : { body: JSON.stringify(body) })
			});
			return { status: response.status, text: await response.text() };
		};
		// The facilitator's client keeps the room (and so the round) loaded, and sees the review.
		const facilitator = await connectSynced(server.wsUrl, board.id, board.tokens.editor);
		const riskId = addRisk(facilitator.doc, {
			title: 'Supplier fails',
			likelihood: 3,
			impact: 3
		}).id;
		// A participant's raw connection: everything the server sends it is recorded.
		const raw = openRaw(server.wsUrl, board.id, board.tokens.viewer);
		await raw.opened;
		raw.send(encodeSyncStep1(new Uint8Array([0])));
		raw.send(encodeRoundSubscribe());
		await waitFor(() => raw.frames.length > 0, { what: 'the participant to be greeted' });

		// Wait for the edit to be committed before reviewing it.
		await waitFor(
			async () =>
				(await call('viewer', 'GET', '/export/register.json')).text.includes('Supplier fails'),
			{ what: 'the risk to be committed' }
		);
		const started = await call('editor', 'POST', '/reviews', {
			facilitator: { name: 'Ada' },
			mode: 'open'
		});
		expect(started.status).toBe(201);
		const review = (JSON.parse(started.text) as { review: Review }).review;
		expect(review.agenda.map((item) => item.riskId)).toEqual([riskId]);
		await waitFor(() => readBoard(facilitator.doc).reviews.some((r) => r.id === review.id), {
			what: 'the review to reach the facilitator'
		});

		const rounds = `/reviews/${review.id}/rounds`;
		const opened = await call('editor', 'POST', rounds, { riskId });
		expect(opened.status).toBe(201);
		const { roundId } = JSON.parse(opened.text) as { roundId: string };

		const person = (name: string) => addPerson(facilitator.doc, { name });
		const voters: Array<{
			role: Role;
			voter: string;
			personId: string;
			likelihood: number;
			impact: number;
		}> = [
			{ role: 'editor', voter: 'Vesna Quill', likelihood: 2, impact: 4 },
			{ role: 'viewer', voter: 'Orrin Tarn', likelihood: 4, impact: 5 },
			{ role: 'owner', voter: 'Ysolde Marr', likelihood: 5, impact: 1 }
		].map((v) => ({ ...v, role: v.role as Role, personId: person(v.voter) }));
		await waitFor(
			() => {
				const room = server.rooms.get(board.id);
				return room !== undefined && readBoard(room.doc).people.length === 3;
			},
			{ what: 'the people to reach the server' }
		);
		const seen: Array<{ voter: string; text: string }> = [];
		for (const v of voters) {
			// A first guess, then the final vote: overwriting is allowed until the reveal.
			for (const likelihood of [1, v.likelihood]) {
				const put = await call(v.role, 'PUT', `${rounds}/${roundId}/vote`, {
					personId: v.personId,
					tab: 'tab-1',
					likelihood,
					impact: v.impact
				});
				expect(put.status).toBe(200);
				seen.push({ voter: v.voter, text: put.text });
			}
			for (const role of ['owner', 'editor', 'viewer'] as const) {
				const view = await call(role, 'GET', `${rounds}/${roundId}`);
				expect(view.status).toBe(200);
				seen.push({ voter: v.voter, text: view.text });
			}
		}
		const before = JSON.parse((await call('editor', 'GET', `${rounds}/${roundId}`)).text);
		expect(before).toMatchObject({ status: 'open', count: 3 });
		expect(before.voters).toEqual(['Orrin Tarn', 'Vesna Quill', 'Ysolde Marr']);
		for (const { voter, text } of seen) {
			// No response holds values, except the caller's own vote in its own answer.
			for (const record of scored(JSON.parse(text))) expect(record.voter).toBe(voter);
			for (const other of voters.filter((v) => v.voter !== voter)) {
				expect(text.includes(`"voter":"${other.voter}","likelihood"`)).toBe(false);
			}
		}
		// The participant heard of the round and each vote, but never a value; nothing about the
		// votes reached its document frames or the document.
		const events = (): RoundEvent[] =>
			raw.frames
				.filter((frame) => frame[0] === MessageType.RoundEvent)
				.map((frame) => {
					const decoder = decoding.createDecoder(frame);
					decoding.readVarUint(decoder);
					return readRoundEvent(decoder);
				});
		await waitFor(() => events().filter((e) => e.kind === 'progressed').length === 6, {
			what: 'a progress event per vote'
		});
		expect(events()[0]).toEqual({ kind: 'opened', reviewId: review.id, roundId, riskId });
		expect(events().at(-1)).toMatchObject({ kind: 'progressed', count: 3 });
		expect(scored(events())).toEqual([]);
		const received = raw.frames
			.filter((frame) => frame[0] !== MessageType.RoundEvent)
			.map((frame) => Buffer.from(frame).toString('latin1'))
			.join('');
		// The voters are people on the board (their names are in the document), but no vote is:
		// no frame or document field says who voted or how.
		for (const text of [received, JSON.stringify(facilitator.doc.toJSON())]) {
			expect(text).not.toMatch(/voter/);
		}
		expect(facilitator.doc.share.has('rounds')).toBe(false);

		expect((await call('viewer', 'POST', `${rounds}/${roundId}/reveal`)).status).toBe(403);
		const revealed = await call('editor', 'POST', `${rounds}/${roundId}/reveal`);
		expect(revealed.status).toBe(200);
		await waitFor(() => events().at(-1)?.kind === 'revealed', { what: 'the reveal event' });
		const after = JSON.parse((await call('viewer', 'GET', `${rounds}/${roundId}`)).text);
		expect(after.status).toBe('revealed');
		expect(after.tally.votes).toEqual(
			[...voters]
				.sort((a, b) => a.voter.localeCompare(b.voter))
				.map(({ personId, voter, likelihood, impact }) => ({
					voterId: personId,
					voter,
					likelihood,
					impact
				}))
		);
		expect(after.tally.likelihood.median).toBe(4);
		expect(after.tally.impact.median).toBe(4);
		expect(after.tally.suggested).toEqual({ likelihood: 4, impact: 4, score: 16 });

		raw.ws.close();
		facilitator.destroy();
	});
});
