// The guided walkthrough of the guide's sections G1–G8, in the browser, as a user walks it: each
// section is opened by its link (/guide/gN), and every step that waits for an action is done in
// the control panel itself (tabs, menu, forms, buttons, the clock's "Next event"); "Next" is only
// pressed on the steps to read. At each step the panel must say "Step N of M", show the step's
// text (public/guide/<lang>.json) and highlight the control the step points at (class
// `tour-target` on its `data-tour` element). The steps, their targets and what completes them are
// src/domain/guide.rs's (tests/guide.rs walks the same sections natively); the start states are
// src/domain/scenario.rs's `section_start`.
//
// Also: one section from the keyboard alone, resuming after a reload, the user's own simulation
// kept apart, the guide's alerts as alerts, axe-core and the layout at 360 px and 1280 px.
// English, French and Italian are spread over the sections; G8 is walked in all three.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from './harness.mjs';
import { UI, loggedIn, open, clock, today, balance, a11yViolations, noPageErrors } from './panel.mjs';
import { LANGS, T, GUIDE, fill, norm, escapeRe, exactly } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

// ---------- texts: the app's own catalogues ----------



// ---------- the walkthrough's steps (src/domain/guide.rs) ----------

const read = (id, target = null) => ({ id, target, done: 'read', alert: false });
const alertStep = (id) => ({ id, target: null, done: 'read', alert: true });
const route = (id, target) => ({ id, target, done: 'route', alert: false });
const event = (id, target) => ({ id, target, done: 'event', alert: false });
const state = (id, target) => ({ id, target, done: 'state', alert: false });
// A step to read once its condition holds (issue 20: G8's e-mail, once open).
const readOnce = (id, target) => ({ id, target, done: 'readOnce', alert: false });

const STEPS = {
  g1: [read('g1.auto'), route('g1.exchange', 'tab-exchange'), read('g1.expiry', 'accounts'),
    event('g1.renew', 'clock-next'), read('g1.renewed', 'accounts'), read('g1.methods')],
  g2: [event('g2.login', 'login-form'), route('g2.billing', 'tab-billing'), route('g2.methods', 'menu-payment-methods'),
    route('g2.add', 'add-method'), event('g2.kinds', 'method-form'), read('g2.listed', 'methods')],
  g3: [read('g3.intro'), route('g3.account', 'tab-billing'), read('g3.balance', 'balance'), read('g3.preview', 'settlement'),
    event('g3.invoice', 'clock-next'), read('g3.debtor', 'balance')],
  g4: [route('g4.email', 'tab-inbox'), read('g4.ways', 'inbox-debtor'), route('g4.billing', 'tab-billing'),
    route('g4.credit', 'credit'), event('g4.amount', 'credit-form'), event('g4.pay', 'orders'), read('g4.settled', 'balance')],
  g5: [route('g5.exchange', 'tab-exchange'), route('g5.tab', 'menu-billing-mode'), read('g5.check', 'mode-table'),
    event('g5.change', 'mode-form'), read('g5.no_order', 'mode-table'), event('g5.applied', 'clock-next')],
  g6: [alertStep('g6.alert'), route('g6.exchange', 'tab-exchange'), event('g6.export', 'export-pst'),
    route('g6.tab', 'menu-billing-mode'), event('g6.none', 'mode-form'), event('g6.expiry', 'clock-next'), read('g6.done', 'accounts')],
  g7: [route('g7.exchange', 'tab-exchange'), alertStep('g7.alert'), state('g7.export', 'export-pst'),
    event('g7.terminate', 'terminate'), read('g7.scheduled', 'termination'), event('g7.end', 'clock-next')],
  g8: [read('g8.situation', 'balance'), read('g8.arithmetic', 'settlement'), event('g8.invoice', 'clock-next'),
    read('g8.debtor', 'balance'), readOnce('g8.email', 'inbox-debtor'), event('g8.reminder', 'clock-next'),
    event('g8.outcome', 'clock'), read('g8.done', 'balance')],
};

/** `guide::start_route`: where each section starts. */
const START_ROUTE = { g2: '/login', g3: '/exchange', g4: '/exchange' };
const startRoute = (section) => START_ROUTE[section] ?? '/billing/ovh-account';

const DEMO = { contact: 'contact@demo-exchange.example', sales: 'sales@demo-exchange.example' };

// ---------- helpers ----------

/** Retries `check` (which asserts) until it passes or `timeout` ms have gone; then fails with its
 * last error, the page's URL and any uncaught page error (a crashed panel shows up here). */
async function eventually(page, check, what, timeout = 5000) {
  const until = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) {
        const errors = page.errors.length ? `; uncaught page errors: ${page.errors.map(String).join(' | ')}` : '';
        const name = `failed-walkthrough-${what.replace(/[^\w]+/g, '-').slice(0, 60)}`;
        const shot = await app.screenshot(page, name).catch(() => 'no screenshot');
        throw new Error(`${what} (at ${new URL(page.url()).pathname}${errors}; screenshot ${shot}):\n${err.message}`, { cause: err });
      }
      await sleep(100);
    }
  }
}

const pathOf = (page) => new URL(page.url()).pathname;

