// PWA plumbing of the release build: manifest, icons, service worker, offline.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT, ROOT, heading, startApp } from './harness.mjs';
import { UI, a11yViolations, loggedIn } from './panel.mjs';
import { T } from './texts.mjs';

describe('pwa', () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
  });

  test('the manifest is linked, valid and its icons are served', async () => {
    const page = await app.newPage();
    await page.goto('');
    const href = await page.locator('link[rel="manifest"]').evaluate((l) => l.href);
    const res = await fetch(href);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/manifest\+json/);
    const manifest = await res.json();
    assert.equal(manifest.name, 'Hosted Exchange renewal simulator');
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.display, 'standalone');
    for (const size of ['192x192', '512x512']) {
      const icon = manifest.icons.find((i) => i.sizes === size && i.type === 'image/png');
      assert.ok(icon, `a ${size} PNG icon`);
      const img = await fetch(new URL(icon.src, href));
      assert.equal(img.status, 200, icon.src);
      const bytes = Buffer.from(await img.arrayBuffer());
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
      assert.equal(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, size);
    }
    assert.ok(await page.locator('meta[name="theme-color"]').getAttribute('content'));
  });

  test('the service worker serves the app offline, deep links included', async () => {
    // Own server: this test stops it to go offline.
    const offline = await startApp();
    try {
      const page = await offline.newPage();
      await page.goto('');
      await heading(page);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
      assert.equal(scope, offline.baseURL);
      await offline.server.close();
      await page.goto(offline.url('/billing/ovh-account'));
      assert.ok((await heading(page)).length > 0, 'the app renders from the cache');
      await page.reload();
      assert.ok((await heading(page)).length > 0, 'and again after a reload');
      assert.deepEqual(page.errors.map(String), []);
    } finally {
      await offline.close();
    }
  });
});

// Issue 20 item 16: the app says it works offline, offers to install itself where the browser
// can (a synthetic beforeinstallprompt with a prompt() stub stands for Chromium's), gives the
// iPhone's steps otherwise, and its manifest speaks the user's language.
describe('offline and install (issue 20 item 16)', () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
  });

  const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
  const manifestOf = async (page) => {
    const href = await page.locator('link[rel="manifest"]').evaluate((l) => l.href);
    const res = await fetch(href);
    assert.equal(res.status, 200, href);
    return { href, manifest: await res.json() };
  };

  for (const lang of ['fr', 'it']) {
    test(`${lang.toUpperCase()}: the manifest's name and description are the language's, and follow a language switch`, async () => {
      const page = await app.newPage({ locale: UI[lang].locale });
      await page.goto('');
      await heading(page);
      const english = JSON.parse(readFileSync(join(ROOT, 'public', 'manifest.webmanifest'), 'utf8'));
      const { href, manifest } = await manifestOf(page);
      assert.match(href, new RegExp(`/manifest\\.${lang}\\.webmanifest$`));
      assert.equal(manifest.lang, lang);
      assert.equal(manifest.name, T[lang].app_title, 'the name the app gives itself in this language');
      assert.ok(manifest.description && manifest.description !== english.description, 'a description of its own');
      for (const key of ['id', 'start_url', 'scope', 'display', 'icons', 'theme_color']) {
        assert.deepEqual(manifest[key], english[key], `${key}: one app, whatever its language`);
      }
      // The language chosen in the app: the other one's manifest.
      const other = lang === 'fr' ? 'it' : 'fr';
      await page.getByLabel(UI[lang].language, { exact: true }).first().selectOption(other);
      await page.getByRole('heading', { level: 1, name: T[other].home_title }).waitFor();
      const switched = await manifestOf(page);
      assert.match(switched.href, new RegExp(`/manifest\\.${other}\\.webmanifest$`));
      assert.equal(switched.manifest.name, T[other].app_title);
      assert.deepEqual(page.errors.map(String), []);
    });

    test(`${lang.toUpperCase()}: a quiet "offline" indicator while the browser is offline`, async () => {
      const page = await loggedIn(app, lang, { viewport: { width: 390, height: 844 } });
      const badge = page.getByRole('status').filter({ hasText: T[lang].net_offline });
      assert.equal(await badge.isVisible(), false, 'nothing said while online');
      await page.context().setOffline(true);
      await badge.waitFor({ state: 'visible' });
      await page.getByRole('navigation', { name: /./ }).first().getByRole('link', { name: UI[lang].billing, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: UI[lang].ovhAccount }).waitFor();
      assert.ok(await badge.isVisible(), 'still said on the next screen');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `no sideways scroll at 390 px (${overflow} px)`);
      await page.context().setOffline(false);
      await badge.waitFor({ state: 'hidden' });
      assert.deepEqual(page.errors.map(String), []);
    });

    test(`${lang.toUpperCase()}: Install is offered once the browser allows it, and asks the browser`, async () => {
      const page = await app.newPage({ locale: UI[lang].locale });
      await page.goto('');
      await heading(page);
      await page.getByRole('heading', { level: 2, name: T[lang].install_title }).waitFor();
      await page.getByText(T[lang].install_intro, { exact: true }).waitFor();
      const install = page.getByRole('button', { name: T[lang].install_button, exact: true });
      assert.equal(await install.count(), 0, 'no Install before the browser allows it');
      assert.equal(await page.getByText(T[lang].install_ios, { exact: true }).isVisible(), false, 'no iPhone steps on Chromium');
      await page.evaluate(() => {
        const event = new Event('beforeinstallprompt', { cancelable: true });
        event.prompt = () => { window.prompted = (window.prompted ?? 0) + 1; return Promise.resolve({ outcome: 'accepted' }); };
        window.dispatchEvent(event);
        window.promptDeferred = event.defaultPrevented;
      });
      assert.equal(await page.evaluate(() => window.promptDeferred), true, "the browser's own banner is deferred to the button");
      await install.waitFor();
      const violations = await a11yViolations(page);
      assert.deepEqual(violations, [], violations.join('\n'));
      await install.click();
      assert.equal(await page.evaluate(() => window.prompted), 1, "the browser's install prompt was asked for");
      await install.waitFor({ state: 'detached' }).catch(async () => assert.equal(await install.isVisible(), false, 'Install is gone once asked'));
      assert.deepEqual(page.errors.map(String), []);
    });

    test(`${lang.toUpperCase()}: on an iPhone, the "Add to Home Screen" steps instead, not once installed`, async () => {
      const page = await app.newPage({ locale: UI[lang].locale, userAgent: IPHONE, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await page.goto('');
      await heading(page);
      await page.getByText(T[lang].install_ios, { exact: true }).waitFor({ state: 'visible' });
      assert.equal(await page.getByRole('button', { name: T[lang].install_button, exact: true }).count(), 0);
      const violations = await a11yViolations(page);
      assert.deepEqual(violations, [], violations.join('\n'));
      await page.screenshot({ path: join(OUTPUT, `install-iphone-${lang}.png`), fullPage: true });
      // Opened from the home screen (Safari's navigator.standalone): nothing to install.
      const installed = await app.newPage({ locale: UI[lang].locale, userAgent: IPHONE, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await installed.addInitScript(() => Object.defineProperty(Navigator.prototype, 'standalone', { get: () => true }));
      await installed.goto('');
      await heading(installed);
      await installed.getByText(T[lang].install_intro, { exact: true }).waitFor();
      assert.equal(await installed.getByText(T[lang].install_ios, { exact: true }).isVisible(), false);
      assert.deepEqual([...page.errors, ...installed.errors].map(String), []);
    });
  }
});
