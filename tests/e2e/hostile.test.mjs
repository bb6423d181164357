// Issue 16 in a real browser: hostile links and the page's faults.
// - The probe links (tests/fixtures/probes/*.link, written by tests/transfer.rs) are refused by
//   their bound before any replay, as a link and as an import file; the worst valid link is
//   shown first (start, date, actions) and replayed only once accepted, in slices with a
//   progress bar and Cancel; a cancelled or failed replay changes nothing.
// - A trap in the wasm (the app's own wasm running out of memory) shows the "simulator stopped"
//   notice, with a reload and an export of the last good save.
// - Framing: the server's headers refuse a frame by another origin; without them the full app
//   shows a notice and no control. An embed offers no Reset, Import or delete.
// - The clipboard: "Copied" only when the write resolved; refused, the link is selected.
// Expected texts are the app's catalogues, in FR and IT (and EN where the case is the same).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { startApp, ROOT, DIST } from './harness.mjs';
import { startServer } from './server.mjs';
import { UI, loggedIn, logIn, open, savedState, noPageErrors } from './panel.mjs';
import { T, GUIDE, fill, norm, exactly, escapeRe } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const PROBES = join(ROOT, 'tests', 'fixtures', 'probes');
const probeLink = (name) => readFileSync(join(PROBES, `${name}.link`), 'utf8').trim();
const probeRun = (name) => JSON.parse(readFileSync(join(PROBES, `${name}.json`), 'utf8'));
const base64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** A link's payload for a run, as the app makes it (zlib, base64url). */
const linkOf = (run) => `s=${base64url(deflateSync(JSON.stringify({ app: 'hosted-exchange-sim', schema: 2, revision: 1, saved_at: '', state: run })))}`;
/** The run as an export file, without indentation. */
const fileOf = (run) => JSON.stringify({ app: 'hosted-exchange-sim', schema: 2, revision: 1, saved_at: '', state: run });

const storage = (page) => page.evaluate(() => ({ ...localStorage }));
const incoming = (page, lang) => page.getByRole('dialog', { name: exactly(T[lang].incoming_title) });
const refused = (page, lang) => page.getByRole('alertdialog', { name: exactly(T[lang].incoming_refused_title) });
/** The User Timing measures of that name (the app marks `hes:decode`, `hes:replay`). */
const measures = (page, name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);

/** The refusal of a bound, as the dialog says it. */
function boundText(lang, rule, reasonKey, arg) {
  const t = T[lang];
  return `${fill(t.transfer_bounds, `${fill(t[reasonKey], arg)} (${fill(t.ref_rule, rule)})`)} ${t.transfer_nothing_changed}`;
}

const OVER = [
  // name, bound, its words, their argument
  ['debt-next-events-43682', 'B1', 'ref_too_many_actions', '5000'],
  ['centuries-2700', 'B5', 'ref_past_last_day', null],
  ['accounts-2000-next-events-4000', 'B1', 'ref_too_many_actions', '5000'],
];
const LAST_DAY = { en: '31 December 2100', fr: '31 décembre 2100', it: '31 dicembre 2100' };