/** The walkthrough panel of one section, in one language. */
class Walk {
  constructor(page, lang, section) {
    this.page = page;
    this.lang = lang;
    this.section = section;
    this.steps = STEPS[section];
    this.t = T[lang];
    // Issue 20: a section runs on the language's subsidiary (Italian: Italy), and its texts
    // that quote figures are then the Italian subsidiary's.
    this.sub = lang === 'it' ? 'it' : 'fr';
    const title = `${section.toUpperCase()} · ${GUIDE[lang][`${section}.title`]}`;
    this.title = title;
    // <aside aria-labelledby="guide-title">: a complementary landmark named by its h2.
    this.panel = page.getByRole('complementary', { name: exactly(title) });
    this.current = -1;
  }

  /** Opens the section by its link and checks where it starts. */
  async open({ via = 'url' } = {}) {
    const { page, section, t } = this;
    if (via === 'url') await page.goto(app.url(`/guide/${section}`));
    await eventually(page, async () => assert.equal(pathOf(page), startRoute(section)), `${section} starts at its start route`);
    // The bar above the panel says which walkthrough is open, and offers the way back.
    const bar = page.getByRole('region', { name: t.guided_label, exact: true });
    await eventually(page, async () => {
      assert.match(norm(await bar.innerText()),
        new RegExp(escapeRe(norm(fill(t.guided_section, section.toUpperCase(), t[`sec_${section}`])))));
    }, 'the walkthrough bar names the section');
    await bar.getByRole('button', { name: t.back_to_own, exact: true }).waitFor();
    await this.expect(this.steps[0].id);
  }

  /**
   * The panel is on step `id`: "Step N of M", the step's text (an alert for the guide's alerts),
   * Next only on a step to read, and the step's control highlighted. `onPage: false` says the
   * control is not on the current page (then nothing must be highlighted).
   */
  async expect(id, { onPage = true } = {}) {
    const { page, panel, lang, t, steps } = this;
    const index = steps.findIndex((s) => s.id === id);
    assert.ok(index >= 0, `${id} is a step of ${this.section}`);
    const step = steps[index];
    const progress = fill(t.tour_step, index + 1, steps.length);
    await eventually(page, async () => {
      assert.equal(norm(await panel.locator('.guide-progress').innerText({ timeout: 500 })), norm(progress));
      assert.equal(norm(await panel.locator('#guide-step-text').innerText({ timeout: 500 })), norm(GUIDE[lang][this.textKey(id)]));
    }, `${this.section} (${lang}) at step ${id}: the panel shows "${progress}" and the step's text`);
    this.current = index;
    const text = panel.locator('#guide-step-text');
    assert.equal(await text.getAttribute('role'), step.alert ? 'alert' : 'status', `${id}: role of the step text`);
    assert.equal(await text.getAttribute('aria-live'), 'polite', `${id}: the step text is a live region`);
    const nextButtons = await panel.getByRole('button', { name: t.tour_next, exact: true }).count();
    if (step.done === 'readOnce') {
      // Next only once its condition holds: checked by the caller.
    } else if (step.done === 'read') {
      assert.equal(nextButtons, 1, `${id} is a step to read: it has a Next button`);
    } else {
      assert.equal(nextButtons, 0, `${id} waits for an action: no Next button`);
      await panel.getByText(exactly(t.tour_do)).waitFor();
    }
    await this.highlighted(step, onPage);
  }

  /** The key of a step's text in this run: its Italian-subsidiary text where it has one. */
  textKey(id) {
    return this.sub === 'it' && GUIDE[this.lang][`${id}.it`] !== undefined ? `${id}.it` : id;
  }

  async highlighted(step, onPage) {
    const { page } = this;
    const marked = () => page.evaluate(() => [...document.querySelectorAll('.tour-target')].map((e) => e.getAttribute('data-tour')));
    if (step.target && onPage) {
      await eventually(page, async () => {
        assert.deepEqual(await marked(), [step.target]);
      }, `${step.id}: [data-tour="${step.target}"] (and only it) has the class tour-target`);
    } else {
      if (step.target) {
        assert.equal(await page.locator(`[data-tour="${step.target}"]`).count(), 0,
          `${step.id}: [data-tour="${step.target}"] is not on ${pathOf(page)}`);
      }
      await eventually(page, async () => assert.deepEqual(await marked(), []), `${step.id}: nothing is highlighted`);
      if (step.target) {
        // The panel says the control is on another page, and links to it.
        await eventually(page, async () => {
          assert.equal(await this.panel.getByText(this.t.tour_elsewhere).count(), 1);
          assert.equal(await this.panel.getByRole('link', { name: this.t.tour_go_there, exact: true }).count(), 1);
        }, `${step.id}: the panel says where its control is`);
      }
    }
  }

  /** Next, on the step on screen, which must be a step to read. */
  async next() {
    const step = this.steps[this.current];
    assert.ok(['read', 'readOnce'].includes(step?.done), `Next is only pressed on a step to read (${step?.id})`);
    await this.panel.getByRole('button', { name: this.t.tour_next, exact: true }).click();
  }

  /** Back, from the panel. */
  async back() {
    await this.panel.getByRole('button', { name: this.t.tour_back, exact: true }).click();
  }

