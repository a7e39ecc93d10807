/** A small board with hostile text, shared by the export tests (not used by the server). */
import {
	addMatrix,
	addPerson,
	addRaciColumn,
	addRaciRow,
	addRisk,
	initBoard,
	readBoard,
	setRaciCell,
	type Board
} from '@riskboard/model';
import * as Y from 'yjs';

const NOW = new Date('2025-01-15T09:00:00.000Z');

/** A board with two risks, people with accents and a RACI matrix with a formula-looking row. */
export function exportFixture(): { board: Board; matrixId: string } {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Café launch', now: NOW });
	const ada = addPerson(doc, { name: 'Ada Lovelace', team: 'Eng' });
	const zoe = addPerson(doc, { name: 'Zoë, "QA"', team: 'QA' });
	addRisk(doc, {
		title: '=HYPERLINK("http://evil.example","click")',
		ownerId: ada,
		likelihood: 4,
		impact: 5,
		residualLikelihood: 1,
		residualImpact: 2,
		tags: ['-1', 'vendor'],
		now: NOW
	});
	addRisk(doc, { title: 'Line one\nline two, with comma', likelihood: 1, impact: 2, now: NOW });
	const matrixId = addMatrix(doc, { name: 'Go-live: [phase 1]', preset: 'RASCI' });
	const ship = addRaciRow(doc, { matrixId, text: '=1+1' });
	const test = addRaciRow(doc, { matrixId, text: '@SUM(A1)\r\nwith CR' });
	const colAda = addRaciColumn(doc, { matrixId, personId: ada });
	const colZoe = addRaciColumn(doc, { matrixId, personId: zoe });
	const colTeam = addRaciColumn(doc, { matrixId, team: 'Ops' });
	setRaciCell(doc, { matrixId, rowId: ship, colId: colAda, letters: ['A', 'R'] });
	setRaciCell(doc, { matrixId, rowId: ship, colId: colZoe, letters: ['C'] });
	setRaciCell(doc, { matrixId, rowId: test, colId: colZoe, letters: ['R', 'S'] });
	setRaciCell(doc, { matrixId, rowId: test, colId: colTeam, letters: ['I'] });
	return { board: readBoard(doc, { today: '2025-01-15' }), matrixId };
}
