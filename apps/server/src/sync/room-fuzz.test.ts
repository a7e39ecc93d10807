import { describe, expect, it } from 'vitest';
import { runRoomFuzz } from './room-fuzz.ts';

/**
 * Seeds of the room attack (`room-fuzz.ts`) that broke the room before updates were checked
 * structurally and client ids were bound to links (issue 9). Each replays exactly.
 */
const REGRESSIONS: Array<[number, string]> = [
	[3, 'a bit-flipped update reset the room: every bystander was closed with 4503 at step 1'],
	[8, 'bystanders diverged from the room with no reset (pending structs relayed, forged ids)'],
	[1, 'an honest peer received a relayed delete set it could not apply (Yjs writeDsLen)']
];

describe('room attack regressions', () => {
	for (const [seed, what] of REGRESSIONS) {
		it(`seed ${seed}: ${what}`, async () => {
			const result = await runRoomFuzz({ seed, steps: 40 });
			expect(result.framesSent).toBeGreaterThan(200);
			expect(result).toMatchObject({
				bystanderCloses: 0,
				loadFailures: 0,
				divergences: 0,
				firstProblem: null
			});
		}, 60_000);
	}

	it('a sweep of fresh seeds finds nothing either', async () => {
		for (let seed = 100; seed < 104; seed++) {
			const result = await runRoomFuzz({ seed, steps: 25, attackers: 6, framesPerStep: 10 });
			expect(result.firstProblem, `seed ${seed}`).toBeNull();
		}
	}, 120_000);
});
