// Shared harness for the end-to-end tests (node --test tests/e2e/).
//
//   const app = await startApp();          // static server on dist/ + headless Chromium
//   const page = await app.newPage({ locale: 'fr-FR' });
//   await page.goto('/login');              // relative to app.baseURL
//   await app.screenshot(page, 'login');    // tests/e2e/output/login.png
//   await app.close();
//
// Chromium is Debian's (/usr/bin/chromium, or $HES_CHROMIUM) driven by
// playwright-core; Playwright's own browser download is never used.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from './server.mjs';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DIST = resolve(process.env.HES_DIST ?? join(ROOT, 'dist'));
export const OUTPUT = join(ROOT, 'tests', 'e2e', 'output');
export const CHROMIUM = process.env.HES_CHROMIUM ?? '/usr/bin/chromium';
// Playwright adds --headless and a fresh temporary --user-data-dir itself.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * Starts a static server on `root` (default dist/), under `base` (default "/"), and a browser.
 * @param {{ root?: string, base?: string }} [options]
 */
export async function startApp({ root = DIST, base = '/' } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html not found: build first (trunk build --release; scripts/test.sh does it)`);
  }
  await mkdir(OUTPUT, { recursive: true });
  const server = await startServer({ root, base });
  let browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  const contexts = new Set();

  return {
    baseURL: server.url,
    server,
    browser,
    /** URL of a route, e.g. app.url('/billing/ovh-account'). */
    url: (path = '/') => new URL(path.replace(/^\//, ''), server.url).href,
    /**
     * A page in its own fresh context (empty localStorage, own service worker).
     * `page.errors` collects uncaught page errors, `page.consoleErrors` console.error text.
     * @param {{ locale?: string, viewport?: {width:number,height:number} }} [options]
     */
    async newPage({ locale = 'en-US', viewport = { width: 1280, height: 800 }, ...rest } = {}) {
      const context = await browser.newContext({ baseURL: server.url, locale, viewport, ...rest });
      contexts.add(context);
      context.on('close', () => contexts.delete(context));
      context.setDefaultTimeout(15_000);
      const page = await context.newPage();
      page.errors = [];
      page.consoleErrors = [];
      page.on('pageerror', (err) => page.errors.push(err));
      page.on('console', (msg) => {
        if (msg.type() === 'error') page.consoleErrors.push(msg.text());
      });
      return page;
    },
    /** Full-page screenshot to tests/e2e/output/<name>.png; returns the path. */
    async screenshot(page, name) {
      const path = join(OUTPUT, `${name.replace(/[^\w.-]+/g, '_')}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      for (const c of [...contexts]) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

/** axe-core violations of impact "serious" or "critical" on the current page. */
export async function seriousA11yViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Waits for the app to render its single <h1> and returns its text. */
export async function heading(page) {
  // Not the static first screen's (#boot, index.html): the app's own, once it is drawn.
  const h1 = page.locator('h1:not(#boot-title)');
  await h1.first().waitFor({ state: 'visible' });
  return (await h1.first().innerText()).trim();
}
