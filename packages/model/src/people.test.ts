import { describe, expect, it } from 'vitest';
import { BoardError } from './errors.ts';
import { addPerson, movePerson, removePerson, updatePerson } from './people.ts';
import { readBoard } from './read.ts';
import { newBoard } from './test-support.ts';

describe('people', () => {
	it('adds people in order with optional fields', () => {
		const doc = newBoard();
		const ada = addPerson(doc, { name: 'Ada', team: 'Engineering', email: 'ada@example.com' });
		const bob = addPerson(doc, { name: 'Bob', roleTitle: 'QA lead' });
		const { people, teams } = readBoard(doc);
		expect(people.map((p) => p.id)).toEqual([ada, bob]);
		expect(people[0]).toMatchObject({ name: 'Ada', team: 'Engineering', roleTitle: null });
		expect(people[1]).toMatchObject({ team: '', roleTitle: 'QA lead', email: null });
		expect(teams).toEqual(['Engineering']);
	});

	it('updates, clears optional fields, moves and removes', () => {
		const doc = newBoard();
		const ada = addPerson(doc, { name: 'Ada', roleTitle: 'TPM' });
		const bob = addPerson(doc, { name: 'Bob' });
		updatePerson(doc, ada, { name: 'Ada L.', roleTitle: null, team: 'Security' });
		movePerson(doc, { id: ada, after: bob });
		let people = readBoard(doc).people;
		expect(people.map((p) => p.name)).toEqual(['Bob', 'Ada L.']);
		expect(people[1]).toMatchObject({ roleTitle: null, team: 'Security' });
		removePerson(doc, bob);
		people = readBoard(doc).people;
		expect(people.map((p) => p.id)).toEqual([ada]);
	});

	it('validates names, e-mail and ids', () => {
		const doc = newBoard();
		expect(() => addPerson(doc, { name: '' })).toThrow(BoardError);
		expect(() => addPerson(doc, { name: 'X', email: 'not-an-address' })).toThrow(/E-mail/);
		expect(() => updatePerson(doc, 'missing', { name: 'X' })).toThrow(/Unknown person/);
		expect(() => removePerson(doc, 'missing')).toThrow(BoardError);
	});
});
