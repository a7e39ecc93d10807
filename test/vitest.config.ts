import { defineConfig } from 'vitest/config';

// Integration suites start real servers; give them room, and keep each file's servers to itself.
export default defineConfig({
	test: {
		include: ['integration/**/*.test.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
