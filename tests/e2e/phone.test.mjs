// Issue 20 on a phone (390×844): during a scenario or a section of the walkthrough, the balance
// (or the figure the step is about), the step's text and its buttons are all on screen at once,
// none under another (item 7); at 1280 px nothing overlaps either. The settings page does not
// scroll sideways at 390 px or 360 px, with its data sections filled (item 8).
// Screenshots: tests/e2e/output/phone-*.png (what the phone shows, not the whole page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { OUTPUT, startApp } from './harness.mjs';
import { UI, a11yViolations, logIn, noPageErrors, open } from './panel.mjs';
import { T, fill } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const DESKTOP = { viewport: { width: 1280, height: 800 } };

async function freshPage(lang, device) {
  const page = await app.newPage({ locale: UI[lang].locale, ...device });
  page.t = UI[lang];
  return page;
}

/** Where `locator`'s element is, and whether the element at its centre is it (or inside it). */
async function placement(locator) {
  return locator.evaluate((el) => {
    const b = el.getBoundingClientRect();
    const hit = document.elementFromPoint((b.left + b.right) / 2, (b.top + b.bottom) / 2);
    return {
      top: Math.round(b.top), bottom: Math.round(b.bottom), left: Math.round(b.left), right: Math.round(b.right),
      width: innerWidth, height: innerHeight,
      hit: hit ? `${hit.tagName.toLowerCase()}.${hit.className}` : 'nothing',
      uncovered: !!hit && (hit === el || el.contains(hit)),
    };
  });
}

/** Waits until every one of `things` ([name, locator]) is wholly inside the viewport and not
 * covered at its centre (the highlighter scrolls after a frame: it is waited for, not slept). */
async function allOnScreen(page, things, where) {
  const end = Date.now() + 8000;
  for (;;) {
    const seen = [];
    for (const [name, locator] of things) {
      if ((await locator.count()) !== 1) { seen.push(`${name}: ${await locator.count()} found`); continue; }
      const p = await placement(locator);
      const inside = p.top >= 0 && p.left >= 0 && p.bottom <= p.height && p.right <= p.width && p.bottom > p.top;
      if (!inside || !p.uncovered) seen.push(`${name} at ${p.top}–${p.bottom} (viewport ${p.height}), centre shows ${p.hit}`);
    }
    if (seen.length === 0) return;
    if (Date.now() > end) assert.fail(`${where}: not all on screen:\n  ${seen.join('\n  ')}`);
    await sleep(100);
  }
}

const shot = (page, name) => page.screenshot({ path: join(OUTPUT, `${name}.png`) });

// ---------- item 7: the scenario ----------

for (const [lang, device, name] of [['fr', PHONE, '390 px'], ['it', PHONE, '390 px'], ['fr', DESKTOP, '1280 px']]) {
  test(`issue 20 item 7 (${lang.toUpperCase()}, ${name}): in the balance-and-card scenario the balance, the beat and Play/Step are on screen, before and after a Step`, async () => {
    const t = T[lang];
    const page = await freshPage(lang, device);
    await page.goto(app.url('/scenario/balance-and-card'));
    await page.waitForURL(/\/billing\/ovh-account$/);
    const player = page.locator('aside.guide-panel.scenario');
    await player.waitFor();
    const balance = page.getByTestId('balance');
    const play = player.getByRole('button', { name: t.sc_play, exact: true });
    const step = player.getByRole('button', { name: t.sc_step, exact: true });
    await allOnScreen(page, [
      ['the balance', balance],
      ['the beat', player.locator('.beats li.current')],
      ['Play', play],
      ['Step', step],
    ], `${lang} ${name}, first beat`);
    const mobile = device === PHONE;
    if (mobile) {
      await shot(page, `phone-scenario-${lang}`);
      // Offline, the top bar says so on a row of its own: still all in sight (item 16).
      await page.context().setOffline(true);
      await page.getByText(t.net_offline, { exact: true }).waitFor();
      await allOnScreen(page, [['the balance', balance], ['Play', play], ['Step', step]], `${lang} ${name}, offline`);
      await page.context().setOffline(false);
    }
    await step.click();
    // The story is over: the balance it left, what the beat did, and Restart are in sight.
    await player.getByText(t.sc_finished, { exact: true }).waitFor();
    await allOnScreen(page, [
      ['the balance', balance],
      ['the finished story', player.getByText(t.sc_finished, { exact: true })],
      ['the last beat', player.locator('.beats li').last()],
      ['Restart', player.getByRole('button', { name: t.sc_restart, exact: true })],
    ], `${lang} ${name}, after Step`);
    if (mobile) await shot(page, `phone-scenario-${lang}-after-step`);
    // The guide hidden, the balance is still in sight, not under "Show the guide".
    await player.getByRole('button', { name: t.tour_close, exact: true }).click();
    await allOnScreen(page, [['the balance', balance], ['Show the guide', page.getByRole('button', { name: t.tour_show, exact: true })]],
      `${lang} ${name}, guide hidden`);
    if (mobile) {
      await page.getByRole('button', { name: t.tour_show, exact: true }).click();
      await player.waitFor();
      const violations = await a11yViolations(page);
      assert.deepEqual(violations, [], violations.join('\n'));
    }
    noPageErrors(page);
  });
}

