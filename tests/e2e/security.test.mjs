// The page lets no one in: no open redirect after login, a sub-path deployment's deep link
// through the login, a strict Content-Security-Policy with Subresource Integrity on every
// asset (no violation on any screen), and a service-worker update that waits for the user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startApp, DIST, ROOT } from './harness.mjs';
import { UI, logIn, loggedIn, clock, noPageErrors, drawn } from './panel.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** Records every Content-Security-Policy violation the page reports. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

test('open redirect: after login, a "next" outside the app is refused in all its variants (EN)', async () => {
  const variants = [
    '//evil.example',
    '//evil.example/login',
    'https://evil.example/',
    'http:/evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/%2F%2Fevil.example',
    '/%2f%2fevil.example',
    '%2F%2Fevil.example',
    '/%5Cevil.example',
    '/%252F%252Fevil.example',
    'javascript:alert(document.domain)',
    '/\t/evil.example',
  ];
  for (const next of variants) {
    const page = await app.newPage({ locale: 'en-GB' });
    page.t = UI.en;
    let left = false;
    await page.route((url) => url.hostname.endsWith('evil.example'), (route) => { left = true; return route.abort(); });
    await page.goto(app.url(`/login?next=${encodeURIComponent(next)}`));
    await page.getByLabel(page.t.nic).fill('ab12345-ovh');
    await page.getByLabel(page.t.password, { exact: true }).fill('not-a-real-password');
    await page.getByRole('button', { name: page.t.login, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: page.t.home }).waitFor();
    const url = new URL(page.url());
    assert.equal(url.origin, new URL(app.baseURL).origin, `${next}: stays on the app's origin`);
    assert.equal(url.pathname, '/', `${next}: lands on the app's home`);
    assert.equal(left, false, `${next}: never requested the other site`);
    noPageErrors(page);
    await page.context().close();
  }
  // A path inside the app is still honoured.
  const page = await app.newPage({ locale: 'en-GB' });
  page.t = UI.en;
  await page.goto(app.url('/billing/ovh-account'));
  await page.waitForURL(/\/login\?next=\/billing\/ovh-account$/);
  await page.getByLabel(page.t.nic).fill('ab12345-ovh');
  await page.getByLabel(page.t.password, { exact: true }).fill('x');
  await page.getByRole('button', { name: page.t.login, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'My OVH account' }).waitFor();
});

