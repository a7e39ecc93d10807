/**
 * The register as JSON for other tools. Unlike the tabular exports, values are exact (no
 * formula neutralising): JSON is data read by programs, and a quote added to `-5 days` would
 * corrupt it. Names replace ids, as in every export.
 */
import { BAND_LABELS } from './scoring.ts';
import type { ActionRollup, Board } from './types.ts';

/** One mitigation action in the JSON export. */
export interface RegisterJsonAction {
	text: string;
	owner: string | null;
	status: string;
	progress: number;
	dueDate: string | null;
	overdue: boolean;
}

/** One risk in the JSON export: every register field, in human values. */
export interface RegisterJsonRisk {
	key: string;
	title: string;
	description: string;
	category: string | null;
	owner: string | null;
	status: string;
	closedReason: string | null;
	response: string | null;
	likelihood: number | null;
	impact: number | null;
	score: number | null;
	band: string | null;
	residualLikelihood: number | null;
	residualImpact: number | null;
	residualScore: number | null;
	residualBand: string | null;
	trigger: string;
	contingency: string;
	nextReviewDate: string | null;
	lastReviewed: string | null;
	dueDate: string | null;
	overdue: boolean;
	reviewDue: boolean;
	tags: string[];
	links: string[];
	actionRollup: ActionRollup;
	actions: RegisterJsonAction[];
	createdAt: string;
	updatedAt: string;
}

/** The JSON export of a register. `format` names this shape so readers can check it. */
export interface RegisterJson {
	format: 'riskboard-register/1';
	board: string;
	scoreBands: Board['settings']['scoreBands'];
	likelihoodLabels: string[];
	impactLabels: string[];
	risks: RegisterJsonRisk[];
}

/** The register (risks in register order, with their actions in plan order) as plain JSON data. */
export function registerJson(board: Board): RegisterJson {
	const people = new Map(board.people.map((person) => [person.id, person.name]));
	const person = (id: string | null) => (id === null ? null : (people.get(id) ?? null));
	const categories = new Map(board.settings.categories.map((c) => [c.id, c.name]));
	const actions = new Map(board.actions.map((action) => [action.id, action]));
	return {
		format: 'riskboard-register/1',
		board: board.title,
		scoreBands: { ...board.settings.scoreBands },
		likelihoodLabels: [...board.settings.likelihoodLabels],
		impactLabels: [...board.settings.impactLabels],
		risks: board.risks.map((risk) => ({
			key: risk.key,
			title: risk.title,
			description: risk.description,
			category: risk.categoryId ? (categories.get(risk.categoryId) ?? null) : null,
			owner: person(risk.ownerId),
			status: risk.status,
			closedReason: risk.closedReason,
			response: risk.response,
			likelihood: risk.likelihood,
			impact: risk.impact,
			score: risk.score,
			band: risk.band ? BAND_LABELS[risk.band] : null,
			residualLikelihood: risk.residualLikelihood,
			residualImpact: risk.residualImpact,
			residualScore: risk.residualScore,
			residualBand: risk.residualBand ? BAND_LABELS[risk.residualBand] : null,
			trigger: risk.trigger,
			contingency: risk.contingency,
			nextReviewDate: risk.nextReviewDate,
			lastReviewed: risk.lastReviewed ?? null,
			dueDate: risk.dueDate,
			overdue: risk.overdue,
			reviewDue: risk.reviewDue,
			tags: [...risk.tags],
			links: [...risk.links],
			actionRollup: { ...risk.actionRollup },
			actions: risk.actionIds.map((id) => {
				const action = actions.get(id)!;
				return {
					text: action.text,
					owner: person(action.ownerId),
					status: action.status,
					progress: action.progress,
					dueDate: action.dueDate,
					overdue: action.overdue
				};
			}),
			createdAt: risk.createdAt,
			updatedAt: risk.updatedAt
		}))
	};
}
