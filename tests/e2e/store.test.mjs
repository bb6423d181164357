// A save that never loses or leaks data, in a real browser: two tabs, a localStorage that
// throws, a full store, a save from other rules, the saves kept aside in Settings, and nothing
// but masked payment details (and never the password) in localStorage after every G2 path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { UI, loggedIn, logIn, open, clock, today, balance, noPageErrors, drawn } from './panel.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('two tabs: a change in one shows in the other (and says so), and nothing is lost (EN)', async () => {
  const first = await loggedIn(app, 'en');
  const second = await first.context().newPage();
  second.t = UI.en;
  second.errors = [];
  second.on('pageerror', (e) => second.errors.push(e));
  await second.goto(app.url('/billing/ovh-account'));
  await second.getByRole('heading', { level: 1, name: 'My OVH account' }).waitFor();
  assert.equal(await today(second), '2026-03-08');

  await clock(first, 'nextEvent');
  // The other tab follows through the storage event, and tells its user.
  await second.getByRole('status').filter({ hasText: 'This simulation was changed in another tab' }).waitFor();
  assert.equal(await today(second), '2026-03-10');
  assert.equal(await balance(second), '-€6.98');

  // The second tab acts on the newer state; the first follows; both actions are kept.
  const order = second.getByRole('row', { name: /BC-000002/ });
  await order.getByLabel('Pay with').selectOption({ label: 'Bank transfer' });
  await order.getByRole('button', { name: 'Pay BC-000002' }).click();
  await open(first, 'billing', 'ovhAccount');
  await first.waitForFunction(() => document.querySelector('[data-testid=balance]')?.textContent.includes('0.00'));
  const saved = await first.evaluate(() => JSON.parse(localStorage.getItem('hes.save')).state.actions);
  assert.deepEqual(saved.map((a) => Object.keys(a)[0] ?? a), ['LogIn', 'Advance', 'PayOrder']);
  assert.deepEqual(second.errors.map(String), []);
  noPageErrors(first);
});

test('a write based on a stale revision is detected: the newer save wins, this tab\'s change is kept aside (FR)', async () => {
  const page = await loggedIn(app, 'fr');
  await page.goto(app.url('/exchange'));
  await drawn(page);
  // Another tab saves a newer revision (a week later) and this tab misses its storage event
  // (a write from the same document fires none), as a suspended tab would.
  await page.evaluate(() => {
    const save = JSON.parse(localStorage.getItem('hes.save'));
    save.revision += 1;
    save.state.actions.push({ Advance: { Days: 7 } });
    localStorage.setItem('hes.save', JSON.stringify(save));
  });
  await clock(page, 'plusDay');
  await page.getByRole('alert').filter({ hasText: 'Un autre onglet a enregistré une version plus récente' }).waitFor();
  // The newer save won, untouched, and is what this tab shows now.
  assert.equal(await today(page), '2026-03-15');
  const actions = await page.evaluate(() => JSON.parse(localStorage.getItem('hes.save')).state.actions);
  assert.deepEqual(actions.at(-1), { Advance: { Days: 7 } }, 'nothing overwritten');
  // This tab's own change is kept aside, listed in Settings, not lost.
  const kept = await page.evaluate(() => {
    const list = JSON.parse(localStorage.getItem('hes.aside-index'));
    return JSON.parse(localStorage.getItem(list[0].key)).state.actions.at(-1);
  });
  assert.deepEqual(kept, { Advance: { Days: 1 } });
  await open(page, 'settings');
  await page.getByText('un autre onglet a enregistré une version plus récente', { exact: true }).waitFor();
  noPageErrors(page);
});

test('no localStorage (it throws): a visible notice, and the app works in memory (IT)', async () => {
  const page = await app.newPage({ locale: 'it-IT' });
  page.t = UI.it;
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  await logIn(page, app);
  await page.getByRole('alert').filter({ hasText: 'Questo browser non permette al simulatore di conservare nulla' }).waitFor();
  await clock(page, 'nextEvent');
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await balance(page), '-6,98 €');
  noPageErrors(page);
});

