import { describe, expect, it } from 'vitest';
import { addAction, setActionText } from './actions.ts';
import { BoardReader } from './board-reader.ts';
import { addPerson, updatePerson } from './people.ts';
import { readBoard } from './read.ts';
import { addRisk, setRiskText } from './risks.ts';
import { SEARCH_PLACEHOLDER, searchRisks } from './search.ts';
import { newBoard } from './test-support.ts';

function setup() {
	const doc = newBoard();
	const vendor = readBoard(doc).settings.categories.find((c) => c.name === 'Vendor')!.id;
	const ada = addPerson(doc, { name: 'Ada Lovelace' });
	const a = addRisk(doc, { title: 'Chip shortage', categoryId: vendor }).id;
	const b = addRisk(doc, {
		title: 'Late API',
		ownerId: ada,
		tags: ['payments'],
		description: 'The partner team may deliver late.',
		trigger: 'Café meeting skipped twice',
		contingency: 'Fall back to the batch export'
	}).id;
	const c = addRisk(doc, { title: 'Supplier goes bust', categoryId: vendor }).id;
	addAction(doc, { riskId: c, text: 'Qualify a second source' });
	return { board: readBoard(doc), a, b, c };
}

describe('searchRisks', () => {
	it('finds risks by category and says the category matched', () => {
		const { board, a, c } = setup();
		const found = searchRisks(board, 'vendor');
		expect(found.map((m) => [m.riskId, m.field])).toEqual([
			[a, 'category'],
			[c, 'category']
		]);
	});

	it('looks in every text field and reports which one', () => {
		const { board, b, c } = setup();
		const field = (query: string) => searchRisks(board, query).map((m) => [m.riskId, m.field]);
		expect(field('R-2')).toEqual([[b, 'key']]);
		expect(field('lovelace')).toEqual([[b, 'owner']]);
		expect(field('PAYMENTS')).toEqual([[b, 'tags']]);
		expect(field('partner')).toEqual([[b, 'description']]);
		expect(field('cafe')).toEqual([[b, 'trigger']]); // accents ignored
		expect(field('batch export')).toEqual([[b, 'contingency']]);
		expect(field('second source')).toEqual([[c, 'actions']]);
		expect(field('late')).toEqual([[b, 'title']]);
	});

	it('needs every word somewhere; lists every matching field; excerpts the first', () => {
		const { board, b } = setup();
		const [match] = searchRisks(board, 'late payments');
		expect(match).toMatchObject({
			riskId: b,
			field: 'title',
			fields: ['title', 'tags', 'description']
		});
		expect(match?.excerpt).toBe('Late API');
		expect(searchRisks(board, 'late vendor')).toEqual([]);
	});

	it('an empty query finds every risk with no field; the placeholder names the fields', () => {
		const { board } = setup();
		expect(searchRisks(board, '  ').map((m) => m.field)).toEqual([null, null, null]);
		expect(SEARCH_PLACEHOLDER).toBe(
			'Search key, title, tags, category, owner, description, trigger, contingency, actions'
		);
	});

	it('follows an incrementally read board: edited titles, renamed owners, changed action texts', () => {
		const doc = newBoard();
		const ada = addPerson(doc, { name: 'Ada Lovelace' });
		const a = addRisk(doc, { title: 'Chip shortage', ownerId: ada }).id;
		const b = addRisk(doc, { title: 'Late API' }).id;
		const action = addAction(doc, { riskId: b, text: 'Call the vendor' });
		const reader = new BoardReader(doc);
		const ids = (query: string) => searchRisks(reader.read(), query).map((m) => m.riskId);
		expect(ids('zebra')).toEqual([]);
		setRiskText(doc, { riskId: b, field: 'title', value: 'Late zebra API' });
		expect(ids('zebra')).toEqual([b]);
		updatePerson(doc, ada, { name: 'Grace Hopper' });
		expect(ids('grace')).toEqual([a]);
		expect(ids('lovelace')).toEqual([]);
		setActionText(doc, { actionId: action, value: 'Escalate to procurement' });
		expect(ids('procurement')).toEqual([b]);
		expect(ids('vendor')).toEqual([]);
	});
});
