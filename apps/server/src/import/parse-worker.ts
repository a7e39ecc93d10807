/**
 * The worker thread that parses uploaded files (`parse-pool.ts` keeps it), so decoding a large
 * CSV or unzipping a workbook never stalls other boards' connections. One request at a time.
 */
import { parentPort } from 'node:worker_threads';
import { ImportParseError, parseImportFile, type ParseOptions } from './parse.ts';

parentPort!.on('message', (request: { id: number; bytes: Uint8Array; options: ParseOptions }) => {
	void (async () => {
		try {
			const parsed = await parseImportFile(request.bytes, request.options);
			parentPort!.postMessage({ id: request.id, ok: true, parsed });
		} catch (error) {
			const code = error instanceof ImportParseError ? error.code : null;
			parentPort!.postMessage({
				id: request.id,
				ok: false,
				code,
				message: (error as Error).message
			});
		}
	})();
});