test('a full store (QuotaExceededError): the user is told, the app goes on, the next good save writes everything (EN)', async () => {
  const page = await app.newPage({ locale: 'en-GB' });
  page.t = UI.en;
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__full && key.startsWith('hes.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await logIn(page, app);
  await page.evaluate(() => { window.__full = true; });
  await clock(page, 'nextEvent');
  await page.getByRole('alert').filter({ hasText: "This browser's storage is full" }).waitFor();
  await clock(page, 'plusDay'); // still works, in memory
  assert.equal(await today(page), '2026-03-11');
  const stale = await page.evaluate(() => JSON.parse(localStorage.getItem('hes.save')).state.actions.length);
  assert.equal(stale, 1, 'only the login was saved before the store filled up');
  await page.evaluate(() => { window.__full = false; });
  await clock(page, 'plusDay');
  assert.equal(await page.getByText("This browser's storage is full").count(), 0, 'the notice goes once a save succeeds');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('hes.save')).state.actions.length);
  assert.equal(saved, 4, 'the next successful save wrote everything: login and three clock moves');
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await today(page), '2026-03-12');
  noPageErrors(page);
});

test('a save made under other rules is set aside, said in the user\'s language, listed, downloadable and deletable (FR)', async () => {
  const page = await app.newPage({ locale: 'fr-FR' });
  page.t = UI.fr;
  // What the previous release saved: schema 1, a log replayed from the demo, no start, no rules.
  const old = JSON.stringify({
    schema: 1, revision: 7, saved_at: '2026-11-01T10:00:00.000Z',
    state: { actions: [{ LogIn: { nic: 'ab12345-ovh', subsidiary: 'Fr' } }, { Advance: 'NextEvent' }], snapshots: [] },
  });
  await page.addInitScript((text) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('hes.save', text); sessionStorage.setItem('seeded', '1'); } }, old);
  await page.goto(app.url('/'));
  const notice = page.getByRole('alert').filter({ hasText: 'Une simulation enregistrée a été mise de côté' });
  await notice.waitFor();
  assert.match(await notice.innerText(), /version antérieure des règles \(1\)/, 'in French, with the reason');
  assert.doesNotMatch(await notice.innerText(), /schema|Refused|NotLoggedIn/, 'no debug text');
  // It is kept verbatim, and the demo starts again.
  const kept = await page.evaluate(() => {
    const list = JSON.parse(localStorage.getItem('hes.aside-index'));
    return [list.length, localStorage.getItem(list[0].key)];
  });
  assert.deepEqual(kept, [1, old]);
  await logIn(page, app);
  await open(page, 'settings');
  const section = page.getByRole('region', { name: 'Sauvegardes mises de côté' });
  await section.getByText(/version antérieure des règles \(1\)/).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Télécharger' }).click()]);
  assert.match(download.suggestedFilename(), /^hes\.aside\.\d+\.json$/);
  await section.getByRole('button', { name: 'Supprimer' }).click();
  await section.getByText('Rien n\'a été mis de côté.').waitFor();
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('hes.aside-index')).length), 0);
  noPageErrors(page);
});

test('P5, L1: after every G2 path, localStorage holds no card number, IBAN, PayPal address or password (EN)', async () => {
  const page = await loggedIn(app, 'en');
  const secrets = ['4242424242424242', '4242 4242 4242 4242', 'FR7630006000011234567890189', 'FR76 3000 6000 0112 3456 7890 189',
    '30006000011234567890189', 'alice.martin@example.com', 'not-a-real-password'];
  const scan = async (step) => {
    const all = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    for (const s of secrets) assert.ok(!all.includes(s), `${step}: ${s} is in localStorage`);
  };
  await scan('after login');
  const add = async (kind, fill) => {
    await open(page, 'billing', 'paymentMethods');
    await page.getByRole('link', { name: 'Add a payment method' }).click();
    await page.getByRole('radio', { name: kind }).check();
    await fill();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.waitForURL(/\/billing\/payment-methods$/);
  };
  await add('Credit card', async () => {
    await page.getByLabel('Card number').fill('4242 4242 4242 4242');
    await page.getByLabel('Expiry date (MM/YY)').fill('12/30');
  });
  await scan('card');
  await add('Bank account', () => page.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189'));
  await scan('bank account');
  await add('PayPal', () => page.getByLabel('PayPal e-mail address').fill('alice.martin@example.com'));
  await scan('PayPal');
  const saved = await page.evaluate(() => localStorage.getItem('hes.save'));
  assert.match(saved, /a•••@example\.com/, 'only the masked PayPal address');
  assert.match(saved, /Visa ••••4242/);
  assert.match(saved, /FR76 •••• 0189/);
  // A reload rebuilds the same methods from the masked log.
  await page.reload();
  await page.getByRole('row', { name: /a•+@example\.com/ }).waitFor();
  noPageErrors(page);
});
