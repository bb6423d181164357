// A situation as a scenario file's start (issue 18, U1–U4, T3): a run that starts from "my
// situation" (entered by its form, in Italian) is recorded with a check, downloaded as a file
// whose `start` is that situation, then opened in a fresh French context from the file and
// played to its end with the check shown as ✓, from the situation's own figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startApp } from './harness.mjs';
import { UI, drawn, loggedIn, open, clock, savedState, noPageErrors } from './panel.mjs';
import { T, fill, norm, exactly } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** Money as the browser's Intl prints it (under 1000): "-162,63 €". */
const eur = (amount) => `${amount.replace('.', ',')} €`;

/** The worked case of the situation screen (situation.test.mjs): 1 April 2026, 3 yearly
 *  accounts renewing on 15 June, 20 € on the OVH account, a card that expires in May 2026. */
async function enterWorkedCase(page, t) {
  const fillIn = (label, value) => page.getByLabel(label, { exact: true }).fill(value);
  await fillIn(t.sit_today, '2026-04-01');
  await fillIn(t.sit_domain, 'example.com');
  await fillIn(t.sit_anniversary, '2026-06-15');
  await page.getByLabel(t.sit_mode, { exact: true }).first().selectOption({ label: t.mode_yearly });
  await fillIn(t.sit_count, '3');
  await fillIn(t.sit_balance, '20');
  await page.getByRole('button', { name: t.sit_add_method, exact: true }).click();
  await fillIn(t.sit_card_expiry, '05/26');
  await page.getByRole('button', { name: t.sit_start, exact: true }).click();
}

