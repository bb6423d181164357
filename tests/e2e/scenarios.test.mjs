// The seven invoice-time scenarios (G8), each opened by its own link `/scenario/<slug>` and
// played to its end with the player's Play / Pause / Step buttons, then checked where a user
// would look: the balance on Billing → My OVH account, the invoices and their status, the
// e-mails in the inbox. The expected outcomes are tests/guide.rs's (scenario_* tests), which
// play the same scripts natively. Also: the settlement arithmetic with its rule IDs before and
// after an invoice, the invoice detail view (from the invoice list, the journal and the invoice
// e-mail), axe-core with the player open at 1280 px. English, French and Italian are spread
// over the scenarios.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp, heading } from './harness.mjs';
import { UI, logIn, open, today, balance, a11yViolations, noPageErrors } from './panel.mjs';
import { LANGS, T, GUIDE, fill, escapeRe, day } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

// ---------- texts: the app's own catalogues (texts.mjs), so that the labels are exactly the user's ----------

/** Text as compared here: like texts.mjs's `norm`, but line breaks are kept. */
const norm = (s) => String(s).replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ').trim();
/** An exact, whole-text regex for an accessible name, whatever kind of space the page uses. */
const exactly = (text) => new RegExp(`^${escapeRe(norm(text)).replace(/ /g, '\\s+')}$`);

/** Money as the browser's Intl prints it (amounts under 1000): "€8.02" / "8,02 €". */
function eur(lang, amount) {
  const sign = amount.startsWith('-') ? '-' : '';
  const digits = amount.replace(/^-/, '');
  return lang === 'en' ? `${sign}€${digits}` : `${sign}${digits.replace('.', ',')} €`;
}


// ---------- the scenarios' facts (src/domain/scenario.rs, tests/guide.rs) ----------

/** Beats per script (ScenarioId::script). */
const BEATS = {
  'no-payment-method': 2,
  'balance-covers': 1,
  'balance-and-card': 1,
  'card-declines': 2,
  'debt-unpaid': 4,
  'mode-change-timing': 4,
  'none-and-termination': 7,
};

/** The February invoice every start carries (paid from the balance on 10 February). */
const FEBRUARY = { ref: 'FR0000000', date: '2026-02-10', total: '11.98', paidOn: '2026-02-10' };

/** The e-mail subjects of tests/guide.rs's `mails()` names, in `lang`. */
function subject(lang, name) {
  const t = T[lang];
  const [kind, ref] = name.split(':');
  const key = {
    invoice: 'mail_invoice_subject', debtor: 'mail_debtor_subject', reminder: 'mail_reminder_subject',
    suspended: 'mail_suspended_subject', payment: 'mail_payment_subject', settled: 'mail_settled_subject',
    mode: 'mail_mode_subject', termination: 'mail_term_subject', expired: 'mail_expiry_subject',
    terminated: 'mail_terminated_subject', declined: 'mail_declined_subject',
  }[kind];
  assert.ok(key, `unknown e-mail kind ${kind}`);
  return norm(fill(t[key], ref ?? ''));
}

/** The settlement lines (src/ui/guide/settlement.rs) of a 2-account monthly invoice, 9.98 +
 * 2.00 VAT = 11.98, as [text, [rule IDs]]: `covered` by the balance, then `charged` to
 * `method` (the invoice is then paid, no debt line), or nothing charged (the method that
 * `declined`, if one did, P6), the rest becoming debt. */
function settlement(lang, { excl = '9.98', vat = '2.00', total = '11.98', covered, charged = null, method = null, debt = '0.00', declined = null }) {
  const t = T[lang];
  const m = (a) => eur(lang, a);
  const lines = [
    [fill(t.ar_total, m(excl), m(vat), '20', m(total)), ['M2']],
    [fill(t.ar_covered, m(covered)), ['S2']],
  ];
  if (covered === total) {
    lines.push([t.ar_paid_by_balance, ['S3']]);
  } else {
    const rest = (Math.round(Number(total) * 100) - Math.round(Number(covered) * 100)) / 100;
    if (method) {
      lines.push([fill(t.ar_charged, method, m(charged)), ['S4']]);
      lines.push([t.ar_card_paid, ['S4']]);
    } else {
      lines.push(declined
        ? [fill(t.ar_declined, declined), ['S4', 'P6']]
        : [fill(t.ar_not_charged, m(rest.toFixed(2))), ['S4']]);
      lines.push([fill(t.ar_debt, m(debt)), ['S5']]);
    }
  }
  return lines.map(([text, rules]) => [norm(text), rules]);
}

