// Issue 19: documentation embeds. The compact embed (only the guide's or scenario's panel, the
// one control-panel page its step uses, the clock: no home screen, no "take me there"), at 360
// and 1000 px, in FR and IT; and its steady height (never 0, at most one message per frame,
// only real changes, no swinging) counted while a scenario plays, at 360 and 1000 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { noPageErrors } from './panel.mjs';
import { T, GUIDE, fill, exactly } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const EMBEDS = [
  ['/embed/guide/g8', (lang) => `G8 · ${GUIDE[lang]['g8.title'] || T[lang].sec_g8}`],
  ['/embed/scenario/debt-unpaid', (lang) => GUIDE[lang]['debt-unpaid.title']],
];

for (const [lang, width] of [['fr', 360], ['it', 1000], ['it', 360], ['fr', 1000]]) {
  test(`issue 19: the compact embed at ${width} px (${lang.toUpperCase()}): the panel, its step's page and the clock; nothing of the home screen, no "take me there", no horizontal scroll; screenshots`, async () => {
    const t = T[lang];
    const page = await app.newPage({ locale: lang === 'fr' ? 'fr-FR' : 'it-IT', viewport: { width, height: 700 } });
    for (const [path, title] of EMBEDS) {
      await page.goto(app.url(path));
      await page.getByRole('complementary', { name: exactly(title(lang)) }).waitFor();
      // The frame has left its `/` (the home screen) for a page of the control panel.
      await page.waitForURL((u) => u.pathname.startsWith(`${path}/`));
      await page.getByRole('region', { name: t.clock_label }).locator('time').waitFor();
      await page.locator('main h1:visible').first().waitFor();
      for (const key of ['home_guide_title', 'home_scenarios_title', 'home_own_title', 'home_title']) {
        assert.equal(await page.getByText(exactly(t[key])).count(), 0, `${path}: nothing of the home screen (${key})`);
      }
      assert.equal(await page.getByRole('link', { name: exactly(t.tour_go_there) }).count(), 0,
        `${path}: the step's control is on this page, the frame went there by itself`);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${path}: no horizontal scroll at ${width} px (${scroll} > ${client})`);
      await app.screenshot(page, `embed-compact-${path.split('/')[2]}-${lang}-${width}px`);
    }
    noPageErrors(page);
  });
}

/** A host page of its own (about:blank, another origin than the app's) with one frame of
 * `width` px that it sizes to each height message, and every message recorded with its time. */
async function host(page, path, width) {
  await page.setContent(`<!doctype html><body style="margin:0">
    <iframe id="f" title="embed" style="border:0;width:${width}px;height:150px" src="${app.url(path)}"></iframe>
    <script>
      window.heights = [];
      const frame = document.getElementById('f');
      addEventListener('message', (e) => {
        if (e.source !== frame.contentWindow || !e.data || e.data.type !== 'hes:height') return;
        heights.push({ height: e.data.height, at: performance.now() });
        frame.style.height = e.data.height + 'px';
      });
    </script></body>`);
  return page.frameLocator('#f');
}

/** Waits until no height message came for `quiet` ms. */
async function settled(page, quiet = 600) {
  await page.waitForFunction((q) => heights.length > 0 && performance.now() - heights[heights.length - 1].at > q, quiet, { timeout: 10_000 });
}

for (const width of [360, 1000]) {
  test(`issue 19: a steady height at ${width} px while a scenario plays: never 0, at most one message a frame, only real changes, no swinging, and the frame ends as tall as its content (EN)`, async () => {
    const page = await app.newPage({ viewport: { width: width + 40, height: 800 } });
    const frame = await host(page, '/embed/scenario/debt-unpaid', width);
    await frame.getByRole('complementary', { name: exactly(GUIDE.en['debt-unpaid.title']) }).waitFor();
    await settled(page);
    const beats = 4;
    for (let n = 1; n <= beats; n++) {
      await frame.getByRole('button', { name: exactly(T.en.sc_step) }).click();
      await frame.getByText(exactly(n < beats ? fill(T.en.sc_beat, String(n + 1), String(beats)) : T.en.sc_finished)).waitFor();
      await settled(page);
    }
    const heights = await page.evaluate(() => heights);
    const values = heights.map((h) => h.height);
    assert.ok(values.length >= 1, 'the frame reported its height');
    assert.ok(values.every((h) => Number.isInteger(h) && h > 0), `never 0: ${values}`);
    for (let i = 1; i < values.length; i++) {
      assert.notEqual(values[i], values[i - 1], `message ${i} repeats the height before it: ${values}`);
      // Two messages of one animation frame would arrive together; frames are ~16 ms apart.
      assert.ok(heights[i].at - heights[i - 1].at >= 4, `messages ${i - 1} and ${i} came ${heights[i].at - heights[i - 1].at} ms apart: ${values}`);
    }
    // No swinging: no back-and-forth between two heights, and a handful of messages per beat.
    for (let i = 3; i < values.length; i++) {
      assert.ok(!(values[i] === values[i - 2] && values[i - 1] === values[i - 3]), `the height swings: ${values}`);
    }
    assert.ok(values.length <= 3 * (beats + 2), `${values.length} height messages for ${beats} beats: ${values}`);
    // The frame, sized to the last message, is exactly as tall as its content.
    const handle = await page.locator('#f').elementHandle();
    const inner = await handle.contentFrame();
    const content = await inner.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
    assert.equal(values[values.length - 1], content, `the last height (${values.at(-1)}) is the content's (${content})`);
    assert.equal(await inner.evaluate(() => document.documentElement.scrollHeight <= innerHeight), true, 'no scroll inside the frame');
    noPageErrors(page);
  });
}
