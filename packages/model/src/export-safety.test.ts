import { describe, expect, it } from 'vitest';
import { addAction } from './actions.ts';
import { markdownCell, safeCell, startsFormula, type ExportCell } from './export-safety.ts';
import { raciMarkdown, registerMarkdown } from './export-markdown.ts';
import { registerJson } from './export-json.ts';
import {
	heatMap,
	heatMapTable,
	raciChecksTable,
	raciLegendTable,
	raciTable,
	registerTable,
	type ExportTable
} from './export-tables.ts';
import { addPerson } from './people.ts';
import { addMatrix, addRaciColumn, addRaciRow, setRaciCell } from './raci.ts';
import { readBoard } from './read.ts';
import { addRisk, setRiskText } from './risks.ts';
import { addCategory } from './settings.ts';
import { NOW, newBoard } from './test-support.ts';

/** Independent of the implementation: what any spreadsheet could read as a formula start. */
const DANGEROUS = /^[\s\u00A0\u2000-\u200B\u3000\uFEFF]*[=+\-@\t\r\0\uFF1D\uFF0B\uFF0D\uFF20]/u;

function expectSafe(cell: ExportCell): void {
	if (typeof cell === 'number') {
		expect(Number.isFinite(cell)).toBe(true);
		return;
	}
	expect(typeof cell).toBe('string');
	expect(DANGEROUS.test(cell), JSON.stringify(cell)).toBe(false);
}

/** mulberry32: a small seeded PRNG, so every failure can be replayed from its seed. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const PIECES = [
	'=',
	'+',
	'-',
	'@',
	'\t',
	'\r',
	'\n',
	'\0',
	' ',
	'\u00A0',
	'\u3000',
	'\uFEFF',
	'＝',
	'＋',
	'－',
	'＠',
	'"',
	"'",
	'|',
	',',
	';',
	'[',
	']',
	'<',
	'>',
	'\\',
	'HYPERLINK("http://evil.example","x")',
	"cmd|' /C calc'!A0",
	'SUM(A1:A9)',
	'1',
	'-1',
	'0.5',
	'R-7',
	'Ship it',
	'é',
	'日本',
	'🙂'
];

function randomText(next: () => number): string {
	const length = 1 + Math.floor(next() * 6);
	let text = '';
	for (let i = 0; i < length; i++) text += PIECES[Math.floor(next() * PIECES.length)];
	return text;
}

/** The cells of a Markdown table row, split on unescaped pipes, padding removed. */
function markdownRowCells(line: string): string[] {
	const cells: string[] = [];
	let cell = '';
	for (let i = 1; i < line.length; i++) {
		const char = line[i]!;
		if (char === '\\') {
			cell += char + (line[i + 1] ?? '');
			i++;
		} else if (char === '|') {
			cells.push(cell.slice(1, -1));
			cell = '';
		} else cell += char;
	}
	return cells;
}

function tables(doc: ReturnType<typeof newBoard>): ExportTable[] {
	const board = readBoard(doc, { today: '2025-01-15' });
	const matrix = board.matrices[0]!;
	return [
		registerTable(board),
		heatMapTable(heatMap(board, 'inherent')),
		heatMapTable(heatMap(board, 'residual')),
		raciTable(matrix),
		raciLegendTable(matrix.preset),
		raciChecksTable(matrix, { maxAccountable: 1 })
	];
}