// ---------- helpers ----------

/** Polls `read` until `ok(value)`; fails with what was last seen. */
async function eventually(read, ok, { timeout = 10_000, interval = 100, message = 'condition not met' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > end) assert.fail(`${message} (after ${timeout} ms; last seen: ${JSON.stringify(last)})`);
    await sleep(interval);
  }
}

/** Runs `body`; on failure, saves a screenshot (tests/e2e/output/failed-<name>.png) and says where. */
async function withShot(page, name, body) {
  try {
    await body();
  } catch (err) {
    const path = await app.screenshot(page, `failed-${name}`).catch(() => null);
    const where = `\n  url: ${page.url()}${path ? `\n  screenshot: ${path}` : ''}`;
    if (err instanceof Error) {
      err.message += where;
      err.stack = `${err.stack ?? ''}${where}`;
    }
    throw err;
  }
}

const playerOf = (page) => page.locator('aside.guide-panel.scenario');

/** The player's progress line, current beat (aria-current="step") and beats marked done. */
async function beatState(page) {
  return page.evaluate(() => {
    const aside = document.querySelector('aside.guide-panel.scenario');
    if (!aside) return null;
    const items = [...aside.querySelectorAll('ol.beats > li')];
    return {
      progress: (aside.querySelector('.guide-progress')?.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').trim(),
      current: items.findIndex((li) => li.getAttribute('aria-current') === 'step'),
      done: items.filter((li) => li.classList.contains('done')).length,
    };
  });
}

const progressAt = (lang, slug, index) => norm(fill(T[lang].sc_beat, String(index + 1), String(BEATS[slug])));

/** A fresh page in its own context (fresh localStorage), 1280 px wide, in `lang`. */
/** In Italian, the user has first chosen France at the login of their own simulation: a
 * scenario runs on the subsidiary the user chose (issue 20), and these stories' figures are
 * France's (FR0000001, 20 % VAT). guide-fixes.test.mjs plays one on Italy. */
async function freshPage(lang) {
  const page = await app.newPage({ locale: UI[lang].locale, viewport: { width: 1280, height: 800 } });
  page.t = UI[lang];
  if (lang === 'it') await logIn(page, app, { subsidiary: 'fr' });
  return page;
}

/** Opens the scenario by its link; checks the player and the start state. */
async function openScenario(page, lang, slug, { startBalance }) {
  const t = T[lang];
  await page.goto(app.url(`/scenario/${slug}`));
  // The scenario opens in its own run, already logged in, on Billing → My OVH account.
  await page.waitForURL(/\/billing\/ovh-account$/);
  assert.equal(norm(await heading(page)), norm(t.acc_title));
  const player = playerOf(page);
  await player.getByRole('heading', { level: 2, name: exactly(GUIDE[lang][`${slug}.title`]) }).waitFor();
  assert.ok((await player.getByText(exactly(GUIDE[lang][`${slug}.summary`])).count()) === 1, 'the player shows the summary');
  const captions = (await player.locator('ol.beats > li').allInnerTexts()).map(norm);
  const expected = Array.from({ length: BEATS[slug] }, (_, i) => norm(GUIDE[lang][`${slug}.${i}`]));
  assert.deepEqual(captions, expected, 'one caption per beat, in order');
  assert.deepEqual(await beatState(page), { progress: progressAt(lang, slug, 0), current: 0, done: 0 });
  for (const name of [t.sc_play, t.sc_step, t.sc_restart]) {
    assert.ok(await player.getByRole('button', { name, exact: true }).isEnabled(), `${name} is offered`);
  }
  // The start state: 8 March 2026, the balance of the story, February's invoice only.
  assert.equal(await today(page), '2026-03-08');
  assert.equal(await balance(page), norm(eur(lang, startBalance)));
  assert.deepEqual(await invoiceRows(page, lang), [invoiceRow(lang, FEBRUARY)]);
  // Before the 10 March renewal, the player says how it will be settled.
  await player.getByRole('region', { name: exactly(fill(t.ar_next_title, day(lang, '2026-03-10'))) }).waitFor();
}

/** Step, beat by beat, checking the progress before and after each one. `afterBeat(i)` runs
 * once beat i is done. */
async function stepToEnd(page, lang, slug, { afterBeat } = {}) {
  const t = T[lang];
  const n = BEATS[slug];
  const step = playerOf(page).getByRole('button', { name: t.sc_step, exact: true });
  for (let i = 0; i < n; i++) {
    assert.deepEqual(await beatState(page), { progress: progressAt(lang, slug, i), current: i, done: i }, `before beat ${i + 1}`);
    await step.click();
    await eventually(() => beatState(page), (s) => s?.done === i + 1, {
      message: `Step should complete beat ${i + 1} of ${n} (${slug})`,
    });
    if (afterBeat) await afterBeat(i);
  }
  await assertFinished(page, lang, slug);
}

/** Play, then wait until the scenario is over, noting when each beat is done: the first one at
 * once, the others at least 2.5 s apart at the default (normal) speed, each beat's text read
 * (issue 20 item 10; never two at a time). `resumeAtOnce`: Pause and Play again
 * straight away, before the next beat, as a user changing their mind would. */
async function playToEnd(page, lang, slug, { from = 0, resumeAtOnce = false } = {}) {
  const t = T[lang];
  const n = BEATS[slug];
  const player = playerOf(page);
  const play = player.getByRole('button', { name: t.sc_play, exact: true });
  const pause = player.getByRole('button', { name: t.sc_pause, exact: true });
  let seen = from;
  await play.click();
  if (n - from > 1) {
    // While playing, Play becomes Pause and Step is not offered.
    await pause.waitFor({ timeout: 1_000 });
    assert.ok(await player.getByRole('button', { name: t.sc_step, exact: true }).isDisabled(), 'Step is disabled while playing');
    if (resumeAtOnce) {
      await pause.click();
      await play.click();
      // The gaps are measured from here: the beats run before this point came at once, by design.
      seen = (await beatState(page))?.done ?? from;
    }
  }
  const times = [];
  await eventually(async () => {
    const s = await beatState(page);
    for (; s && s.done > seen; seen++) times.push(Date.now());
    return s;
  }, (s) => s?.progress === norm(t.sc_finished), {
    timeout: n * 20_000 + 10_000,
    interval: 40,
    message: `Play should run ${slug} to its end (beat ${from + 1} → ${n})`,
  });
  const gaps = times.slice(1).map((time, i) => time - times[i]);
  assert.ok(gaps.every((gap) => gap >= 2_400), `Play leaves at least 2.5 s between beats at the normal speed (gaps seen: ${gaps.join(', ')} ms)`);
  await assertFinished(page, lang, slug);
}

async function assertFinished(page, lang, slug) {
  const t = T[lang];
  const n = BEATS[slug];
  const player = playerOf(page);
  assert.deepEqual(await beatState(page), { progress: norm(t.sc_finished), current: -1, done: n }, 'every beat done, none current');
  assert.ok(await player.getByRole('button', { name: t.sc_play, exact: true }).isDisabled(), 'Play is disabled at the end');
  assert.ok(await player.getByRole('button', { name: t.sc_step, exact: true }).isDisabled(), 'Step is disabled at the end');
  assert.ok(await player.getByRole('button', { name: t.sc_restart, exact: true }).isEnabled(), 'Start again stays offered');
}

/** Reads the settlement lines of an `ol.arithmetic` in `scope`: [text, [rule chip texts]]. */
async function arithmetic(scope) {
  const lines = await scope.locator('ol.arithmetic > li').evaluateAll((items) => items.map((li) => {
    const text = li.cloneNode(true);
    text.querySelectorAll('.rules').forEach((r) => r.remove());
    return [text.textContent, [...li.querySelectorAll('.rules button')].map((b) => b.textContent.trim())];
  }));
  return lines.map(([text, rules]) => [norm(text), rules]);
}

/** The invoice table on Billing → My OVH account: [reference, date, total, status] per row. */
async function invoiceRows(page, lang) {
  const table = page.locator('#main').getByRole('region', { name: exactly(T[lang].invoices_title) });
  await table.waitFor();
  return (await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent))))
    .map((cells) => cells.map(norm));
}

