/** Polls `condition` until it is truthy or `timeoutMs` passes; never a fixed sleep. */
export async function waitFor<T>(
	condition: () => T | Promise<T>,
	{ timeoutMs = 10_000, intervalMs = 10, what = 'condition' } = {}
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	let last: unknown;
	for (;;) {
		try {
			const value = await condition();
			if (value) return value as NonNullable<T>;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`
			);
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}
