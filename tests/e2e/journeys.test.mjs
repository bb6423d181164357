// Bytes per journey (issue 21): what a real first visit loads, read from the browser's request
// log, on the release build. Four journeys: the home screen; the home screen, then the login and
// the control panel's first screen; an embed of a scenario and of a section; a deep link to a
// section. For each, every same-origin request the page makes is counted at the size of the
// file the server sends for it, gzip -9 and brotli (the build's own .br), and the table is
// printed on every run (the README's "Size" figures come from here).
//
// The service worker is blocked: its precache (every split module, for offline use) loads after
// the page and is not what a visit waits for.
//
// What fails: a journey above its ceiling: regression ceilings set a little above what this
// round's build measured (decision 82; the home screen is over its 256,000-byte budget this
// round, decision 84, which scripts/test.sh reports statically), so that a change that
// makes a journey heavier fails until the new, lower targets are met. They were higher than the
// figures measured when issue 21 was filed (the split text catalogue moved texts into every
// split screen's journey, and the dashboard brings the months-ahead module). The targets are
// printed beside each figure.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import { DIST, startApp } from './harness.mjs';
import { UI, drawn } from './panel.mjs';

const JOURNEYS = [
  { name: 'home screen (/)', target: 150_000, ceiling: 235_000, go: home },
  { name: '/ then log in to the control panel', target: 300_000, ceiling: 710_000, go: controlPanel },
  { name: 'embed /embed/scenario/debt-unpaid', target: 250_000, ceiling: 710_000, go: embed('/embed/scenario/debt-unpaid') },
  { name: 'embed /embed/guide/g8', target: 250_000, ceiling: 710_000, go: embed('/embed/guide/g8') },
  { name: 'deep link /guide/g4', target: null, ceiling: 770_000, go: deepLink },
];

async function home(page) {
  await page.goto('');
  await drawn(page);
}

async function controlPanel(page) {
  const t = page.t;
  await home(page);
  await page.getByRole('link', { name: 'Log in to the control panel' }).click();
  await page.getByLabel(t.nic).fill('ab12345-ovh');
  await page.getByLabel(t.password, { exact: true }).fill('not-a-real-password');
  await page.getByRole('button', { name: t.login, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: t.home }).waitFor();
  await page.getByRole('region', { name: /clock/i }).waitFor();
}

function embed(path) {
  return async (page) => {
    await page.goto(path.slice(1));
    await page.locator('aside.guide-panel').waitFor();
    await page.locator('#main h1').first().waitFor();
  };
}

async function deepLink(page) {
  await page.goto('guide/g4');
  await page.locator('aside.guide-panel').waitFor();
}

/** The compressed sizes of a file of dist/ (memoised). */
const sizes = new Map();
function sizeOf(path) {
  if (!sizes.has(path)) {
    const file = join(DIST, path);
    const body = readFileSync(file);
    const gzip = gzipSync(body, { level: 9 }).length;
    const brotli = existsSync(`${file}.br`)
      ? readFileSync(`${file}.br`).length
      : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    sizes.set(path, { gzip, brotli });
  }
  return sizes.get(path);
}

/** Runs a journey in a fresh page and returns the files it loaded, from its request log. */
async function measure(app, journey) {
  const page = await app.newPage({ serviceWorkers: 'block' });
  page.t = UI.en;
  const origin = new URL(app.baseURL).origin;
  const loaded = [];
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (url.origin !== origin) return;
    let path = decodeURIComponent(url.pathname).replace(/^\//, '');
    if (path === '' || !existsSync(join(DIST, path)) || !/\.\w+$/.test(path)) path = 'index.html';
    loaded.push(path);
  });
  await journey.go(page);
  await page.waitForLoadState('networkidle');
  await page.context().close();
  const files = [...new Set(loaded)];
  const total = files.reduce((sum, f) => {
    const s = sizeOf(f);
    return { gzip: sum.gzip + s.gzip, brotli: sum.brotli + s.brotli };
  }, { gzip: 0, brotli: 0 });
  return { files, ...total };
}

describe('bytes per journey (issue 21)', () => {
  let app;
  const results = [];
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
    const rows = results.map((r) => {
      const target = r.target === null ? '—' : `${r.target.toLocaleString('en')} ${r.gzip <= r.target ? 'met' : 'NOT met'}`;
      return `  ${r.name.padEnd(38)} ${String(r.files.length).padStart(5)} ${r.gzip.toLocaleString('en').padStart(9)} ${r.brotli.toLocaleString('en').padStart(9)}  ${r.ceiling.toLocaleString('en').padStart(9)}  ${target}`;
    });
    console.log(['bytes per journey (service worker blocked):',
      `  ${'journey'.padEnd(38)} files ${'gzip -9'.padStart(9)} ${'brotli'.padStart(9)}  ${'ceiling'.padStart(9)}  target (gzip)`, ...rows].join('\n'));
  });

  for (const journey of JOURNEYS) {
    test(`${journey.name}: within its ceiling of ${journey.ceiling.toLocaleString('en')} bytes gzip`, async () => {
      const r = await measure(app, journey);
      results.push({ ...journey, ...r });
      assert.ok(r.files.some((f) => f.endsWith('_bg.wasm')), `the main module was loaded: ${r.files.join(', ')}`);
      assert.ok(r.gzip <= journey.ceiling,
        `${journey.name} loads ${r.gzip} bytes gzip, ${r.gzip - journey.ceiling} over its ceiling; files: ${r.files.join(', ')}`);
    });
  }
});
