// Issue 17: a customer enters her own situation (U1–U4) by accessible names, in French and in
// Italian, in at most 20 fields, and sees her year ahead (F1, F2): the card's expiry warning,
// the 15 June invoice hand-computed here, the debt's deadline and suspension dates. The
// situation survives a reload; comparing a choice and applying it gives the same state as
// doing the action by hand; axe is clean on the new screens at 360 and 1280 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { startApp, OUTPUT } from './harness.mjs';
import { UI, drawn, a11yViolations, noPageErrors, savedState, loggedIn, open } from './panel.mjs';
import { T, fill, norm, day, exactly } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const LOCALE = { fr: 'fr-FR', it: 'it-IT', en: 'en-US' };
// The worked case: today 1 April 2026, 3 yearly accounts renewing on 15 June, 20.00 € on the OVH
// account, a card that expires in May 2026. By hand: 3 × 49.90 = 149.70 excl. VAT.
const CASE = {
  fr: { vat: '29,94', total: '179,64', debt: '159,64' },
  it: { vat: '32,93', total: '182,63', debt: '162,63' },
};
const MONTH = { fr: 'mai 2026', it: 'maggio 2026' };

/** Enters the worked case on the situation screen; returns the number of fields touched. */
async function enterWorkedCase(page, t) {
  let touched = 0;
  const fillIn = async (label, value) => { touched++; await page.getByLabel(label, { exact: true }).fill(value); };
  await fillIn(t.sit_today, '2026-04-01');
  await fillIn(t.sit_domain, 'example.com');
  await fillIn(t.sit_anniversary, '2026-06-15');
  touched++; await page.getByLabel(t.sit_mode, { exact: true }).first().selectOption({ label: t.mode_yearly });
  await fillIn(t.sit_count, '3');
  await fillIn(t.sit_balance, '20');
  touched++; await page.getByRole('button', { name: t.sit_add_method, exact: true }).click();
  await fillIn(t.sit_card_expiry, '05/26');
  touched++; await page.getByRole('button', { name: t.sit_start, exact: true }).click();
  return touched;
}

for (const lang of ['fr', 'it']) {
  test(`U1–U4, F1, F2 (${lang.toUpperCase()}): the worked case in at most 20 fields, and its year ahead`, async () => {
    const t = T[lang];
    const page = await app.newPage({ locale: LOCALE[lang] });
    await page.goto(app.url('/'));
    await drawn(page);
    await page.getByRole('link', { name: t.home_situation, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t.sit_title }).waitFor();
    // L2: the subsidiary follows the interface language (Italian → Italy).
    assert.equal(await page.getByLabel(t.subsidiary_label, { exact: true }).inputValue(), lang);

    const touched = await enterWorkedCase(page, t);
    assert.ok(touched <= 20, `${touched} fields touched`);
    await page.getByRole('heading', { level: 1, name: t.ah_title }).waitFor();

    const c = CASE[lang];
    const money = (s) => `${s} €`;
    const warnings = norm(await page.getByRole('region', { name: t.ah_warnings }).innerText());
    // P6, S5: the card's expiry, before the 15 June invoice, which becomes a debt.
    assert.ok(warnings.includes(norm(fill(t.ah_warn_card, 'Card', MONTH[lang], day(lang, '2026-06-15'), money(c.debt)))), warnings);
    // D4, D5: the debt's deadline (7 days after it began) and the suspension the day after.
    assert.ok(warnings.includes(norm(day(lang, '2026-06-22'))) && warnings.includes(norm(day(lang, '2026-06-23'))), warnings);

    const row = page.getByRole('row').filter({ hasText: day(lang, '2026-06-15') }).filter({ hasText: 'example.com' }).first();
    const text = norm(await row.innerText());
    for (const figure of ['149,70', c.vat, c.total]) assert.ok(text.includes(figure), `${figure} in ${text}`);
    assert.ok(text.includes(norm(fill(t.ah_from_balance, money('20,00')))), text);
    assert.ok(text.includes(norm(fill(t.ah_debt, money(c.debt)))), text);
    for (const rule of ['M2', 'S2', 'S5']) assert.ok(text.includes(rule), `${rule} in ${text}`);

    // F2: the last safe days name fixing the payment method before the invoice.
    const safe = norm(await page.getByRole('region', { name: t.ah_safe_days }).innerText());
    assert.ok(safe.includes(norm(fill(t.ah_by, day(lang, '2026-06-14')))), safe);

    // The situation survives a reload (T3: the save carries it and replays from it).
    const saved = await savedState(page);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: t.ah_title }).waitFor();
    assert.deepEqual(await savedState(page), saved);

    // "Edit my situation" shows the figures it started from.
    await page.goto(app.url('/settings'));
    await page.getByRole('link', { name: t.sit_edit, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t.sit_title }).waitFor();
    assert.equal(await page.getByLabel(t.sit_domain, { exact: true }).inputValue(), 'example.com');
    noPageErrors(page);
    await page.context().close();
  });
}

