// Issue 19: a documentation page embeds the simulator with embed.js and drives it. Real origins:
// the app on one port, the documentation page on another (served with a strict CSP that allows
// the app's origin in script-src and frame-src only), and a third origin that tries to drive a
// frame it does not own. Also the embed's parameters (lang, sub, step, beat, autoplay, theme,
// controls, a share link), axe in light and dark, and the player's speed (issue 20 item 10).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startApp, ROOT } from './harness.mjs';
import { a11yViolations, noPageErrors } from './panel.mjs';
import { T, GUIDE, fill, exactly } from './texts.mjs';

let app;
let docs;
let third;

/** A server of its own origin for pages written by the test (path -> [type, body]). */
async function origin(pages, csp) {
  const server = createServer((req, res) => {
    const page = pages[new URL(req.url, 'http://x').pathname];
    if (!page) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': page[0], 'cache-control': 'no-store', ...(csp ? { 'content-security-policy': csp() } : {}) });
    res.end(page[1]);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, pages, close: () => new Promise((ok) => server.close(ok)) };
}

// The documentation page's own script: every event of its elements, recorded in order.
const HOST_JS = `
window.events = [];
const TYPES = ['hes:ready', 'hes:height', 'hes:step-reached', 'hes:invoice-issued', 'hes:settled', 'hes:debtor',
  'hes:suspended', 'hes:reactivated', 'hes:section-finished', 'hes:scenario-ended', 'hes:check', 'hes:error'];
for (const el of document.querySelectorAll('hes-simulator, [data-hes-scenario], [data-hes-section]')) {
  for (const type of TYPES) el.addEventListener(type, (e) => events.push({ id: el.id, at: performance.now(), ...e.detail }));
}
// When each element's frame was made.
window.made = {};
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) if (n.tagName === 'IFRAME' && n.parentElement.id) made[n.parentElement.id] = performance.now();
}).observe(document.body, { childList: true, subtree: true });
// Messages that reach this page straight from a frame (not through embed.js).
window.raw = [];
addEventListener('message', (e) => raw.push({
  origin: e.origin, data: e.data, from: [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source)?.id ?? null,
}));
`;

// The third origin's page: it posts commands to its sibling frame (the simulator).
const EVIL_HTML = `<!doctype html><title>other</title><script src="/evil.js"></script>`;
const EVIL_JS = `
for (const msg of [{ type: 'hes:step' }, { type: 'hes:reset' }, { type: 'hes:advance', to: 'next-event' }]) {
  for (let i = 0; i < parent.frames.length; i++) if (parent.frames[i] !== window) parent.frames[i].postMessage(msg, '*');
}
parent.postMessage({ type: 'evil:sent' }, '*');
`;

before(async () => {
  app = await startApp();
  const appOrigin = new URL(app.baseURL).origin;
  third = await origin({ '/evil.html': ['text/html', EVIL_HTML], '/evil.js': ['text/javascript', EVIL_JS] });
  docs = await origin({ '/host.js': ['text/javascript', HOST_JS], '/host.css': ['text/css', '.spacer { height: 3000px; }'] },
    () => `default-src 'none'; script-src 'self' ${appOrigin}; frame-src ${appOrigin} ${third.url}; style-src 'self'; base-uri 'none'`);
});
after(async () => {
  await app?.close();
  await docs?.close();
  await third?.close();
});

/** Serves a documentation page whose body is `body`, loading embed.js from the app. */
function docPage(name, body) {
  docs.pages[`/${name}.html`] = ['text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
    <title>Docs: ${name}</title><link rel="stylesheet" href="/host.css"></head><body><main><h1>Docs</h1>${body}</main>
    <script src="${app.url('/embed.js')}"></script><script src="/host.js"></script></body></html>`];
  return `${docs.url}/${name}.html`;
}

/** A page that records CSP violations and console warnings. */
async function newPage(options) {
  const page = await app.newPage(options);
  page.warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') page.warnings.push(m.text()); });
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return page;
}

const events = (page, type, id) => page.evaluate(([type, id]) => events.filter((e) => e.type === type && (!id || e.id === id)), [type, id]);
/** Waits for an event of `type` from element `id` whose fields include those of `match`. */
const waitEvent = (page, type, match = {}, id) =>
  page.waitForFunction(([type, id, match]) => events.some((e) => e.type === type && (!id || e.id === id)
    && Object.entries(match).every(([k, v]) => e[k] === v)), [type, id, match], { timeout: 20_000 });
const clockOf = (frame, lang) => frame.getByRole('region', { name: T[lang].clock_label }).locator('time').getAttribute('datetime');
const waitClock = (frame, lang, day) => frame.getByRole('region', { name: T[lang].clock_label }).locator(`time[datetime="${day}"]`).waitFor();

test('issue 19: embed.js turns two elements into sized, lazy frames that load one after the other (IT and FR, 360 and 1000 px), under a strict host CSP', async () => {
  for (const width of [360, 1000]) {
    const page = await newPage({ viewport: { width: width + 40, height: 700 }, locale: 'en-GB' });
    await page.goto(docPage(`two-${width}`, `
      <hes-simulator id="it" scenario="debt-unpaid" lang="it"></hes-simulator>
      <p class="spacer">…</p>
      <div id="fr" data-hes-section="g8" data-lang="fr"></div>`));
    const it = page.frameLocator('#it iframe');
    await it.getByRole('complementary', { name: exactly(GUIDE.it['debt-unpaid.title']) }).waitFor();
    await waitEvent(page, 'hes:ready', {}, 'it');
    // The second is below the fold: not loaded until it comes into view.
    assert.equal(await page.locator('#fr iframe').count(), 0, 'the second frame waits until it is in view');
    await page.locator('#fr').scrollIntoViewIfNeeded();
    const fr = page.frameLocator('#fr iframe');
    await fr.getByRole('complementary', { name: exactly(`G8 · ${GUIDE.fr['g8.title'] || T.fr.sec_g8}`) }).waitFor();
    await waitEvent(page, 'hes:ready', {}, 'fr');
    // Each frame is as tall as its content, never 0, with no scroll inside.
    for (const id of ['it', 'fr']) {
      const handle = await page.locator(`#${id} iframe`).elementHandle();
      const inner = await handle.contentFrame();
      const content = await inner.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
      await page.waitForFunction(([id, h]) => document.querySelector(`#${id} iframe`).style.height === `${h}px`, [id, content]);
      const [scroll, client] = await inner.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `#${id}: no horizontal scroll at ${width} px`);
    }
    const heights = await events(page, 'hes:height');
    assert.ok(heights.every((h) => h.height > 0), 'never 0');
    assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no policy violation on the host page');
    await app.screenshot(page, `embed-js-${width}px`);
    noPageErrors(page);
    await page.context().close();
  }
});

