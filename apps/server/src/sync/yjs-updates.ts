import * as Y from 'yjs';

/**
 * True when applying `update` to `doc` would change nothing: every struct is already known and
 * every deleted range is already deleted. Lets a read-only connection send the sync step 2 that
 * the stock client always sends, while any real write from it is refused. Throws on an update
 * that cannot be decoded.
 */
export function isRedundantUpdate(doc: Y.Doc, update: Uint8Array): boolean {
	const { structs, ds } = Y.decodeUpdate(update);
	for (const struct of structs) {
		if (struct instanceof Y.Skip) continue;
		if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return false;
	}
	if (ds.clients.size === 0) return true;
	const known = Y.createDeleteSetFromStructStore(doc.store);
	for (const [client, ranges] of ds.clients) {
		const deleted = known.clients.get(client) ?? [];
		for (const range of ranges) {
			if (range.len > 0 && !rangeCovered(deleted, range.clock, range.len)) return false;
		}
	}
	return true;
}

/** Whether [clock, clock + len) lies inside one of the sorted, merged `ranges`. */
function rangeCovered(
	ranges: { clock: number; len: number }[],
	clock: number,
	len: number
): boolean {
	let lo = 0;
	let hi = ranges.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >> 1;
		const r = ranges[mid]!;
		if (clock < r.clock) hi = mid - 1;
		else if (clock >= r.clock + r.len) lo = mid + 1;
		else return clock + len <= r.clock + r.len;
	}
	return false;
}
