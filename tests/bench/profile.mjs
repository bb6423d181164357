// Where a click's time goes (issue 21): the browser benchmark's two clicks, *Next event* and
// opening *My OVH account* (from *My payment methods*), each traced through the Chrome DevTools
// Protocol (`Tracing`, the devtools.timeline categories), and the renderer main thread's time
// between the click and the next paint summed by kind, as self time (a child's time is its own
// kind's, not its parent's): script (wasm and JS, with the garbage collector), style, layout,
// pre-paint, paint, and so on. With --cpu, a sampled CPU profile (`Profiler`) of the same clicks
// names the heaviest functions (a dist built with names kept shows the Rust names).
//
//   node tests/bench/profile.mjs <save.json> [--runs 10] [--cpu] [--only next|ovh]   (HES_DIST)
import { readFile } from 'node:fs/promises';
import { startApp } from '../e2e/harness.mjs';
import { clickToPaint, pageWithSave } from './paint.mjs';

const args = process.argv.slice(2);
const [savePath] = args.filter((a, i) => !a.startsWith('--') && !['--runs', '--only'].includes(args[i - 1]));
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const RUNS = Number(opt('--runs', 10));
const ONLY = opt('--only', null);
const CPU = args.includes('--cpu');
if (!savePath) {
  console.error('usage: node tests/bench/profile.mjs <save.json> [--runs 10] [--cpu] [--only next|ovh]');
  process.exit(2);
}
const save = (await readFile(savePath, 'utf8')).trim();

// Trace event names → a kind. Anything else keeps its own name.
const KIND = {
  FunctionCall: 'script', EventDispatch: 'script', 'v8.callFunction': 'script', 'v8.run': 'script',
  TimerFire: 'script', FireAnimationFrame: 'script', 'V8.Execute': 'script', RunMicrotasks: 'script',
  'v8.evaluateModule': 'script', EvaluateScript: 'script',
  MinorGC: 'gc', MajorGC: 'gc', 'V8.GC_SCAVENGER': 'gc', 'V8.GCScavenger': 'gc', 'BlinkGC.AtomicPhase': 'gc',
  'V8.GC_MC_BACKGROUND_MARKING': 'gc', 'V8.GCFinalizeMC': 'gc', ThreadState_CompleteSweep: 'gc',
  UpdateLayoutTree: 'style', RecalculateStyles: 'style', ParseAuthorStyleSheet: 'style',
  Layout: 'layout', UpdateLayerTree: 'layers', Layerize: 'layers', PrePaint: 'prepaint',
  Paint: 'paint', PaintImage: 'paint', RasterTask: 'paint', CompositeLayers: 'composite',
  Commit: 'composite', HitTest: 'hittest', ParseHTML: 'parse', 'Document::updateStyleAndLayout': 'style',
  'LocalFrameView::RunPostLifecycleSteps': 'lifecycle', UpdateLifecycle: 'lifecycle',
  'ScheduledAction::execute': 'script', IntersectionObserverController: 'observers',
  'ResizeObserverController::DeliverObservations': 'observers', 'ProxyMain::BeginMainFrame': 'frame',
};
// Container events whose self time is only bookkeeping.
const CONTAINERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ProxyMain::BeginMainFrame', 'PageAnimator::serviceScriptedAnimations']);

