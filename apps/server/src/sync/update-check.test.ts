import { BOARD_ROOTS, initBoard } from '@riskboard/model';
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { checkUpdate, parseUpdate, UpdateRejected } from './update-check.ts';

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Check' });
	return doc;
}

/** A copy of `doc` and the update of what `change` does to it. */
function changeOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(copy);
	change(copy);
	return Y.encodeStateAsUpdate(copy, before);
}

describe('checkUpdate', () => {
	it('accepts what Yjs itself encodes, and reports which clients it advances', () => {
		const doc = board();
		const text = 'ascii, é, 漢字, 🙂 and more';
		const update = changeOf(doc, (copy) => copy.getMap('meta').set('title', text));
		const { writes } = checkUpdate(doc, update, BOARD_ROOTS);
		expect([...writes.values()]).toEqual([{ from: 0, to: 1 }]);
		const texts = changeOf(doc, (copy) => {
			const t = new Y.Text();
			copy.getMap('risks').set('r', new Y.Map([['d', t]]));
			t.insert(0, text);
		});
		const length = [...checkUpdate(doc, texts, BOARD_ROOTS).writes.values()][0]!;
		// Measured in UTF-16 code units without decoding the text: the emoji counts 2.
		expect(length.to - length.from).toBe(2 + text.length);
		Y.applyUpdate(doc, texts);
		expect(doc.store.pendingStructs).toBeNull();
	});

	it('refuses missing dependencies, unknown roots, trailing bytes and truncation', () => {
		const doc = board();
		const peer = new Y.Doc();
		Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
		const first = changeOf(peer, (copy) => copy.getMap('risks').set('a', 1));
		Y.applyUpdate(peer, first);
		const second = changeOf(peer, (copy) => copy.getMap('risks').delete('a'));
		expect(() => checkUpdate(doc, second, BOARD_ROOTS)).toThrow(UpdateRejected);
		const stray = changeOf(doc, (copy) => copy.getMap('ricks').set('a', 1));
		expect(() => checkUpdate(doc, stray, BOARD_ROOTS)).toThrow(/unknown root type "ricks"/);
		expect(() => checkUpdate(doc, Uint8Array.from([...first, 0]), BOARD_ROOTS)).toThrow(
			/trailing bytes/
		);
		expect(() => checkUpdate(doc, first.subarray(0, first.length - 3), BOARD_ROOTS)).toThrow(
			UpdateRejected
		);
		// Nothing was applied by checking.
		expect(doc.getMap('risks').size).toBe(0);
	});

	it('refuses a struct that refers to its own client’s future (Yjs would throw in findIndexSS)', () => {
		// One client (7), two structs at clocks 0 and 1; the first's origin is 7:1, ahead of it.
		const encoder = new Y.UpdateEncoderV1();
		encoding.writeVarUint(encoder.restEncoder, 1);
		encoding.writeVarUint(encoder.restEncoder, 2);
		encoder.writeClient(7);
		encoding.writeVarUint(encoder.restEncoder, 0);
		encoder.writeInfo(0x80 | 4);
		encoder.writeLeftID(Y.createID(7, 1));
		encoder.writeString('a');
		encoder.writeInfo(4);
		encoder.writeParentInfo(true);
		encoder.writeString('meta');
		encoder.writeString('b');
		encoding.writeVarUint(encoder.restEncoder, 0);
		const update = encoder.toUint8Array();
		expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow();
		expect(() => parseUpdate(update)).not.toThrow();
		expect(() => checkUpdate(new Y.Doc(), update, new Set(['meta']))).toThrow(/own future/);
	});

	it('refuses text that is not valid UTF-8', () => {
		const doc = board();
		const update = changeOf(doc, (copy) => copy.getMap('meta').set('title', 'ok'));
		const good = changeOf(doc, (copy) => {
			const t = new Y.Text();
			copy.getMap('risks').set('r', new Y.Map([['d', t]]));
			t.insert(0, 'abcd');
		});
		const index = good.indexOf(0x61);
		const bad = good.slice();
		bad[index] = 0xff;
		expect(() => checkUpdate(doc, bad, BOARD_ROOTS)).toThrow(/UTF-8/);
		expect(() => checkUpdate(doc, update, BOARD_ROOTS)).not.toThrow();
	});
});