test('issue 19: embed.js loads several elements one after the other, not all at once', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(docPage('three', ['a', 'b', 'c'].map((id) => `<hes-simulator id="${id}" scenario="balance-covers" lang="fr" height="60"></hes-simulator>`).join('')));
  // All three are in view at first (60 px each): each frame is made only once the one before
  // it is ready (or 10 s have passed).
  for (const id of ['a', 'b', 'c']) {
    await page.locator(`#${id} iframe`).waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await waitEvent(page, 'hes:ready', {}, id);
  }
  const times = await page.evaluate(() => ({ made: window.made, ready: Object.fromEntries(events.filter((e) => e.type === 'hes:ready').map((e) => [e.id, e.at])) }));
  assert.deepEqual(Object.keys(times.made).sort((x, y) => times.made[x] - times.made[y]), ['a', 'b', 'c'], 'in the page\'s order');
  for (const [before, next] of [['a', 'b'], ['b', 'c']]) {
    const allowed = Math.min(times.ready[before], times.made[before] + 10_000);
    assert.ok(times.made[next] >= allowed - 50, `#${next} was made at ${times.made[next]}, before #${before} was ready: ${JSON.stringify(times)}`);
  }
  noPageErrors(page);
});

test('issue 19: lang beats the browser\'s, and sub follows it unless given (IT, FR)', async () => {
  const page = await newPage({ locale: 'fr-FR', viewport: { width: 1000, height: 800 } });
  await page.goto(docPage('lang', `
    <hes-simulator id="it" section="g2" lang="it"></hes-simulator>
    <hes-simulator id="fr" section="g2" lang="fr" sub="it"></hes-simulator>
    <hes-simulator id="def" section="g2" lang="fr"></hes-simulator>`));
  const subsidiary = async (id) => {
    const handle = await page.locator(`#${id} iframe`).elementHandle();
    const inner = await handle.contentFrame();
    // The embed's own save: its log starts with the login, and its subsidiary.
    await inner.waitForFunction((key) => localStorage.getItem(key) !== null, `hes.embed.guide-g2@${id}`);
    return inner.evaluate((key) => JSON.parse(localStorage.getItem(key)).state.actions.find((a) => a.LogIn).LogIn.subsidiary, `hes.embed.guide-g2@${id}`);
  };
  const it = page.frameLocator('#it iframe');
  await it.getByRole('complementary', { name: exactly(`G2 · ${GUIDE.it['g2.title'] || T.it.sec_g2}`) }).waitFor();
  assert.equal(await page.locator('#it iframe').evaluate((f) => f.contentDocument?.documentElement.lang ?? null), null, 'another origin');
  await waitEvent(page, 'hes:ready', {}, 'it');
  assert.equal(await subsidiary('it'), 'It', 'an Italian embed logs in in Italy');
  for (const id of ['fr', 'def']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await waitEvent(page, 'hes:ready', {}, id);
  }
  assert.equal(await subsidiary('fr'), 'It', 'sub=it beats the language');
  assert.equal(await subsidiary('def'), 'Fr');
  noPageErrors(page);
});