// Self time by kind, on the main thread, of complete events that start inside [t0, t1] (µs).
function breakdown(events, tid, pid, t0, t1) {
  const evs = events
    .filter((e) => e.ph === 'X' && e.tid === tid && e.pid === pid && e.ts >= t0 && e.ts <= t1 && e.dur > 0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const add = (e, us) => {
    const k = CONTAINERS.has(e.name) ? 'other (tasks)' : KIND[e.name] ?? e.name;
    self.set(k, (self.get(k) ?? 0) + us);
  };
  const close = (upTo) => {
    while (stack.length && stack.at(-1).end <= upTo) {
      const top = stack.pop();
      add(top.e, top.e.dur - top.children);
    }
  };
  for (const e of evs) {
    close(e.ts);
    if (stack.length) stack.at(-1).children += Math.min(e.dur, stack.at(-1).end - e.ts);
    stack.push({ e, end: e.ts + e.dur, children: 0 });
  }
  close(Infinity);
  return self;
}


async function traced(page, cdp, label, clickOnce) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const cats = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'blink_gc', 'disabled-by-default-v8.gc'].join(',');
  if (CPU) await cdp.send('Profiler.enable'), await cdp.send('Profiler.setSamplingInterval', { interval: 100 }), await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', { categories: cats, transferMode: 'ReportEvents' });
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(await clickOnce());
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  const profile = CPU ? (await cdp.send('Profiler.stop')).profile : null;
  cdp.removeAllListeners('Tracing.dataCollected');
  // The renderer's main thread: where the user timing marks are.
  const clicks = events.filter((e) => e.name === 'bench:click').sort((a, b) => a.ts - b.ts);
  const paints = events.filter((e) => e.name === 'bench:painted').sort((a, b) => a.ts - b.ts);
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === clicks[0]?.pid);
  const tid = main?.tid ?? clicks[0].tid;
  const pid = clicks[0].pid;
  const total = new Map();
  for (let i = 0; i < clicks.length; i++) {
    const end = paints.find((p) => p.ts > clicks[i].ts);
    for (const [k, us] of breakdown(events, tid, pid, clicks[i].ts - 50, end.ts)) total.set(k, (total.get(k) ?? 0) + us);
  }
  const s = [...times].sort((a, b) => a - b);
  console.log(`\n${label}: ${RUNS} clicks, click → paint median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, max ${s.at(-1).toFixed(1)} ms`);
  console.log('  main thread self time per click, by kind:');
  const rows = [...total].sort((a, b) => b[1] - a[1]);
  const all = rows.reduce((a, [, us]) => a + us, 0);
  for (const [k, us] of rows.slice(0, 14)) console.log(`    ${k.padEnd(40)} ${(us / 1000 / clicks.length).toFixed(2).padStart(7)} ms`);
  console.log(`    ${'(sum)'.padEnd(40)} ${(all / 1000 / clicks.length).toFixed(2).padStart(7)} ms`);
  if (profile) {
    // Self time per function, only in the clicks' windows (the profile's clock is the trace's).
    const windows = clicks.map((c) => [c.ts - 50, paints.find((p) => p.ts > c.ts).ts]);
    const inside = (t) => windows.some(([a, b]) => t >= a && t <= b);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const totalUs = new Map();
    const selfUs = new Map();
    const byFile = new Map();
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i];
      const dt = profile.timeDeltas[i + 1] ?? 0;
      if (!inside(t)) return;
      const n = byId.get(id);
      const file = n.callFrame.url ? n.callFrame.url.split('/').pop().replace(/-[0-9a-f]{16}/, '') : '(native)';
      const key = `${n.callFrame.functionName || '(anonymous)'} ${file}`;
      selfUs.set(key, (selfUs.get(key) ?? 0) + dt);
      byFile.set(file, (byFile.get(file) ?? 0) + dt);
      // Inclusive time: once per function on the sample's stack.
      const seen = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const f = byId.get(at).callFrame.functionName;
        if (f && !seen.has(f)) { seen.add(f); totalUs.set(f, (totalUs.get(f) ?? 0) + dt); }
      }
    });
    console.log('  CPU profile in the clicks, self time per click by file:');
    for (const [k, us] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${(us / 1000 / RUNS).toFixed(2).padStart(7)} ms  ${k}`);
    // The app's own functions (its crates' mangled names), inclusive of what they call.
    const ours = /hes_domain|hosted_exchange_sim|leptos_router|reactive_graph/;
    const demangle = (f) => f.replace(/Cs[0-9A-Za-z]{9,13}_/g, '').replace(/^_R[A-Za-z]*/, '');
    console.log('  CPU profile in the clicks, inclusive time per click of the app\'s functions, top 40:');
    for (const [k, us] of [...totalUs].filter(([f]) => ours.test(f)).sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`    ${(us / 1000 / RUNS).toFixed(2).padStart(7)} ms  ${demangle(k).slice(0, 190)}`);
    }
    console.log('  CPU profile in the clicks, self time per click, top 40:');
    for (const [k, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
      console.log(`    ${(us / 1000 / RUNS).toFixed(2).padStart(7)} ms  ${k.slice(0, 170)}`);
    }
  }
}

const app = await startApp();
try {
  const page = await pageWithSave(app, save);
  const cdp = await page.context().newCDPSession(page);
  const nav = page.getByRole('navigation', { name: 'Control panel' });
  await page.goto(app.url('/exchange'));
  await page.getByRole('heading', { level: 1, name: 'Exchange platform', exact: true }).waitFor();
  const mark = async (role, name, tag) =>
    (await page.getByRole(role, { name, exact: true }).first().evaluate((el, t) => { el.dataset.bench = t; return `[data-bench="${t}"]`; }, tag));

  if (ONLY !== 'ovh') {
    const next = await mark('button', 'Next event', 'next-event');
    for (let i = 0; i < 3; i++) await clickToPaint(page, next); // warm up
    await traced(page, cdp, 'Next event', () => clickToPaint(page, next));
  }
  if (ONLY !== 'next') {
    await nav.getByRole('link', { name: 'Billing', exact: true }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    const once = async () => {
      const toAccount = await mark('link', 'My OVH account', 'ovh-account');
      const ms = await clickToPaint(page, toAccount);
      await page.getByRole('heading', { level: 1, name: 'My OVH account' }).waitFor();
      const toMethods = await mark('link', 'My payment methods', 'methods');
      await clickToPaint(page, toMethods);
      await page.getByRole('heading', { level: 1, name: 'My payment methods' }).waitFor();
      return ms;
    };
    for (let i = 0; i < 3; i++) await once();
    await traced(page, cdp, 'Open My OVH account', once);
    const counts = await page.evaluate(() => ({ nodes: document.getElementsByTagName('*').length }));
    await page.getByRole('link', { name: 'My OVH account', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'My OVH account' }).waitFor();
    const there = await page.evaluate(() => ({
      nodes: document.getElementsByTagName('*').length,
      rows: document.querySelectorAll('main tr').length,
      circles: document.querySelectorAll('main circle').length,
    }));
    console.log(`\n  elements: My payment methods ${counts.nodes}, My OVH account ${there.nodes} (${there.rows} table rows, ${there.circles} chart marks)`);
  }
  if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
} finally {
  await app.close();
}
