// Issue 20, items 2, 3, 4, 5 and 11: the walkthrough and the scenarios run on the user's
// subsidiary, a step already done is done, G8 waits for the debtor e-mail, a typed address of a
// screen during G2 says why it is the login, and the address bar reopens a section at its step.
// In French and Italian.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from './harness.mjs';
import { UI, logIn, clock, balance, eventually } from './panel.mjs';
import { T, GUIDE, norm } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });


async function freshPage(lang, viewport = { width: 1280, height: 800 }) {
  const page = await app.newPage({ locale: UI[lang].locale, viewport });
  page.t = UI[lang];
  return page;
}

const panel = (page) => page.locator('aside.guide-panel');
const stepText = async (page) => norm(await panel(page).locator('#guide-step-text').innerText().catch(() => ''));
const waitStep = (page, key) => eventually(() => stepText(page), (t) => t === norm(GUIDE[page.lang][key]), { message: `the step ${key}` });
const next = (page) => panel(page).getByRole('button', { name: T[page.lang].tour_next, exact: true }).click();

// ---------- item 2: sections and scenarios on the user's subsidiary ----------

for (const [lang, sub, invoice, debt] of [['fr', 'fr', 'FR0000001', '-6,98'], ['it', 'it', 'IT0000001', '-7,18']]) {
  test(`issue 20 item 2 (${lang.toUpperCase()}): G8 runs on the language's subsidiary (${invoice}, ${debt} €)`, async () => {
    const page = await freshPage(lang);
    page.lang = lang;
    const it = sub === 'it' ? '.it' : '';
    await page.goto(app.url('/guide/g8'));
    await waitStep(page, 'g8.situation' + it);
    await next(page);
    await waitStep(page, 'g8.arithmetic' + it);
    await next(page);
    await clock(page, 'nextEvent');
    await waitStep(page, 'g8.debtor' + it);
    await eventually(() => balance(page), (b) => norm(b) === `${debt} €`, { message: 'the balance after the invoice' });
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('hes.guided')).state.start);
    assert.deepEqual(saved, sub === 'it' ? { Section: ['G8', 'It'] } : { Section: 'G8' });
    await page.goto(app.url('/billing/ovh-account'));
    await page.getByText(invoice).first().waitFor();
    await app.screenshot(page, `issue-20-g8-${lang}`).catch(() => {});
  });
}

test('issue 20 item 2 (IT): a scenario runs on Italy, its caption with 22 % VAT figures', async () => {
  const page = await freshPage('it');
  await page.goto(app.url('/scenario/balance-and-card'));
  const caption = norm(GUIDE.it['balance-and-card.0.it']);
  await eventually(async () => norm(await page.locator('aside.guide-panel.scenario').innerText()), (t) => t.includes(caption),
    { message: 'the Italian-subsidiary caption' });
  await page.locator('aside.guide-panel.scenario').getByRole('button', { name: T.it.sc_step, exact: true }).click();
  await page.getByText('IT0000001').first().waitFor();
});

test('issue 20 item 2 (FR): a French user who chose Italy at the login gets Italy in a section', async () => {
  const page = await freshPage('fr');
  page.lang = 'fr';
  await page.goto(app.url('/login'));
  await page.getByLabel(page.t.nic).fill('ab12345-ovh');
  await page.getByLabel(page.t.password, { exact: true }).fill('not-a-real-password');
  await page.getByLabel(page.t.subsidiary).selectOption('it');
  await page.getByRole('button', { name: page.t.login, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: page.t.home }).waitFor();
  await page.goto(app.url('/guide/g8'));
  await waitStep(page, 'g8.situation.it');
});

// ---------- item 3: a step already done is done ----------

for (const lang of ['fr', 'it']) {
  test(`issue 20 item 3 (${lang.toUpperCase()}): G6's export and None done on step 1, Next goes to the expiry`, async () => {
    const page = await freshPage(lang);
    page.lang = lang;
    await page.goto(app.url('/guide/g6'));
    await waitStep(page, 'g6.alert');
    const tt = T[lang];
    const contact = 'contact@demo-exchange.example';
    await page.goto(app.url('/exchange'));
    await page.getByRole('button', { name: tt.export_pst_named.replace('{0}', contact), exact: true }).click();
    await page.getByRole('row', { name: new RegExp(contact) }).first().waitFor();
    await page.goto(app.url('/exchange/billing-mode'));
    await page.getByRole('checkbox', { name: tt.bm_select_row.replace('{0}', contact), exact: true }).check();
    await page.getByRole('radio', { name: tt.mode_none, exact: true }).check();
    await page.getByRole('button', { name: tt.bm_validate, exact: true }).click();
    await page.getByRole('button', { name: tt.bm_confirm, exact: true }).click();
    await page.getByRole('row', { name: new RegExp(`${contact}.*${tt.mode_none}`) }).first().waitFor();
    await waitStep(page, 'g6.alert');
    await next(page);
    await waitStep(page, 'g6.expiry');
  });
}

