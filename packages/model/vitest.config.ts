import { defineConfig } from 'vitest/config';

// Property tests and the convergence fuzz are CPU-bound: on a busy 2-core machine they can take
// several times their usual second or two, so the default 5 s per test is too tight.
export default defineConfig({ test: { testTimeout: 30_000 } });