function invoiceRow(lang, { ref, date, total, paidOn }) {
  const t = T[lang];
  return [ref, day(lang, date), norm(eur(lang, total)), norm(paidOn ? fill(t.invoice_paid, day(lang, paidOn)) : t.invoice_unpaid)];
}

/** The final checks of every scenario: date, balance and invoices on Billing → My OVH account,
 * the e-mails in the inbox (oldest first, as tests/guide.rs lists them). */
async function assertOutcome(page, lang, { date, finalBalance, invoices, mails }) {
  assert.equal(await today(page), date, 'the simulated date at the end');
  await open(page, 'billing', 'ovhAccount');
  await page.waitForURL(/\/billing\/ovh-account$/);
  assert.equal(await balance(page), norm(eur(lang, finalBalance)), 'the final balance');
  assert.deepEqual(
    await invoiceRows(page, lang),
    [...invoices].reverse().concat([FEBRUARY]).map((i) => invoiceRow(lang, i)),
    'the invoices (newest first) and their status',
  );
  assert.deepEqual(await inboxSubjects(page, lang), mails.map((m) => subject(lang, m)), 'the e-mails received, oldest first');
}

/** Opens the inbox and returns its subjects, oldest first (the inbox lists newest first). */
async function inboxSubjects(page, lang) {
  await open(page, 'inbox');
  await page.getByRole('heading', { level: 1, name: exactly(T[lang].inbox_title) }).waitFor();
  return (await page.locator('#main article h2').allInnerTexts()).map(norm).reverse();
}

