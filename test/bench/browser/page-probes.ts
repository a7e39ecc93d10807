/**
 * Scripts that run inside the benchmark's page before the app (via `addInitScript`), so they
 * see every DOM change from the first one. They are serialised into the page: self-contained,
 * no imports, no closures over Node values.
 */

/**
 * A probe as init-script source. tsx (esbuild with keepNames) wraps named functions in a
 * `__name(…)` helper that does not exist in the page, so the source defines a stand-in.
 */
export function probeScript<A>(probe: (arg: A) => void, arg?: A): { content: string } {
	return {
		content: `var __name = (fn) => fn;\n(${probe.toString()})(${JSON.stringify(arg ?? null)});`
	};
}

declare global {
	interface Window {
		/** Resolves with `performance.now()` (ms since navigation start) once the board is usable. */
		__rbInteractive?: Promise<number>;
		/** Exposed by the benchmark: the page saw the remote edit numbered `n`. */
		__rbSeen?: (n: number) => void;
	}
}

/**
 * Interactive = the first register row's key ("R-1") is on screen and the quick-add title field
 * is enabled. Holds whether the register renders every row or only the visible ones.
 */
export function interactiveProbe(selectors: { quickAdd: string; firstKey: string }): void {
	window.__rbInteractive = new Promise<number>((resolve) => {
		const keyShown = () => {
			const found = document.evaluate(
				`//*[text()[normalize-space()='${selectors.firstKey}']]`,
				document.body,
				null,
				XPathResult.FIRST_ORDERED_NODE_TYPE,
				null
			).singleNodeValue as Element | null;
			return found !== null && found.checkVisibility();
		};
		const ready = () => {
			const input = document.querySelector<HTMLInputElement>(selectors.quickAdd);
			return input !== null && input.matches(':enabled') && keyShown();
		};
		const start = () => {
			if (ready()) return resolve(performance.now());
			const observer = new MutationObserver(() => {
				if (!ready()) return;
				observer.disconnect();
				resolve(performance.now());
			});
			observer.observe(document.body, {
				subtree: true,
				childList: true,
				characterData: true,
				attributes: true
			});
		};
		if (document.body) start();
		else document.addEventListener('DOMContentLoaded', start, { once: true });
	});
}

/**
 * Reports each remote edit ("Bench edit #<n>") the moment it reaches the page: as text in the
 * DOM (MutationObserver) or as the value of an input or textarea (the register may render
 * titles as fields, whose value changes no mutation reports).
 */
export function remoteEditProbe(): void {
	const seen = new Set<number>();
	const report = (text: string | null | undefined) => {
		if (!text || !text.includes('Bench edit #')) return;
		for (const match of text.matchAll(/Bench edit #(\d+)/g)) {
			const n = Number(match[1]);
			if (seen.has(n)) continue;
			seen.add(n);
			window.__rbSeen?.(n);
		}
	};
	for (const proto of [HTMLInputElement.prototype, HTMLTextAreaElement.prototype]) {
		const descriptor = Object.getOwnPropertyDescriptor(proto, 'value')!;
		Object.defineProperty(proto, 'value', {
			...descriptor,
			set(this: HTMLInputElement, value: string) {
				descriptor.set!.call(this, value);
				report(value);
			}
		});
	}
	const start = () => {
		new MutationObserver((records) => {
			for (const record of records) {
				if (record.type === 'characterData') report(record.target.nodeValue);
				else for (const node of record.addedNodes) report(node.textContent);
			}
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	};
	if (document.body) start();
	else document.addEventListener('DOMContentLoaded', start, { once: true });
}

declare global {
	interface Window {
		/** Frame recorder of the scroll measure: start, then stop to get the frame intervals. */
		__rbFrames?: { start(): void; stop(): number[] };
		/** Input-to-next-frame delays (ms) of every `input` event since the page loaded. */
		__rbInputDelays?: number[];
	}
}

/**
 * Records the interval between consecutive animation frames while started: what a person
 * scrolling sees as smoothness (a frame that took 50 ms shows as one 50 ms interval).
 */
export function frameProbe(): void {
	let times: number[] = [];
	let running = false;
	const loop = (at: number) => {
		if (!running) return;
		times.push(at);
		requestAnimationFrame(loop);
	};
	window.__rbFrames = {
		start() {
			times = [];
			running = true;
			requestAnimationFrame(loop);
		},
		stop() {
			running = false;
			const intervals: number[] = [];
			for (let i = 1; i < times.length; i++) intervals.push(times[i]! - times[i - 1]!);
			return intervals;
		}
	};
}

/**
 * For every `input` event (listened to in the capture phase on the document, so before the
 * app's own handler writes the keystroke into the document), the time from the event to the
 * next animation frame, both from `performance.now()`: the keystroke's own work plus whatever
 * re-rendering it causes before the browser can paint.
 */
export function inputProbe(): void {
	const delays: number[] = [];
	window.__rbInputDelays = delays;
	document.addEventListener(
		'input',
		() => {
			const at = performance.now();
			requestAnimationFrame(() => delays.push(performance.now() - at));
		},
		{ capture: true }
	);
}

declare global {
	interface Window {
		/** `performance.now()` when the page opened its first websocket. */
		__rbSocketOpened?: number;
		/** `performance.now()` when the largest websocket message so far arrived, and its size. */
		__rbLargestMessage?: { at: number; bytes: number };
	}
}

/**
 * Splits a load into its parts: when the page created its websocket, and when the largest
 * message (the board's state, the sync reply) arrived. The listener is added in the
 * constructor, before the app's own handler, so its time is the arrival, not the end of the
 * app's work on it.
 */
export function socketProbe(): void {
	const Native = window.WebSocket;
	window.WebSocket = class extends Native {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			window.__rbSocketOpened ??= performance.now();
			this.addEventListener('message', (event: MessageEvent) => {
				const data = event.data as ArrayBuffer | Blob | string;
				const bytes =
					typeof data === 'string'
						? data.length
						: data instanceof ArrayBuffer
							? data.byteLength
							: data.size;
				if (bytes > (window.__rbLargestMessage?.bytes ?? 0)) {
					window.__rbLargestMessage = { at: performance.now(), bytes };
				}
			});
		}
	};
}
