import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isStorageUnavailable, StorageUnavailableError } from './errors.ts';

describe('isStorageUnavailable', () => {
	it('recognises a real SQLITE_FULL from a database that has run out of pages', () => {
		const db = new Database(':memory:');
		db.exec('CREATE TABLE t (x BLOB)');
		db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
		let caught: unknown;
		try {
			db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(100_000));
		} catch (error) {
			caught = error;
		}
		expect((caught as { code?: string }).code).toBe('SQLITE_FULL');
		expect(isStorageUnavailable(caught)).toBe(true);
		db.close();
	});

	it('follows causes, and leaves bugs and constraint violations alone', () => {
		const wrapped = new Error('commit failed', {
			cause: Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' })
		});
		expect(isStorageUnavailable(wrapped)).toBe(true);
		expect(isStorageUnavailable(new StorageUnavailableError('closed'))).toBe(true);
		expect(isStorageUnavailable(new TypeError('x is undefined'))).toBe(false);
		const constraint = Object.assign(new Error('UNIQUE'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
		expect(isStorageUnavailable(constraint)).toBe(false);
		expect(isStorageUnavailable('SQLITE_FULL')).toBe(false);
	});
});