test('U1 (FR): a bad figure is shown at its field, in the language, and nothing is started', async () => {
  const t = T.fr;
  const page = await app.newPage({ locale: LOCALE.fr });
  await page.goto(app.url('/situation'));
  await page.getByRole('heading', { level: 1, name: t.sit_title }).waitFor();
  const before = await page.evaluate(() => localStorage.getItem('hes.save'));
  await page.getByLabel(t.sit_today, { exact: true }).fill('2026-04-01');
  await page.getByLabel(t.sit_domain, { exact: true }).fill('pas un domaine');
  await page.getByLabel(t.sit_anniversary, { exact: true }).fill('2026-03-01');
  await page.getByRole('button', { name: t.sit_start, exact: true }).click();
  await page.getByRole('alert').filter({ hasText: norm(t.sit_errors) }).waitFor();
  const domain = page.getByLabel(t.sit_domain, { exact: true });
  assert.equal(await domain.getAttribute('aria-invalid'), 'true');
  assert.equal(await domain.inputValue(), 'pas un domaine', 'what was typed stays');
  const anniversary = page.getByLabel(t.sit_anniversary, { exact: true });
  assert.equal(await anniversary.getAttribute('aria-invalid'), 'true');
  assert.ok(norm(await page.locator('#sit-platforms-0-anniversary-error').innerText()).includes(norm(t.sit_err_after_today)));
  assert.equal(await page.evaluate(() => localStorage.getItem('hes.save')), before, 'nothing started');
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t.sit_title);
  await page.context().close();
});

test('Compare (EN): switching to Yearly, compared then applied, equals doing it by hand', async () => {
  const t = T.en;
  const start = async () => {
    const page = await app.newPage({ locale: 'en-US' });
    await page.goto(app.url('/situation'));
    await page.getByRole('heading', { level: 1, name: t.sit_title }).waitFor();
    await page.getByLabel(t.sit_today, { exact: true }).fill('2026-04-01');
    await page.getByLabel(t.sit_domain, { exact: true }).fill('example.com');
    await page.getByLabel(t.sit_anniversary, { exact: true }).fill('2026-06-15');
    await page.getByLabel(t.sit_count, { exact: true }).fill('2');
    await page.getByLabel(t.sit_balance, { exact: true }).fill('20');
    await page.getByRole('button', { name: t.sit_start, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t.ah_title }).waitFor();
    return page;
  };
  // The same start and the same actions give the same state (T3); the snapshots kept of the
  // runs replaced are named with the time, so they are left out.
  const strip = (s) => ({ ...s, snapshots: undefined });

  // By comparison: the choice, both futures side by side, then "Apply this choice".
  const a = await start();
  await a.getByRole('link', { name: t.nav_compare, exact: true }).click();
  await a.getByRole('heading', { level: 1, name: t.cmp_title }).waitFor();
  await a.getByLabel(t.cmp_choice, { exact: true }).selectOption({ label: `${t.cmp_set_mode} — ${t.mode_yearly}` });
  await a.getByRole('button', { name: t.cmp_apply, exact: true }).waitFor();
  const before = await savedState(a);
  assert.deepEqual(await savedState(a), before, 'nothing changes before Apply');
  await a.getByRole('button', { name: t.cmp_apply, exact: true }).click();
  await a.getByRole('status').filter({ hasText: t.cmp_applied }).waitFor();
  const compared = await savedState(a);
  assert.equal(compared.actions.length, 1, 'the choice is one action');

  // By hand: the Billing mode tab, every account, Yearly, Validate, Confirm.
  const b = await start();
  await b.goto(app.url('/exchange/billing-mode'));
  await b.getByRole('heading', { level: 1 }).waitFor();
  await b.getByLabel(t.bm_select_all, { exact: true }).check();
  await b.getByLabel(t.mode_yearly, { exact: true }).check();
  await b.getByRole('button', { name: t.bm_validate, exact: true }).click();
  await b.getByRole('button', { name: t.bm_confirm, exact: true }).click();
  await b.waitForFunction(() => JSON.parse(localStorage.getItem('hes.save')).state.actions.length > 0);
  const byHand = await savedState(b);
  assert.deepEqual(strip(compared), strip(byHand));
  await a.context().close();
  await b.context().close();
});