test('U2, T3 (IT → FR): a run from my situation is recorded with a check, downloaded with the situation as its start, and plays to ✓ from the file in a fresh context', async () => {
  const t = T.it;
  const page = await app.newPage({ locale: UI.it.locale });
  page.t = UI.it;
  await page.goto(app.url('/situation'));
  await drawn(page);
  await enterWorkedCase(page, t);
  await page.getByRole('heading', { level: 1, name: t.ah_title }).waitFor();
  assert.ok(JSON.stringify((await savedState(page)).start).includes('example.com'), 'the run starts from the situation');

  await open(page, 'settings');
  await page.getByLabel(exactly(t.rec_from_label)).selectOption({ label: t.rec_from_current });
  await page.getByRole('button', { name: exactly(t.rec_start) }).click();
  const recorder = page.getByRole('complementary', { name: exactly(t.rec_panel) });
  await recorder.getByText(exactly(t.rec_empty)).waitFor();
  const title = 'La mia situazione, registrata';
  await recorder.getByLabel(exactly(fill(t.rec_title_in, t.rec_lang_it))).fill(title);
  await clock(page, 'nextEvent');
  await recorder.getByLabel(exactly(fill(t.rec_caption, '1', t.rec_lang_it))).fill("L'orologio avanza al prossimo evento.");
  await recorder.getByLabel(exactly(t.rec_check_what)).selectOption({ index: 0 });
  await recorder.getByRole('button', { name: exactly(t.rec_check_add) }).click();
  const download = recorder.getByRole('button', { name: exactly(t.rec_download) });
  await download.waitFor();
  const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
  const text = await readFile(await file.path(), 'utf8');
  noPageErrors(page);
  await page.context().close();

  const doc = JSON.parse(text);
  const situation = doc.start.situation;
  assert.ok(situation, `the file starts from the situation: ${JSON.stringify(doc.start)}`);
  assert.equal(situation.version, 1);
  assert.equal(situation.subsidiary, 'it');
  assert.equal(situation.today, '2026-04-01');
  assert.equal(situation.platforms[0].domain, 'example.com');
  assert.equal(situation.platforms[0].accounts.length, 3);
  assert.equal(doc.setup, undefined, 'nothing before the first beat: the situation is the start');
  assert.equal(doc.beats.length, 1);
  assert.deepEqual(doc.beats[0].action, { do: 'next_event' });
  const expected = doc.expect[0].balance;
  assert.ok(expected, `a balance check: ${JSON.stringify(doc.expect)}`);

  // The file, by the picker, in a fresh French context: the title (English falls back to the
  // Italian text, and French to English), the situation's start, and ✓ at the end.
  const f = await loggedIn(app, 'fr');
  await open(f, 'settings');
  await f.getByLabel(exactly(T.fr.import_label)).setInputFiles({ name: 'situation.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const panel = f.getByRole('complementary', { name: exactly(title) });
  await panel.getByText(exactly(T.fr.sf_fell_back)).waitFor();
  const saved = await savedState(f);
  assert.ok(saved.start.File, 'the run starts from the file');
  assert.ok(JSON.stringify(saved.start).includes('"situation"'), 'with the situation inside');
  await panel.getByRole('button', { name: exactly(T.fr.sc_play) }).click();
  await panel.getByRole('status').filter({ hasText: exactly(T.fr.sc_finished) }).waitFor();
  const checks = (await panel.locator('li.check').allInnerTexts()).map(norm);
  assert.deepEqual(checks, [norm(fill(T.fr.sf_check_ok, T.fr.sf_subj_balance, eur(expected), eur(expected)))]);
  noPageErrors(f);
  await f.context().close();
});

test('issue 18 (FR): a recording survives a reload: two beats with their captions, the title and a check are still in the recorder; stopped, it is gone', async () => {
  const t = T.fr;
  const page = await loggedIn(app, 'fr');
  await open(page, 'settings');
  await page.getByLabel(exactly(t.rec_from_label)).selectOption({ label: t.rec_from_current });
  await page.getByRole('button', { name: exactly(t.rec_start) }).click();
  const recorder = page.getByRole('complementary', { name: exactly(t.rec_panel) });
  await recorder.getByText(exactly(t.rec_empty)).waitFor();
  await recorder.getByLabel(exactly(fill(t.rec_title_in, t.rec_lang_fr))).fill('Deux étapes');
  const caption = (n) => page.getByRole('complementary', { name: exactly(t.rec_panel) }).getByLabel(exactly(fill(t.rec_caption, String(n), t.rec_lang_fr)));
  await clock(page, 'nextEvent');
  await caption(1).fill('Première étape');
  await clock(page, 'nextEvent');
  await caption(2).fill('Deuxième étape');
  await recorder.getByLabel(exactly(t.rec_check_what)).selectOption({ index: 0 });
  await recorder.getByRole('button', { name: exactly(t.rec_check_add) }).click();
  const checks = recorder.locator('section[aria-labelledby="rec-checks-title"] li');
  await checks.first().waitFor();
  const check = norm(await checks.first().innerText());

  await page.reload();
  await drawn(page);
  const again = page.getByRole('complementary', { name: exactly(t.rec_panel) });
  await caption(2).waitFor();
  assert.equal(await again.locator('ol.recorded > li').count(), 2, 'the two beats');
  assert.equal(await caption(1).inputValue(), 'Première étape');
  assert.equal(await caption(2).inputValue(), 'Deuxième étape');
  assert.equal(await again.getByLabel(exactly(fill(t.rec_title_in, t.rec_lang_fr))).inputValue(), 'Deux étapes');
  assert.equal(norm(await again.locator('section[aria-labelledby="rec-checks-title"] li').first().innerText()), check, 'the check');
  // Still a recording: the file can be downloaded with both beats.
  const [file] = await Promise.all([page.waitForEvent('download'), again.getByRole('button', { name: exactly(t.rec_download) }).click()]);
  const doc = JSON.parse(await readFile(await file.path(), 'utf8'));
  assert.deepEqual(doc.beats.map((b) => b.caption.fr), ['Première étape', 'Deuxième étape']);
  assert.equal(doc.expect.length, 1);
  // Stopped, a reload does not bring it back.
  await again.getByRole('button', { name: exactly(t.rec_stop) }).click();
  await page.reload();
  await drawn(page);
  assert.equal(await page.getByRole('complementary', { name: exactly(t.rec_panel) }).count(), 0);
  noPageErrors(page);
  await page.context().close();
});
