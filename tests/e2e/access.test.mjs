// Accessibility and layout: axe-core finds no violation on any screen, one whole guide section
// is done with the keyboard alone, and the panel works from 360 px wide (screenshots attached).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { loggedIn, open, clock, balance, a11yViolations, noPageErrors, drawn } from './panel.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('axe-core: no violations on any screen (EN, debtor state, forms open)', async () => {
  const page = await app.newPage({ locale: 'en-GB' });
  await page.goto(app.url('/login'));
  await drawn(page);
  const found = { login: await a11yViolations(page) };
  const logged = await loggedIn(app, 'en');
  await clock(logged, 'nextEvent'); // debtor: countdown, alerts, debt order
  const screens = [
    ['exchange', null, null],
    ['exchange', 'billingMode', null],
    ['billing', 'paymentMethods', 'Add a payment method'],
    ['billing', 'ovhAccount', 'Credit'],
    ['inbox', null, null],
    ['journal', null, null],
    ['settings', null, null],
  ];
  found.home = await a11yViolations(logged);
  for (const [tab, entry, link] of screens) {
    await open(logged, tab, entry);
    if (link) await logged.getByRole('link', { name: link, exact: true }).click();
    found[`${tab}/${entry ?? ''}`] = await a11yViolations(logged);
  }
  await logged.goto(app.url('/billing/invoices/1'));
  await logged.getByRole('heading', { level: 1, name: 'Invoice FR0000001' }).waitFor();
  found.invoice = await a11yViolations(logged);
  await logged.goto(app.url('/billing/orders/2'));
  await drawn(logged);
  found.order = await a11yViolations(logged);
  for (const [screen, violations] of Object.entries(found)) assert.deepEqual(violations, [], `${screen}: ${violations.join('\n')}`);
  noPageErrors(logged);
});

/** Presses Tab until the focused element's accessible text matches, as a keyboard user would. */
async function tabTo(page, pattern, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return '';
      const label = el.labels?.[0]?.innerText ?? '';
      return `${el.getAttribute('aria-label') ?? ''} ${label} ${el.innerText ?? ''}`.trim();
    });
    if (pattern.test(text)) return;
  }
  throw new Error(`no focusable element matching ${pattern}`);
}

test('keyboard only (EN): G4, credit the OVH account from the top bar to the paid order', async () => {
  const page = await loggedIn(app, 'en');
  await clock(page, 'nextEvent');
  await page.keyboard.press('Escape');
  await page.locator('body').focus();
  await tabTo(page, /^Billing$/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'My OVH account' }).waitFor();
  await tabTo(page, /^Credit$/);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/credit$/);
  // The wizard moves the focus to its amount field.
  assert.equal(await page.evaluate(() => document.activeElement?.labels?.[0]?.innerText), 'Amount to credit (€)');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('25.50');
  await page.keyboard.press('Enter'); // submits the form
  await page.getByText('A purchase order of €25.50 will be generated.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.innerText), 'Generate the purchase order');
  await page.keyboard.press('Enter');
  await tabTo(page, /^Pay with/);
  await page.keyboard.press('End'); // the last choice: bank transfer
  await tabTo(page, /^Pay BC-000003\b/);
  await page.keyboard.press('Enter');
  assert.equal(await balance(page), '€18.52');
  noPageErrors(page);
});

test('layout from 360 px: no horizontal scroll, three screens attached as screenshots', async () => {
  for (const [width, height] of [[360, 740], [1280, 800]]) {
    const page = await loggedIn(app, 'fr', { viewport: { width, height } });
    await clock(page, 'nextEvent');
    for (const [tab, entry, name] of [['billing', 'ovhAccount', 'ovh-account'], ['exchange', 'billingMode', 'billing-mode'], ['inbox', null, 'inbox']]) {
      await open(page, tab, entry);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} at ${width}px scrolls sideways by ${overflow}px`);
      await app.screenshot(page, `${name}-${width}px`);
    }
    noPageErrors(page);
  }
});
