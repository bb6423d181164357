#!/usr/bin/env node
// The hostile links in Chromium (issue 16): how long each probe link takes to be refused, and the
// worst valid link to be decoded, replayed and painted. A measurement, not a test: it prints the
// figures the README gives ("Data and security", "Performance").
//
//   node scripts/bench-hostile.mjs            # on dist/ (the release build)
//   HES_DIST=target/dist-dev node scripts/bench-hostile.mjs [runs]
//
// Each figure is measured inside the page (performance.now), from the moment the link is put in
// the address of a page that has already loaded the app (a `hashchange`, as when a link is
// pasted), to the frame after the result is in the DOM:
// - "shown": the dialog (refusal, or "Open this simulation?") is drawn: decoding, the bounds
//   check, the summary; the code of the link's module is fetched the first time (first run);
// - "decode": the app's own `hes:decode` measure (decode and bounds check alone);
// - "opened": for the valid link, from the click on "Open it" to the OVH account page drawn
//   with the link's simulation: the sliced replay, its save, and the paint.
// The median of the runs is printed, with the slowest.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, ROOT } from '../tests/e2e/harness.mjs';

const runs = Number(process.argv[2] ?? 7);
const PROBES = join(ROOT, 'tests', 'fixtures', 'probes');
const names = ['debt-next-events-43682', 'centuries-2700', 'accounts-2000-next-events-4000', 'worst-valid'];
const link = (name) => readFileSync(join(PROBES, `${name}.link`), 'utf8').trim();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs) => `${median(xs).toFixed(0)} ms (max ${Math.max(...xs).toFixed(0)})`;

const app = await startApp();
try {
  console.log(`dist: ${app.server.root}, ${runs} runs each, Chromium headless`);
  console.log('| link | characters | shown | decode | opened |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const name of names) {
    const payload = link(name);
    const shown = [];
    const decode = [];
    const opened = [];
    for (let i = 0; i < runs; i++) {
      const page = await app.newPage();
      await page.goto(app.url('/'));
      await page.locator('h1:not(#boot-title)').first().waitFor();
      const ms = await page.evaluate((hash) => new Promise((resolve) => {
        const t0 = performance.now();
        const done = () => document.querySelector('.dialog');
        new MutationObserver((_, obs) => {
          if (done()) { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); }
        }).observe(document.body, { childList: true, subtree: true });
        location.hash = hash;
      }), `#${payload}`);
      shown.push(ms);
      decode.push(await page.evaluate(() => performance.getEntriesByName('hes:decode', 'measure').at(-1)?.duration ?? NaN));
      if (name === 'worst-valid') {
        opened.push(await page.evaluate(() => new Promise((resolve) => {
          const accept = document.querySelector('.dialog button.primary');
          const t0 = performance.now();
          const done = () => !document.querySelector('.dialog') && document.querySelector('[data-testid=balance]');
          new MutationObserver((_, obs) => {
            if (done()) { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); }
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
          accept.click();
        })));
      }
      await page.context().close();
    }
    console.log(`| ${name} | ${payload.length + 3} | ${fmt(shown)} | ${fmt(decode)} | ${opened.length ? fmt(opened) : 'refused'} |`);
  }
} finally {
  await app.close();
}
