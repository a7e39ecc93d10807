/** A small real board for the register's unit tests (built with the model, read with readBoard). */
import {
	addAction,
	addPerson,
	addRisk,
	initBoard,
	readBoard,
	updateAction
} from '@riskboard/model';
import * as Y from 'yjs';

export const TODAY = '2025-03-10';

export function sampleBoard() {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Sample' });
	const ada = addPerson(doc, { name: 'Ada', team: 'Eng' });
	const bo = addPerson(doc, { name: 'Bo', team: 'QA' });
	const categories = readBoard(doc).settings.categories;
	const technical = categories[0]!.id;
	const vendor = categories.find((c) => c.name === 'Vendor')!.id;
	const r1 = addRisk(doc, {
		title: 'Vendor API late',
		description: 'Integration testing blocked',
		likelihood: 4,
		impact: 5,
		ownerId: bo,
		categoryId: vendor,
		tags: ['api', 'vendor'],
		dueDate: '2025-03-01'
	});
	const r2 = addRisk(doc, {
		title: 'Load test environment shared',
		likelihood: 2,
		impact: 2,
		ownerId: ada,
		categoryId: technical,
		nextReviewDate: '2025-04-01'
	});
	const r3 = addRisk(doc, { title: 'Certification slips', likelihood: 3, impact: 3 });
	const r4 = addRisk(doc, { title: 'Unscored idea', nextReviewDate: '2025-03-10' });
	const action = addAction(doc, { riskId: r3.id, text: 'Book lab', dueDate: '2025-02-01' });
	updateAction(doc, action, { status: 'In progress' });
	const board = readBoard(doc, { today: TODAY });
	return { doc, board, ids: [r1.id, r2.id, r3.id, r4.id], people: { ada, bo }, technical, vendor };
}
