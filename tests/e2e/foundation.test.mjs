// Foundation end-to-end tests against the release build in dist/.
// Run: node --test tests/e2e/   (scripts/test.sh builds dist/ first)
//
// Selector contract with the UI (src/ui/**):
// - every screen has exactly one <h1>;
// - login form: a textbox whose accessible name matches /NIC/i, a password
//   field labelled "Password" / "Mot de passe", a <select> labelled
//   "Subsidiary" / "Filiale", and a button "Log in" / "Se connecter" / "Accedi";
// - top bar: a <select> labelled "Language" / "Langue" / "Lingua" whose
//   option values are "en", "fr", "it";
// - <html lang> follows the UI language.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { heading, seriousA11yViolations, startApp } from './harness.mjs';

const H1 = {
  home: { en: 'Hosted Exchange renewal simulator', fr: 'Simulateur de renouvellement Hosted Exchange', it: 'Simulatore di rinnovo Hosted Exchange' },
  login: { en: 'Log in to the customer area', fr: "Connexion à l'espace client", it: 'Accedi allo Spazio Cliente' },
  ovhAccount: { en: 'My OVH account', fr: 'Mon compte OVH', it: 'Il mio account OVH' },
};

async function logIn(page, { nic = 'ab12345-ovh', password = 'demo-password' } = {}) {
  await page.goto('login');
  await page.getByRole('textbox', { name: /NIC/i }).fill(nic);
  await page.getByLabel(/^(Password|Mot de passe)$/).fill(password);
  const subsidiary = page.getByRole('combobox', { name: /^(Subsidiary|Filiale)$/ });
  await subsidiary.waitFor({ state: 'visible' }); // keeps its default value
  await page.getByRole('button', { name: /^(Log in|Se connecter|Accedi)$/ }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'));
  await page.getByRole('heading', { level: 1 }).waitFor();
}

async function chooseLanguage(page, value) {
  await page.getByRole('combobox', { name: /^(Language|Langue|Lingua)$/ }).selectOption(value);
}

describe('foundation', () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
  });

  test('a first visit shows what the app is for, its sections and scenarios; the login is one click away', async () => {
    const page = await app.newPage({ locale: 'en-US' });
    await page.goto('');
    assert.equal(await heading(page), H1.home.en);
    assert.equal(await page.locator('h1').count(), 1, 'exactly one <h1>');
    assert.match(new URL(page.url()).pathname, /\/$/);
    // Not a bare dashboard: the guide's eight sections and the seven scenarios are offered.
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) {
      await page.getByRole('link', { name: new RegExp(`^G${n} · `) }).waitFor();
    }
    assert.equal(await page.locator('a[href*="/scenario/"]').count(), 7);
    await app.screenshot(page, 'home-en');
    assert.deepEqual(page.errors.map(String), [], 'no uncaught page errors');
    assert.deepEqual(await seriousA11yViolations(page), [], 'no serious/critical axe violations');
    await page.getByRole('link', { name: 'Log in to the control panel' }).click();
    assert.equal(await heading(page), H1.login.en);
    await app.screenshot(page, 'login-en');
    assert.deepEqual(page.errors.map(String), [], 'no uncaught page errors');
    assert.deepEqual(await seriousA11yViolations(page), [], 'no serious/critical axe violations');
  });

  test('the static first screen: painted before the wasm, kept without JavaScript, replaced with no layout shift', async () => {
    // Without JavaScript: the static screen's title and introduction, and the noscript text.
    const off = await app.newPage({ locale: 'en-US', javaScriptEnabled: false });
    await off.goto('');
    assert.equal(await off.locator('#boot-title').innerText(), H1.home.en);
    assert.match(await off.locator('#boot-intro').innerText(), /^Read OVHcloud's guide/);
    assert.equal((await off.locator('#boot-intro').innerText()).includes('Lisez'), false, 'one language shows');
    assert.match(await off.locator('noscript').first().innerText(), /needs JavaScript and WebAssembly/);
    for (const [locale, lang, viewport] of [['fr-FR', 'fr', { width: 390, height: 844 }], ['en-GB', 'en', { width: 1280, height: 800 }]]) {
      const page = await app.newPage({ locale, viewport });
      await page.addInitScript(() => {
        window.__shifts = [];
        window.__lcp = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            window.__shifts.push({ value: e.value, sources: (e.sources ?? []).map((s) => s.node?.outerHTML?.slice(0, 80) ?? '?') });
          }
        }).observe({ type: 'layout-shift', buffered: true });
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__lcp.push(e.element?.closest('#boot-intro') ? 'boot-intro' : e.element?.closest('#boot') ? 'boot' : e.element?.tagName ?? '?');
        }).observe({ type: 'largest-contentful-paint', buffered: true });
      });
      await page.goto('');
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      // The app's home screen, with the guide's cards and their summaries filled in.
      await page.locator('#main h1').waitFor();
      await page.locator('#main ol.cards li .hint').first().filter({ hasText: /\S/ }).waitFor();
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300))));
      const { shifts, lcp } = await page.evaluate(() => ({ shifts: window.__shifts, lcp: window.__lcp }));
      assert.deepEqual(shifts.filter((s) => s.value > 0), [], `${lang}: no layout shift`);
      assert.equal(lcp.at(-1), 'boot-intro', `${lang}: the largest paint is the static introduction (${lcp.join(', ')})`);
      assert.equal(await page.locator('#boot').count(), 0, `${lang}: the static screen is gone once the app is drawn`);
      assert.deepEqual(page.errors.map(String), [], 'no uncaught page errors');
    }
  });

  test('log in, then switch language from the top bar', async () => {
    const page = await app.newPage({ locale: 'en-US' });
    await logIn(page);
    await page.goto('billing/ovh-account');
    assert.equal(await heading(page), H1.ovhAccount.en);

    await chooseLanguage(page, 'fr');
    await page.getByRole('heading', { level: 1, name: H1.ovhAccount.fr }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    await app.screenshot(page, 'ovh-account-fr');

    await chooseLanguage(page, 'it');
    await page.getByRole('heading', { level: 1, name: H1.ovhAccount.it }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'it');

    // The choice survives a reload (hes.lang).
    await page.reload();
    assert.equal(await heading(page), H1.ovhAccount.it);
    assert.deepEqual(page.errors.map(String), []);
  });

  test('a deep link survives a reload with the state restored', async () => {
    const page = await app.newPage({ locale: 'en-US' });
    await logIn(page);
    await page.goto('billing/ovh-account');
    assert.equal(await heading(page), H1.ovhAccount.en);

    await page.reload();
    assert.equal(await heading(page), H1.ovhAccount.en);
    assert.match(new URL(page.url()).pathname, /\/billing\/ovh-account$/, 'still on the deep link, not sent to /login');

    const save = await page.evaluate(() => localStorage.getItem('hes.save'));
    assert.ok(save, 'the state is saved under hes.save');
    const envelope = JSON.parse(save);
    assert.equal(envelope.schema, 2);
    // T3: the save names its start and the rules it was played under.
    assert.equal(envelope.state.start, 'Demo');
    assert.equal(typeof envelope.state.rules, 'number');
    assert.ok(envelope.revision >= 1);
    assert.ok(!Number.isNaN(Date.parse(envelope.saved_at)), 'saved_at is a date');

    // A fresh tab on the deep link (no in-memory state) lands there too.
    const second = await page.context().newPage();
    await second.goto('billing/ovh-account');
    assert.equal(await heading(second), H1.ovhAccount.en);
    assert.deepEqual(page.errors.map(String), []);
  });
});