/** The invoice detail view (src/ui/billing/invoice.rs) of a 2-account monthly invoice issued
 * on 10 March 2026 for 10 March → 10 April. */
async function assertInvoicePage(page, lang, { ref, id, paidOn, split }) {
  const t = T[lang];
  await page.waitForURL(new RegExp(`/billing/invoices/${id}$`));
  assert.equal(norm(await heading(page)), norm(fill(t.inv_title, ref)));
  const facts = await page.locator('#main dl').first().evaluate((dl) => {
    const out = [];
    for (const dt of dl.querySelectorAll('dt')) out.push([dt.textContent, dt.nextElementSibling?.textContent ?? '']);
    return out;
  });
  assert.deepEqual(facts.map(([k, v]) => [norm(k), norm(v)]), [
    [t.col_date, day(lang, '2026-03-10')],
    [t.col_status, paidOn ? fill(t.invoice_paid, day(lang, paidOn)) : t.invoice_unpaid],
    [t.inv_excl, eur(lang, '9.98')],
    [fill(t.inv_vat, '20'), eur(lang, '2.00')],
    [t.inv_total, eur(lang, '11.98')],
  ].map(([k, v]) => [norm(k), norm(v)]), 'date, status, excl. VAT, VAT, total');
  assert.equal(norm(await page.getByTestId('invoice-total').innerText()), norm(eur(lang, '11.98')));
  const lines = page.locator('#main').getByRole('region', { name: exactly(t.inv_lines) });
  const period = norm(fill(t.inv_period, day(lang, '2026-03-10'), day(lang, '2026-04-10')));
  assert.deepEqual(
    (await lines.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)))).map((r) => r.map(norm)),
    ['contact@demo-exchange.example', 'sales@demo-exchange.example'].map((email) =>
      [email, norm(t.mode_monthly), period, norm(eur(lang, '4.99'))]),
    'the lines and their periods',
  );
  const settled = page.locator('#main').getByRole('region', { name: exactly(t.inv_settlement) });
  assert.deepEqual(await arithmetic(settled), settlement(lang, split), 'how it was settled: covered / charged / debt, with their rules');
}