  /** The section is finished: the panel says so, and shows no step any more. */
  async finished() {
    const { page, panel, t } = this;
    await eventually(page, async () => {
      assert.equal(norm(await panel.getByRole('status').innerText({ timeout: 500 })), norm(t.tour_finished));
    }, `${this.section} (${this.lang}): the panel says "${t.tour_finished}"`);
    assert.equal(await panel.locator('.guide-progress').count(), 0, 'no "Step N of M" once finished');
    assert.equal(await panel.getByRole('button', { name: t.tour_next, exact: true }).count(), 0, 'no Next once finished');
    await eventually(page, async () => assert.equal(await page.locator('.tour-target').count(), 0), 'nothing is highlighted once finished');
  }
}

/** A fresh page (own context, empty storage) in `lang`, with the panel.mjs helpers' texts. */
async function freshPage(lang, viewport) {
  const page = await app.newPage({ locale: UI[lang].locale, ...(viewport ? { viewport } : {}) });
  page.t = UI[lang];
  return page;
}

/** Money as the app prints it (amounts under 1000): "-€6.98" / "-6,98 €". */
function eur(lang, amount) {
  const sign = amount.startsWith('-') ? '-' : '';
  const digits = amount.replace(/^-/, '');
  return lang === 'en' ? `${sign}€${digits}` : `${sign}${digits.replace('.', ',')} €`;
}

async function click(page, role, name) {
  await page.getByRole(role, { name, exact: typeof name === 'string' }).click();
}

/** A tab of the top bar ("Billing", "Exchange platform", "Inbox"). */
async function tab(page, name) {
  const lang = LANGS.find((l) => UI[l] === page.t);
  await page.getByRole('navigation', { name: T[lang].nav_label, exact: true })
    .getByRole('link', { name, exact: typeof name === 'string' }).click();
}

// ---------- the sections, walked by doing them ----------

/** G1 from its start to its end: Next on the steps to read, the tab, the clock. */
async function walkG1(page, lang) {
  const w = new Walk(page, lang, 'g1');
  const t = T[lang];
  await w.open();
  assert.equal(await today(page), '2026-03-08', 'G1 starts on 8 March 2026');
  // Back is offered from step 2 on, not on the first step.
  assert.equal(await w.panel.getByRole('button', { name: t.tour_back, exact: true }).isDisabled(), true, 'no Back on step 1');
  await w.next();
  await w.expect('g1.exchange');
  await tab(page, page.t.exchange);
  await w.expect('g1.expiry');
  await page.getByRole('row', { name: new RegExp(`${escapeRe(DEMO.contact)}.*${t.mode_monthly}`) }).waitFor();
  await w.next();
  await w.expect('g1.renew');
  await clock(page, 'nextEvent');
  await w.expect('g1.renewed');
  assert.equal(await today(page), '2026-03-10');
  // Both accounts renewed by themselves, until 10 April 2026 (R1, R7).
  for (const email of [DEMO.contact, DEMO.sales]) {
    await page.getByRole('row', { name: new RegExp(`${escapeRe(email)}.*10 April 2026`) }).waitFor();
  }
  await w.next();
  await w.expect('g1.methods');
  await w.next();
  await w.finished();
  return w;
}

test('G1 (EN): automatic renewal, walked by opening the Exchange tab and pressing Next event', async () => {
  const page = await freshPage('en');
  await walkG1(page, 'en');
  // The invoice was issued and paid (balance 5.00, then the card).
  await open(page, 'billing', 'ovhAccount');
  await page.getByRole('row', { name: /FR0000001 .*€11\.98.*Paid on 10 March 2026/ }).waitFor();
  assert.equal(await balance(page), '€0.00');
  noPageErrors(page);
});

test('G1 → G2 (EN): a finished section\'s "Next section" link opens the next section at its start', async () => {
  const page = await freshPage('en');
  const g1 = await walkG1(page, 'en');
  const g2 = new Walk(page, 'en', 'g2');
  await g1.panel.getByRole('link', { name: exactly(fill(T.en.tour_next_section, g2.title)) }).click();
  await g2.open({ via: 'link' });
  // G2 starts logged out: the login form, no tabs.
  assert.equal(await page.getByRole('navigation', { name: T.en.nav_label }).count(), 0, 'G2 starts logged out');
  // And it goes on as any section does.
  await page.getByLabel(UI.en.nic).fill('ab12345-ovh');
  await page.getByLabel(UI.en.password, { exact: true }).fill('not-a-real-password');
  await click(page, 'button', T.en.login_button);
  await g2.expect('g2.billing');
  noPageErrors(page);
});

test('G3 → G6 (EN): opening another section\'s link while a walkthrough is open starts that section', async () => {
  const page = await freshPage('en');
  const g3 = new Walk(page, 'en', 'g3');
  await g3.open();
  await g3.next();
  await g3.expect('g3.account');
  // A link to G6 (typed, bookmarked, shared): G6 opens at its own start, on its first step.
  const g6 = new Walk(page, 'en', 'g6');
  await g6.open();
  assert.equal(await page.getByRole('complementary', { name: exactly(g3.title) }).count(), 0, 'G3\'s panel is gone');
  await g6.next();
  await g6.expect('g6.exchange');
  noPageErrors(page);
});

