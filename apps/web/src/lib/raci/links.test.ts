import type { MitigationAction, RaciRow, Risk } from '@riskboard/model';
import { describe, expect, it } from 'vitest';
import { linkChips, linkOptions } from './links.ts';

const risk = (id: string, key: string, title: string) => ({ id, key, title }) as Risk;
const action = (id: string, text: string, riskIds: string[]) =>
	({ id, text, riskIds }) as MitigationAction;

const targets = {
	risks: [risk('r1', 'R-1', 'Vendor slips'), risk('r2', 'R-2', 'Key person leaves')],
	actions: [action('a1', 'Second supplier', ['r1', 'r2']), action('a2', '  ', [])]
};

const row = (riskIds: string[], actionIds: string[]): RaciRow => ({
	id: 'row',
	text: 'Ship it',
	order: 'a0',
	links: { riskIds, actionIds }
});

describe('linkChips', () => {
	it('labels risks by key and actions by text, skipping targets that are gone', () => {
		expect(linkChips(row(['r2', 'gone'], ['a1', 'a2']), targets)).toEqual([
			{ id: 'r2', kind: 'risk', label: 'R-2', detail: 'Key person leaves', riskId: 'r2' },
			{ id: 'a1', kind: 'action', label: 'Second supplier', detail: 'for R-1, R-2', riskId: 'r1' },
			{ id: 'a2', kind: 'action', label: 'Untitled action', detail: '', riskId: null }
		]);
	});

	it('reads a row from an old snapshot (no links) as having none', () => {
		expect(linkChips({ id: 'x', text: '', order: 'a0' } as RaciRow, targets)).toEqual([]);
	});
});

describe('linkOptions', () => {
	it('offers what is not linked yet, risks first', () => {
		expect(linkOptions(row(['r1'], []), targets, '').map((o) => o.id)).toEqual(['r2', 'a1', 'a2']);
	});

	it('matches every word of the query against key, title and action text', () => {
		const ids = (query: string) => linkOptions(row([], []), targets, query).map((o) => o.id);
		expect(ids('r-2')).toEqual(['r2', 'a1']);
		expect(ids('VENDOR')).toEqual(['r1']);
		expect(ids('supplier r-1')).toEqual(['a1']);
		expect(ids('nothing like this')).toEqual([]);
	});
});