// ---------- the seven scenarios ----------

test('no-payment-method (FR, Play): debtor for the whole invoice, then the e-mail\'s purchase order settles it; the invoice from its e-mail', async () => {
  const lang = 'fr';
  const slug = 'no-payment-method';
  const page = await freshPage(lang);
  await withShot(page, slug, async () => {
    await openScenario(page, lang, slug, { startBalance: '0.00' });
    const split = { covered: '0.00', debt: '11.98' };
    assert.deepEqual(await arithmetic(playerOf(page).locator('section.settlement')), settlement(lang, split),
      'before the invoice: nothing covers it, nothing is charged, 11,98 € becomes debt (S5)');
    await playToEnd(page, lang, slug);
    assert.deepEqual(
      await arithmetic(playerOf(page).getByRole('region', { name: exactly(fill(T[lang].ar_happened, 'FR0000001')) })),
      settlement(lang, split), 'after it: what happened, with the same figures');
    await assertOutcome(page, lang, {
      date: '2026-03-10',
      finalBalance: '0.00',
      invoices: [{ ref: 'FR0000001', date: '2026-03-10', total: '11.98', paidOn: '2026-03-10' }],
      mails: ['invoice:FR0000001', 'debtor', 'payment', 'settled'],
    });
    // The invoice e-mail leads to the invoice (we are on the inbox).
    const mail = page.getByRole('article', { name: exactly(subject(lang, 'invoice:FR0000001')) });
    await mail.getByRole('link', { name: exactly(fill(T[lang].inbox_open_invoice, 'FR0000001')) }).click();
    await assertInvoicePage(page, lang, { ref: 'FR0000001', id: 1, paidOn: '2026-03-10', split });
  });
  noPageErrors(page);
});

test('balance-covers (IT, Step): the balance pays the whole invoice (S2, S3), 8,02 € remain; Start again goes back to the start', async () => {
  const lang = 'it';
  const slug = 'balance-covers';
  const page = await freshPage(lang);
  await withShot(page, slug, async () => {
    await openScenario(page, lang, slug, { startBalance: '20.00' });
    const split = { covered: '11.98' };
    assert.deepEqual(await arithmetic(playerOf(page).locator('section.settlement')), settlement(lang, split),
      'before the invoice: the balance covers it all (S2, S3)');
    await stepToEnd(page, lang, slug, {
      afterBeat: async () => {
        assert.equal(await today(page), '2026-03-10');
        assert.equal(await balance(page), norm(eur(lang, '8.02')), 'the balance right after the beat');
      },
    });
    assert.deepEqual(
      await arithmetic(playerOf(page).getByRole('region', { name: exactly(fill(T[lang].ar_happened, 'FR0000001')) })),
      settlement(lang, split));
    await assertOutcome(page, lang, {
      date: '2026-03-10',
      finalBalance: '8.02',
      invoices: [{ ref: 'FR0000001', date: '2026-03-10', total: '11.98', paidOn: '2026-03-10' }],
      mails: ['invoice:FR0000001'],
    });
    // Start again: the same story from its start, beat 1 of 1, 20,00 € and no new invoice.
    await playerOf(page).getByRole('button', { name: T[lang].sc_restart, exact: true }).click();
    await page.waitForURL(/\/billing\/ovh-account$/);
    await eventually(() => beatState(page), (s) => s?.current === 0 && s.done === 0, { message: 'Start again goes back to beat 1' });
    assert.equal(await today(page), '2026-03-08');
    assert.equal(await balance(page), norm(eur(lang, '20.00')));
    assert.deepEqual(await invoiceRows(page, lang), [invoiceRow(lang, FEBRUARY)]);
  });
  noPageErrors(page);
});