test('G2 (FR): log in, Facturation → Mes moyens de paiement → Ajouter un moyen de paiement, a card', async () => {
  const page = await freshPage('fr');
  const t = T.fr;
  const w = new Walk(page, 'fr', 'g2');
  await w.open();
  // Logged out: no tabs yet, and the login form is the step's control.
  assert.equal(await page.getByRole('navigation', { name: t.nav_label }).count(), 0, 'G2 starts logged out');
  await page.getByLabel(UI.fr.nic).fill('ab12345-ovh');
  await page.getByLabel(UI.fr.password, { exact: true }).fill('pas-un-vrai-mot-de-passe');
  await page.getByLabel(UI.fr.subsidiary).selectOption('fr');
  await click(page, 'button', t.login_button);
  await w.expect('g2.billing');
  await tab(page, t.nav_billing);
  await w.expect('g2.methods');
  assert.equal(pathOf(page), '/billing/ovh-account');
  await click(page, 'link', t.nav_payment_methods);
  await w.expect('g2.add');
  await page.getByText(t.pm_empty).waitFor();
  await click(page, 'link', t.pm_add);
  await w.expect('g2.kinds');
  await page.getByRole('radio', { name: t.kind_card }).check();
  await page.getByLabel(t.card_number_label).fill('4242 4242 4242 4242');
  await page.getByLabel(t.card_expiry_label).fill('12/30');
  await click(page, 'button', t.pm_submit);
  await w.expect('g2.listed');
  await page.getByRole('row', { name: new RegExp(`Visa ••••4242.*${escapeRe(t.default_badge)}.*${escapeRe(t.status_valid)}`) }).waitFor();
  await w.next();
  await w.finished();
  noPageErrors(page);
});

test('G3 (IT): the OVH account, its balance and the settlement preview, then the invoice puts it in debit', async () => {
  const page = await freshPage('it');
  const t = T.it;
  const w = new Walk(page, 'it', 'g3');
  await w.open();
  assert.equal(await today(page), '2026-03-08');
  await w.next();
  await w.expect('g3.account');
  await open(page, 'billing', 'ovhAccount');
  await w.expect('g3.balance');
  assert.equal(await balance(page), eur('it', '5.00'));
  await w.next();
  await w.expect('g3.preview');
  await w.next();
  await w.expect('g3.invoice');
  await clock(page, 'nextEvent');
  await w.expect('g3.debtor');
  assert.equal(await today(page), '2026-03-10');
  assert.equal(await balance(page), eur('it', '-7.18'));
  // Issue 20: the section runs on the Italian subsidiary: the invoice is IT0000001 (22 % VAT), unpaid.
  await page.getByRole('row', { name: new RegExp(`IT0000001 .*${escapeRe(t.invoice_unpaid)}`) }).waitFor();
  await w.next();
  await w.finished();
  noPageErrors(page);
});

/** G4 up to its end; `reloadAt` reloads the page at those steps and checks it resumes there. */
async function walkG4(page, lang, { reloadAt = [] } = {}) {
  const t = T[lang];
  const w = new Walk(page, lang, 'g4');
  const resumes = async (id) => {
    if (!reloadAt.includes(id)) return;
    const url = page.url();
    const saved = await page.evaluate(() => [localStorage.getItem('hes.active'), JSON.parse(localStorage.getItem('hes.guided')).state.step]);
    await page.reload();
    assert.equal(page.url(), url, 'the reload keeps the route');
    assert.deepEqual(saved, ['guided', w.steps.findIndex((s) => s.id === id)], `the step is saved (${id})`);
    await w.expect(id);
  };
  await w.open();
  assert.equal(await today(page), '2026-03-10', 'G4 starts on 10 March 2026, in debt');
  await tab(page, page.t.inbox);
  await w.expect('g4.ways');
  const debtor = page.getByRole('article', { name: exactly(t.mail_debtor_subject) });
  await debtor.getByRole('link', { name: exactly(fill(t.inbox_open_order, 'BC-000002')) }).waitFor();
  await resumes('g4.ways');
  await w.next();
  await w.expect('g4.billing');
  await open(page, 'billing', 'ovhAccount');
  await w.expect('g4.credit');
  assert.equal(await balance(page), eur(lang, lang === 'it' ? '-7.18' : '-6.98'));
  await click(page, 'link', t.acc_credit);
  await w.expect('g4.amount');
  assert.equal(pathOf(page), '/billing/ovh-account/credit');
  // C1, C2: the form proposes the minimum, 10.00.
  assert.equal(await page.getByLabel(t.credit_amount_label).inputValue(), lang === 'en' ? '10.00' : '10,00');
  await click(page, 'button', t.credit_continue);
  await click(page, 'button', t.credit_confirm);
  await w.expect('g4.pay');
  await resumes('g4.pay');
  const order = page.getByRole('row', { name: /BC-000003/ });
  await order.getByLabel(t.pay_with).selectOption({ label: t.bank_transfer });
  await order.getByRole('button', { name: fill(t.pay_named, 'BC-000003'), exact: true }).click();
  await w.expect('g4.settled');
  assert.equal(await balance(page), eur(lang, lang === 'it' ? '2.82' : '3.02'));
  await w.next();
  await w.finished();
}

