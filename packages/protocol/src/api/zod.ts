/**
 * The contract's zod, set to `jitless` before any schema is built: zod otherwise probes for and
 * uses `new Function` to compile object parsers, and the web app's Content-Security-Policy
 * forbids eval (even the caught probe is reported as a violation). Every module here imports `z`
 * from this file, so the setting always comes first. zod's config is global to the process: the
 * server's own schemas parse jitless too, which costs microseconds per request.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