test('balance-and-card (EN, Step): the settlement arithmetic before and after the invoice: 11.98 (M2) = 5.00 balance (S2) + 6.98 card (S4)', async () => {
  const lang = 'en';
  const slug = 'balance-and-card';
  const t = T[lang];
  const page = await freshPage(lang);
  await withShot(page, slug, async () => {
    await openScenario(page, lang, slug, { startBalance: '5.00' });
    const split = { covered: '5.00', charged: '6.98', method: 'Visa ••••4242', debt: '0.00' };
    const expected = settlement(lang, split);
    // Before the first NextEvent: the player says how it will go (once on screen: the page's
    // own card steps aside while a scenario's player shows it).
    const next = exactly(fill(t.ar_next_title, day(lang, '2026-03-10')));
    assert.equal(await page.locator('#main section.settlement').count(), 0, 'not twice on one screen');
    for (const [where, scope] of [['the player', playerOf(page)]]) {
      const section = scope.getByRole('region', { name: next });
      assert.deepEqual(await section.getByRole('heading', { level: 3 }).allInnerTexts(), ['FR0000001'], `${where}: the next invoice`);
      assert.deepEqual(await arithmetic(section), expected, `${where}: total (M2), covered (S2), charged (S4), debt (S5)`);
    }
    assert.equal(await playerOf(page).getByRole('region', { name: exactly(fill(t.ar_happened, 'FR0000001')) }).count(), 0,
      'nothing has happened yet');

    await stepToEnd(page, lang, slug);
    // After it: what happened to invoice FR0000001, with the same figures.
    const happened = playerOf(page).getByRole('region', { name: exactly(fill(t.ar_happened, 'FR0000001')) });
    await happened.waitFor();
    assert.deepEqual(await arithmetic(happened), expected, 'what happened: the same lines and rules');
    await assertOutcome(page, lang, {
      date: '2026-03-10',
      finalBalance: '0.00',
      invoices: [{ ref: 'FR0000001', date: '2026-03-10', total: '11.98', paidOn: '2026-03-10' }],
      mails: ['invoice:FR0000001'],
    });
  });
  noPageErrors(page);
});

test('the invoice detail view (EN, balance-and-card): reached from the invoice list, the journal and the invoice e-mail', async () => {
  const lang = 'en';
  const slug = 'balance-and-card';
  const t = T[lang];
  const page = await freshPage(lang);
  await withShot(page, 'invoice-detail', async () => {
    await openScenario(page, lang, slug, { startBalance: '5.00' });
    await stepToEnd(page, lang, slug);
    const invoice = { ref: 'FR0000001', id: 1, paidOn: '2026-03-10', split: { covered: '5.00', charged: '6.98', method: 'Visa ••••4242', debt: '0.00' } };
    const seeInvoice = exactly(fill(t.inbox_open_invoice, 'FR0000001'));

    // 1. From the invoices table: the reference is a link.
    await open(page, 'billing', 'ovhAccount');
    const table = page.locator('#main').getByRole('region', { name: exactly(t.invoices_title) });
    await table.getByRole('link', { name: 'FR0000001', exact: true }).click();
    await assertInvoicePage(page, lang, invoice);
    // The way back to the account.
    await page.locator('#main').getByRole('link', { name: t.nav_ovh_account, exact: true }).click();
    await page.waitForURL(/\/billing\/ovh-account$/);

    // 2. From the journal: the link next to "Invoice FR0000001 issued…".
    await open(page, 'journal');
    const link = page.locator('#main').getByRole('link', { name: seeInvoice });
    assert.equal(await link.count(), 1, 'one link to the invoice in the journal');
    const row = page.locator('#main tr').filter({ has: page.getByRole('link', { name: seeInvoice }) });
    assert.match(norm(await row.locator('td').nth(1).innerText()),
      /^Invoice FR0000001 issued: 2 accounts, €9\.98 excl\. VAT \+ €2\.00 VAT = €11\.98\. See invoice FR0000001/);
    await link.click();
    await assertInvoicePage(page, lang, invoice);

    // 3. From the invoice e-mail.
    await open(page, 'inbox');
    const mail = page.getByRole('article', { name: exactly(subject(lang, 'invoice:FR0000001')) });
    await mail.getByRole('link', { name: seeInvoice }).click();
    await assertInvoicePage(page, lang, invoice);

    // An unknown invoice says so, instead of showing another one.
    await page.goto(app.url('/billing/invoices/99'));
    assert.equal(norm(await heading(page)), norm(t.invoice_unknown_title));
  });
  noPageErrors(page);
});