test('G4 (FR): the debtor e-mail, then Facturation → Mon compte OVH → Créditer, the purchase order paid', async () => {
  const page = await freshPage('fr');
  await walkG4(page, 'fr');
  noPageErrors(page);
});

test('G4 (IT): resumes on the same step after a reload in the middle of the section', async () => {
  const page = await freshPage('it');
  await walkG4(page, 'it', { reloadAt: ['g4.ways', 'g4.pay'] });
  noPageErrors(page);
});

// ---------- keyboard ----------

/** The focused element's accessible text, as access.test.mjs reads it. */
const focusedText = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el) return '';
  const label = el.labels?.[0]?.innerText ?? '';
  return `${el.getAttribute('aria-label') ?? ''} ${label} ${el.innerText ?? ''}`.trim();
});

/** Presses Tab (or Shift+Tab) until the focused element's accessible text matches. */
async function tabTo(page, pattern, { backwards = false, max = 150 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    if (pattern.test(norm(await focusedText(page)))) return;
  }
  throw new Error(`no focusable element matching ${pattern}`);
}

const focusInPanel = (page) => page.evaluate(() => !!document.activeElement?.closest('aside.guide-panel'));

/** Moves the focus into the panel with the keyboard: Shift+Tab from the top of the page (the
 * panel comes last), else Tab forwards. */
async function focusPanel(page) {
  if (await focusInPanel(page)) return;
  const onBody = await page.evaluate(() => !document.activeElement || document.activeElement === document.body);
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press(onBody ? 'Shift+Tab' : 'Tab');
    if (await focusInPanel(page)) return;
  }
  throw new Error('the keyboard cannot reach the walkthrough panel');
}

test('G5 (EN): walked from the keyboard only — Tab, Enter, Space, arrows in the panel, Esc and back', async () => {
  const page = await freshPage('en');
  const t = T.en;
  const w = new Walk(page, 'en', 'g5');
  await w.open();
  assert.equal(await today(page), '2026-03-08');
  await page.evaluate(() => document.activeElement?.blur());

  await tabTo(page, /^Exchange platform$/);
  await page.keyboard.press('Enter');
  await w.expect('g5.tab');
  await tabTo(page, /^Billing mode$/);
  await page.keyboard.press('Enter');
  await w.expect('g5.check');

  // → in the panel: Next on a step to read.
  await focusPanel(page);
  await page.keyboard.press('ArrowRight');
  await w.expect('g5.change');
  // → does nothing on a step that waits for an action.
  await focusPanel(page);
  await page.keyboard.press('ArrowRight');
  await sleep(300);
  await w.expect('g5.change');

  await tabTo(page, new RegExp(`^${escapeRe(fill(t.bm_select_row, DEMO.contact))}$`));
  await page.keyboard.press('Space');
  assert.equal(await page.getByRole('checkbox', { name: fill(t.bm_select_row, DEMO.contact), exact: true }).isChecked(), true);
  await tabTo(page, /^Monthly$/);
  await page.keyboard.press('ArrowDown'); // the radio group: Monthly → Yearly
  assert.equal(await page.getByRole('radio', { name: t.mode_yearly, exact: true }).isChecked(), true, 'Yearly is chosen');
  await tabTo(page, /^Validate$/);
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: t.bm_review_title }).waitFor();
  await tabTo(page, /^Confirm the change$/);
  await page.keyboard.press('Enter');
  await w.expect('g5.no_order');
  await page.getByRole('row', { name: new RegExp(`${escapeRe(DEMO.contact)}.*Monthly — Yearly from 10 March 2026`) }).waitFor();

  // Esc hides the panel; "Show the guide" brings it back on the same step.
  await focusPanel(page);
  await page.keyboard.press('Escape');
  await eventually(page, async () => assert.equal(await w.panel.count(), 0), 'Esc hides the panel');
  await page.getByRole('button', { name: t.tour_show, exact: true }).waitFor();
  await tabTo(page, exactly(t.tour_show), { backwards: true });
  await page.keyboard.press('Enter');
  await w.expect('g5.no_order');

  // → then ← then → again.
  await focusPanel(page);
  await page.keyboard.press('ArrowRight');
  await w.expect('g5.applied');
  await focusPanel(page);
  await page.keyboard.press('ArrowLeft');
  await w.expect('g5.no_order');
  await focusPanel(page);
  await page.keyboard.press('ArrowRight');
  await w.expect('g5.applied');

  await tabTo(page, /^Next event$/);
  await page.keyboard.press('Enter');
  await w.finished();
  assert.equal(await today(page), '2026-03-10');
  // R3: contact@ renewed for a year, sales@ for a month.
  await page.getByRole('row', { name: new RegExp(`${escapeRe(DEMO.contact)}.*Yearly.*10 March 2027`) }).waitFor();
  await page.getByRole('row', { name: new RegExp(`${escapeRe(DEMO.sales)}.*Monthly.*10 April 2026`) }).waitFor();
  noPageErrors(page);
});

