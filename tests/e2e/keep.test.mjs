// Issue 16, part 4, in a real browser: a SecurityError from setItem alone is said as such (not
// "storage is full"), and the browser is asked to keep the data at the first save, Settings
// saying whether it was granted (and suggesting an export where not).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { UI, logIn, clock, open, noPageErrors } from './panel.mjs';
import { T, norm, fill } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

for (const lang of ['fr', 'it']) {
  test(`only setItem throws a SecurityError: the notice says the browser refused, not that storage is full (${lang.toUpperCase()})`, async () => {
    const page = await app.newPage({ locale: UI[lang].locale });
    page.t = UI[lang];
    await page.addInitScript(() => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (window.__refuse && key === 'hes.save') throw new DOMException('The operation is insecure.', 'SecurityError');
        return setItem.call(this, key, value);
      };
    });
    await logIn(page, app);
    await page.evaluate(() => { window.__refuse = true; });
    await clock(page, 'nextEvent');
    const said = norm(fill(T[lang].notice_write_refused, 'SecurityError'));
    await page.getByRole('alert').filter({ hasText: said.slice(0, 60) }).waitFor();
    assert.equal(await page.getByText(norm(T[lang].notice_full).slice(0, 40)).count(), 0, 'not "storage is full"');
    // The next save that succeeds writes everything, and the notice goes.
    await page.evaluate(() => { window.__refuse = false; });
    await clock(page, 'plusDay');
    await page.getByRole('alert').filter({ hasText: said.slice(0, 60) }).waitFor({ state: 'detached' });
    const actions = await page.evaluate(() => JSON.parse(localStorage.getItem('hes.save')).state.actions.length);
    assert.equal(actions, 3, 'login, next event, +1 day');
    noPageErrors(page);
  });
}

for (const [lang, granted] of [['fr', false], ['it', true]]) {
  test(`the browser is asked to keep the data at the first save, once; Settings says it was ${granted ? '' : 'not '}granted (${lang.toUpperCase()})`, async () => {
    const page = await app.newPage({ locale: UI[lang].locale });
    page.t = UI[lang];
    await page.addInitScript((granted) => {
      window.__persistCalls = 0;
      StorageManager.prototype.persist = async function () { window.__persistCalls += 1; window.__granted = granted; return granted; };
      StorageManager.prototype.persisted = async function () { return window.__granted === true; };
    }, granted);
    await page.goto(app.url('/'));
    await page.getByRole('heading', { level: 1, name: UI[lang].home }).waitFor();
    assert.equal(await page.evaluate(() => window.__persistCalls), 0, 'not before a save');
    await logIn(page, app); // the first save
    await clock(page, 'plusDay');
    assert.equal(await page.evaluate(() => window.__persistCalls), 1, 'asked once, at the first save');
    await open(page, 'settings');
    await page.getByRole('heading', { level: 2, name: T[lang].persist_title }).waitFor();
    const text = granted ? T[lang].persist_granted : T[lang].persist_not_granted;
    await page.getByTestId('persist').filter({ hasText: norm(text).slice(0, 50) }).waitFor();
    if (!granted) assert.match(norm(text), /Safari/);
    // A later visit does not ask again.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await clock(page, 'plusDay');
    assert.equal(await page.evaluate(() => window.__persistCalls), 0, 'not asked again after a reload');
    noPageErrors(page);
  });
}
