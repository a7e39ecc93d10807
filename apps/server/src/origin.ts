/**
 * Cross-site request and websocket hijacking defence (also against DNS rebinding): a browser
 * always sends `Origin` on upgrades and writes, and it must be one this server was configured to
 * serve. The set comes from configuration only, never from the request's `Host` (which a
 * rebinding page controls): `PUBLIC_URL`'s origin, or without it the loopback origins of the
 * listening port, plus `ALLOWED_ORIGINS`. Requests without `Origin` come from non-browser tools
 * (the y-websocket provider in Node, curl); their token authenticates them.
 */

/** Host names that only ever reach this machine. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** True when `host` (a listen address or URL host name) is a loopback one. */
export function isLoopbackHost(host: string): boolean {
	return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The browser origins the server accepts, for a given listening port. */
export class OriginPolicy {
	#publicOrigin: string | null;
	#extra: readonly string[];
	#port: number;

	constructor(options: {
		publicUrl: string | null;
		allowedOrigins: readonly string[];
		port: number;
	}) {
		this.#publicOrigin = options.publicUrl === null ? null : new URL(options.publicUrl).origin;
		this.#extra = options.allowedOrigins;
		this.#port = options.port;
	}

	/** Called once the server listens (a configured port 0 becomes the real one). */
	listeningOn(port: number): void {
		this.#port = port;
	}

	/** Every allowed origin, exact `scheme://host[:port]` strings. */
	get origins(): string[] {
		const own = this.#publicOrigin
			? [this.#publicOrigin]
			: [`http://127.0.0.1:${this.#port}`, `http://localhost:${this.#port}`];
		return [...own, ...this.#extra];
	}

	/** `origin` is the request's `Origin` header; absent means not a browser. */
	allows(origin: string | undefined): boolean {
		if (origin === undefined) return true;
		return this.origins.includes(origin);
	}
}