test('G5 (EN): the focus stays in the panel after → and ←, as its hint "← and → to move" says', async () => {
  const page = await freshPage('en');
  const w = new Walk(page, 'en', 'g5');
  await w.open();
  await tab(page, page.t.exchange);
  await w.expect('g5.tab');
  await click(page, 'link', T.en.nav_billing_mode);
  await w.expect('g5.check');
  await w.panel.getByRole('button', { name: T.en.tour_next, exact: true }).focus();
  const focused = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60) ?? 'nothing');
  await page.keyboard.press('ArrowRight');
  await w.expect('g5.change');
  assert.ok(await focusInPanel(page), `after →, the focus is still in the panel (it is on ${await focused()})`);
  await page.keyboard.press('ArrowLeft');
  await w.expect('g5.check');
  assert.ok(await focusInPanel(page), `after ←, the focus is still in the panel (it is on ${await focused()})`);
  // → on a step to do has nothing to move to; the focus stays in the panel as Next goes.
  await page.keyboard.press('ArrowRight');
  await w.expect('g5.change');
  assert.ok(await focusInPanel(page), `after → onto a step to do, the focus is still in the panel (it is on ${await focused()})`);
  // Esc hides the panel: the focus goes to the button that brings it back, and back in with it.
  await page.keyboard.press('Escape');
  const show = page.getByRole('button', { name: T.en.tour_show, exact: true });
  await show.waitFor();
  await eventually(page, async () => assert.equal(await page.evaluate(() => document.activeElement?.textContent), T.en.tour_show),
    `after Esc, the focus is on "${T.en.tour_show}"`, 2000);
  await page.keyboard.press('Enter');
  await w.expect('g5.change');
  assert.ok(await focusInPanel(page), `after "${T.en.tour_show}", the focus is in the panel (it is on ${await focused()})`);
  noPageErrors(page);
});

// ---------- G6, G7: the PST alerts ----------

test('G6 (IT): the PST alert first, export, Nessuna on the account, suspended on its expiry', async () => {
  const page = await freshPage('it');
  const t = T.it;
  const w = new Walk(page, 'it', 'g6');
  await w.open(); // checks the first step: the guide's alert, role="alert"
  const alert = w.panel.getByRole('alert');
  assert.equal(norm(await alert.innerText()), norm(GUIDE.it['g6.alert']));
  assert.match(await alert.innerText(), /export PST/, 'the guide\'s PST sentence');
  assert.equal(await today(page), '2026-03-08');
  await w.next();
  await w.expect('g6.exchange');
  await tab(page, page.t.exchange);
  await w.expect('g6.export');
  // The highlighted button is the one the step's text names.
  assert.equal(await page.locator('.tour-target').getAttribute('aria-label'), fill(t.export_pst_named, DEMO.contact));
  await click(page, 'button', fill(t.export_pst_named, DEMO.contact));
  await w.expect('g6.tab');
  await page.getByRole('row', { name: new RegExp(`${escapeRe(DEMO.contact)}.*${escapeRe(fill(t.exported_on, '8 marzo 2026'))}`) }).waitFor();
  await click(page, 'link', t.nav_billing_mode);
  await w.expect('g6.none');
  // Another mode is not what the step asks for: it stays.
  await page.getByRole('checkbox', { name: fill(t.bm_select_row, DEMO.sales), exact: true }).check();
  await page.getByRole('radio', { name: t.mode_yearly, exact: true }).check();
  await click(page, 'button', t.bm_validate);
  await click(page, 'button', t.bm_confirm);
  await w.expect('g6.none');
  await page.getByRole('row', { name: new RegExp(`${escapeRe(DEMO.sales)}.*${t.mode_monthly} — ${t.mode_yearly}`) }).waitFor();
  await page.getByRole('checkbox', { name: fill(t.bm_select_row, DEMO.contact), exact: true }).check();
  await page.getByRole('radio', { name: t.mode_none, exact: true }).check();
  await page.getByRole('alert').filter({ hasText: t.pst_alert_one }).waitFor();
  await click(page, 'button', t.bm_validate);
  await click(page, 'button', t.bm_confirm);
  await w.expect('g6.expiry');
  await clock(page, 'nextEvent');
  // The step points at the accounts list (on the platform's dashboard, not on this page).
  await w.expect('g6.done', { onPage: false });
  assert.equal(await today(page), '2026-03-10');
  await page.getByRole('row', { name: new RegExp(`${escapeRe(DEMO.contact)}.*${escapeRe(t.acct_suspended_expired)}`) }).waitFor();
  // The panel's "take me there" opens the page the step points at.
  await w.panel.getByRole('link', { name: t.tour_go_there, exact: true }).click();
  await eventually(page, async () => assert.equal(pathOf(page), '/exchange'), 'the link goes to the dashboard');
  await w.expect('g6.done');
  await w.next();
  await w.finished();
  noPageErrors(page);
});