// ---------- item 7: the walkthrough's G8 ----------

for (const [lang, device, name] of [['fr', PHONE, '390 px'], ['it', PHONE, '390 px'], ['it', DESKTOP, '1280 px']]) {
  test(`issue 20 item 7 (${lang.toUpperCase()}, ${name}): in G8 each step's figure, its text and its buttons are on screen`, async () => {
    const t = T[lang];
    const page = await freshPage(lang, device);
    await page.goto(app.url('/guide/g8'));
    await page.waitForURL(/\/billing\/ovh-account$/);
    const panel = page.locator('aside.guide-panel');
    const progress = (n) => panel.getByText(fill(t.tour_step, n, 8), { exact: true });
    const text = panel.locator('#guide-step-text');
    const next = panel.getByRole('button', { name: t.tour_next, exact: true });
    const back = panel.getByRole('button', { name: t.tour_back, exact: true });
    const balance = page.getByTestId('balance');
    const mobile = device === PHONE;

    await progress(1).waitFor();
    await allOnScreen(page, [['the balance', balance], ['the step', text], ['Next', next]], `${lang} ${name}, G8 step 1`);
    if (mobile) await shot(page, `phone-g8-${lang}`);
    await next.click();
    // The settlement preview: its title (at least) beside the step, and the balance still pinned.
    await progress(2).waitFor();
    await allOnScreen(page, [
      ['the settlement title', page.locator('[data-tour="settlement"] h2').first()],
      ['the step', text], ['Next', next], ['Back', back],
      ...(mobile ? [['the pinned balance', balance]] : []),
    ], `${lang} ${name}, G8 step 2`);
    await next.click();
    // The step is done with the clock bar's Next event.
    await progress(3).waitFor();
    const nextEvent = page.getByRole('button', { name: page.t.nextEvent, exact: true });
    await allOnScreen(page, [['Next event', nextEvent], ['the step', text], ['Back', back]], `${lang} ${name}, G8 step 3`);
    await nextEvent.click();
    await progress(4).waitFor();
    await allOnScreen(page, [['the balance', balance], ['the step', text], ['Next', next]], `${lang} ${name}, G8 step 4`);
    if (mobile) {
      await shot(page, `phone-g8-${lang}-debtor`);
      const violations = await a11yViolations(page);
      assert.deepEqual(violations, [], violations.join('\n'));
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scroll (${overflow} px)`);
    noPageErrors(page);
  });
}

// ---------- item 8: the settings page does not scroll sideways ----------

for (const lang of ['fr', 'it']) {
  test(`issue 20 item 8 (${lang.toUpperCase()}): Settings, logged in and with its data sections filled, does not scroll sideways at 390 px and 360 px`, async () => {
    const t = T[lang];
    for (const width of [390, 360]) {
      const page = await freshPage(lang, { viewport: { width, height: 800 } });
      // A save that cannot be read is kept aside and listed in Settings.
      await page.goto(app.url('/'));
      await page.evaluate(() => localStorage.setItem('hes.save', '{"not a save"'));
      await logIn(page, app, { subsidiary: lang });
      await open(page, 'settings');
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(await overflow() <= 0, `${width} px, as opened: sideways by ${await overflow()} px`);
      await page.getByLabel(t.snapshot_name, { exact: true }).fill('Avant la facture du 10 mars 2026');
      await page.getByRole('button', { name: t.snapshot_save, exact: true }).click();
      await page.getByRole('button', { name: t.share_button, exact: true }).click();
      await page.getByLabel(t.share_link_label, { exact: true }).waitFor();
      await page.getByRole('button', { name: t.aside_download, exact: true }).first().waitFor();
      assert.ok(await overflow() <= 0, `${width} px, with a snapshot, a share link and a save kept aside: sideways by ${await overflow()} px`);
      await page.screenshot({ path: join(OUTPUT, `settings-${lang}-${width}px.png`), fullPage: true });
      noPageErrors(page);
    }
  });
}
