import * as Y from 'yjs';
import { ROOT } from './schema.ts';

/**
 * The shared types a per-person undo manager should track: every root except the risk-key
 * ledger, which never shrinks (undoing "add risk" removes the risk but must not free its number
 * for reuse). Pass the result to `new Y.UndoManager(scope, { trackedOrigins })`.
 */
export function undoScope(doc: Y.Doc): Y.AbstractType<unknown>[] {
	return Object.values(ROOT)
		.filter((name) => name !== ROOT.riskKeys)
		.map((name) => doc.getMap(name) as Y.AbstractType<unknown>);
}
