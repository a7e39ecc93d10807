/** Bounded waiting: every wait in the benchmark has a deadline and says what it waited for. */

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, rej) => {
		timer = setTimeout(() => rej(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** Lets queued I/O callbacks run (one turn of the event loop). */
export function yieldToLoop(): Promise<void> {
	return new Promise((res) => setImmediate(res));
}