test('issue 19: step=N starts a section at step N as if the earlier ones were done, beat=N a scenario after its N-th beat (IT, FR)', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(docPage('where', `
    <hes-simulator id="g8" section="g8" step="4" lang="it"></hes-simulator>
    <hes-simulator id="sc" scenario="debt-unpaid" beat="2" lang="fr"></hes-simulator>`));
  const g8 = page.frameLocator('#g8 iframe');
  await g8.getByText(exactly(fill(T.it.tour_step, '4', '8'))).waitFor();
  // An Italian embed runs on the Italian subsidiary (sub follows lang, issue 20 item 2): its figures.
  await g8.getByText(GUIDE.it['g8.debtor.it'].slice(0, 40), { exact: false }).first().waitFor();
  assert.equal(await clockOf(g8, 'it'), '2026-03-10', 'the invoice of step 3 was issued');
  await page.locator('#sc').scrollIntoViewIfNeeded();
  const sc = page.frameLocator('#sc iframe');
  await sc.getByText(exactly(fill(T.fr.sc_beat, '3', '4'))).waitFor();
  assert.notEqual(await clockOf(sc, 'fr'), '2026-03-08', 'two beats were played');
  noPageErrors(page);
});

test('issue 19: autoplay=1 with speed=fast plays the scenario to its end by itself, and tells the host', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 800 } });
  await page.goto(docPage('autoplay', `<hes-simulator id="a" scenario="debt-unpaid" lang="it" autoplay="1" speed="fast"></hes-simulator>`));
  await waitEvent(page, 'hes:scenario-ended');
  await page.frameLocator('#a iframe').getByText(exactly(T.it.sc_finished)).waitFor();
  noPageErrors(page);
});