// ---------- item 4: G8 waits for the debtor e-mail, which opens expanded ----------

for (const lang of ['fr', 'it']) {
  test(`issue 20 item 4 (${lang.toUpperCase()}): G8's e-mail step opens the debtor e-mail and waits for Next`, async () => {
    const page = await freshPage(lang);
    page.lang = lang;
    const it = lang === 'it' ? '.it' : '';
    await page.goto(app.url('/guide/g8'));
    await waitStep(page, 'g8.situation' + it);
    await next(page);
    await next(page);
    await clock(page, 'nextEvent');
    await waitStep(page, 'g8.debtor' + it);
    await next(page);
    await waitStep(page, 'g8.email' + it);
    await page.getByRole('navigation', { name: /./ }).first().getByRole('link', { name: page.t.inbox }).click();
    const mail = page.getByRole('article', { name: T[lang].mail_debtor_subject });
    await mail.locator('details[open]').waitFor();
    await mail.getByRole('link', { name: /BC-000002/ }).waitFor();
    // Still on the e-mail's step: reaching the inbox is not reading it.
    await sleep(500);
    assert.equal(await stepText(page), norm(GUIDE[lang]['g8.email' + it]));
    await next(page);
    await waitStep(page, 'g8.reminder');
  });
}

// ---------- item 5: a typed address during G2 ----------

for (const lang of ['fr', 'it']) {
  test(`issue 20 item 5 (${lang.toUpperCase()}): typing /inbox, /settings or /journal after opening G2 says why, and opens it in the own run`, async () => {
    const page = await freshPage(lang);
    page.lang = lang;
    const t = T[lang];
    // The user's own simulation, logged in.
    await page.goto(app.url('/login'));
    await page.getByLabel(page.t.nic).fill('ab12345-ovh');
    await page.getByLabel(page.t.password, { exact: true }).fill('not-a-real-password');
    await page.getByRole('button', { name: page.t.login, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: page.t.home }).waitFor();
    await page.goto(app.url('/guide/g2'));
    await waitStep(page, 'g2.login');
    for (const [path, title] of [['/inbox', t.inbox_title], ['/settings', null], ['/journal', null]]) {
      await page.goto(app.url(path));
      await page.getByText(norm(t.login_guided_why).slice(0, 40)).waitFor();
      if (path !== '/journal') continue;
      await page.getByRole('button', { name: t.login_guided_back, exact: true }).click();
      await page.waitForURL(new RegExp(`${path}$`));
      await page.getByRole('heading', { level: 1 }).waitFor();
      assert.equal(await page.locator('aside.guide-panel').count(), 0, 'the own simulation, no walkthrough');
      void title;
    }
  });
}

// ---------- item 11: the address reopens the section at its step ----------

for (const lang of ['fr', 'it']) {
  test(`issue 20 item 11 (${lang.toUpperCase()}): the address keeps ?guide=g8&step=N, in history, and a reload reopens it`, async () => {
    const page = await freshPage(lang);
    page.lang = lang;
    const it = lang === 'it' ? '.it' : '';
    await logIn(page, app, { subsidiary: lang });
    await page.goto(app.url('/guide/g8'));
    await waitStep(page, 'g8.situation' + it);
    await eventually(() => page.url(), (u) => /\/billing\/ovh-account\?guide=g8&step=1$/.test(u), { message: 'the address names G8, step 1' });
    await next(page);
    await next(page);
    await eventually(() => page.url(), (u) => u.endsWith('?guide=g8&step=3'), { message: 'step 3' });
    await page.reload();
    await waitStep(page, 'g8.invoice' + it);
    assert.match(page.url(), /\?guide=g8&step=3$/);
    // Back in the own simulation, the browser's Back reopens the section at that step.
    await page.getByRole('button', { name: T[lang].back_to_own, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: page.t.home }).waitFor();
    await page.goBack();
    await waitStep(page, 'g8.invoice' + it);
    // A reload of that address while the own simulation is on screen reopens it too.
    await page.getByRole('button', { name: T[lang].back_to_own, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: page.t.home }).waitFor();
    await page.goto(app.url('/billing/ovh-account?guide=g8&step=3'));
    await waitStep(page, 'g8.invoice' + it);
  });
}
