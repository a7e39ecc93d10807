// Worker entry in plain JavaScript: loads the TypeScript worker through tsx (a worker thread
// does not inherit the parent's loader hooks).
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-worker.ts', import.meta.url);