test('issue 19: controls=0 hides the clock\'s buttons; theme=dark and theme=auto (dark system) darken the whole embed', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 800 }, colorScheme: 'dark' });
  await page.goto(docPage('look', `
    <hes-simulator id="plain" scenario="debt-unpaid" lang="fr" theme="light"></hes-simulator>
    <hes-simulator id="bare" scenario="debt-unpaid" lang="fr" controls="0" theme="dark"></hes-simulator>
    <hes-simulator id="auto" scenario="debt-unpaid" lang="fr"></hes-simulator>`));
  const background = async (id) => {
    const inner = await (await page.locator(`#${id} iframe`).elementHandle()).contentFrame();
    return inner.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  };
  for (const id of ['plain', 'bare', 'auto']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await waitEvent(page, 'hes:ready', {}, id);
  }
  const next = (id) => page.frameLocator(`#${id} iframe`).getByRole('region', { name: T.fr.clock_label }).getByRole('button', { name: T.fr.clock_next_event });
  assert.equal(await next('plain').count(), 1);
  assert.equal(await next('bare').count(), 0, 'controls=0: no clock buttons');
  assert.equal(await page.frameLocator('#bare iframe').getByRole('region', { name: T.fr.clock_label }).locator('time').count(), 1, 'the date still shows');
  assert.equal(await background('plain'), 'rgb(245, 247, 251)', 'theme=light, whatever the system');
  assert.equal(await background('bare'), 'rgb(15, 20, 36)', 'theme=dark');
  assert.equal(await background('auto'), 'rgb(15, 20, 36)', 'theme=auto follows the dark system');
  noPageErrors(page);
});

test('issue 19: an invalid parameter falls back to its default with a console warning, never an error page', async () => {
  const page = await newPage({ locale: 'it-IT' });
  await page.goto(app.url('/embed/scenario/debt-unpaid?lang=de&theme=pink&step=zero&speed=warp&controls=maybe&api=1&origin=*'));
  await page.getByRole('complementary', { name: exactly(GUIDE.it['debt-unpaid.title']) }).waitFor();
  for (const word of ['lang=de', 'theme=pink', 'step=zero', 'speed=warp', 'controls=maybe', 'origin=*', 'api=1']) {
    assert.ok(page.warnings.some((w) => w.includes(word)), `a warning names ${word}: ${page.warnings}`);
  }
  assert.equal(await page.getByRole('region', { name: T.it.clock_label }).getByRole('button', { name: T.it.clock_next_event }).count(), 1);
  noPageErrors(page);
});

