/** A token bucket: `perSecond` sustained, `burst` at once. `take()` is false when empty. */
export class RateLimiter {
	#tokens: number;
	#last: number;
	constructor(
		private readonly perSecond: number,
		private readonly burst: number,
		private readonly now: () => number = () => performance.now()
	) {
		this.#tokens = burst;
		this.#last = now();
	}

	take(): boolean {
		if (this.perSecond === 0) return true;
		const t = this.now();
		this.#tokens = Math.min(this.burst, this.#tokens + ((t - this.#last) / 1000) * this.perSecond);
		this.#last = t;
		if (this.#tokens < 1) return false;
		this.#tokens -= 1;
		return true;
	}
}
