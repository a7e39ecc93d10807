/**
 * The price of checking every update before it touches a room (issue 9): on a ~1 MB board, the
 * structural check of a small update (`checkUpdate`) beside what Yjs itself spends applying it,
 * and the scratch copy a REST write runs on first. Target: check p50 ≤ 0.2 ms per small update.
 * Run: `npx tsx test/bench/update-check.ts` (part of `pnpm bench`).
 */
import { addRisk, BOARD_ROOTS, initBoard, setRiskText, updateRisk } from '@riskboard/model';
import * as Y from 'yjs';
import { checkUpdate } from '../../apps/server/src/sync/update-check.ts';
import { percentile } from './stats.ts';

const room = new Y.Doc();
initBoard(room, { title: 'Bench' });
const ids: string[] = [];
for (let i = 0; i < 1000; i++) {
	const { id } = addRisk(room, {
		title: `Risk ${i}: supplier delay on the critical path`,
		likelihood: 3,
		impact: 4
	});
	setRiskText(room, {
		riskId: id,
		field: 'description',
		value: `Cause → event → effect ${i} `.repeat(30)
	});
	ids.push(id);
}
const boardBytes = Y.encodeStateAsUpdate(room).length;

// A peer makes small edits; each is one update, checked then applied by the "room".
const peer = new Y.Doc();
Y.applyUpdate(peer, Y.encodeStateAsUpdate(room));
const updates: Uint8Array[] = [];
peer.on('update', (u: Uint8Array) => updates.push(u));
for (let i = 0; i < 3000; i++) {
	const id = ids[(i * 7919) % ids.length]!;
	if (i % 3 === 0) updateRisk(peer, id, { likelihood: 1 + (i % 5) });
	else {
		const text = peer.getMap('risks').get(id) as Y.Map<unknown>;
		(text.get('description') as Y.Text).insert(i % 50, 'x');
	}
}

const check: number[] = [];
const apply: number[] = [];
for (const update of updates) {
	let t = performance.now();
	checkUpdate(room, update, BOARD_ROOTS);
	check.push(performance.now() - t);
	t = performance.now();
	Y.applyUpdate(room, update);
	apply.push(performance.now() - t);
}

const scratch: number[] = [];
for (let i = 0; i < 15; i++) {
	const t = performance.now();
	const copy = new Y.Doc({ gc: room.gc });
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(room));
	copy.destroy();
	scratch.push(performance.now() - t);
}

const sorted = (v: number[]) => [...v].sort((a, b) => a - b);
const row = (name: string, v: number[]) =>
	`| ${name} | ${percentile(sorted(v), 50).toFixed(3)} | ${percentile(sorted(v), 95).toFixed(3)} | ${percentile(sorted(v), 99).toFixed(3)} |`;
console.log(
	`\n## Update check on a ${(boardBytes / 1e6).toFixed(2)} MB board (${updates.length} small updates)\n`
);
console.log('| step | p50 ms | p95 ms | p99 ms |');
console.log('|---|---:|---:|---:|');
console.log(row('checkUpdate (structural check)', check));
console.log(row('Y.applyUpdate (Yjs alone, the peer)', apply));
console.log(
	row('first REST write of a room: its scratch copy (encode + apply the board)', scratch)
);
console.log(
	'\nLater REST writes reuse the scratch copy; it is kept in step by applying each update once more (the Yjs row again).'
);
console.log(
	`\ncheck p50 ${percentile(sorted(check), 50).toFixed(3)} ms (target ≤ 0.2), ` +
		`${(percentile(sorted(check), 50) / percentile(sorted(apply), 50)).toFixed(2)}× Yjs's own apply`
);