test('issue 19: the host API, handshake then every command and event (FR scenario, IT section)', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(docPage('api', `
    <hes-simulator id="sc" scenario="debt-unpaid" lang="fr" speed="fast"></hes-simulator>
    <hes-simulator id="g8" section="g8" lang="it"></hes-simulator>`));
  const sc = page.frameLocator('#sc iframe');
  await waitEvent(page, 'hes:ready', {}, 'sc');
  const [ready] = await events(page, 'hes:ready', 'sc');
  assert.equal(ready.version, 1);
  assert.deepEqual(ready.capabilities, ['play', 'pause', 'step', 'reset', 'go', 'advance', 'set-lang', 'set-theme', 'load']);
  // step: one beat, with its invoice and how it was settled (money as Decimal strings).
  await page.evaluate(() => document.getElementById('sc').step());
  await waitEvent(page, 'hes:step-reached', { scenario: 'debt-unpaid', step: 1 }, 'sc');
  await waitEvent(page, 'hes:settled', {}, 'sc');
  const [issued] = await events(page, 'hes:invoice-issued', 'sc');
  assert.equal(issued.total, '11.98');
  assert.match(issued.reference, /\S/);
  const [settled] = await events(page, 'hes:settled', 'sc');
  delete settled.at;
  assert.deepEqual(settled, { id: 'sc', type: 'hes:settled', reference: issued.reference, covered: '5.00', charged: '0.00', debt: '6.98' });
  const [debtor] = await events(page, 'hes:debtor', 'sc');
  assert.equal(debtor.amount, '6.98');
  assert.match(debtor.deadline, /^\d{4}-\d{2}-\d{2}$/);
  // play (fast) to the end: suspended, then reactivated by the payment, then the end.
  await page.evaluate(() => document.getElementById('sc').play());
  await waitEvent(page, 'hes:scenario-ended', {}, 'sc');
  assert.equal((await events(page, 'hes:suspended', 'sc')).length, 1);
  assert.equal((await events(page, 'hes:reactivated', 'sc')).length, 1);
  // reset: back to the start.
  await page.evaluate(() => document.getElementById('sc').reset());
  await waitClock(sc, 'fr', '2026-03-08');
  await waitEvent(page, 'hes:step-reached', { step: 0 }, 'sc');
  // go: after the 2nd beat.
  await page.evaluate(() => document.getElementById('sc').go(2));
  await sc.getByText(exactly(fill(T.fr.sc_beat, '3', '4'))).waitFor();
  // pause: a play paused at once stays where it is.
  await page.evaluate(() => { const el = document.getElementById('sc'); el.reset(); el.play(); el.pause(); });
  await waitClock(sc, 'fr', '2026-03-10');
  await page.waitForTimeout(1500);
  await sc.getByText(exactly(fill(T.fr.sc_beat, '2', '4'))).waitFor();
  // advance: to the next event, and to a day.
  const before = await clockOf(sc, 'fr');
  await page.evaluate(() => document.getElementById('sc').advance('next-event'));
  await sc.getByRole('region', { name: T.fr.clock_label }).locator(`time:not([datetime="${before}"])`).waitFor();
  await page.evaluate(() => document.getElementById('sc').advance('2026-06-01'));
  await waitClock(sc, 'fr', '2026-06-01');
  // set-lang and set-theme.
  await page.evaluate(() => document.getElementById('sc').setLang('it'));
  await sc.getByRole('complementary', { name: exactly(GUIDE.it['debt-unpaid.title']) }).waitFor();
  await page.evaluate(() => document.getElementById('sc').setTheme('dark'));
  const inner = await (await page.locator('#sc iframe').elementHandle()).contentFrame();
  await inner.waitForFunction(() => document.documentElement.dataset.theme === 'dark');

  // The section: go to a step, then step to its end.
  await page.locator('#g8').scrollIntoViewIfNeeded();
  await waitEvent(page, 'hes:ready', {}, 'g8');
  await page.evaluate(() => document.getElementById('g8').go(3));
  await waitEvent(page, 'hes:step-reached', { section: 'g8', step: 3 }, 'g8');
  for (let n = 0; n < 8 && (await events(page, 'hes:section-finished', 'g8')).length === 0; n++) {
    await page.evaluate(() => document.getElementById('g8').step());
    await page.waitForTimeout(300);
  }
  await waitEvent(page, 'hes:section-finished', { section: 'g8' }, 'g8');
  assert.ok((await events(page, 'hes:invoice-issued', 'g8')).length >= 1, 'the section\'s invoice was told');
  noPageErrors(page);
});

test('issue 19: a message from a third origin, or of an unknown shape, is ignored and counted', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(docPage('third', `
    <hes-simulator id="sc" scenario="debt-unpaid" lang="fr"></hes-simulator>
    <iframe id="evil" title="another site" src="${third.url}/evil.html"></iframe>`));
  await waitEvent(page, 'hes:ready', {}, 'sc');
  const sc = page.frameLocator('#sc iframe');
  const inner = await (await page.locator('#sc iframe').elementHandle()).contentFrame();
  // The third origin's page posts three commands to the simulator frame once it loads.
  await page.locator('#evil').evaluate((f) => { raw.length = 0; f.src = f.src; });
  await page.waitForFunction(() => raw.some((m) => m.data?.type === 'evil:sent'), null, { timeout: 20_000 })
    .catch(async (e) => { throw new Error(`${e.message}: ${JSON.stringify(await page.evaluate(() => [raw, window.__csp]))}`); });
  await inner.waitForFunction(() => Number(document.documentElement.dataset.hesIgnored) >= 3);
  // From the host's own origin, shapes that are no command.
  await page.evaluate(() => {
    const f = document.querySelector('#sc iframe').contentWindow;
    const to = new URL(document.querySelector('#sc iframe').src).origin;
    for (const m of [{ type: 'hes:launch' }, { type: 'hes:go', step: 'x' }, 'hes:step', 42, { type: 'hes:advance', to: 'soon' }]) f.postMessage(m, to);
  });
  await inner.waitForFunction(() => Number(document.documentElement.dataset.hesIgnored) >= 8);
  assert.equal(await clockOf(sc, 'fr'), '2026-03-08', 'nothing changed');
  await sc.getByText(exactly(fill(T.fr.sc_beat, '1', '4'))).waitFor();
  noPageErrors(page);
});

