// Scenario files in the app (issue 18): recorded in the app (FR) with a check, downloaded, then
// opened in fresh browser contexts from a `/scenario#f=…` link and from a file (the picker and
// a drop), and played to the end with the check shown as ✓; a hand-written file of the test
// suite (tests/fixtures/scenarios/wrong-expectation.json) whose expectation is wrong shows ✗
// with both values; a bad file is refused with its JSON path and the reason, in the user's
// language, and nothing changes. FR and IT, at 1280 and 390 px (the player is a bottom sheet on
// a phone).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { startApp, ROOT } from './harness.mjs';
import { loggedIn, open, clock, savedState, noPageErrors, a11yViolations } from './panel.mjs';
import { T, fill, norm, exactly } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const PHONE = { width: 390, height: 844 };
const fixture = (name) => readFile(join(ROOT, 'tests', 'fixtures', 'scenarios', name), 'utf8');
/** A `#f=` link to `text`, packed as the app packs it (zlib, then base64url). */
const link = (text) => app.url(`/scenario#f=${deflateSync(Buffer.from(JSON.stringify(JSON.parse(text))), { level: 9 }).toString('base64url')}`);
/** Money as the browser's Intl prints it (under 1000): "-6,98 €". */
const eur = (amount) => `${amount.replace('.', ',')} €`;

/** The scenario player (the panel beside the page), named by the file's title. */
const player = (page, title) => page.getByRole('complementary', { name: exactly(title) });

/** What the player shows for a check of the balance. */
const balanceCheck = (lang, ok, expected, actual) =>
  norm(fill(T[lang][ok ? 'sf_check_ok' : 'sf_check_bad'], T[lang].sf_subj_balance, eur(expected), eur(actual)));

/** Plays the player to its end with Play (or Step), and reads its checks. */
async function playToEnd(page, panel, lang, { step = false } = {}) {
  const button = panel.getByRole('button', { name: exactly(step ? T[lang].sc_step : T[lang].sc_play) });
  await button.click();
  await panel.getByRole('status').filter({ hasText: exactly(T[lang].sc_finished) }).waitFor();
  return (await panel.locator('li.check').allInnerTexts()).map(norm);
}

