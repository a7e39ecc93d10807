/**
 * Parsing off the main thread: one long-lived worker thread (`parse-worker.ts`, started from
 * `WORKER_ENTRY`; starting one costs ~0.7 s, so it is kept) parses one file at a time; further
 * files queue. A parse over `PARSE_TIMEOUT_MS` or a crash replaces the worker. The
 * worker is unref'd, so it never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';
import { ImportParseError, type ParsedFile, type ParseOptions } from './parse.ts';

/** A parse that takes longer is stopped (a pathological workbook must not hold the thread). */
const PARSE_TIMEOUT_MS = 60_000;

type Reply =
	| { id: number; ok: true; parsed: ParsedFile }
	| { id: number; ok: false; code: string | null; message: string };

interface Job {
	id: number;
	bytes: Uint8Array;
	options: ParseOptions;
	resolve: (parsed: ParsedFile) => void;
	reject: (error: Error) => void;
}

let worker: Worker | null = null;
let current: { job: Job; timer: ReturnType<typeof setTimeout>; worker: Worker } | null = null;
const queue: Job[] = [];
let nextId = 1;

/**
 * The worker's entry: from the sources (tsx) a plain-JavaScript boot file that loads the
 * TypeScript worker (a worker thread does not inherit the parent's loader hooks); in the
 * production bundle the worker's own entry, `dist/parse-worker.js` (see `build.mjs`).
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
	? new URL('./parse-worker-boot.mjs', import.meta.url)
	: new URL('./parse-worker.js', import.meta.url);

function spawn(): Worker {
	const w = new Worker(WORKER_ENTRY, {
		resourceLimits: { maxOldGenerationSizeMb: 1536 }
	});
	w.unref();
	w.on('message', (reply: Reply) => {
		if (!current || current.worker !== w || current.job.id !== reply.id) return;
		const { job, timer } = current;
		clearTimeout(timer);
		current = null;
		if (reply.ok) job.resolve(reply.parsed);
		else if (reply.code !== null) job.reject(new ImportParseError(reply.code, reply.message));
		else job.reject(new Error(reply.message));
		next();
	});
	const fail = (error: Error) => {
		if (worker === w) worker = null;
		if (current?.worker === w) {
			clearTimeout(current.timer);
			current.job.reject(error);
			current = null;
		}
		next();
	};
	w.on('error', fail);
	w.on('exit', (code) => fail(new Error(`import parser exited with code ${code}`)));
	return w;
}

function next(): void {
	if (current) return;
	const job = queue.shift();
	if (!job) return;
	worker ??= spawn();
	const w = worker;
	const timer = setTimeout(() => {
		worker = null;
		void w.terminate();
		if (current?.job === job) {
			current = null;
			job.reject(new ImportParseError('parse_timeout', 'Reading the file took too long.'));
		}
		next();
	}, PARSE_TIMEOUT_MS);
	current = { job, timer, worker: w };
	w.postMessage({ id: job.id, bytes: job.bytes, options: job.options });
}

/** Parses `bytes` in the worker thread; rejects with `ImportParseError` like `parseImportFile`. */
export function parseInWorker(bytes: Uint8Array, options: ParseOptions): Promise<ParsedFile> {
	return new Promise((resolve, reject) => {
		queue.push({ id: nextId++, bytes, options, resolve, reject });
		next();
	});
}

/** Stops the worker (tests and shutdown); a later parse starts a new one. */
export async function stopParser(): Promise<void> {
	const w = worker;
	worker = null;
	if (w) await w.terminate();
}