test('issue 19: with the API on, the frame posts to its allowed origin only, never "*"', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 900 } });
  // A frame whose allowed origin is the third one, framed by the docs page: were anything posted
  // to "*", the docs page would get it.
  docs.pages['/direct.html'] = ['text/html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>direct</title></head><body>
    <iframe id="f" title="simulator" src="${app.url('/embed/scenario/debt-unpaid')}?api=1&origin=${encodeURIComponent(third.url)}&lang=fr"></iframe>
    <iframe id="g" title="simulator" src="${app.url('/embed/scenario/debt-unpaid@g')}?api=1&origin=${encodeURIComponent(docs.url)}&lang=fr"></iframe>
    <script src="/host.js"></script></body></html>`];
  await page.goto(`${docs.url}/direct.html`);
  const f = page.frameLocator('#f');
  await f.getByRole('complementary', { name: exactly(GUIDE.fr['debt-unpaid.title']) }).waitFor();
  await f.getByRole('button', { name: exactly(T.fr.sc_step) }).click();
  await f.getByText(exactly(fill(T.fr.sc_beat, '2', '4'))).waitFor();
  // The other frame, allowed to talk to this page, is heard: the page does listen.
  await page.waitForFunction(() => raw.some((m) => m.from === 'g' && m.data?.type === 'hes:ready'));
  await page.frameLocator('#g').getByRole('button', { name: exactly(T.fr.sc_step) }).click();
  await page.waitForFunction(() => raw.some((m) => m.data?.type === 'hes:settled'));
  const fromF = await page.evaluate(() => raw.filter((m) => m.from === 'f').map((m) => m.data?.type));
  assert.deepEqual(fromF, [], 'nothing from the frame that may talk to another origin only');
  const fromG = await page.evaluate(() => raw.filter((m) => m.from === 'g').map((m) => m.data?.type));
  for (const type of ['hes:ready', 'hes:height', 'hes:step-reached', 'hes:invoice-issued', 'hes:settled']) {
    assert.ok(fromG.includes(type), `the allowed frame's ${type} arrives: ${fromG}`);
  }
  noPageErrors(page);
});