async function recordInFrench() {
  const page = await loggedIn(app, 'fr');
  const t = T.fr;
  await open(page, 'settings');
  await page.getByLabel(exactly(t.rec_from_label)).selectOption({ label: t.rec_from_current });
  await page.getByRole('button', { name: exactly(t.rec_start) }).click();
  const recorder = page.getByRole('complementary', { name: exactly(t.rec_panel) });
  await recorder.getByText(exactly(t.rec_empty)).waitFor();
  await recorder.getByLabel(exactly(fill(t.rec_title_in, t.rec_lang_fr))).fill('Le compte devient débiteur');
  await recorder.getByLabel(exactly(fill(t.rec_title_in, t.rec_lang_it))).fill('Il conto va in negativo');
  await recorder.getByLabel(exactly(fill(t.rec_summary_in, t.rec_lang_fr))).fill('Sans moyen de paiement, la facture du 10 mars laisse une dette.');
  // An action in the simulator: the clock to the next event (10 March, the invoice).
  await clock(page, 'nextEvent');
  const caption = recorder.getByLabel(exactly(fill(t.rec_caption, '1', t.rec_lang_fr)));
  await caption.fill("L'horloge avance au 10 mars : la facture est émise.");
  // Add a check here: the current balance (the first choice).
  await recorder.getByLabel(exactly(t.rec_check_what)).selectOption({ index: 0 });
  await recorder.getByRole('button', { name: exactly(t.rec_check_add) }).click();
  await recorder.getByText(exactly(fill(t.rec_check_after, '1', t.sf_subj_balance, eur('-6.98')))).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    recorder.getByRole('button', { name: exactly(t.rec_download) }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  await recorder.getByRole('button', { name: exactly(t.rec_copy_link) }).click();
  const url = await recorder.getByLabel(exactly(t.rec_link_label)).inputValue();
  await recorder.getByRole('button', { name: exactly(t.rec_copy_embed) }).click();
  const snippet = await recorder.getByLabel(exactly(t.rec_embed_label)).inputValue();
  assert.deepEqual(await a11yViolations(page), [], 'axe-core: the recorder open at 1280 px');
  noPageErrors(page);
  await page.context().close();
  return { text, url, snippet };
}

test('FR: a scenario recorded with a check, downloaded, opens from its link and from the file in fresh contexts and plays to ✓ (FR 1280, IT 390)', async () => {
  const { text, url, snippet } = await recordInFrench();
  const file = JSON.parse(text);
  assert.equal(file.version, 1);
  assert.equal(file.title.fr, 'Le compte devient débiteur');
  assert.equal(file.beats.length, 1, 'one accepted action, one beat');
  assert.deepEqual(file.beats[0].action, { do: 'next_event' });
  assert.equal(file.beats[0].caption.fr, "L'horloge avance au 10 mars : la facture est émise.");
  assert.deepEqual(file.expect, [{ after: 1, balance: '-6.98' }], 'the check is the balance after the beat');
  assert.match(url, /\/scenario#f=[A-Za-z0-9_-]+$/);
  assert.ok(snippet.startsWith('<iframe src="') && snippet.includes(url), 'the embed snippet frames the link');

  // From the link, in a fresh context (FR, 1280 px): the author's title and caption, ✓ at the end.
  const a = await app.newPage({ locale: 'fr-FR' });
  await a.goto(url);
  const panelA = player(a, 'Le compte devient débiteur');
  await panelA.getByText("L'horloge avance au 10 mars : la facture est émise.").waitFor();
  assert.deepEqual(await playToEnd(a, panelA, 'fr'), [balanceCheck('fr', true, '-6.98', '-6.98')]);
  await panelA.getByText(exactly(fill(T.fr.sf_summary, '1', '1'))).waitFor();
  assert.equal(await a.getByTestId('balance').innerText().then(norm), eur('-6.98'));
  // The file's run is saved with the file in it: a reload brings back the player, at its end,
  // with its check.
  const saved = await savedState(a);
  assert.ok(saved.start.File, 'the run starts from the file');
  await a.reload();
  await panelA.getByRole('status').filter({ hasText: exactly(T.fr.sc_finished) }).waitFor();
  assert.deepEqual((await panelA.locator('li.check').allInnerTexts()).map(norm), [balanceCheck('fr', true, '-6.98', '-6.98')]);
  assert.deepEqual(await savedState(a), saved, 'reload keeps the run');
  noPageErrors(a);
  await a.context().close();

  // From the file, by the picker, in a fresh context (IT, 390 px): the Italian title, the French
  // caption (no Italian one) and the notice that says so; Step to the end, ✓.
  const b = await loggedIn(app, 'it', { viewport: PHONE });
  await open(b, 'settings');
  await b.getByLabel(exactly(T.it.import_label)).setInputFiles({ name: 'scenario.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const panelB = player(b, 'Il conto va in negativo');
  await panelB.getByText(exactly(T.it.sf_fell_back)).waitFor();
  assert.deepEqual(await playToEnd(b, panelB, 'it', { step: true }), [balanceCheck('it', true, '-6.98', '-6.98')]);
  assert.deepEqual(await a11yViolations(b), [], 'axe-core: the file player with its checks at 390 px');
  const box = await panelB.boundingBox();
  assert.ok(box && box.width <= PHONE.width, 'the player fits the phone');
  noPageErrors(b);
  await b.context().close();
});

test('a hand-written file with a wrong expectation shows ✗ with both values, and the play goes on to its end (FR by drop, IT by link)', async () => {
  const text = await fixture('wrong-expectation.json');
  const c = await loggedIn(app, 'fr');
  await open(c, 'settings');
  const zone = c.locator('.dropzone').filter({ has: c.getByLabel(exactly(T.fr.import_label)) });
  const dataTransfer = await c.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'wrong-expectation.json', { type: 'application/json' }));
    return dt;
  }, text);
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
  const panelC = player(c, 'Une attente fausse');
  const invoiceOk = norm(fill(T.fr.sf_check_ok, fill(T.fr.sf_subj_invoice, 'FR0000001'), T.fr.sf_unpaid, T.fr.sf_unpaid));
  assert.deepEqual(await playToEnd(c, panelC, 'fr'), [invoiceOk, balanceCheck('fr', false, '-5.00', '-6.98')]);
  await panelC.getByText(exactly(fill(T.fr.sf_summary, '1', '2'))).waitFor();
  noPageErrors(c);
  await c.context().close();

  const d = await app.newPage({ locale: 'it-IT', viewport: PHONE });
  await d.goto(link(text));
  const panelD = player(d, "Un'attesa sbagliata");
  const checks = await playToEnd(d, panelD, 'it', { step: true });
  assert.equal(checks[1], balanceCheck('it', false, '-5.00', '-6.98'));
  noPageErrors(d);
  await d.context().close();
});

test('a bad scenario file is refused with its JSON path and the reason (FR by picker, IT by link), and nothing changes', async () => {
  const text = await fixture('bad-amount.json');
  const page = await loggedIn(app, 'fr');
  await clock(page, 'plusDay');
  await open(page, 'settings');
  const before = await savedState(page);
  await page.getByLabel(exactly(T.fr.import_label)).setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const dialog = page.getByRole('alertdialog', { name: exactly(T.fr.sf_refused_title) });
  const body = norm(await dialog.locator('p').innerText());
  assert.ok(body.startsWith(norm(fill(T.fr.sf_err_at, 'beats[0].action.amount', ''))), body);
  assert.ok(body.endsWith(norm(T.fr.transfer_nothing_changed)), body);
  assert.deepEqual(await savedState(page), before, 'nothing changed');
  // A newer version is refused by its number.
  const newer = JSON.stringify({ ...JSON.parse(text), version: 7 });
  await dialog.getByRole('button', { name: exactly(T.fr.dismiss) }).click();
  await page.getByLabel(exactly(T.fr.import_label)).setInputFiles({ name: 'newer.json', mimeType: 'application/json', buffer: Buffer.from(newer) });
  const newerBody = norm(await page.getByRole('alertdialog', { name: exactly(T.fr.sf_refused_title) }).locator('p').innerText());
  assert.ok(newerBody.includes(norm(fill(T.fr.sf_err_future, '7', '1'))), newerBody);
  assert.deepEqual(await savedState(page), before, 'nothing changed');
  noPageErrors(page);
  await page.context().close();

  const it = await app.newPage({ locale: 'it-IT' });
  await it.goto(link(text));
  const alert = it.getByRole('alert').filter({ hasText: 'beats[0].action.amount' });
  assert.ok(norm(await alert.innerText()).startsWith(norm(fill(T.it.sf_err_at, 'beats[0].action.amount', ''))));
  await it.getByRole('heading', { level: 1, name: exactly(T.it.sf_refused_title) }).waitFor();
  noPageErrors(it);
  await it.context().close();
});