test('card-declines (IT, Play): the card declines (P6), debtor for 6,98 €, then a PayPal account settles the debt (D1)', async () => {
  const lang = 'it';
  const slug = 'card-declines';
  const page = await freshPage(lang);
  await withShot(page, slug, async () => {
    await openScenario(page, lang, slug, { startBalance: '5.00' });
    await playToEnd(page, lang, slug);
    // The card was asked and declined: nothing was charged, 6,98 € became debt.
    assert.deepEqual(
      await arithmetic(playerOf(page).getByRole('region', { name: exactly(fill(T[lang].ar_happened, 'FR0000001')) })),
      settlement(lang, { covered: '5.00', debt: '6.98', declined: 'Visa ••••4242' }));
    await assertOutcome(page, lang, {
      date: '2026-03-10',
      finalBalance: '0.00',
      invoices: [{ ref: 'FR0000001', date: '2026-03-10', total: '11.98', paidOn: '2026-03-10' }],
      mails: ['declined', 'invoice:FR0000001', 'debtor', 'payment', 'settled'],
    });
  });
  noPageErrors(page);
});

test('debt-unpaid (FR, Play, Pause, Play): reminder, suspension, then the payment reactivates (D5, D2); the S5 arithmetic before and after', async () => {
  const lang = 'fr';
  const slug = 'debt-unpaid';
  const t = T[lang];
  const page = await freshPage(lang);
  await withShot(page, slug, async () => {
    await openScenario(page, lang, slug, { startBalance: '5.00' });
    const split = { covered: '5.00', debt: '6.98' };
    // Before the first NextEvent: 11,98 € (M2) = 5,00 € balance (S2) + nothing charged (S4) + 6,98 € debt (S5).
    const next = exactly(fill(t.ar_next_title, day(lang, '2026-03-10')));
    assert.deepEqual(await arithmetic(playerOf(page).getByRole('region', { name: next })), settlement(lang, split));

    // Play, then Pause before the second beat: the player stops where it is.
    const player = playerOf(page);
    await player.getByRole('button', { name: t.sc_play, exact: true }).click();
    await player.getByRole('button', { name: t.sc_pause, exact: true }).click();
    await player.getByRole('button', { name: t.sc_play, exact: true }).waitFor();
    const paused = await eventually(() => beatState(page), (s) => s?.done >= 1, { message: 'Play runs the first beat at once' });
    assert.ok(paused.done < BEATS[slug], 'paused before the end');
    await sleep(2_000);
    assert.deepEqual(await beatState(page), paused, 'paused: no beat for 2 s');
    assert.equal(paused.progress, progressAt(lang, slug, paused.done));
    assert.ok(await player.getByRole('button', { name: t.sc_step, exact: true }).isEnabled(), 'Step is offered again while paused');
    // After the invoice: what happened to FR0000001, with the same figures.
    assert.deepEqual(
      await arithmetic(player.getByRole('region', { name: exactly(fill(t.ar_happened, 'FR0000001')) })),
      settlement(lang, split));

    // Play again: it resumes from there to the end.
    await playToEnd(page, lang, slug, { from: paused.done });
    await assertOutcome(page, lang, {
      date: '2026-03-18',
      finalBalance: '0.00',
      invoices: [{ ref: 'FR0000001', date: '2026-03-10', total: '11.98', paidOn: '2026-03-18' }],
      mails: ['invoice:FR0000001', 'debtor', 'reminder', 'suspended', 'payment', 'settled'],
    });
    // D2: both accounts are active again.
    await open(page, 'exchange');
    for (const local of ['contact', 'sales']) {
      await page.getByRole('row', { name: new RegExp(`^${local}@demo-exchange\\.example.*${t.acct_active}`) }).waitFor();
    }
  });
  noPageErrors(page);
});

