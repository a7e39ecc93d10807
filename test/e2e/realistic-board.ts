/**
 * A board as a programme team fills it: 14 risks with long titles, owners whose names carry a
 * role in parentheses, categories, dates, tags, and a RACI matrix with long activity names. The
 * screen-size suite lays every flow out on it.
 */
import {
	addMatrix,
	addPerson,
	addRaciColumn,
	addRaciRow,
	addRisk,
	readBoard,
	setRaciCell,
	type RiskStatus
} from '@riskboard/model';
import type * as Y from 'yjs';

export const PEOPLE = [
	{ name: 'Dana Whitfield (TPM)', team: 'Programme' },
	{ name: 'Priya Nair', team: 'Engineering' },
	{ name: 'Tom Becker', team: 'QA' },
	{ name: 'Lena Okafor', team: 'Security' },
	{ name: 'Marco Silva', team: 'Vendor management' },
	{ name: 'Aiko Tanaka', team: 'Finance' }
] as const;

const RISKS: { title: string; l: number; i: number; status?: RiskStatus; tags?: string[] }[] = [
	{ title: 'Payment vendor misses the API freeze date for the EU launch', l: 4, i: 5 },
	{ title: 'Key platform engineer leaves before the data migration is done', l: 3, i: 4 },
	{ title: 'Load tests show checkout latency above the 300 ms budget', l: 3, i: 3, tags: ['perf'] },
	{
		title: 'Security review finds gaps in token rotation',
		l: 2,
		i: 5,
		tags: ['security', 'audit']
	},
	{ title: 'Budget cut for the second half of the year', l: 2, i: 3, status: 'Watching' },
	{ title: 'Data centre move overlaps with the release window', l: 3, i: 5, status: 'Mitigating' },
	{ title: 'Translation vendor delivers German strings late', l: 4, i: 2, tags: ['i18n'] },
	{ title: 'Accessibility audit blocks the public beta', l: 2, i: 4 },
	{ title: 'Legacy reporting jobs break after the schema change', l: 3, i: 2 },
	{ title: 'On-call rota thin over the holiday period', l: 4, i: 3, status: 'Accepted' },
	{ title: 'Mobile app store review rejects the new sign-in flow', l: 2, i: 2 },
	{ title: 'Analytics consent banner fails the privacy review', l: 1, i: 4 },
	{ title: 'Third-party SDK licence renewal not approved in time', l: 3, i: 1 },
	{ title: 'Customer support not trained on the new refund process', l: 2, i: 1 }
];

const ACTIVITIES = [
	'Define the cut-over plan and the rollback criteria for every region',
	'Run the security review of token rotation',
	'Sign off the vendor API contract',
	'Train customer support on the refund process',
	'Publish release notes (EN, DE, FR)'
];

/**
 * Writes the realistic board into `doc` (one transaction through the model); returns the people's
 * ids by name, so pages can be those people ("Who are you?").
 */
export function seedRealisticBoard(doc: Y.Doc): Record<string, string> {
	const people = PEOPLE.map((person) => addPerson(doc, person));
	const categories = readBoard(doc).settings.categories.map((c) => c.id);
	RISKS.forEach((risk, index) => {
		const day = String(1 + ((index * 3) % 27)).padStart(2, '0');
		addRisk(doc, {
			title: risk.title,
			likelihood: risk.l,
			impact: risk.i,
			residualLikelihood: Math.max(1, risk.l - 1),
			residualImpact: Math.max(1, risk.i - 1),
			ownerId: people[index % people.length],
			categoryId: categories[index % categories.length] ?? null,
			status: risk.status ?? 'Open',
			response: 'Mitigate',
			dueDate: `2030-${String(1 + (index % 12)).padStart(2, '0')}-${day}`,
			nextReviewDate: `2030-01-${day}`,
			tags: risk.tags ?? [],
			description: 'Cause: a dependency slips. Event: the date moves. Effect: the launch waits.'
		});
	});
	const matrixId = addMatrix(doc, { name: 'EU launch' });
	const columns = people.map((personId) => addRaciColumn(doc, { matrixId, personId }));
	ACTIVITIES.forEach((text, index) => {
		const rowId = addRaciRow(doc, { matrixId, text });
		const column = (step: number) => columns[(index + step) % columns.length]!;
		setRaciCell(doc, { matrixId, rowId, colId: column(0), letters: ['A'] });
		setRaciCell(doc, { matrixId, rowId, colId: column(1), letters: ['R'] });
		setRaciCell(doc, { matrixId, rowId, colId: column(2), letters: ['C', 'I'] });
	});
	return Object.fromEntries(PEOPLE.map((person, index) => [person.name, people[index]!]));
}