test('G7 (EN): the termination alert, every account exported, Terminate, the platform ends on its anniversary', async () => {
  const page = await freshPage('en');
  const t = T.en;
  const w = new Walk(page, 'en', 'g7');
  await w.open();
  assert.equal(await today(page), '2026-03-08');
  await tab(page, page.t.exchange);
  await w.expect('g7.alert');
  const alert = w.panel.getByRole('alert');
  assert.equal(norm(await alert.innerText()), norm(GUIDE.en['g7.alert']));
  assert.match(await alert.innerText(), /back(ing)? up each account \(PST export\)/, 'the guide\'s PST sentence');
  await w.next();
  await w.expect('g7.export');
  // One export is not every account: the step stays (Next is not offered).
  await click(page, 'button', fill(t.export_pst_named, DEMO.contact));
  await page.getByRole('row', { name: new RegExp(`${escapeRe(DEMO.contact)}.*Exported on 8 March 2026`) }).waitFor();
  await w.expect('g7.export');
  // The highlight moves on to the account still to export, as the step's text says.
  await eventually(page, async () => assert.equal(await page.locator('.tour-target').getAttribute('aria-label', { timeout: 500 }), fill(t.export_pst_named, DEMO.sales)),
    'g7.export: sales@\'s Export (PST) is highlighted once contact@ is exported');
  await click(page, 'button', fill(t.export_pst_named, DEMO.sales));
  await w.expect('g7.terminate');
  await click(page, 'button', t.terminate);
  await page.getByRole('alert').filter({ hasText: t.pst_alert_all }).waitFor();
  // Not done yet: the highlight moves on to the confirmation that replaced the button, and the
  // keyboard focus with it.
  await w.expect('g7.terminate');
  assert.equal(norm(await page.locator('.tour-target').innerText()), norm(t.terminate_confirm));
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), t.terminate_confirm, 'the focus is on the confirmation');
  await click(page, 'button', t.terminate_confirm);
  await w.expect('g7.scheduled');
  await page.getByText(fill(t.termination_scheduled, '10 March 2026', '9 March 2026')).waitFor();
  await w.next();
  await w.expect('g7.end');
  await clock(page, 'nextEvent');
  await w.finished();
  assert.equal(await today(page), '2026-03-10');
  await page.getByText(fill(t.platform_terminated, '10 March 2026')).waitFor();
  noPageErrors(page);
});

// ---------- G8, in the three languages ----------

/** G8 up to its outcome step (g8.outcome, 15 March 2026, the reminder sent), from the inbox. */
async function walkG8ToOutcome(page, lang) {
  const w = new Walk(page, lang, 'g8');
  await w.open();
  assert.equal(await today(page), '2026-03-08');
  assert.equal(await balance(page), eur(lang, '5.00'));
  await w.next();
  await w.expect('g8.arithmetic');
  await w.next();
  await w.expect('g8.invoice');
  await clock(page, 'nextEvent');
  await w.expect('g8.debtor');
  assert.equal(await today(page), '2026-03-10');
  assert.equal(await balance(page), eur(lang, lang === 'it' ? '-7.18' : '-6.98'));
  await w.next();
  await w.expect('g8.email', { onPage: false });
  await tab(page, page.t.inbox);
  // Issue 20: the e-mail opens by itself and the step waits for Next.
  await page.getByRole('article', { name: exactly(T[lang].mail_debtor_subject) }).locator('details[open]').waitFor();
  await w.expect('g8.email');
  await w.next();
  await w.expect('g8.reminder');
  await clock(page, 'nextEvent');
  await w.expect('g8.outcome');
  assert.equal(await today(page), '2026-03-15', 'the reminder, 2 days before the deadline');
  await page.getByRole('article', { name: exactly(T[lang].mail_reminder_subject) }).waitFor();
  return w;
}

test('G8 (FR): invoice time in debit, paid before the deadline through the e-mail\'s purchase order', async () => {
  const page = await freshPage('fr');
  const t = T.fr;
  const w = await walkG8ToOutcome(page, 'fr');
  await page.getByRole('article', { name: exactly(t.mail_debtor_subject) })
    .getByRole('link', { name: exactly(fill(t.inbox_open_order, 'BC-000002')) }).click();
  await page.getByRole('heading', { level: 1, name: exactly(fill(t.order_title, 'BC-000002')) }).waitFor();
  await page.getByLabel(t.pay_with).selectOption({ label: t.bank_transfer });
  await click(page, 'button', fill(t.pay_named, 'BC-000002'));
  await w.expect('g8.done', { onPage: false });
  assert.equal(await today(page), '2026-03-15', 'paid before the deadline');
  await open(page, 'billing', 'ovhAccount');
  await w.expect('g8.done');
  assert.equal(await balance(page), eur('fr', '0.00'));
  await page.getByRole('row', { name: new RegExp(`FR0000001 .*${escapeRe(fill(t.invoice_paid, '15 mars 2026'))}`) }).waitFor();
  await w.next();
  await w.finished();
  noPageErrors(page);
});

