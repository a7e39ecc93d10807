/**
 * Boards for the browser benchmark and the README screenshot, written through the model's
 * typed edits (as any client would) on a stock y-websocket provider's document.
 */
import {
	addAction,
	addPerson,
	addRisk,
	readBoard,
	RISK_STATUSES,
	type RiskStatus
} from '@riskboard/model';
import type * as Y from 'yjs';

const SUBJECTS = [
	'Vendor API',
	'Card network certification',
	'Load test environment',
	'Data migration',
	'Security review',
	'Release train',
	'Payments SDK',
	'Fraud model'
];
const PROBLEMS = ['slips', 'is under-staffed', 'fails audit', 'is not ready', 'blocks launch'];

/** Adds `count` generated risks in transactions of `batch`, yielding between batches. */
export async function fillRisks(doc: Y.Doc, count: number, batch = 100): Promise<void> {
	for (let done = 0; done < count; done += batch) {
		doc.transact(() => {
			for (let i = done; i < Math.min(count, done + batch); i++) {
				const status: RiskStatus = RISK_STATUSES[i % 4]!;
				addRisk(doc, {
					title: `${SUBJECTS[i % SUBJECTS.length]} ${PROBLEMS[i % PROBLEMS.length]} (${i + 1})`,
					description: 'Cause → event → effect, as a reviewer would write it. '.repeat(2),
					likelihood: (i % 5) + 1,
					impact: ((i * 3) % 5) + 1,
					status
				});
			}
		});
		await new Promise((resolve) => setImmediate(resolve));
	}
}

/** A realistic small board: people, 12 risks across categories and bands, a few actions. */
export function seedDemoBoard(doc: Y.Doc): void {
	const board = readBoard(doc);
	const category = (name: string) => board.settings.categories.find((c) => c.name === name)?.id;
	doc.transact(() => {
		const people = {
			priya: addPerson(doc, {
				name: 'Priya Nair',
				team: 'Payments engineering',
				roleTitle: 'Tech lead'
			}),
			tom: addPerson(doc, { name: 'Tom Becker', team: 'SRE' }),
			lena: addPerson(doc, { name: 'Lena Fischer', team: 'Security', roleTitle: 'AppSec' }),
			sam: addPerson(doc, { name: 'Sam Patel', team: 'QA', roleTitle: 'Test lead' }),
			maria: addPerson(doc, { name: 'Maria Lopez', team: 'Vendor management' }),
			dev: addPerson(doc, { name: 'Dev Sharma', team: 'Product' })
		};
		const day = (offset: number) => {
			const d = new Date();
			d.setDate(d.getDate() + offset);
			return d.toISOString().slice(0, 10);
		};
		type Row = [
			string,
			string,
			keyof typeof people,
			RiskStatus,
			number,
			number,
			number,
			number,
			number
		];
		// title, category, owner, status, L, I, residual L, residual I, due in days
		const rows: Row[] = [
			[
				'Card network certification slips past launch',
				'Schedule',
				'priya',
				'Mitigating',
				4,
				5,
				2,
				4,
				12
			],
			['Fraud vendor contract not signed in time', 'Vendor', 'maria', 'Open', 4, 4, 2, 3, -3],
			[
				'PCI scope of the tokenisation service unclear',
				'Compliance',
				'lena',
				'Open',
				3,
				5,
				2,
				3,
				20
			],
			['Load test environment shared with QA', 'Resource', 'tom', 'Watching', 3, 3, 2, 2, 30],
			[
				'Legacy ledger migration loses settlement data',
				'Technical',
				'priya',
				'Mitigating',
				2,
				5,
				1,
				4,
				45
			],
			['Key person dependency on payments SRE', 'Resource', 'tom', 'Open', 3, 4, 2, 2, 18],
			['3-D Secure provider rate limits at peak', 'Vendor', 'maria', 'Watching', 2, 4, 1, 3, 25],
			[
				'Pen-test findings not fixed before go-live',
				'Security',
				'lena',
				'Mitigating',
				3,
				4,
				1,
				3,
				9
			],
			['Refund flow untested on older app versions', 'Technical', 'sam', 'Open', 4, 3, 2, 2, 14],
			['Marketing date fixed before scope freeze', 'Schedule', 'dev', 'Accepted', 3, 2, 3, 2, 40],
			['Chargeback reporting misses regulator format', 'Compliance', 'dev', 'Open', 2, 3, 1, 2, 60],
			['Currency rounding differs between services', 'Technical', 'sam', 'Watching', 2, 2, 1, 2, 35]
		];
		const ids: string[] = [];
		for (const [title, cat, owner, status, l, i, rl, ri, due] of rows) {
			const { id } = addRisk(doc, {
				title,
				categoryId: category(cat) ?? null,
				ownerId: people[owner],
				status,
				response: status === 'Accepted' ? 'Accept' : 'Mitigate',
				likelihood: l,
				impact: i,
				residualLikelihood: rl,
				residualImpact: ri,
				dueDate: day(due),
				nextReviewDate: day(Math.min(due, 7))
			});
			ids.push(id);
		}
		addAction(doc, {
			riskId: ids[0]!,
			text: 'Book a certification slot with the card network lab',
			ownerId: people.priya,
			status: 'Done',
			progress: 100,
			dueDate: day(-5)
		});
		addAction(doc, {
			riskId: ids[0]!,
			text: 'Run the certification test suite nightly against staging',
			ownerId: people.sam,
			status: 'In progress',
			progress: 60,
			dueDate: day(6)
		});
		addAction(doc, {
			riskId: ids[1]!,
			text: 'Escalate contract redlines to procurement lead',
			ownerId: people.maria,
			status: 'Blocked',
			progress: 20,
			dueDate: day(-2)
		});
		addAction(doc, {
			riskId: ids[7]!,
			text: 'Triage pen-test findings with AppSec and assign owners',
			ownerId: people.lena,
			status: 'In progress',
			progress: 40,
			dueDate: day(4)
		});
	});
}