for (const lang of ['fr', 'it']) {
  test(`issue 16: each probe link over the bounds is refused by its bound before any replay, and nothing changes (${lang.toUpperCase()})`, async () => {
    const page = await loggedIn(app, lang);
    const before = await storage(page);
    for (const [name, rule, key, arg] of OVER) {
      await page.goto(app.url(`/#${probeLink(name)}`));
      const dialog = refused(page, lang);
      await dialog.waitFor();
      assert.equal(norm(await dialog.locator('#incoming-body').innerText()), norm(boundText(lang, rule, key, arg ?? LAST_DAY[lang])), name);
      assert.deepEqual(await measures(page, 'hes:replay'), [], `${name}: nothing was replayed`);
      const [decode] = await measures(page, 'hes:decode');
      assert.ok(decode !== undefined, `${name}: decoded (${decode?.toFixed(1)} ms)`);
      await dialog.getByRole('button', { name: exactly(T[lang].dismiss) }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.deepEqual(await storage(page), before, `${name}: nothing changed`);
    }
    noPageErrors(page);
    await page.context().close();
  });
}

test('issue 16: a probe over the bounds as an import file is refused by its bound, and nothing changes (IT)', async () => {
  const page = await loggedIn(app, 'it');
  await open(page, 'settings');
  const before = await storage(page);
  const text = fileOf(probeRun('debt-next-events-43682'));
  assert.ok(text.length <= 1024 * 1024, `the file is within the import's size limit (${text.length} bytes)`);
  await page.getByLabel(exactly(T.it.import_label)).setInputFiles({ name: 'probe.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const dialog = refused(page, 'it');
  await dialog.waitFor();
  assert.equal(norm(await dialog.locator('#incoming-body').innerText()), norm(boundText('it', 'B1', 'ref_too_many_actions', '5000')));
  assert.deepEqual(await storage(page), before);
  noPageErrors(page);
  await page.context().close();
});

/** The worst valid link's dialog, before any replay: what it says. */
async function offerWorst(page, lang) {
  const t = T[lang];
  await page.goto(app.url(`/#${probeLink('worst-valid')}`));
  const dialog = incoming(page, lang);
  await dialog.waitFor();
  const body = norm(await dialog.locator('#incoming-body').innerText());
  const start = fill(t.start_scenario, GUIDE[lang]['none-and-termination.title']);
  // Its date as its log tells without a replay: each *Next event* counts for a day at least.
  const expected = norm(fill(t.incoming_summary, start, fill(t.incoming_date_not_before, 'DATE'), '5000'));
  assert.match(body, new RegExp(`^${escapeRe(expected).replace('DATE', '\\d{1,2}\\S* \\S+ \\d{4}')}$`), `${lang}: its start, date and actions`);
  assert.deepEqual(await measures(page, 'hes:replay'), [], 'nothing replayed before the answer');
  return dialog;
}

for (const lang of ['fr', 'it']) {
  test(`issue 16: the worst valid link is shown before any replay, then replayed on accept with a progress bar, and opens (${lang.toUpperCase()})`, async () => {
    const t = T[lang];
    const page = await loggedIn(app, lang);
    const before = await storage(page);
    const dialog = await offerWorst(page, lang);
    assert.deepEqual(await storage(page), before, 'nothing changed while it asks');
    await dialog.getByRole('button', { name: exactly(t.incoming_accept) }).click();
    await page.getByRole('heading', { level: 1, name: exactly(UI[lang].ovhAccount) }).waitFor({ timeout: 60_000 });
    await dialog.waitFor({ state: 'detached' });
    const state = await savedState(page);
    assert.equal(state.actions.length, 5000, 'the link is the simulation now');
    assert.equal((await measures(page, 'hes:replay')).length, 1, 'replayed once');
    noPageErrors(page);
    await page.context().close();
  });
}

test('issue 16: Cancel stops the replay and nothing changes; the replay yields to the browser (progress shown) (FR)', async () => {
  const t = T.fr;
  const page = await loggedIn(app, 'fr');
  const before = await storage(page);
  const dialog = await offerWorst(page, 'fr');
  // A slow machine: the replay takes long enough to be cancelled by a click.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 40 });
  // The user's click on Cancel as soon as the bar has moved, from inside the page: a round trip
  // of the test driver under this throttling takes longer than the replay does.
  await page.evaluate((cancel) => {
    window.cancelledAt = null;
    new MutationObserver((_, obs) => {
      const bar = document.getElementById('incoming-progress');
      if (!bar || Number(bar.value) === 0) return;
      const button = [...document.querySelectorAll('.dialog button')].find((b) => b.textContent.trim() === cancel);
      if (!button) return;
      obs.disconnect();
      window.cancelledAt = [Number(bar.value), Number(bar.max)];
      button.click();
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  }, t.cancel);
  await dialog.getByRole('button', { name: exactly(t.incoming_accept) }).click();
  await dialog.getByRole('status').filter({ hasText: exactly(t.incoming_cancelled) }).waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // The bar had moved (the page drew between slices) and the replay was not done.
  const [done, total] = await page.evaluate(() => window.cancelledAt);
  assert.ok(done > 0 && done < total, `cancelled at ${done} of ${total}`);
  // A few more turns of the event loop: a replay that went on would have saved by now.
  await page.evaluate(() => new Promise((r) => setTimeout(() => setTimeout(r, 50), 50)));
  assert.deepEqual(await measures(page, 'hes:replay'), [], 'the replay never finished');
  assert.deepEqual(await storage(page), before, 'nothing changed');
  await dialog.getByRole('button', { name: exactly(t.dismiss) }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.deepEqual(await storage(page), before, 'nothing changed, not even a snapshot');
  noPageErrors(page);
  await page.context().close();
});

test('issue 16: a link whose log no longer replays is offered (not replayed yet), then refused on replay, and nothing changes (IT)', async () => {
  const t = T.it;
  const page = await loggedIn(app, 'it');
  const before = await storage(page);
  const logIn = { LogIn: { nic: 'ab12345-ovh', subsidiary: 'Fr' } };
  await page.goto(app.url(`/#${linkOf({ start: 'Demo', rules: 2, actions: [logIn, { Advance: 'NextEvent' }, logIn] })}`));
  const dialog = incoming(page, 'it');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: exactly(t.incoming_accept) }).click();
  const no = refused(page, 'it');
  await no.waitFor();
  assert.equal(norm(await no.locator('#incoming-body').innerText()), norm(`${fill(t.transfer_refused, '3')} ${t.transfer_nothing_changed}`));
  assert.deepEqual(await storage(page), before);
  noPageErrors(page);
  await page.context().close();
});

// ---------- a trap in the wasm ----------

for (const lang of ['fr', 'it']) {
  test(`issue 16: the app's wasm running out of memory shows "the simulator stopped", with a reload and an export of the last good save (${lang.toUpperCase()})`, async () => {
    const t = T[lang];
    const page = await app.newPage({ locale: UI[lang].locale });
    page.t = UI[lang];
    // The app's wasm exports, as Trunk's loader announces them when the app has started.
    await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => {
      window.hesWasmMemory = () => e.detail.wasm.memory;
    }));
    await logIn(page, app);
    const good = await page.evaluate(() => localStorage.getItem('hes.save'));
    assert.ok(good, 'a save was written');
    // The app's own memory grown to the most a wasm32 memory can have: its next allocation
    // that needs more fails, and the allocator aborts (a trap, as an out-of-memory is).
    const grown = await page.evaluate(() => {
      const memory = window.hesWasmMemory?.();
      if (!memory) return null;
      let pages = 0;
      for (let step = 16384; step >= 1; step = Math.floor(step / 2)) {
        for (;;) {
          try { memory.grow(step); pages += step; } catch { break; }
        }
      }
      return pages;
    });
    assert.ok(grown !== null, "the app's wasm memory is reachable");
    // Something that allocates: opening the worst valid link and replaying it.
    await page.goto(app.url(`/#${probeLink('worst-valid')}`)).catch(() => {});
    const dialog = incoming(page, lang);
    await dialog.getByRole('button', { name: exactly(t.incoming_accept) }).click({ timeout: 5_000 }).catch(() => {});
    const notice = page.getByRole('alertdialog', { name: exactly(t.fault_stopped_title) });
    await notice.waitFor({ timeout: 30_000 });
    assert.equal(norm(await notice.locator('#hes-fault-body').innerText()), norm(t.fault_stopped_body));
    // Nothing of the stopped app can be reached any more.
    assert.equal(await page.getByRole('button').count(), 2, 'only the notice\'s two buttons');
    const download = page.waitForEvent('download');
    await notice.getByRole('button', { name: exactly(t.fault_export) }).click();
    const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    const saved = JSON.parse(good);
    assert.equal(file.app, 'hosted-exchange-sim', 'an export file the import reads');
    assert.deepEqual(file.state, saved.state, 'the last good save');
    await notice.getByRole('button', { name: exactly(t.fault_reload) }).click();
    await page.getByRole('heading', { level: 1, name: exactly(UI[lang].home) }).waitFor();
    await notice.waitFor({ state: 'detached' });
    await page.context().close();
  });
}

// ---------- framing ----------

/** A page of another origin (its own server, another port) that frames `src`. */
async function hostOf(src) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>host</title><iframe id="f" title="framed" src="${src}" style="width:1000px;height:700px"></iframe>`);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

test('issue 16: the server sends the framing headers on every path but the embeds, as public/_headers says', async () => {
  for (const path of ['/', '/settings', '/embed-example.html', '/i18n/fr.json']) {
    const res = await fetch(app.url(path));
    assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'self'", path);
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN', path);
  }
  for (const path of ['/embed/guide/g4', '/embed/scenario/debt-unpaid/settings']) {
    const res = await fetch(app.url(path));
    assert.equal(res.headers.get('content-security-policy'), null, path);
    assert.equal(res.headers.get('x-frame-options'), null, path);
  }
  const headers = readFileSync(join(ROOT, 'public', '_headers'), 'utf8');
  assert.match(headers, /^\/\*\n {2}Content-Security-Policy: frame-ancestors 'self'\n {2}X-Frame-Options: SAMEORIGIN$/m);
  assert.match(headers, /^\/embed\/\*\n {2}! Content-Security-Policy\n {2}! X-Frame-Options$/m);
  assert.equal(readFileSync(join(DIST, '_headers'), 'utf8'), headers, 'copied into the build');
});

test('issue 16: another origin framing the full app is refused by the headers; an embed it may frame', async () => {
  const host = await hostOf(app.url('/'));
  const embed = await hostOf(app.url('/embed/guide/g4'));
  try {
    const page = await app.newPage();
    await page.goto(host.url);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // Chromium puts its error page in a frame the headers refuse.
    for (let i = 0; i < 100 && !frame.url().startsWith('chrome-error:'); i++) await frame.waitForNavigation({ timeout: 100 }).catch(() => {});
    assert.match(frame.url(), /^chrome-error:/, 'the frame was refused');
    assert.equal(await page.frameLocator('#f').getByRole('button').count(), 0);
    await page.goto(embed.url);
    await page.frameLocator('#f').getByRole('complementary').first().waitFor();
    await page.context().close();
  } finally {
    await host.close();
    await embed.close();
  }
});

for (const lang of ['fr', 'it']) {
  test(`issue 16: framed by another origin without the headers, the full app shows a notice and no control (${lang.toUpperCase()})`, async () => {
    const bare = await startServer({ root: DIST, frameHeaders: false });
    const host = await hostOf(new URL('settings', bare.url).href);
    try {
      const page = await app.newPage({ locale: UI[lang].locale });
      await page.goto(host.url);
      const frame = page.frameLocator('#f');
      const notice = frame.getByRole('alertdialog', { name: exactly(T[lang].fault_framed_title) });
      await notice.waitFor();
      assert.equal(norm(await notice.locator('#hes-fault-body').innerText()), norm(T[lang].fault_framed_body));
      const link = frame.getByRole('link', { name: exactly(T[lang].fault_framed_open) });
      assert.equal(await link.getAttribute('target'), '_blank');
      // The app below has started (its login page, or its texts), and none of it can be reached.
      await frame.locator('main').first().waitFor({ state: 'attached' });
      assert.equal(await frame.getByRole('button').count(), 0, 'no button');
      assert.equal(await frame.getByRole('link').count(), 1, 'only the link out');
      assert.equal(await frame.getByRole('textbox').count(), 0, 'no field');
      await page.context().close();
    } finally {
      await host.close();
      await bare.close();
    }
  });
}

// ---------- embed mode: no destructive control ----------

for (const lang of ['fr', 'it']) {
  test(`issue 16: an embed's Settings offer no Reset, no Import and no delete; the full app's do (${lang.toUpperCase()})`, async () => {
    const t = T[lang];
    const page = await loggedIn(app, lang);
    await open(page, 'settings');
    await page.getByRole('button', { name: exactly(t.reset_button) }).waitFor();
    assert.equal(await page.getByLabel(exactly(t.import_label)).count(), 1);
    await page.goto(app.url('/embed/scenario/debt-unpaid/settings'));
    await page.getByRole('heading', { level: 1, name: exactly(t.settings_title) }).waitFor();
    await page.getByRole('button', { name: exactly(t.share_button) }).waitFor();
    assert.equal(await page.getByRole('button', { name: exactly(t.reset_button) }).count(), 0, 'no Reset');
    assert.equal(await page.getByLabel(exactly(t.import_label)).count(), 0, 'no Import');
    assert.equal(await page.getByRole('button', { name: exactly(t.aside_delete) }).count(), 0, 'no delete');
    assert.equal(await page.getByRole('button', { name: new RegExp(`^${norm(t.snapshot_delete)}`) }).count(), 0, 'no delete');
    noPageErrors(page);
    await page.context().close();
  });
}

// ---------- the clipboard ----------

for (const lang of ['fr', 'it']) {
  test(`issue 16: with the clipboard refused, the link is selected for a copy by hand and the page says so; granted, "Copied" (${lang.toUpperCase()})`, async () => {
    const t = T[lang];
    const page = await loggedIn(app, lang);
    const cdp = await page.context().newCDPSession(page);
    const origin = new URL(app.baseURL).origin;
    // The browser's own refusal: the permission denied for this context and origin.
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    await cdp.send('Browser.setPermission', { origin, browserContextId: targetInfo.browserContextId, permission: { name: 'clipboard-write' }, setting: 'denied' });
    await open(page, 'settings');
    const card = page.getByRole('region', { name: exactly(t.transfer_title) });
    await card.getByRole('button', { name: exactly(t.share_button) }).click();
    await card.getByRole('status').filter({ hasText: exactly(t.share_copy_failed) }).waitFor();
    assert.equal(await card.getByText(exactly(t.share_copied)).count(), 0, 'never "Copied"');
    const field = card.getByLabel(exactly(t.share_link_label));
    const value = await field.inputValue();
    assert.match(value, /#s=/);
    assert.deepEqual(await field.evaluate((el) => [document.activeElement === el, el.selectionStart, el.selectionEnd]), [true, 0, value.length], 'the whole link is selected');
    await cdp.send('Browser.setPermission', { origin, browserContextId: targetInfo.browserContextId, permission: { name: 'clipboard-write' }, setting: 'granted' });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    await card.getByRole('button', { name: exactly(t.share_button) }).click();
    await card.getByRole('status').filter({ hasText: exactly(t.share_copied) }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), value, 'the clipboard holds the link');
    noPageErrors(page);
    await page.context().close();
  });
}
