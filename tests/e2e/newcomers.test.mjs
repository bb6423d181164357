// Issue 20, "What new users met": each defect a new user ran into, checked where the user saw
// it, in French and Italian (and English where the text is English's), at 1280 px and 390 px
// where layout matters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { UI, eventually } from './panel.mjs';
import { T, GUIDE, norm, day, escapeRe } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });


async function freshPage(lang, viewport = { width: 1280, height: 800 }) {
  const page = await app.newPage({ locale: UI[lang].locale, viewport });
  page.t = UI[lang];
  return page;
}

/** Money as Intl prints it under 1000: "8,02 €" / "€8.02". */
const eur = (lang, amount) => (lang === 'en' ? `€${amount}` : `${amount.replace('.', ',')} €`);

/** What the balance chart draws: its last date, its top, and the last mark's words. */
async function chartOf(page) {
  return page.evaluate(() => {
    const chart = document.querySelector('section.chart');
    if (!chart) return null;
    const text = (sel) => (chart.querySelector(sel)?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
    const marks = [...chart.querySelectorAll('circle title')].map((t) => t.textContent.replace(/[\u00a0\u202f]/g, ' '));
    return { to: text('.chart-to'), top: text('.chart-top'), last: marks.at(-1) ?? '', path: chart.querySelector('path.line')?.getAttribute('d') };
  });
}

// ---------- item 1: the balance chart follows every change of the state ----------

for (const lang of ['fr', 'it']) {
  test(`issue 20 item 1 (${lang.toUpperCase()}): the balance chart follows a scenario's Step and Next event`, async () => {
    const t = T[lang];
    const page = await freshPage(lang);
    await page.goto(app.url('/scenario/balance-and-card'));
    await page.waitForURL(/\/billing\/ovh-account$/);
    const before = await eventually(() => chartOf(page), (c) => c?.to === day(lang, '2026-03-08'), { message: 'the chart ends on 8 March' });
    assert.ok(before.last.includes(eur(lang, '5.00')), `the last mark is the 5.00 balance: ${before.last}`);
    await page.locator('aside.guide-panel.scenario').getByRole('button', { name: t.sc_step, exact: true }).click();
    // The invoice of 10 March: 5.00 from the balance (S2), the rest charged to the card (S4).
    const after = await eventually(() => chartOf(page), (c) => c?.to === day(lang, '2026-03-10'),
      { message: 'after Step the chart ends on 10 March' });
    assert.ok(after.last.includes(eur(lang, '0.00')), `the last mark is the 0.00 balance: ${after.last}`);
    assert.notEqual(after.path, before.path, 'the line was drawn again');
    // The clock bar's Next event moves it again (to the next event day).
    await page.getByRole('button', { name: page.t.nextEvent, exact: true }).click();
    await eventually(() => chartOf(page), (c) => c?.to && c.to !== day(lang, '2026-03-10'), { message: 'after Next event the chart moves on' });
    assert.deepEqual(page.errors.map(String), []);
  });
}

// ---------- item 2: Italy is not France ----------

for (const [lang, expected] of [['it', 'it'], ['fr', 'fr'], ['en', 'fr']]) {
  test(`issue 20 item 2 (${lang.toUpperCase()}): the login's subsidiary defaults to the interface language's (${expected})`, async () => {
    const page = await freshPage(lang);
    await page.goto(app.url('/login'));
    const select = page.getByRole('combobox', { name: page.t.subsidiary, exact: true });
    await select.waitFor();
    assert.equal(await select.inputValue(), expected);
  });
}

test('issue 20 item 2 (IT): G2 with the default (Italian) subsidiary says nothing of a bank account', async () => {
  const lang = 'it';
  const page = await freshPage(lang);
  const t = page.t;
  await page.goto(app.url('/guide/g2'));
  await page.waitForURL(/\/login(\?guide=g2&step=\d+)?$/);
  await page.getByLabel(t.nic).fill('ab12345-ovh');
  await page.getByLabel(t.password, { exact: true }).fill('not-a-real-password');
  await page.getByRole('button', { name: t.login, exact: true }).click();
  await page.getByRole('navigation', { name: /./ }).first().getByRole('link', { name: t.billing, exact: true }).click();
  await page.getByRole('link', { name: t.paymentMethods, exact: true }).click();
  await page.getByRole('link', { name: t.addMethodLink, exact: true }).first().click();
  const panel = page.locator('aside.guide-panel');
  const kinds = norm(GUIDE[lang]['g2.kinds.it']);
  await eventually(async () => norm(await panel.innerText()), (text) => text.includes(kinds), { message: 'the Italian-subsidiary step text' });
  assert.doesNotMatch(await panel.innerText(), /IBAN|conto bancario/);
  // Italy offers no bank account (P1).
  await page.locator('#main').getByText(t.card, { exact: true }).first().waitFor();
  assert.equal(await page.locator('#main').getByText(t.bank, { exact: true }).count(), 0);
});

// ---------- item 15: what a button or link shows is in its accessible name (WCAG 2.5.3) ----------

/** Every visible button and link whose accessible name (aria-label, aria-labelledby) does not
 * contain its visible text. */
async function mismatches(page) {
  return page.evaluate(() => {
    const clean = (s) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
    const out = [];
    for (const el of document.querySelectorAll('button, a[href], [role="button"], [role="link"], summary')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const visible = clean(el.innerText);
      let name = null;
      if (el.hasAttribute('aria-labelledby')) {
        name = el.getAttribute('aria-labelledby').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      } else if (el.hasAttribute('aria-label')) {
        name = el.getAttribute('aria-label');
      }
      if (name === null || !visible) continue;
      if (!clean(name).includes(visible)) out.push(`${el.tagName.toLowerCase()} "${visible}" is named "${clean(name)}"`);
    }
    return out;
  });
}

const SCREENS = ['/', '/billing/payment-methods', '/billing/payment-methods/add', '/billing/ovh-account', '/billing/ovh-account/credit',
  '/exchange', '/exchange/billing-mode', '/inbox', '/journal', '/settings'];

for (const lang of ['fr', 'it', 'en']) {
  test(`issue 20 item 15 (${lang.toUpperCase()}): every button and link's accessible name contains its visible text, on the main screens`, async () => {
    const page = await freshPage(lang);
    const t = page.t;
    await page.goto(app.url('/login'));
    const login = await mismatches(page);
    await page.getByLabel(t.nic).fill('ab12345-ovh');
    await page.getByLabel(t.password, { exact: true }).fill('not-a-real-password');
    await page.getByLabel(t.subsidiary).selectOption('fr');
    await page.getByRole('button', { name: t.login, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t.home }).waitFor();
    // Something in each list: a card, an invoice, e-mails, journal entries.
    await page.goto(app.url('/billing/payment-methods/add'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText(t.card, { exact: true }).first().click();
    await page.getByLabel(t.cardNumber).fill('4242 4242 4242 4242');
    await page.getByLabel(t.cardExpiry).fill('12/30');
    await page.getByRole('button', { name: t.add, exact: true }).click();
    // A second method, so that one can be removed (the default cannot, P4).
    await page.goto(app.url('/billing/payment-methods/add'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText(t.paypal, { exact: true }).first().click();
    await page.getByLabel(t.paypalEmail).fill('customer@example.com');
    await page.getByRole('button', { name: t.add, exact: true }).click();
    await page.getByRole('button', { name: t.nextEvent, exact: true }).click();
    const found = login.map((m) => `/login: ${m}`);
    for (const path of SCREENS) {
      await page.goto(app.url(path));
      await page.locator('#main h1').first().waitFor();
      found.push(...(await mismatches(page)).map((m) => `${path}: ${m}`));
    }
    for (const path of ['/scenario/balance-and-card', '/guide/g8']) {
      await page.goto(app.url(path));
      await page.locator('aside.guide-panel').waitFor();
      found.push(...(await mismatches(page)).map((m) => `${path}: ${m}`));
    }
    assert.deepEqual([...new Set(found)], []);
  });
}

// ---------- item 8: the journal says "Pourquoi" once per entry ----------

for (const lang of ['fr', 'it']) {
  test(`issue 20 item 8 (${lang.toUpperCase()}, 390 px): each journal entry names its rules' column once`, async () => {
    const page = await freshPage(lang, { width: 390, height: 844 });
    const t = page.t;
    await page.goto(app.url('/login'));
    await page.getByLabel(t.nic).fill('ab12345-ovh');
    await page.getByLabel(t.password, { exact: true }).fill('not-a-real-password');
    await page.getByRole('button', { name: t.login, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t.home }).waitFor();
    await page.goto(app.url('/journal'));
    await page.locator('#main tbody tr').first().waitFor();
    const word = T[lang].col_rules;
    // What the phone shows of each entry: each cell's label (its ::before) and its text.
    const counts = await page.evaluate((word) => [...document.querySelectorAll('#main tbody tr')].map((tr) => {
      let shown = '';
      for (const td of tr.querySelectorAll('td')) {
        shown += ` ${getComputedStyle(td, '::before').content.replace(/^"|"$/g, '')} ${td.innerText}`;
      }
      return shown.split(word).length - 1;
    }), word);
    assert.ok(counts.length > 0);
    assert.deepEqual(counts.filter((n) => n > 1), [], `"${word}" once per entry`);
  });
}

// Item 9: the keyboard hint shows with a fine pointer only (not on a touch screen).
for (const [name, options, shown] of [['a mouse', {}, true], ['a touch screen', { hasTouch: true, isMobile: true }, false]]) {
  test(`issue 20 item 9 (FR): the walkthrough's keyboard hint ${shown ? 'shows' : 'is hidden'} with ${name}`, async () => {
    const page = await app.newPage({ locale: UI.fr.locale, viewport: { width: 390, height: 844 }, ...options });
    await page.goto(app.url('/guide/g1'));
    const step = page.getByText(/^Étape 1 sur/);
    await step.first().waitFor();
    const hint = page.getByText(norm(T.fr.tour_keys));
    // The hint is in the page either way: only whether it is drawn differs.
    await hint.waitFor({ state: 'attached' });
    assert.equal(await hint.isVisible(), shown);
    assert.equal(await page.evaluate(() => matchMedia('(pointer: fine)').matches), shown);
    await page.context().close();
  });
}