for (const width of [360, 1280]) {
  test(`axe: the situation, the year ahead and the comparison are clean at ${width} px`, async () => {
    const t = T.it;
    const page = await app.newPage({ locale: LOCALE.it, viewport: { width, height: 900 } });
    await page.goto(app.url('/situation'));
    await page.getByRole('heading', { level: 1, name: t.sit_title }).waitFor();
    assert.deepEqual(await a11yViolations(page), []);
    await page.screenshot({ path: join(OUTPUT, `situation-it-${width}.png`), fullPage: true });
    await enterWorkedCase(page, t);
    await page.getByRole('heading', { level: 1, name: t.ah_title }).waitFor();
    assert.deepEqual(await a11yViolations(page), []);
    await page.screenshot({ path: join(OUTPUT, `year-ahead-it-${width}.png`), fullPage: true });
    await page.getByRole('link', { name: t.nav_compare, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t.cmp_title }).waitFor();
    await page.getByLabel(t.cmp_choice, { exact: true }).selectOption({ label: t.cmp_credit });
    await page.getByRole('button', { name: t.cmp_apply, exact: true }).waitFor();
    assert.deepEqual(await a11yViolations(page), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scroll (${overflow} px)`);
    await page.screenshot({ path: join(OUTPUT, `compare-it-${width}.png`), fullPage: true });
    await page.context().close();
  });
}

/** Settings' "Share, export, import" card. */
const transferCard = (page, lang) => page.getByRole('region', { name: exactly(T[lang].transfer_title) });
/** The "Open this simulation?" dialog, and the refusal's. */
const incoming = (page, lang) => page.getByRole('dialog', { name: exactly(T[lang].incoming_title) });
const refused = (page, lang) => page.getByRole('alertdialog', { name: exactly(T[lang].incoming_refused_title) });
const storage = (page) => page.evaluate(() => ({ ...localStorage }));

test('U2, T3 (FR → IT, EN): a situation survives a share link and an export/import, clicked through; a bad situation in a file is refused in the language and nothing changes', async () => {
  // The worked case entered in French (a French customer: 20 % VAT).
  const a = await app.newPage({ locale: LOCALE.fr });
  a.t = UI.fr;
  await a.goto(app.url('/'));
  await drawn(a);
  await a.getByRole('link', { name: T.fr.home_situation, exact: true }).click();
  await enterWorkedCase(a, T.fr);
  await a.getByRole('heading', { level: 1, name: T.fr.ah_title }).waitFor();
  const sent = await savedState(a);
  assert.ok(JSON.stringify(sent.start).includes('example.com'), `the run starts from the situation: ${JSON.stringify(sent.start)}`);

  // Its share link, read from the link field (the clipboard may be refused headless).
  await open(a, 'settings');
  const card = transferCard(a, 'fr');
  await card.getByRole('button', { name: exactly(T.fr.share_button) }).click();
  const field = card.getByLabel(exactly(T.fr.share_link_label));
  await field.waitFor();
  await a.waitForFunction((el) => el.value.includes('#s='), await field.elementHandle());
  const link = await field.inputValue();
  // Its export file.
  const [download] = await Promise.all([
    a.waitForEvent('download'),
    card.getByRole('button', { name: exactly(T.fr.export_button) }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');
  noPageErrors(a);
  await a.context().close();

  // The link, opened in a fresh Italian browser: it asks, says it is a situation, and opens the
  // same run: the same start (the situation itself) and the same French figures.
  const b = await app.newPage({ locale: LOCALE.it });
  b.t = UI.it;
  await b.goto(link);
  const offer = incoming(b, 'it');
  await offer.waitFor();
  assert.equal(norm(await offer.locator('#incoming-body').innerText()),
    norm(fill(T.it.incoming_summary, T.it.start_situation, day('it', '2026-04-01'), String(sent.actions.length))));
  await offer.getByRole('button', { name: exactly(T.it.incoming_accept) }).click();
  await offer.waitFor({ state: 'detached' });
  const got = await savedState(b);
  assert.deepEqual(got.start, sent.start, 'the same situation');
  assert.deepEqual(got.actions, sent.actions, 'the same actions');
  await b.goto(app.url('/exchange/ahead'));
  await b.getByRole('heading', { level: 1, name: T.it.ah_title }).waitFor();
  const row = b.getByRole('row').filter({ hasText: day('it', '2026-06-15') }).filter({ hasText: 'example.com' }).first();
  assert.ok(norm(await row.innerText()).includes('179,64'), 'the French customer\'s total, in the Italian interface');
  noPageErrors(b);
  await b.context().close();

  // The file, imported by the picker in English over a run of its own: the same situation.
  const c = await loggedIn(app, 'en');
  await open(c, 'settings');
  await transferCard(c, 'en').getByLabel(exactly(T.en.import_label)).setInputFiles({ name: 'situation.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const offered = incoming(c, 'en');
  await offered.waitFor();
  await offered.getByRole('button', { name: exactly(T.en.incoming_accept) }).click();
  await offered.waitFor({ state: 'detached' });
  const imported = await savedState(c);
  assert.deepEqual(imported.start, sent.start, 'the same situation, from the file');
  assert.deepEqual(imported.actions, sent.actions);

  // The same file with a situation that does not parse (its domain edited by hand): refused
  // in French, with its reason, and nothing stored changes.
  const bad = text.replace(/"domain": "example\.com"/, '"domain": "not a domain"');
  assert.notEqual(bad, text);
  const d = await loggedIn(app, 'fr');
  await open(d, 'settings');
  const before = await storage(d);
  await transferCard(d, 'fr').getByLabel(exactly(T.fr.import_label)).setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const no = refused(d, 'fr');
  await no.waitFor();
  assert.ok(norm(await no.innerText()).includes(norm(T.fr.transfer_nothing_changed)), 'it says nothing changed, in French');
  assert.equal(await incoming(d, 'fr').count(), 0, 'never offered');
  assert.deepEqual(await storage(d), before, 'nothing stored changed');
  noPageErrors(c);
  noPageErrors(d);
});
