/**
 * zod builds its object parsers with `new Function` unless told not to, and checks whether it
 * may the moment a schema is defined; under the web app's Content-Security-Policy (no
 * 'unsafe-eval') that check is reported as a violation on every page. In a browser, parse
 * without the JIT; the server keeps it. Imported first by `index.ts`, before any schema exists.
 */
import { z } from 'zod';

if ('window' in globalThis) z.config({ jitless: true });