describe('safeCell', () => {
	it.each([
		['=1+1', "'=1+1"],
		['+1', "'+1"],
		['-1', "'-1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tx', "'\tx"],
		['\rx', '\nx'],
		['\r=x', "'\n=x"],
		['\0x', "'\0x"],
		['  =1+1', "'  =1+1"],
		['\n=1', "'\n=1"],
		['＝1', "'＝1"],
		['R-1', 'R-1'],
		['', ''],
		["'quoted", "'quoted"],
		['https://example.com', 'https://example.com']
	])('neutralises %j as %j', (input, output) => {
		expect(safeCell(input)).toBe(output);
	});

	it('keeps finite numbers as numbers and maps the rest to text', () => {
		expect(safeCell(-5)).toBe(-5);
		expect(safeCell(0)).toBe(0);
		expect(safeCell(Number.NEGATIVE_INFINITY)).toBe("'-Infinity");
		expect(safeCell(Number.NaN)).toBe('NaN');
		expect(safeCell(true)).toBe('yes');
		expect(safeCell(null)).toBe('');
		expect(() => safeCell({ formula: 'A1' } as unknown as string)).toThrow(TypeError);
	});

	it('escapes Markdown table cells', () => {
		expect(markdownCell('a | b\nc\r\nd')).toBe('a \\| b<br>c<br>d');
		expect(markdownCell('[x](javascript:alert(1)) <b>')).toBe(
			'\\[x\\](javascript:alert(1)) \\<b\\>'
		);
		expect(markdownCell('C:\\dir')).toBe('C:\\\\dir');
		expect(markdownCell(7)).toBe('7');
		// No formula runs in Markdown: the quote goes, the trigger is escaped.
		expect(markdownCell(safeCell('=1+1'))).toBe('\\=1+1');
		expect(markdownCell(safeCell('@SUM(A1)'))).toBe('\\@SUM(A1)');
		expect(markdownCell(safeCell('\t=1'))).toBe("'\t=1");
	});

	it('property: no random text ever leaves safeCell starting a formula, and only gains a quote', () => {
		for (let seed = 1; seed <= 200; seed++) {
			const next = random(seed);
			for (let i = 0; i < 50; i++) {
				const text = randomText(next);
				const cell = safeCell(text);
				expectSafe(cell);
				const lines = text.replace(/\r\n?/g, '\n');
				expect(
					cell === lines || cell === `'${lines}`,
					`seed ${seed}: ${JSON.stringify(text)}`
				).toBe(true);
				expect(startsFormula(text)).toBe(DANGEROUS.test(text));
			}
		}
	});

	it('property: every cell of every table and Markdown export of a hostile board is safe', () => {
		for (let seed = 1; seed <= 25; seed++) {
			const next = random(seed);
			const text = () => randomText(next);
			const doc = newBoard('Hostile');
			const attempt = <T>(fn: () => T): T | undefined => {
				try {
					return fn();
				} catch {
					return undefined; // refused by validation (e.g. a blank name): not exportable anyway
				}
			};
			const people = Array.from({ length: 3 }, () =>
				attempt(() => addPerson(doc, { name: `x${text()}`, team: text() }))
			);
			const person = people.find(Boolean);
			const category = attempt(() => addCategory(doc, { name: `c${text()}` }));
			for (let i = 0; i < 4; i++) {
				const risk = addRisk(doc, {
					title: `t${text()}`,
					ownerId: person ?? null,
					categoryId: category ?? null,
					likelihood: 1 + Math.floor(next() * 5),
					impact: 1 + Math.floor(next() * 5),
					tags: [text()].filter((tag) => tag.trim() !== '' && tag.trim().length <= 50),
					now: NOW
				});
				for (const field of ['title', 'description', 'trigger', 'contingency'] as const) {
					setRiskText(doc, { riskId: risk.id, field, value: text() });
				}
				addAction(doc, { riskId: risk.id, text: text(), ownerId: person ?? null, now: NOW });
			}
			const matrixId = addMatrix(doc, { name: `m${text()}` });
			const cols = people
				.filter(Boolean)
				.map((personId) => addRaciColumn(doc, { matrixId, personId: personId! }));
			attempt(() => cols.push(addRaciColumn(doc, { matrixId, team: `x${text()}` })));
			for (let i = 0; i < 3; i++) {
				const rowId = addRaciRow(doc, { matrixId, text: text() });
				for (const colId of cols) {
					setRaciCell(doc, { matrixId, rowId, colId, letters: next() < 0.5 ? ['A'] : ['R', 'C'] });
				}
			}
			for (const table of tables(doc)) {
				for (const cell of [...table.header, ...table.rows.flat()]) expectSafe(cell);
			}
			const board = readBoard(doc, { today: '2025-01-15' });
			const markdown = registerMarkdown(board) + raciMarkdown(board, board.matrices[0]!);
			for (const line of markdown.split('\n').filter((l) => l.startsWith('| '))) {
				for (const cell of markdownRowCells(line)) {
					expect(DANGEROUS.test(cell), `seed ${seed}: ${line}`).toBe(false);
				}
			}
			// JSON is data, not cells: exact values survive.
			expect(registerJson(board).risks).toHaveLength(4);
		}
	});
});