test('issue 19: a share link in an embed (/embed/#s=…) plays that run in the compact layout, and a reload keeps it (IT)', async () => {
  const page = await newPage({ locale: 'it-IT', viewport: { width: 390, height: 800 } });
  // A run of the full app: the scenario after one beat, shared.
  await page.goto(app.url('/scenario/debt-unpaid'));
  await page.getByRole('button', { name: exactly(T.it.sc_step) }).click();
  await page.getByText(exactly(fill(T.it.sc_beat, '2', '4'))).waitFor();
  await page.goto(app.url('/settings'));
  await page.getByRole('button', { name: exactly(T.it.share_button) }).click();
  const url = await page.locator('#share-link').inputValue();
  const hash = new URL(url).hash;
  assert.match(hash, /^#s=/);
  await page.goto(app.url(`/embed/${hash}`));
  await page.getByRole('complementary', { name: exactly(GUIDE.it['debt-unpaid.title']) }).waitFor();
  await page.getByText(exactly(fill(T.it.sc_beat, '2', '4'))).waitFor();
  assert.equal(await page.getByText(exactly(T.it.home_title)).count(), 0, 'nothing of the home screen');
  assert.match(new URL(page.url()).pathname, /^\/embed\/share\//);
  await page.reload();
  await page.getByText(exactly(fill(T.it.sc_beat, '2', '4'))).waitFor();
  await app.screenshot(page, 'embed-share-it-390px');
  noPageErrors(page);
});

for (const theme of ['light', 'dark']) {
  test(`issue 19: axe-core is clean in embed mode, ${theme} theme (FR and IT, section and scenario)`, async () => {
    const page = await newPage({ viewport: { width: 1000, height: 800 } });
    for (const [lang, path, name] of [
      ['fr', '/embed/guide/g8', `G8 · ${GUIDE.fr['g8.title'] || T.fr.sec_g8}`],
      ['it', '/embed/scenario/debt-unpaid', GUIDE.it['debt-unpaid.title']],
    ]) {
      await page.goto(app.url(`${path}?lang=${lang}&theme=${theme}`));
      await page.getByRole('complementary', { name: exactly(name) }).waitFor();
      // After a beat or step, with the invoice's card and the debt shown.
      await page.getByRole('region', { name: T[lang].clock_label }).getByRole('button', { name: T[lang].clock_next_event }).click();
      await page.getByRole('region', { name: T[lang].clock_label }).locator('time[datetime="2026-03-10"]').waitFor();
      const violations = await a11yViolations(page);
      await app.screenshot(page, `embed-axe-${theme}-${lang}`);
      assert.deepEqual(violations, [], `${path} (${theme}): ${violations.join('\n')}`);
    }
    noPageErrors(page);
  });
}

test('issue 20 item 10: Play has a speed, remembered; at the normal speed a beat waits for its text to be read, at least 2.5 s (FR, IT)', async () => {
  for (const lang of ['fr', 'it']) {
    const t = T[lang];
    const page = await newPage({ locale: lang === 'fr' ? 'fr-FR' : 'it-IT', viewport: { width: 1280, height: 800 } });
    await page.goto(app.url('/scenario/debt-unpaid'));
    const speed = page.getByRole('combobox', { name: t.sc_speed });
    assert.equal(await speed.inputValue(), 'normal', 'normal by default');
    await page.getByRole('button', { name: exactly(t.sc_play) }).click();
    const first = Date.now();
    await page.getByText(exactly(fill(t.sc_beat, '2', '4'))).waitFor();
    await page.getByText(exactly(fill(t.sc_beat, '3', '4'))).waitFor({ timeout: 20_000 });
    const waited = Date.now() - first;
    assert.ok(waited >= 2500, `the second beat came ${waited} ms after the first`);
    await page.getByRole('button', { name: exactly(t.sc_pause) }).click();
    await speed.selectOption('slow');
    await page.reload();
    assert.equal(await page.getByRole('combobox', { name: t.sc_speed }).inputValue(), 'slow', 'the speed is remembered');
    assert.deepEqual(await page.getByRole('combobox', { name: t.sc_speed }).locator('option').allInnerTexts(), [t.sc_speed_slow, t.sc_speed_normal, t.sc_speed_fast]);
    noPageErrors(page);
    await page.context().close();
  }
});

test('issue 19: the example page\'s own buttons drive its French frame through embed.js', async () => {
  const page = await newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(app.url('/embed-example.html'));
  await page.locator('#right').scrollIntoViewIfNeeded();
  const right = page.frameLocator('#right iframe');
  await right.getByRole('complementary', { name: exactly(GUIDE.fr['debt-unpaid.title']) }).waitFor();
  assert.equal(await right.getByRole('region', { name: T.fr.clock_label }).getByRole('button').count(), 0, 'controls="0"');
  await page.locator('#log li', { hasText: '"hes:ready"' }).first().waitFor();
  await page.getByRole('button', { name: 'Étape suivante' }).click();
  await right.getByText(exactly(fill(T.fr.sc_beat, '2', '4'))).waitFor();
  await page.locator('#log li', { hasText: '"hes:settled"' }).first().waitFor();
  await page.getByRole('button', { name: "Aller après l'étape 2" }).click();
  await right.getByText(exactly(fill(T.fr.sc_beat, '3', '4'))).waitFor();
  await page.getByRole('button', { name: 'Recommencer' }).click();
  await waitClock(right, 'fr', '2026-03-08');
  noPageErrors(page);
});

test('issue 16: an embed shows nothing destructive: no reset, no import, no deleting a save (FR, IT)', async () => {
  for (const lang of ['fr', 'it']) {
    const t = T[lang];
    const page = await newPage({ locale: lang === 'fr' ? 'fr-FR' : 'it-IT' });
    await page.goto(app.url(`/embed/scenario/debt-unpaid/settings?lang=${lang}`));
    await page.getByRole('heading', { name: exactly(t.transfer_title) }).waitFor();
    assert.equal(await page.getByRole('button', { name: exactly(t.reset_button) }).count(), 0, 'no reset');
    assert.equal(await page.getByLabel(t.import_label).count(), 0, 'no import');
    assert.equal(await page.getByRole('heading', { name: exactly(t.aside_title) }).count(), 0, 'no set-aside saves to delete');
    assert.equal(await page.getByRole('button', { name: exactly(t.snapshot_delete) }).count(), 0, 'no snapshot to delete');
    // The full app has them.
    await page.goto(app.url('/scenario/debt-unpaid'));
    await page.getByRole('complementary', { name: exactly(GUIDE[lang]['debt-unpaid.title']) }).waitFor();
    await page.goto(app.url('/settings'));
    await page.getByRole('button', { name: exactly(t.reset_button) }).waitFor();
    assert.equal(await page.getByLabel(t.import_label).count(), 1);
    noPageErrors(page);
    await page.context().close();
  }
});

test('issue 19: embed.js is small (under 3 KB gzip), hand-written, and in the build', async () => {
  const { gzipSync } = await import('node:zlib');
  const res = await fetch(app.url('/embed.js'));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /javascript/);
  const size = gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
  assert.ok(size < 3 * 1024, `embed.js is ${size} bytes gzip`);
});

const fixture = async (name) => JSON.parse(await readFile(join(ROOT, 'tests', 'fixtures', 'scenarios', name), 'utf8'));

test('issue 18: hes:load plays the host page\'s scenario file; hes:check goes out at its beat (✗ with both values, ✓), then hes:scenario-ended; a bad file is hes:error with its path and changes nothing (FR object, IT text)', async () => {
  const page = await newPage({ viewport: { width: 1000, height: 900 } });
  await page.goto(docPage('load', `
    <hes-simulator id="fr" scenario="debt-unpaid" lang="fr" speed="fast"></hes-simulator>
    <hes-simulator id="it" scenario="debt-unpaid" lang="it" speed="fast"></hes-simulator>`));
  const bad = await fixture('bad-amount.json');
  const file = await fixture('wrong-expectation.json');
  const title = { fr: 'Une attente fausse', it: "Un'attesa sbagliata" };
  for (const id of ['fr', 'it']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    const frame = page.frameLocator(`#${id} iframe`);
    await waitEvent(page, 'hes:ready', {}, id);
    // Refused by the import's gate: the path and the reason in the frame's language; the
    // scenario shown stays.
    await page.evaluate(([id, f]) => document.getElementById(id).load(id === 'it' ? JSON.stringify(f) : f), [id, bad]);
    await waitEvent(page, 'hes:error', { command: 'hes:load', path: 'beats[0].action.amount' }, id);
    const [error] = await events(page, 'hes:error', id);
    assert.ok(error.reason.startsWith(fill(T[id].sf_err_at, 'beats[0].action.amount', '').trim()), error.reason);
    await frame.getByRole('complementary', { name: exactly(GUIDE[id]['debt-unpaid.title']) }).waitFor();
    // The fixture with a wrong expectation: played to its end, both checks out at beat 1.
    await page.evaluate(([id, f]) => document.getElementById(id).load(id === 'it' ? JSON.stringify(f) : f), [id, file]);
    await frame.getByRole('complementary', { name: exactly(title[id]) }).waitFor();
    await page.evaluate((id) => document.getElementById(id).play(), id);
    await waitEvent(page, 'hes:scenario-ended', { scenario: 'file' }, id);
    const checks = (await events(page, 'hes:check', id)).map(({ at, id: _, ...c }) => c);
    assert.deepEqual(checks, [
      { type: 'hes:check', after: 1, index: 0, ok: true, expected: 'unpaid', actual: 'unpaid' },
      { type: 'hes:check', after: 1, index: 1, ok: false, expected: '-5.00', actual: '-6.98' },
    ]);
    await waitEvent(page, 'hes:step-reached', { scenario: 'file', step: 1 }, id);
  }
  noPageErrors(page);
});
