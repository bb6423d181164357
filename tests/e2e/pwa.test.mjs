// PWA plumbing of the release build: manifest, icons, service worker, offline.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { heading, startApp } from './harness.mjs';

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