test('mode-change-timing (EN, Play): Yearly before the renewal applies to it, on the anniversary day to the next one (R3)', async () => {
  const lang = 'en';
  const slug = 'mode-change-timing';
  const page = await freshPage(lang);
  await withShot(page, slug, async () => {
    await openScenario(page, lang, slug, { startBalance: '5.00' });
    await playToEnd(page, lang, slug);
    await assertOutcome(page, lang, {
      date: '2026-04-10',
      finalBalance: '0.00',
      invoices: [
        // contact@ for a year (49.90) + sales@ for a month (4.99) + 20 % VAT.
        { ref: 'FR0000001', date: '2026-03-10', total: '65.87', paidOn: '2026-03-10' },
        // sales@ for a year, from 10 April.
        { ref: 'FR0000002', date: '2026-04-10', total: '59.88', paidOn: '2026-04-10' },
      ],
      mails: ['mode', 'invoice:FR0000001', 'mode', 'invoice:FR0000002'],
    });
    await open(page, 'exchange');
    await page.getByRole('row', { name: /^contact@demo-exchange\.example\s+Yearly\s+10 March 2027\s+Active/ }).waitFor();
    await page.getByRole('row', { name: /^sales@demo-exchange\.example\s+Yearly\s+10 April 2027\s+Active/ }).waitFor();
  });
  noPageErrors(page);
});

test('none-and-termination (IT, Play, Pause and Play at once): None suspends on expiry (R5), the terminated platform ends with no invoice (R6)', async () => {
  const lang = 'it';
  const slug = 'none-and-termination';
  const page = await freshPage(lang);
  await withShot(page, slug, async () => {
    await openScenario(page, lang, slug, { startBalance: '5.00' });
    // Paused and resumed straight away, Play still moves one beat at a time, 1.2 s apart.
    await playToEnd(page, lang, slug, { resumeAtOnce: true });
    // No invoice was issued, so there is nothing to say about one.
    assert.equal(await playerOf(page).locator('#happened-title').count(), 0, 'no "how it was settled" section');
    await assertOutcome(page, lang, {
      date: '2026-04-01',
      finalBalance: '5.00',
      invoices: [],
      mails: ['mode', 'mode', 'termination', 'expired', 'expired', 'terminated'],
    });
    await open(page, 'exchange');
    for (const [account, status, pst] of [
      ['contact@demo-exchange\\.example', 'Sospeso \\(non rinnovato\\)', "Esportato l'8 marzo 2026"],
      ['sales@demo-exchange\\.example', 'Sospeso \\(non rinnovato\\)', 'Non esportato'],
      ['team@team-exchange\\.example', 'Disattivato', "Esportato l'8 marzo 2026"],
      ['archive@team-exchange\\.example', 'Disattivato', 'Non esportato'],
    ]) {
      await page.getByRole('row', { name: new RegExp(`^${account}\\s.*${status}\\s+${pst}$`) }).waitFor();
    }
  });
  noPageErrors(page);
});

// ---------- accessibility ----------

test('axe-core: no violation with the scenario player open at 1280 px, before and after the invoice', async () => {
  const lang = 'en';
  const slug = 'balance-and-card';
  const page = await freshPage(lang);
  await withShot(page, 'a11y', async () => {
    await openScenario(page, lang, slug, { startBalance: '5.00' });
    // Before: the settlement preview on the page and in the player.
    assert.deepEqual(await a11yViolations(page), [], 'the player open, before the invoice');
    await playerOf(page).getByRole('button', { name: T[lang].sc_step, exact: true }).click();
    await eventually(() => beatState(page), (s) => s?.done === 1, { message: 'Step should complete beat 1 of 1' });
    await playerOf(page).getByRole('region', { name: exactly(fill(T[lang].ar_happened, 'FR0000001')) }).waitFor();
    assert.deepEqual(await a11yViolations(page), [], 'the player open, after the invoice ("how it was settled")');
  }).finally(() => app.screenshot(page, 'scenario-1280px'));
  noPageErrors(page);
});
