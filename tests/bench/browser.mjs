// Browser benchmark (README, "Performance"): reported, not asserted. On a built dist/, with a
// save of 1,000 actions (100 accounts on 2 platforms, about 3 years of history) written by
// `cargo run --release --example bench_save`, it measures in headless Chromium:
//   - load: reading and replaying that save, the app's own `hes:load` User Timing measure;
//   - a click on *Next event* until the next paint;
//   - a click that opens the OVH account page until the next paint;
//   - the year ahead (issue 17): a click on its 24-month horizon until the next paint, which
//     computes the forecast of 24 months for those 100 accounts on 2 platforms and draws it
//     (from the 3-month horizon each time);
//   - opening the year ahead from the menu (from the comparison), and the comparison from it;
//   - on the comparison, a change of the choice (all accounts to Monthly, then to Yearly).
// "Until the next paint": from just before the click's dispatch to a task queued from the
// requestAnimationFrame after it, which runs once the frame that shows the change is painted.
//
//   node tests/bench/browser.mjs <save.json> [--runs 30] [--only next,ovh]   (HES_DIST picks another dist/)
// --only runs the named measures only (load, next, ovh, ahead); the page is loaded once anyway.
import { readFile } from 'node:fs/promises';
import { startApp } from '../e2e/harness.mjs';
import { clickToPaint, pageWithSave } from './paint.mjs';

const argv = process.argv.slice(2);
const [savePath] = argv.filter((a, i) => !a.startsWith('--') && !['--runs', '--only'].includes(argv[i - 1]));
const runsAt = argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(argv[runsAt + 1]) : 30;
const onlyAt = argv.indexOf('--only');
const ONLY = onlyAt >= 0 ? new Set(argv[onlyAt + 1].split(',')) : null;
const wanted = (name) => !ONLY || ONLY.has(name);
if (!savePath) {
  console.error('usage: node tests/bench/browser.mjs <save.json> [--runs 30]');
  process.exit(2);
}
const save = (await readFile(savePath, 'utf8')).trim();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { runs: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
const show = (name, xs, target) => {
  const { runs, median, p95, max } = stats(xs);
  const f = (x) => `${x.toFixed(1)} ms`;
  console.log(`${name.padEnd(40)} median ${f(median).padStart(9)}  p95 ${f(p95).padStart(9)}  max ${f(max).padStart(9)}  (${runs} runs, target < ${target} ms)`);
};


const app = await startApp();
try {
  // The save is put back before every navigation: every load replays the same 1,000 actions.
  const page = await pageWithSave(app, save);
  const nav = page.getByRole('navigation', { name: 'Control panel' });

  // 1. Loading (replaying) the save.
  const loads = [];
  for (let i = 0; i < (wanted('load') ? Math.min(RUNS, 15) : 1); i++) {
    await page.goto(app.url('/exchange'));
    await page.getByRole('heading', { level: 1, name: 'Exchange platform', exact: true }).waitFor();
    loads.push(await page.evaluate(() => performance.getEntriesByName('hes:load', 'measure').at(-1).duration));
  }

  // 2. Next event, click to paint (the clock bar's button; the state keeps growing).
  const nextEvent = await page.getByRole('button', { name: 'Next event', exact: true }).evaluate((el) => {
    el.dataset.bench = 'next-event';
    return '[data-bench="next-event"]';
  });
  const clicks = [];
  for (let i = 0; i < (wanted('next') ? RUNS : 0); i++) clicks.push(await clickToPaint(page, nextEvent));

  // 3. Opening the OVH account page from the Billing menu, then back to the Exchange page.
  await nav.getByRole('link', { name: 'Billing', exact: true }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  const mark = async (role, name, tag) =>
    (await page.getByRole(role, { name, exact: true }).first().evaluate((el, t) => { el.dataset.bench = t; return `[data-bench="${t}"]`; }, tag));
  const opens = [];
  for (let i = 0; i < (wanted('ovh') ? RUNS : 0); i++) {
    const toAccount = await mark('link', 'My OVH account', 'ovh-account');
    opens.push(await clickToPaint(page, toAccount));
    await page.getByRole('heading', { level: 1, name: 'My OVH account' }).waitFor();
    const toMethods = await mark('link', 'My payment methods', 'methods');
    await clickToPaint(page, toMethods);
    await page.getByRole('heading', { level: 1, name: 'My payment methods' }).waitFor();
  }

  // 4. The year ahead: from 3 months to 24, click to paint (the forecast and its table).
  const forecasts = [];
  if (wanted('ahead')) {
    await page.goto(app.url('/exchange/ahead'));
    await page.getByRole('heading', { level: 1, name: 'The year ahead' }).waitFor();
    for (let i = 0; i < RUNS; i++) {
      await clickToPaint(page, '#horizon-3');
      forecasts.push(await clickToPaint(page, '#horizon-24'));
    }
  }

  // 5. Opening the year ahead and the comparison from the menu, one after the other.
  const opensAhead = [];
  const opensCompare = [];
  for (let i = 0; i < (wanted('ahead') ? RUNS : 0); i++) {
    opensCompare.push(await clickToPaint(page, await mark('link', 'Compare two choices', 'compare')));
    await page.getByRole('heading', { level: 1, name: 'Compare two choices' }).waitFor();
    opensAhead.push(await clickToPaint(page, await mark('link', 'The year ahead', 'ahead')));
    await page.getByRole('heading', { level: 1, name: 'The year ahead' }).waitFor();
  }

  // 6. The comparison: a change of the choice, to paint (its two forecasts and their figures).
  if (wanted('ahead')) {
    await page.getByRole('link', { name: 'Compare two choices', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Compare two choices' }).waitFor();
  }
  const choose = (value) =>
    page.evaluate(
      (v) =>
        new Promise((done) => {
          const select = document.querySelector('#cmp-choice');
          const t0 = performance.now();
          select.value = v;
          select.dispatchEvent(new Event('change', { bubbles: true }));
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => done(performance.now() - t0);
            ch.port2.postMessage(0);
          });
        }),
      value,
    );
  const choices = [];
  for (let i = 0; i < (wanted('ahead') ? RUNS : 0); i++) {
    choices.push(await choose('mode-monthly'));
    choices.push(await choose('mode-yearly'));
  }

  console.log(`browser benchmark: ${process.env.HES_DIST ?? 'dist'}, Chromium headless, save of ${JSON.parse(save).state.actions.length} actions`);
  if (wanted('load')) show('load: read + replay the save', loads, 100);
  if (wanted('next')) show('click Next event → paint', clicks, 16);
  if (wanted('ovh')) show('open My OVH account → paint', opens, 16);
  if (wanted('ahead')) {
    show('year ahead: 24 months → paint', forecasts, 16);
    show('open the year ahead → paint', opensAhead, 16);
    show('open the comparison → paint', opensCompare, 16);
    show('comparison: change the choice → paint', choices, 16);
  }
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
} finally {
  await app.close();
}
