/**
 * Integrity as people meet it: a change too large for a field is refused before it reaches the
 * board, with a message naming the field; an owner is told when stored changes were set aside.
 */
import { expect, test } from '@playwright/test';
import { addRisk as addRiskToDoc, MAX_TEXT_LENGTH } from '@riskboard/model';
import { SqliteStore } from '@riskboard/server';
import { join } from 'node:path';
import * as Y from 'yjs';
import { detailPanel, joinAs } from './detail-helpers.ts';
import { createBoardViaUi, riskRow, seedBoard } from './helpers.ts';
import { rowByKey } from './register-helpers.ts';

test('a paste longer than a field allows is refused before it is applied, and says why', async ({
	page,
	browser
}) => {
	const links = await createBoardViaUi(page, 'Too long');
	await seedBoard(links.editor, (doc) => addRiskToDoc(doc, { title: 'Vendor slips' }));
	const editor = await joinAs(browser, links.editor, 'Eve Editor');
	const watcher = await joinAs(browser, links.viewer, 'Walt Watcher');
	await rowByKey(editor, 'R-1').getByRole('button', { name: 'Open R-1', exact: true }).click();
	const panel = detailPanel(editor, 'R-1');
	const description = panel.getByRole('textbox', { name: 'Description' });
	await description.click();
	await editor.keyboard.type('Cause: ');
	// A person pastes a very long text (fill replaces the field's value as a paste does).
	await description.fill('Cause: ' + 'x'.repeat(MAX_TEXT_LENGTH));
	await expect(description).toHaveValue('Cause: ');
	expect(await description.evaluate((el: HTMLTextAreaElement) => el.validationMessage)).toBe(
		'The description can hold at most 20,000 characters; this change would make it 20,007.'
	);
	// Typing on within the limit works and reaches the other person.
	await editor.keyboard.type('supplier insolvency');
	await expect(description).toHaveValue('Cause: supplier insolvency');
	await rowByKey(watcher, 'R-1').getByRole('button', { name: 'Open R-1', exact: true }).click();
	await expect(
		detailPanel(watcher, 'R-1').getByRole('textbox', { name: 'Description' })
	).toHaveValue('Cause: supplier insolvency');
	await editor.context().close();
	await watcher.context().close();
});

test('the owner is told when stored changes were set aside; editors are not', async ({
	page,
	browser
}) => {
	const links = await createBoardViaUi(page, 'Quarantine');
	const boardId = new URL(links.owner).pathname.split('/').at(-1)!;
	// A stored change that depends on a change nobody has (as written before updates were
	// checked). Nobody has opened the board yet, so the next load reads it from the log.
	const peer = new Y.Doc();
	peer.getMap('meta').set('note', 'first');
	const before = Y.encodeStateVector(peer);
	peer.getMap('meta').set('note', 'second');
	const orphan = Y.encodeStateAsUpdate(peer, before);
	const store = new SqliteStore(join(process.env.RISKBOARD_E2E_DATA_DIR!, 'riskboard.sqlite'));
	await store.appendUpdates(boardId, [
		{ data: orphan, at: Date.now(), role: 'editor', connectionId: 'old', tokenId: null, name: null }
	]);
	await store.close();
	await seedBoard(links.editor, (doc) => addRiskToDoc(doc, { title: 'still here' }));

	const owner = await joinAs(browser, links.owner, 'Olga Owner');
	const notice = owner.getByRole('status').filter({ hasText: 'could not be applied' });
	await expect(notice).toContainText('One stored change to this board could not be applied');
	await expect(riskRow(owner, 'still here')).toBeVisible();
	await owner.screenshot({ path: test.info().outputPath('owner-notice.png') });
	await notice.getByRole('button', { name: 'Dismiss' }).click();
	await expect(notice).toHaveCount(0);
	const editor = await joinAs(browser, links.editor, 'Ed Editor');
	await expect(riskRow(editor, 'still here')).toBeVisible();
	await expect(editor.getByText('could not be applied')).toHaveCount(0);
	await owner.context().close();
	await editor.context().close();
});