test('sub-path deployment: a deep link that needs a login comes back to itself, and the panel\'s links stay under the sub-path (FR)', async () => {
  const root = process.env.HES_DIST_SUB ?? join(ROOT, 'target', 'dist-sub');
  assert.ok(existsSync(join(root, 'index.html')), `${root}: the /simulator/ build (scripts/test.sh makes it)`);
  const sub = await startApp({ root, base: '/simulator/' });
  try {
    const page = await sub.newPage({ locale: 'fr-FR' });
    page.t = UI.fr;
    await page.goto(sub.url('/billing/ovh-account'));
    await page.waitForURL((u) => u.pathname === '/simulator/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/billing/ovh-account', 'next has no base in it');
    await page.getByLabel(page.t.nic).fill('ab12345-ovh');
    await page.getByLabel(page.t.password, { exact: true }).fill('x');
    await page.getByRole('button', { name: page.t.login, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mon compte OVH' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/simulator/billing/ovh-account');
    // The panel's own links stay under the sub-path, in the same page (no reload).
    await page.evaluate(() => { window.__samePage = true; });
    await page.getByRole('navigation', { name: 'Espace client' }).getByRole('link', { name: 'Plateforme Exchange', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Plateforme Exchange' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/simulator/exchange');
    await page.getByRole('link', { name: 'Mode de facturation', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Mode de facturation' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/simulator/exchange/billing-mode');
    assert.equal(await page.evaluate(() => window.__samePage), true, 'no page load: the router followed the links');
    // A walkthrough link works under the sub-path too.
    await page.goto(sub.url('/guide/g5'));
    await page.getByRole('complementary', { name: /G5/ }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/simulator\//);
    noPageErrors(page);
  } finally {
    await sub.close();
  }
});

test('Content-Security-Policy: strict, with SRI on every asset, and no violation on any screen', async () => {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  assert.ok(meta, 'the policy is in index.html');
  const policy = meta[1];
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/, 'no unsafe-inline, no unsafe-eval');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(policy, /object-src 'none'/);
  assert.match(policy, /base-uri 'self'/);
  for (const asset of html.match(/<link[^>]*(modulepreload|preload|stylesheet)[^>]*>/g)) {
    assert.match(asset, /integrity=("?)sha384-/, `SRI on ${asset}`);
  }
  // The wasm is fetched by the loader after the first paint (not preloaded), with its SRI hash:
  // the hash of the file actually served.
  const wasmName = (await readdir(DIST)).find((f) => f.endsWith('_bg.wasm'));
  const fetched = html.match(/fetch\("([^"]*_bg\.wasm)", \{ integrity: "(sha384-[^"]+)" \}\)/);
  assert.ok(fetched, 'the loader fetches the wasm with an integrity hash');
  assert.ok(fetched[1].endsWith(wasmName), `${fetched[1]} is the built ${wasmName}`);
  const wasmBytes = await readFile(join(DIST, wasmName));
  assert.equal(fetched[2], `sha384-${createHash('sha384').update(wasmBytes).digest('base64')}`, 'the SRI hash matches the file');
  const page = await app.newPage({ locale: 'en-GB' });
  page.t = UI.en;
  await watchViolations(page);
  await page.goto(app.url('/'));
  await drawn(page);
  await logIn(page, app);
  await clock(page, 'nextEvent');
  for (const path of ['/billing/payment-methods', '/billing/payment-methods/add', '/billing/ovh-account',
    '/billing/ovh-account/credit', '/billing/orders/2', '/billing/invoices/1', '/exchange', '/exchange/billing-mode',
    '/inbox', '/journal', '/settings', '/guide/g4', '/scenario/debt-unpaid', '/embed/guide/g4',
    '/embed/scenario/debt-unpaid',
    // Issue 19: the embed's parameters, its host API and a share link's embed.
    '/embed/guide/g8?lang=it&theme=dark&step=3&api=1&origin=http%3A%2F%2Fdocs.example.org',
    '/embed/scenario/debt-unpaid?autoplay=1&speed=fast&controls=0&theme=light', '/embed/share',
    '/logout', '/login', '/']) {
    await page.goto(app.url(path));
    await drawn(page);
    const seen = await page.evaluate(() => window.__csp);
    assert.deepEqual(seen, [], `${path}: no policy violation`);
    const here = await page.locator('meta[http-equiv="Content-Security-Policy"]').count();
    assert.equal(here, 1, `${path}: the policy is there`);
  }
  noPageErrors(page);
});

test('service worker: a new version installs and waits; the app says so and reloads only when the user agrees', async () => {
  // A copy of the build, served on its own; a new "deploy" changes its service worker.
  const dir = await mkdtemp(join(tmpdir(), 'hes-sw-'));
  await cp(DIST, dir, { recursive: true });
  const own = await startApp({ root: dir });
  try {
    const page = await own.newPage({ locale: 'en-GB' });
    await page.goto(own.url('/'));
    await drawn(page);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const before = await page.evaluate(() => caches.keys());
    assert.equal(before.length, 1);
    assert.match(before[0], /^hes-[0-9a-f]{16}$/);
    await page.evaluate(() => { window.__stillHere = true; });

    const sw = join(dir, 'sw.js');
    const source = await readFile(sw, 'utf8');
    const next = source.replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "0123456789abcdef"');
    assert.notEqual(next, source, 'the service worker names its build');
    await writeFile(sw, next);
    // A deploy writes the precompressed copies too (the server prefers them).
    if (existsSync(`${sw}.br`)) await writeFile(`${sw}.br`, brotliCompressSync(next));
    if (existsSync(`${sw}.gz`)) await writeFile(`${sw}.gz`, gzipSync(next));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

    const notice = page.getByRole('status').filter({ hasText: 'A new version of the simulator is ready.' });
    await notice.waitFor();
    await page.waitForTimeout(1500);
    assert.equal(await page.evaluate(() => window.__stillHere), true, 'no reload without the user');
    assert.ok(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)), 'it waits');

    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload now' }).click()]);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => window.__stillHere), undefined, 'reloaded once the user agreed');
    // The old build's cache (its hashed assets) is gone; only the new one is left.
    await page.waitForFunction(async () => {
      const keys = await caches.keys();
      return keys.length === 1 && keys[0] === 'hes-0123456789abcdef';
    });
    noPageErrors(page);
  } finally {
    await own.close();
    await rm(dir, { recursive: true, force: true });
  }
});
