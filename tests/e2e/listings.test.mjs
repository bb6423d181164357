// Issue 21, decision 141: the OVH account page draws the newest 20 invoices, then *Show more*;
// the dashboard's accounts table redraws the rows a *Next event* changed (a keyed list): a
// renewed account shows its new expiry, a row kept from before shows what it showed. On a save of 40 monthly renewals (3 accounts, 1,200 days), FR and IT.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { UI, open, clock, noPageErrors, eventually } from './panel.mjs';

const SAVE = JSON.stringify({
  schema: 2, revision: 1, saved_at: '2026-01-01T00:00:00Z', writer: 'w1', seen: [],
  state: {
    start: { Scenario: 'NoneAndTermination' }, rules: 2, snapshots: [], step: 0,
    actions: [
      { AddAccount: { platform: 1, email_local_part: 'user000', mode: 'Monthly' } },
      { Advance: { Days: 1200 } },
    ],
  },
});

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const TEXT = {
  fr: { invoices: 'Factures', more: 'Afficher plus', accounts: 'Comptes' },
  it: { invoices: 'Fatture', more: 'Mostra altro', accounts: 'Account' },
};

for (const lang of ['fr', 'it']) {
  test(`${lang}: the OVH account page lists the newest 20 invoices, then Show more; Next event redraws a renewed account's row`, async () => {
    const t = UI[lang];
    const page = await app.newPage({ locale: t.locale });
    page.t = t;
    await page.addInitScript(([s, l]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem('hes.save', s);
        localStorage.setItem('hes.lang', l);
        localStorage.removeItem('hes.active');
        sessionStorage.setItem('seeded', '1');
      }
    }, [SAVE, lang]);
    await page.goto(app.url('/exchange'));
    await page.getByRole('heading', { level: 1, name: t.exchange, exact: true }).waitFor();
    await open(page, 'billing', 'ovhAccount');
    const invoices = page.getByRole('region', { name: TEXT[lang].invoices, exact: true });
    const rows = invoices.locator('tbody tr');
    await eventually(() => rows.count(), (n) => n === 20, { message: 'the newest 20 invoices' });
    const newest = await rows.first().innerText();
    const more = page.getByRole('button', { name: TEXT[lang].more, exact: true }).and(page.locator('[aria-describedby="invoices-title"]'));
    await more.click();
    await eventually(() => rows.count(), (n) => n > 20, { message: 'more invoices after Show more' });
    assert.equal(await rows.first().innerText(), newest, 'the newest first, still');

    // The dashboard: the renewed account's expiry moves on, the other rows stay as they were.
    await open(page, 'exchange');
    const accounts = page.getByRole('region', { name: TEXT[lang].accounts }).first();
    const row = accounts.getByRole('row', { name: /user000@/ });
    const before = await row.innerText();
    const untouched = await accounts.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => { tr.dataset.kept = '1'; return tr.innerText; }));
    // The next events until the one that renews it (a month at most: a few events).
    for (let i = 0; i < 8 && (await row.innerText()) === before; i++) {
      const day = await page.locator('time.today').getAttribute('datetime');
      await clock(page, 'nextEvent');
      await eventually(() => page.locator('time.today').getAttribute('datetime'), (d) => d !== day, { message: 'the clock moves on' });
    }
    assert.notEqual(await row.innerText(), before, 'the renewed row shows its new expiry');
    const kept = await accounts.locator('tbody tr').evaluateAll((trs) => trs.filter((tr) => tr.dataset.kept).map((tr) => tr.innerText));
    assert.ok(kept.every((text) => untouched.includes(text)), 'a row kept from before shows what it showed');
    noPageErrors(page);
  });
}