test('G8 (IT): invoice time in debit, the deadline passes: the accounts are suspended for non-payment', async () => {
  const page = await freshPage('it');
  const t = T.it;
  const w = await walkG8ToOutcome(page, 'it');
  await clock(page, 'nextEvent');
  await w.expect('g8.done', { onPage: false });
  assert.equal(await today(page), '2026-03-18', 'suspended at 00:00 on 18 March');
  await page.getByRole('article', { name: exactly(t.mail_suspended_subject) }).waitFor();
  await open(page, 'exchange');
  for (const email of [DEMO.contact, DEMO.sales]) {
    await page.getByRole('row', { name: new RegExp(`${escapeRe(email)}.*${escapeRe(t.acct_suspended_unpaid)}`) }).waitFor();
  }
  await open(page, 'billing', 'ovhAccount');
  await w.expect('g8.done');
  assert.equal(await balance(page), eur('it', '-7.18'), 'the debt is still there');
  await page.getByRole('row', { name: new RegExp(`IT0000001 .*${escapeRe(t.invoice_unpaid)}`) }).waitFor();
  await w.next();
  await w.finished();
  noPageErrors(page);
});

test('G8 (EN): invoice time in debit, settled before the deadline by registering a card', async () => {
  const page = await freshPage('en');
  const t = T.en;
  const w = await walkG8ToOutcome(page, 'en');
  await open(page, 'billing', 'paymentMethods');
  await w.expect('g8.outcome');
  await click(page, 'link', t.pm_add);
  await page.getByRole('radio', { name: t.kind_card }).check();
  await page.getByLabel(t.card_number_label).fill('4242 4242 4242 4242');
  await page.getByLabel(t.card_expiry_label).fill('12/30');
  await click(page, 'button', t.pm_submit);
  await w.expect('g8.done', { onPage: false });
  assert.equal(await today(page), '2026-03-15');
  await open(page, 'billing', 'ovhAccount');
  await w.expect('g8.done');
  assert.equal(await balance(page), '€0.00');
  await page.getByRole('row', { name: /FR0000001 .*Paid on 15 March 2026/ }).waitFor();
  await w.next();
  await w.finished();
  noPageErrors(page);
});

// ---------- the user's own simulation is kept apart ----------

test('G5 (FR): opening a section keeps the own simulation; "Revenir à ma simulation" finds it as it was', async () => {
  const page = await loggedIn(app, 'fr');
  const t = T.fr;
  await clock(page, 'nextEvent');
  assert.equal(await today(page), '2026-03-10');
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await balance(page), '-6,98 €');

  await page.getByRole('link', { name: 'Simulateur de renouvellement Hosted Exchange' }).first().click();
  await page.getByRole('link', { name: new RegExp(`^G5 · `) }).click();
  const w = new Walk(page, 'fr', 'g5');
  await w.open({ via: 'link' });
  assert.equal(await today(page), '2026-03-08', 'the section runs on its own state, not the own simulation');
  await tab(page, page.t.exchange);
  await w.expect('g5.tab');

  await page.getByRole('button', { name: t.back_to_own, exact: true }).click();
  await eventually(page, async () => assert.equal(await page.getByRole('complementary').count(), 0), 'the panel is closed');
  assert.equal(await page.getByRole('region', { name: t.guided_label, exact: true }).count(), 0, 'no walkthrough bar');
  assert.equal(await today(page), '2026-03-10', 'the own simulation is still on 10 March');
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await balance(page), '-6,98 €', 'the own simulation is still in debit');

  // The walkthrough was kept too: opened again, it resumes where it was.
  await page.goto(app.url('/guide/g5'));
  await w.expect('g5.tab', { onPage: false });
  assert.equal(await today(page), '2026-03-08');
  noPageErrors(page);
});

// ---------- accessibility and layout ----------

test('G8 (EN): axe-core finds nothing with the walkthrough open, at 360 px and 1280 px; the panel never covers the highlighted control', async () => {
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    const page = await freshPage('en', { width, height });
    const w = new Walk(page, 'en', 'g8');
    await w.open(); // g8.situation: the balance card is highlighted
    const box = (selector) => page.locator(selector).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    });
    await eventually(page, async () => {
      const target = await box('[data-tour="balance"]');
      const panel = await box('aside.guide-panel');
      assert.ok(target.top >= 0, `${width}px: the highlighted balance is scrolled into view (top ${target.top})`);
      if (width < 1024) {
        assert.ok(target.bottom <= panel.top, `${width}px: the balance (bottom ${target.bottom}) is above the bottom sheet (top ${panel.top})`);
      } else {
        assert.ok(target.bottom <= height, `${width}px: the balance is on screen`);
        assert.ok(target.right <= panel.left, `${width}px: the balance (right ${target.right}) is left of the panel (left ${panel.left})`);
      }
    }, `at ${width}px`);
    // The settlement card can be taller than the room above the sheet: its top is shown first.
    await w.next();
    await w.expect('g8.arithmetic');
    await eventually(page, async () => {
      const target = await box('[data-tour="settlement"]');
      const panel = await box('aside.guide-panel');
      assert.ok(target.top >= 0, `${width}px: the top of the highlighted settlement is on screen (top ${target.top})`);
      assert.ok(target.top < (width < 1024 ? panel.top : height), `${width}px: and not under the panel`);
    }, `at ${width}px, g8.arithmetic`);
    await w.back();
    await w.expect('g8.situation');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${width}px: no sideways scroll (${overflow}px)`);
    const violations = await a11yViolations(page);
    await app.screenshot(page, `walkthrough-${width}px`);
    assert.deepEqual(violations, [], `${width}px: ${violations.join('\n')}`);
    noPageErrors(page);
  }
});
