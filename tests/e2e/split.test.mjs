// Code splitting of the release build (src/ui/routes.rs, scripts/post-build.mjs): a first visit
// loads none of the split modules (what scripts/test.sh counts as the first load), each group is
// fetched the first time one of its screens is shown, once, and the service worker precaches
// them all, so a screen never opened before still works offline.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, startApp } from './harness.mjs';
import { UI, drawn, logIn, noPageErrors } from './panel.mjs';

const SPLIT = /\/((?:split|chunk)_[\w]+)-[0-9a-f]{16}\.wasm$/;

/** The split modules the page fetched, by name without the hash ("split_panel", "chunk_8"). */
function splitRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(SPLIT);
    if (m) seen.push(m[1]);
  });
  return seen;
}

const groups = (seen) => [...new Set(seen.filter((n) => n.startsWith('split_')))].sort();

describe('code splitting', () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
  });

  test('the build has split modules, each fetched with its integrity hash by the loader', () => {
    const files = readdirSync(DIST);
    const modules = files.filter((f) => SPLIT.test(`/${f}`));
    for (const group of ['split_login', 'split_panel', 'split_own', 'split_settings', 'split_incoming', 'split_open_embed', 'split_decode_link', 'split_read_saved']) {
      assert.ok(modules.some((f) => f.startsWith(`${group}-`)), `${group} is a module of its own`);
    }
    const loader = files.find((f) => /^__wasm_split-[0-9a-f]{16}\.js$/.test(f));
    assert.ok(loader, 'the split loader has a content-hashed name');
    const source = readFileSync(join(DIST, loader), 'utf8');
    for (const f of modules) {
      assert.match(source, new RegExp(`"\\./${f.replace('.', '\\.')}"[^)]*\\)\\s*,\\s*\\{\\s*integrity:\\s*"sha384-`), `${f} is fetched with its SRI hash`);
    }
    const glue = files.find((f) => /^hosted_exchange_sim-\w+\.js$/.test(f));
    assert.ok(readFileSync(join(DIST, glue), 'utf8').includes(`./${loader}`), 'the JS glue imports the loader');
  });

  test('a first visit loads no split module; each group is fetched when first needed, and once', async () => {
    // No service worker: its precache would fetch every module at once.
    const page = await app.newPage({ serviceWorkers: 'block' });
    page.t = UI.en;
    const seen = splitRequests(page);
    await page.goto('');
    await drawn(page);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(seen, [], 'the home screen needs no split module');

    await page.getByRole('link', { name: 'Log in to the control panel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log in to the customer area' }).waitFor();
    assert.deepEqual(groups(seen), ['split_login'], 'the login page fetches its own module only');

    // Logged in on that page (logIn() would load the page anew).
    const t = page.t;
    await page.getByLabel(t.nic).fill('ab12345-ovh');
    await page.getByLabel(t.password, { exact: true }).fill('not-a-real-password');
    await page.getByRole('button', { name: t.login, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t.home }).waitFor();
    await page.getByRole('region', { name: /clock/i }).waitFor();
    assert.deepEqual(groups(seen), ['split_login', 'split_panel'], 'once logged in, the clock bar brings the panel module');

    const before = seen.length;
    await page.getByRole('navigation', { name: /./ }).first().getByRole('link', { name: 'Billing', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My OVH account' }).waitFor();
    assert.equal(seen.length, before, 'the panel\'s screens fetch nothing more');
    // The dashboard's last safe days (F2) come with the months-ahead module (decision 99), once.
    for (const [tab, title] of [['Exchange platform', /./], ['Billing', 'My OVH account'], ['Exchange platform', /./]]) {
      await page.getByRole('navigation', { name: /./ }).first().getByRole('link', { name: tab, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
    }
    await page.getByRole('heading', { level: 2, name: 'Last safe days' }).waitFor();
    assert.deepEqual(groups(seen), ['split_login', 'split_own', 'split_panel'], 'the dashboard brings the months-ahead module');

    // From the home screen's card, in the same page (a new page load fetches anew).
    await page.getByRole('link', { name: 'Hosted Exchange renewal simulator' }).click();
    await page.getByRole('link', { name: /^G4 · / }).click();
    await page.locator('aside.guide-panel').waitFor();
    await page.waitForLoadState('networkidle');
    // The walkthrough's screens are the panel's; moving on when a route is reached (its save)
    // is a small module of its own (the first load has none of the engine's code).
    assert.deepEqual(groups(seen), ['split_login', 'split_own', 'split_panel', 'split_reach'], 'the walkthrough is in the panel module, with its route-reach module');

    // Settings are a module of their own (an embed never shows them), fetched once.
    for (let i = 0; i < 2; i += 1) {
      await page.getByRole('link', { name: 'Settings', exact: true }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
      await page.getByRole('link', { name: 'Exchange platform', exact: true }).first().click();
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    assert.deepEqual(groups(seen), ['split_login', 'split_own', 'split_panel', 'split_reach', 'split_settings'], 'Settings bring their own module');
    const counts = seen.reduce((m, n) => m.set(n, (m.get(n) ?? 0) + 1), new Map());
    assert.ok([...counts.values()].every((c) => c === 1), `no module fetched twice: ${JSON.stringify([...counts])}`);
    noPageErrors(page);
  });

  test('offline after a first visit: screens never opened before come from the precache', async () => {
    // Own server: this test stops it to go offline.
    const offline = await startApp();
    try {
      const page = await offline.newPage();
      page.t = UI.en;
      await page.goto('');
      await drawn(page);
      const precache = await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        const names = await caches.keys();
        const cache = await caches.open(names[0]);
        return (await cache.keys()).map((r) => new URL(r.url).pathname);
      });
      const modules = readdirSync(DIST).filter((f) => SPLIT.test(`/${f}`));
      for (const f of modules) assert.ok(precache.includes(`/${f}`), `${f} is precached`);

      await offline.server.close();
      await logIn(page, offline);
      await page.goto(offline.url('/exchange/billing-mode'));
      await page.getByRole('heading', { level: 1, name: 'Billing mode' }).waitFor();
      await page.goto(offline.url('/scenario/balance-and-card'));
      await page.waitForURL(/\/billing\/ovh-account$/);
      await page.getByRole('heading', { level: 1, name: 'My OVH account' }).waitFor();
      noPageErrors(page);
    } finally {
      await offline.close();
    }
  });
});
