import { raciTable, registerTable, type ExportTable } from '@riskboard/model';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { encodeCsv } from './csv.ts';
import { exportFixture } from './fixtures.ts';

/** What a CSV reader gets back: every cell as text. */
const asText = (table: ExportTable) => [table.header, ...table.rows].map((row) => row.map(String));

describe('CSV export', () => {
	it('round-trips the register and a RACI matrix through a real CSV parser', () => {
		const { board, matrixId } = exportFixture();
		for (const table of [
			registerTable(board),
			raciTable(board.matrices.find((m) => m.id === matrixId)!)
		]) {
			const csv = encodeCsv(table);
			expect(csv.startsWith('\uFEFF')).toBe(true);
			expect(parse(csv, { bom: true, relax_column_count: false })).toEqual(asText(table));
		}
	});

	it('quotes commas, quotes and line breaks, ends lines with CRLF, neutralises formulas', () => {
		const { board, matrixId } = exportFixture();
		const csv = encodeCsv(raciTable(board.matrices.find((m) => m.id === matrixId)!));
		expect(csv).toBe(
			'\uFEFFActivity,Ada Lovelace,"Zoë, ""QA""",Ops (team)\r\n' +
				"'=1+1,R/A,C,\r\n" +
				'"\'@SUM(A1)\nwith CR",,R/S,I\r\n'
		);
	});
});
