/**
 * The benchmark's realistic board: people, `risks` risks (each with an owner, scores, a
 * description and one or two actions), five RACI matrices and one finished review with
 * decisions, written through the model's typed edits in transactions of 100 risks, as a client
 * importing a register would. The edit phase then runs on top of it, so per-edit costs that grow
 * with the board show up (the empty board hides them).
 *
 * Adding a risk through the model is O(board) (new order keys and key numbers scan the board), so
 * a 10,000-risk board takes minutes to write. `benchBoardSeed` therefore writes it once on a
 * template board and keeps the transactions' updates (cached on disk per size and model source):
 * they only ever write new entries into root maps, so they apply to any freshly created board,
 * each as one message of about 100 KB.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import {
	addAction,
	addMatrix,
	addPerson,
	addRaciColumn,
	addRaciRow,
	addRisk,
	endReview,
	recordDecision,
	RISK_STATUSES,
	setRaciCell,
	initBoard,
	startReview
} from '@riskboard/model';

const SUBJECTS = ['Vendor API', 'Data migration', 'Security review', 'Release train', 'Payments'];
const PROBLEMS = ['slips', 'is under-staffed', 'fails audit', 'is not ready', 'blocks launch'];
const TRANSACTION_RISKS = 100;

/** Adds the realistic content to an initialised board; yields between transactions. */
export async function seedBenchBoard(doc: Y.Doc, risks: number): Promise<void> {
	const people: string[] = [];
	doc.transact(() => {
		for (let p = 0; p < 12; p++) people.push(addPerson(doc, { name: `Person ${p + 1}` }));
	});
	const riskIds: string[] = [];
	for (let done = 0; done < risks; done += TRANSACTION_RISKS) {
		doc.transact(() => {
			for (let i = done; i < Math.min(risks, done + TRANSACTION_RISKS); i++) {
				const { id } = addRisk(doc, {
					title: `${SUBJECTS[i % SUBJECTS.length]} ${PROBLEMS[i % PROBLEMS.length]} (${i + 1})`,
					description: `Cause: a dependency slips. Event: the date moves. Effect: launch ${i} waits.`,
					likelihood: (i % 5) + 1,
					impact: ((i * 3) % 5) + 1,
					status: RISK_STATUSES[i % 4]!,
					ownerId: people[i % people.length],
					dueDate: `2030-${String(1 + (i % 12)).padStart(2, '0')}-15`
				});
				riskIds.push(id);
				addAction(doc, { riskId: id, text: `Mitigation step for risk ${i + 1}` });
				if (i % 3 === 0) addAction(doc, { riskId: id, text: `Fallback plan ${i + 1}` });
			}
		});
		await new Promise((resolve) => setImmediate(resolve));
	}
	doc.transact(() => {
		for (let m = 0; m < 5; m++) {
			const matrixId = addMatrix(doc, { name: `Workstream ${m + 1}` });
			const columns = people
				.slice(0, 6)
				.map((personId) => addRaciColumn(doc, { matrixId, personId }));
			for (let r = 0; r < 10; r++) {
				const rowId = addRaciRow(doc, {
					matrixId,
					text: `Activity ${r + 1} of workstream ${m + 1}`
				});
				setRaciCell(doc, { matrixId, rowId, colId: columns[r % 6]!, letters: ['A'] });
				setRaciCell(doc, { matrixId, rowId, colId: columns[(r + 1) % 6]!, letters: ['R'] });
			}
		}
	});
	const agenda = riskIds.slice(0, Math.min(20, riskIds.length));
	const reviewId = startReview(doc, {
		facilitator: { name: 'Person 1', personId: people[0] },
		baselineSnapshotId: 'bench-baseline',
		agenda
	});
	for (const riskId of agenda) {
		recordDecision(doc, { reviewId, riskId, decision: 'keep', by: 'Person 1' });
	}
	endReview(doc, { reviewId, finalSnapshotId: 'bench-final' });
}

const CACHE_DIR = fileURLToPath(
	new URL('../../node_modules/.cache/riskboard-bench/', import.meta.url)
);
const MODEL_SRC = fileURLToPath(new URL('../../packages/model/src/', import.meta.url));

/** Bump when `seedBenchBoard` writes a different board. */
const SEED_LAYOUT = 'realistic-1';

/** A digest of the model's sources and the layout: a cached seed is reused only while both hold. */
function seedVersion(): string {
	const hash = createHash('sha256');
	hash.update(SEED_LAYOUT);
	const files = readdirSync(MODEL_SRC)
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
		.sort();
	for (const file of files) hash.update(readFileSync(join(MODEL_SRC, file)));
	return hash.digest('hex').slice(0, 16);
}

/** The realistic board of `risks` risks as a list of updates to apply to a fresh board, in order. */
export async function benchBoardSeed(risks: number): Promise<Uint8Array[]> {
	const file = join(CACHE_DIR, `board-${risks}-${seedVersion()}.bin`);
	if (existsSync(file) && statSync(file).size > 0) return decodeList(readFileSync(file));
	// The template's own client wrote the initial board; the seed is written by another client,
	// so its clocks start at 0 and need nothing of the template.
	const template = new Y.Doc();
	initBoard(template, { title: 'Template' });
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(template));
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	await seedBenchBoard(doc, risks);
	mkdirSync(CACHE_DIR, { recursive: true });
	writeFileSync(file, encodeList(updates));
	return updates;
}

function encodeList(list: Uint8Array[]): Buffer {
	const parts: Buffer[] = [];
	for (const item of list) {
		const length = Buffer.alloc(4);
		length.writeUInt32LE(item.length);
		parts.push(length, Buffer.from(item));
	}
	return Buffer.concat(parts);
}

function decodeList(bytes: Buffer): Uint8Array[] {
	const list: Uint8Array[] = [];
	for (let at = 0; at < bytes.length;) {
		const length = bytes.readUInt32LE(at);
		list.push(new Uint8Array(bytes.subarray(at + 4, at + 4 + length)));
		at += 4 + length;
	}
	return list;
}
