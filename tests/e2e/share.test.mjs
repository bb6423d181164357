// A simulation that travels, in a real browser: the share link (`#s=…`, made in one browser
// context, opened in another that asks first and keeps its own simulation as a snapshot
// whatever the answer), bad links and bad files (each refused with its reason in the user's
// language, nothing changed: the save byte for byte and the screen), the export file and its
// import by the file picker and by drag-and-drop, and the embed mode: the example
// documentation page with its two sandboxed frames (their saves apart from each other and from
// the full app's, their height and end messages to the host, "Open in the full simulator"),
// `?embed=1`, the embed's own navigation, and axe-core at 1280 and 360 px.
// Expected texts are the app's catalogues (public/i18n/*.json), in EN, FR and IT.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync, inflateSync, inflateRawSync } from 'node:zlib';
import { startApp, ROOT, seriousA11yViolations } from './harness.mjs';
import { UI, loggedIn, open, clock, today, balance, savedState, a11yViolations, noPageErrors } from './panel.mjs';
import { T, GUIDE, fill, norm, exactly, day } from './texts.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

// ---------- texts and limits: the app's own ----------


/** A `pub const NAME: type = <a * b * …>;` of a Rust source file, as a number. */
function rustConst(file, name) {
  const src = readFileSync(join(ROOT, 'src', ...file.split('/')), 'utf8');
  const m = src.match(new RegExp(`pub const ${name}: \\w+ = ([\\d_ *]+);`));
  assert.ok(m, `${name} in ${file}`);
  return m[1].split('*').reduce((p, n) => p * Number(n.replace(/[_\s]/g, '')), 1);
}
const SCHEMA = rustConst('storage/store.rs', 'SCHEMA');
const MAX_LINK = rustConst('storage/transfer.rs', 'MAX_LINK'); // characters after `#s=`
const MAX_FILE = rustConst('storage/transfer.rs', 'MAX_FILE'); // bytes of a file or of an inflated link
const APP = 'hosted-exchange-sim';

/** "-€6.98" / "-6,98 €" → -6.98: a balance as a number, whatever the language. */
const amount = (text) => Number(text.replace(/[^\d,.-]/g, '').replace(',', '.'));

/** The refusal as the dialog says it: the reason, then "Nothing was changed." */
const refusal = (lang, key, ...args) => `${fill(T[lang][key], ...args)} ${T[lang].transfer_nothing_changed}`;

// ---------- page helpers ----------

/** Another page in `page`'s context (same localStorage), with its errors collected. */
async function pageBeside(page, lang) {
  const other = await page.context().newPage();
  other.t = UI[lang];
  other.errors = [];
  other.on('pageerror', (e) => other.errors.push(e));
  return other;
}

/** Everything this origin keeps in localStorage, for "nothing changed" checks. */
const storage = (page) => page.evaluate(() => ({ ...localStorage }));

/** Settings → "Share this simulation": the link as the page shows it (the clipboard may be
 * unavailable headless, so it is read from the link field). */
async function shareLink(page, lang) {
  const t = T[lang];
  await open(page, 'settings');
  const card = page.getByRole('region', { name: exactly(t.transfer_title) });
  await card.getByRole('button', { name: exactly(t.share_button) }).click();
  await card.getByText(exactly(t.share_copied)).waitFor();
  return card.getByLabel(exactly(t.share_link_label)).inputValue();
}

/** A run made in its own context (EN): logged in, the next event (10 March), then a week
 * (17 March). Its link, date, balance and actions. */
async function sharedRun() {
  const page = await loggedIn(app, 'en');
  await clock(page, 'nextEvent');
  await clock(page, 'plusWeek');
  await open(page, 'billing', 'ovhAccount');
  const run = {
    date: await today(page),
    balance: amount(await balance(page)),
    actions: (await savedState(page)).actions,
    link: await shareLink(page, 'en'),
  };
  run.payload = new URL(run.link).hash.replace(/^#s=/, '');
  noPageErrors(page);
  await page.context().close();
  return run;
}

const incoming = (page, lang) => page.getByRole('dialog', { name: exactly(T[lang].incoming_title) });
const refused = (page, lang) => page.getByRole('alertdialog', { name: exactly(T[lang].incoming_refused_title) });

/** The refusal dialog says exactly `text`; dismissed, it goes. */
async function expectRefused(page, lang, text, what) {
  const dialog = refused(page, lang);
  await dialog.waitFor();
  assert.equal(norm(await dialog.locator('#incoming-body').innerText()), norm(text), what);
  await dialog.getByRole('button', { name: exactly(T[lang].dismiss) }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The day a log reaches as the dialog tells it before any replay (issue 16): from its start's
 * day, each move by days exactly, each *Next event* a day at least (then "or later"). */
function reach(startIso, actions) {
  let days = 0;
  let exact = true;
  for (const a of actions) {
    if (a.Advance === 'NextEvent') { days += 1; exact = false; }
    else if (a.Advance?.Days !== undefined) days += a.Advance.Days;
  }
  const d = new Date(`${startIso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  const iso = d.toISOString().slice(0, 10);
  return exact ? iso : { notBefore: iso };
}
/** The demo's first day (RULES.md's worked example). */
const DEMO_START = '2026-03-08';

/** The "Open this simulation?" dialog says its start, its simulated date as its log tells it
 * (`date`: a day, or `{ notBefore }`), and its length. */
async function expectOffered(page, lang, { start, date, actions }) {
  const dialog = incoming(page, lang);
  await dialog.waitFor();
  const t = T[lang];
  const when = typeof date === 'string' ? day(lang, date) : fill(t.incoming_date_not_before, day(lang, date.notBefore));
  assert.equal(
    norm(await dialog.locator('#incoming-body').innerText()),
    norm(fill(t.incoming_summary, start, when, String(actions))),
    `${lang}: the dialog says what it is`,
  );
  await dialog.getByText(exactly(t.incoming_keep_note)).waitFor();
  return dialog;
}

const base64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const unbase64url = (s) => Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A link's zlib stream inflated without its Adler-32 check: what an altered link would give if
 * the app did not check it (its 2-byte header and 4-byte checksum left out). */
const inflateUnchecked = (buf) => inflateRawSync(buf.subarray(2, buf.length - 4));

/** The payload with one character changed, the first change (from the start) whose result does
 * not inflate any more (zlib, as the link is made). */
function tamperBroken(payload) {
  for (let i = 0; i < payload.length; i++) {
    for (const c of ALPHABET) {
      if (c === payload[i]) continue;
      const t = payload.slice(0, i) + c + payload.slice(i + 1);
      try { inflateSync(unbase64url(t)); } catch { return t; }
    }
  }
  throw new Error('no breaking change found');
}

/** The payload with one character changed such that its compressed data still inflates to this
 * app's JSON, but with other actions (only the checksum would tell): the first such change from
 * the start (deterministic for a given link). */
function tamperStillValid(payload) {
  const original = JSON.parse(inflateSync(unbase64url(payload)).toString());
  for (let i = 0; i < payload.length; i++) {
    for (const c of ALPHABET) {
      if (c === payload[i]) continue;
      const t = payload.slice(0, i) + c + payload.slice(i + 1);
      let doc;
      try { doc = JSON.parse(inflateUnchecked(unbase64url(t)).toString()); } catch { continue; }
      if (doc?.app !== APP || !Array.isArray(doc?.state?.actions)) continue;
      if (JSON.stringify(Object.keys(doc.state)) !== JSON.stringify(Object.keys(original.state))) continue;
      if (JSON.stringify(doc.state.actions) === JSON.stringify(original.state.actions)) continue;
      return { tampered: t, at: i, actions: doc.state.actions };
    }
  }
  return null;
}

// ---------- 1. the share link ----------

test('share link: made in one context (EN), opened in another that has its own run (FR): it says what it is, asks first, "open" shows the same date and balance, and the own run is kept as a snapshot and aside', async () => {
  const run = await sharedRun();
  const url = new URL(run.link);
  assert.equal(run.date, '2026-03-17');
  assert.equal(url.origin + url.pathname, app.url('/'), 'the link opens the app');
  assert.equal(url.search, '', 'nothing in the query string (it would reach the server)');
  assert.match(url.hash, /^#s=[A-Za-z0-9_-]+$/, 'the run is in the fragment, URL-safe');

  const first = await loggedIn(app, 'fr');
  await clock(first, 'plusDay');
  const own = await savedState(first);
  const before = await storage(first);
  assert.equal(await today(first), '2026-03-09');
  noPageErrors(first);
  await first.close();

  // The link opened in a new tab of that browser.
  const b = await pageBeside(first, 'fr');
  await b.goto(run.link);
  const dialog = await expectOffered(b, 'fr', { start: T.fr.start_demo, date: reach(DEMO_START, run.actions), actions: run.actions.length });
  // Asked, not replaced: the screen and the store are as they were.
  assert.equal(await today(b), '2026-03-09', 'nothing replaced before the answer');
  assert.deepEqual(await storage(b), before, 'nothing written before the answer');
  assert.doesNotMatch(b.url(), /#s=/, 'the link leaves the address (a reload will not ask again)');

  await dialog.getByRole('button', { name: exactly(T.fr.incoming_accept) }).click();
  await b.getByRole('heading', { level: 1, name: UI.fr.ovhAccount }).waitFor();
  assert.equal(await today(b), run.date, 'the same simulated date as the sender');
  assert.equal(amount(await balance(b)), run.balance, 'the same balance as the sender');
  const now = await savedState(b);
  assert.deepEqual(now.actions, run.actions, 'the same run');

  // B's own run goes along as a snapshot named after its date, and its save is kept aside.
  const keptName = fill(T.fr.incoming_kept_name, day('fr', '2026-03-09'));
  const kept = now.snapshots.find((s) => norm(s.name) === norm(keptName));
  assert.ok(kept, `a snapshot "${keptName}" in ${JSON.stringify(now.snapshots.map((s) => s.name))}`);
  assert.deepEqual(kept.actions, own.actions, 'the snapshot is B\'s own run');
  const aside = await b.evaluate(() => JSON.parse(localStorage.getItem('hes.aside-index') ?? '[]'));
  const replaced = aside.filter((e) => e.reason === 'Replaced');
  assert.equal(replaced.length, 1, 'B\'s save is kept aside once');
  assert.equal(replaced[0].slot, 'hes.save');
  assert.equal(await b.evaluate((k) => localStorage.getItem(k), replaced[0].key), before['hes.save'], 'verbatim');

  // Settings lists both, in French.
  await open(b, 'settings');
  await b.getByRole('region', { name: T.fr.snapshots_title }).getByText(exactly(keptName)).waitFor();
  await b.getByRole('region', { name: T.fr.aside_title }).getByText(exactly(T.fr.reason_replaced)).waitFor();
  // A reload does not ask again.
  await b.reload();
  await b.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await incoming(b, 'fr').count(), 0);
  assert.equal(await today(b), run.date);
  noPageErrors(b);
});

test('share link declined (IT): the own run stays as it was on screen and in the store, and is still kept as a snapshot', async () => {
  const run = await sharedRun();
  const first = await loggedIn(app, 'it');
  await clock(first, 'plusWeek');
  const own = await savedState(first);
  assert.equal(await today(first), '2026-03-15');
  noPageErrors(first);
  await first.close();

  const c = await pageBeside(first, 'it');
  await c.goto(run.link);
  const dialog = await expectOffered(c, 'it', { start: T.it.start_demo, date: reach(DEMO_START, run.actions), actions: run.actions.length });
  await dialog.getByRole('button', { name: exactly(T.it.incoming_decline) }).click();
  await dialog.waitFor({ state: 'detached' });

  assert.equal(await today(c), '2026-03-15', 'the own date on screen');
  const now = await savedState(c);
  assert.deepEqual(now.actions, own.actions, 'the own run, unchanged');
  const keptName = fill(T.it.incoming_kept_name, day('it', '2026-03-15'));
  assert.deepEqual(now.snapshots.map((s) => s.name), [...own.snapshots.map((s) => s.name), keptName], 'a snapshot whatever the answer');
  assert.deepEqual(now.snapshots.at(-1).actions, own.actions, 'of the own run as it was');
  await open(c, 'settings');
  await c.getByRole('region', { name: T.it.snapshots_title }).getByText(exactly(keptName)).waitFor();
  await c.reload();
  await c.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await incoming(c, 'it').count(), 0, 'a reload does not ask again');
  noPageErrors(c);
});

test('a share link opened in a tab already showing the app (same page, only the fragment differs) is read too: it asks (EN)', async () => {
  const run = await sharedRun();
  const page = await loggedIn(app, 'en'); // on the home page, `/`
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(new URL(run.link).pathname, '/');
  const before = await storage(page);
  // As when the link is pasted into this tab's address bar: the browser only changes the
  // fragment (a same-document navigation, no reload).
  await page.goto(run.link);
  await incoming(page, 'en').waitFor({ timeout: 5000 }).catch(() => {});
  assert.equal(await incoming(page, 'en').count(), 1, `the link is offered (the address is now ${page.url()})`);
  await expectOffered(page, 'en', { start: T.en.start_demo, date: reach(DEMO_START, run.actions), actions: run.actions.length });
  assert.deepEqual(await storage(page), before, 'nothing replaced before the answer');
  noPageErrors(page);
});

// ---------- 2. bad links ----------

test('bad links — cut short, one character changed, too long, inflating past 1 MiB, not base64 — are refused with their reason in FR and IT (and EN), and nothing changes', async () => {
  const { payload } = await sharedRun();
  const bomb = base64url(deflateSync(Buffer.alloc(MAX_FILE + 10, 0x20), { level: 9 }));
  assert.ok(bomb.length < MAX_LINK, 'the bomb is a short link');
  const cases = (lang) => [
    ['cut short', payload.slice(0, Math.floor(payload.length / 2)), refusal(lang, 'transfer_damaged')],
    ['one character changed', tamperBroken(payload), refusal(lang, 'transfer_damaged')],
    ['too long', 'A'.repeat(MAX_LINK + 1), refusal(lang, 'transfer_too_large', String(MAX_LINK / 1024))],
    ['inflates past 1 MiB', bomb, refusal(lang, 'transfer_too_large', String(MAX_FILE / 1024))],
    ['not base64', '*not~base64!', refusal(lang, 'transfer_damaged')],
  ];
  for (const lang of ['fr', 'it', 'en']) {
    const page = await loggedIn(app, lang);
    await clock(page, 'nextEvent');
    await open(page, 'billing', 'ovhAccount');
    const before = await storage(page);
    const shown = [await today(page), await balance(page)];
    for (const [what, bad, text] of lang === 'en' ? cases(lang).slice(0, 2) : cases(lang)) {
      // A new document each time (a change of fragment alone does not reload the app).
      await page.goto('about:blank');
      await page.goto(`${app.url('/billing/ovh-account')}#s=${bad}`);
      await expectRefused(page, lang, text, `${lang}, ${what}`);
      assert.deepEqual(await storage(page), before, `${lang}, ${what}: the store is byte for byte as it was`);
      assert.deepEqual([await today(page), await balance(page)], shown, `${lang}, ${what}: the screen is as it was`);
      assert.equal(await incoming(page, lang).count(), 0, `${lang}, ${what}: nothing offered`);
    }
    noPageErrors(page);
    await page.context().close();
  }
});

test('a link with one character changed that still decompresses (to other actions) is refused as altered, never offered as another simulation (EN)', async () => {
  const run = await sharedRun();
  const found = tamperStillValid(run.payload);
  assert.ok(found, 'a one-character change that still inflates to our JSON');
  const page = await loggedIn(app, 'en');
  await clock(page, 'plusDay');
  const before = await storage(page);
  await page.goto('about:blank');
  await page.goto(`${app.url('/')}#s=${found.tampered}`);
  // Which dialog comes: the refusal, or the offer of the altered run.
  await page.locator('#incoming-title').waitFor();
  const body = norm(await page.locator('#incoming-body').innerText());
  assert.equal(
    body, norm(refusal('en', 'transfer_damaged')),
    `the link, altered at character ${found.at} (actions now ${JSON.stringify(found.actions)} instead of ${JSON.stringify(run.actions)}), must be refused as altered`,
  );
  assert.deepEqual(await storage(page), before);
  noPageErrors(page);
});

// ---------- 3. export and import ----------

/** Adds a Visa card from Billing → My payment methods (EN). */
async function addCard(page) {
  await open(page, 'billing', 'paymentMethods');
  await page.getByRole('link', { name: page.t.addMethodLink }).click();
  await page.getByRole('radio', { name: page.t.card }).check();
  await page.getByLabel(page.t.cardNumber).fill('4242 4242 4242 4242');
  await page.getByLabel(page.t.cardExpiry).fill('12/30');
  await page.getByRole('button', { name: page.t.add, exact: true }).click();
  await page.waitForURL(/\/billing\/payment-methods$/);
}

/** An export made in its own context (EN): a card, then the next event (the card pays). */
async function exported() {
  const page = await loggedIn(app, 'en');
  await addCard(page);
  await clock(page, 'nextEvent');
  await open(page, 'billing', 'ovhAccount');
  const run = { date: await today(page), balance: amount(await balance(page)), actions: (await savedState(page)).actions };
  await open(page, 'settings');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: exactly(T.en.export_button) }).click(),
  ]);
  run.name = download.suggestedFilename();
  run.text = await readFile(await download.path(), 'utf8');
  noPageErrors(page);
  await page.context().close();
  return run;
}

/** After "open" on an imported file: the sender's date, balance, card and run. */
async function expectSameRun(page, lang, run, doc) {
  await page.getByRole('heading', { level: 1, name: UI[lang].ovhAccount }).waitFor();
  assert.equal(await today(page), run.date, `${lang}: the same simulated date`);
  assert.equal(amount(await balance(page)), run.balance, `${lang}: the same balance`);
  assert.deepEqual((await savedState(page)).actions, doc.state.actions, `${lang}: the same run`);
  await open(page, 'billing', 'paymentMethods');
  await page.getByRole('row', { name: /Visa ••••4242/ }).waitFor();
}

test('export: a JSON file with its app, schema and run, and no full card number or password; imported by the file picker (IT) and by drag-and-drop (FR), it gives the same simulation', async () => {
  const run = await exported();
  assert.equal(run.name, `hosted-exchange-simulation-${run.date}.json`);
  const doc = JSON.parse(run.text);
  assert.equal(doc.app, APP);
  assert.equal(doc.schema, SCHEMA, 'the schema version');
  assert.ok(Number.isInteger(doc.revision));
  assert.ok(!Number.isNaN(Date.parse(doc.saved_at)), 'when it was saved');
  assert.deepEqual(doc.state.actions, run.actions, 'the whole run');
  for (const secret of ['4242424242424242', '4242 4242 4242 4242', 'not-a-real-password']) {
    assert.ok(!run.text.includes(secret), `${secret} is not in the file`);
  }
  assert.match(run.text, /Visa ••••4242/, 'only the masked card');

  // The file picker (IT), over a run of its own.
  const b = await loggedIn(app, 'it');
  await clock(b, 'plusDay');
  const own = await savedState(b);
  await open(b, 'settings');
  await b.getByLabel(exactly(T.it.import_label)).setInputFiles({ name: run.name, mimeType: 'application/json', buffer: Buffer.from(run.text) });
  const dialog = await expectOffered(b, 'it', { start: T.it.start_demo, date: reach(DEMO_START, run.actions), actions: run.actions.length });
  assert.deepEqual((await savedState(b)).actions, own.actions, 'nothing replaced before the answer');
  await dialog.getByRole('button', { name: exactly(T.it.incoming_accept) }).click();
  await expectSameRun(b, 'it', run, doc);
  const kept = (await savedState(b)).snapshots.at(-1);
  assert.equal(kept.name, fill(T.it.incoming_kept_name, day('it', '2026-03-09')));
  assert.deepEqual(kept.actions, own.actions, 'the own run kept as a snapshot');
  noPageErrors(b);

  // Drag-and-drop (FR): a File in a DataTransfer, dropped on the import zone.
  const c = await loggedIn(app, 'fr');
  await open(c, 'settings');
  const zone = c.locator('.dropzone').filter({ has: c.getByLabel(exactly(T.fr.import_label)) });
  const dataTransfer = await c.evaluateHandle(({ text, name }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type: 'application/json' }));
    return dt;
  }, { text: run.text, name: run.name });
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  assert.match(await zone.getAttribute('class'), /\bover\b/, 'the zone shows it will take the file');
  await zone.dispatchEvent('drop', { dataTransfer });
  const offered = await expectOffered(c, 'fr', { start: T.fr.start_demo, date: reach(DEMO_START, run.actions), actions: run.actions.length });
  assert.doesNotMatch(await zone.getAttribute('class'), /\bover\b/);
  await offered.getByRole('button', { name: exactly(T.fr.incoming_accept) }).click();
  await expectSameRun(c, 'fr', run, doc);
  noPageErrors(c);
});

test('bad files — over 1 MiB, not JSON, not ours, a newer schema, wrong types, a log that does not replay — are refused with their reason (FR, EN), by picker and by drop, and nothing changes', async () => {
  const run = await exported();
  const good = JSON.parse(run.text);
  const edit = (f) => { const doc = structuredClone(good); f(doc); return JSON.stringify(doc, null, 2); };
  const login = good.state.actions[0];
  assert.ok(login.LogIn, 'the run starts with the login');
  const files = (lang) => [
    ['over 1 MiB', run.text + ' '.repeat(MAX_FILE + 1 - Buffer.byteLength(run.text)), refusal(lang, 'transfer_too_large', String(MAX_FILE / 1024))],
    ['not JSON', 'date,balance\n2026-03-10,0.00\n', refusal(lang, 'transfer_not_ours')],
    ['JSON, not ours', edit((d) => { d.app = 'another-app'; }), refusal(lang, 'transfer_not_ours')],
    ['JSON without app', JSON.stringify({ schema: SCHEMA, state: good.state }), refusal(lang, 'transfer_not_ours')],
    ['a newer schema (99)', edit((d) => { d.schema = 99; }), refusal(lang, 'transfer_future_schema', '99', String(SCHEMA))],
    ['wrong types (days as text)', edit((d) => { d.state.actions.push({ Advance: { Days: 'seven' } }); }), refusal(lang, 'transfer_not_ours')],
    ['wrong types (actions not a list)', edit((d) => { d.state.actions = 'all of them'; }), refusal(lang, 'transfer_not_ours')],
    // A log that no longer replays is read and offered (issue 16: nothing is replayed before the
    // answer), then refused when it is replayed: `true` marks those.
    ['logged in twice (action 2 refused)', edit((d) => { d.state.actions = [login, login]; }), refusal(lang, 'transfer_refused', '2'), true],
    // B5 now refuses it before any replay (the clock would pass 31 December 2100), naming the
    // bound, where the replay used to refuse its third action (T2).
    ['the clock moved over 100 years at once (over B5, refused before replay)',
      edit((d) => { d.state.actions = [login, { Advance: 'NextEvent' }, { Advance: { Days: 36_526 } }]; }),
      refusal(lang, 'transfer_bounds', `${fill(T[lang].ref_past_last_day, day(lang, '2100-12-31'))} (${fill(T[lang].ref_rule, 'B5')})`)],
    ['an order paid that does not exist (action 2 refused)',
      edit((d) => { d.state.actions = [login, { PayOrder: [99, 'BankTransfer'] }]; }), refusal(lang, 'transfer_refused', '2'), true],
  ];
  assert.equal(Buffer.byteLength(files('en')[0][1]), MAX_FILE + 1);

  for (const lang of ['fr', 'en']) {
    const page = await loggedIn(app, lang);
    await clock(page, 'nextEvent');
    await open(page, 'settings');
    const before = await storage(page);
    const date = await today(page);
    const input = page.getByLabel(exactly(T[lang].import_label));
    for (const [what, text, expected, onReplay] of files(lang)) {
      await input.setInputFiles({ name: 'simulation.json', mimeType: 'application/json', buffer: Buffer.from(text) });
      if (onReplay) {
        const offered = incoming(page, lang);
        await offered.getByRole('button', { name: exactly(T[lang].incoming_accept) }).click();
      }
      await expectRefused(page, lang, expected, `${lang}, ${what}`);
      assert.deepEqual(await storage(page), before, `${lang}, ${what}: the store is byte for byte as it was`);
      assert.equal(await today(page), date, `${lang}, ${what}: the screen is as it was`);
    }
    // The drop zone checks the same way (the size first).
    const zone = page.locator('.dropzone');
    for (const [what, text, expected] of [files(lang)[0], files(lang)[4]]) {
      const dataTransfer = await page.evaluateHandle((t) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], 'simulation.json', { type: 'application/json' }));
        return dt;
      }, text);
      await zone.dispatchEvent('dragover', { dataTransfer });
      await zone.dispatchEvent('drop', { dataTransfer });
      await expectRefused(page, lang, expected, `${lang}, dropped, ${what}`);
      assert.deepEqual(await storage(page), before, `${lang}, dropped, ${what}: nothing changed`);
    }
    await open(page, 'billing', 'ovhAccount');
    assert.equal(await today(page), date);
    noPageErrors(page);
    await page.context().close();
  }
});

// ---------- 4. embed mode ----------

// The example page (embed.js): an Italian section on the left, a French scenario on the right.
const clockOf = (frame, lang = 'en') => frame.getByRole('region', { name: T[lang].clock_label }).locator('time').getAttribute('datetime');

/** Clicks in a frame of the example page. The frame is as tall as its content, and on a narrow
 * frame the scenario player is a sheet at the frame's bottom edge: that edge is brought into
 * the host page's view first, as a reader would scroll to it. */
async function clickInFrame(page, frameSelector, locator) {
  await page.locator(frameSelector).evaluate((f) => f.scrollIntoView({ block: 'end' }));
  await locator.click();
}

/** The example page, both frames drawn (their walkthrough and player panels). */
async function examplePage(page) {
  await page.goto(app.url('/embed-example.html'));
  const left = page.frameLocator('#left iframe');
  const right = page.frameLocator('#right iframe');
  await left.getByRole('complementary', { name: exactly(`G4 · ${T.it.sec_g4}`) }).waitFor();
  await page.locator('#right').scrollIntoViewIfNeeded();
  await right.getByRole('complementary', { name: exactly(GUIDE.fr['debt-unpaid.title']) }).waitFor();
  return { left, right };
}

test('embed example page (embed.js, an Italian section and a French scenario): two sandboxed frames, each with its own save (never the other\'s, never the full app\'s), sized by their height message; the scenario played to its end tells the host', async () => {
  // The full app has a run of its own in this browser.
  const page = await loggedIn(app, 'en');
  await clock(page, 'nextEvent');
  const fullSave = await page.evaluate(() => localStorage.getItem('hes.save'));
  assert.ok(fullSave);

  const { left, right } = await examplePage(page);
  // The left frame has the strictest sandbox the embed works in; the right one also lets
  // "Open in the full simulator" open a tab.
  const sandbox = async (id) => (await page.locator(`#${id} iframe`).getAttribute('sandbox')).split(/\s+/).sort();
  assert.deepEqual(await sandbox('left'), ['allow-same-origin', 'allow-scripts'], '#left is sandboxed');
  assert.deepEqual(await sandbox('right'), ['allow-popups', 'allow-popups-to-escape-sandbox', 'allow-same-origin', 'allow-scripts'], '#right is sandboxed');
  await page.waitForFunction(() => ['left', 'right'].every((id) => Number(document.getElementById(id).dataset.height) > 0));
  for (const id of ['left', 'right']) {
    const reported = Number(await page.locator(`#${id}`).getAttribute('data-height'));
    const style = await page.locator(`#${id} iframe`).evaluate((f) => f.style.height);
    assert.equal(style, `${reported}px`, `#${id} is sized from its height message`);
  }
  // Each starts where its link says: G4 on 10 March (in debt), the scenario on 8 March.
  assert.equal(await clockOf(left, 'it'), '2026-03-10');
  assert.equal(await clockOf(right, 'fr'), '2026-03-08');
  // No login screen in either: the demo customer is logged in.
  for (const [frame, lang] of [[left, 'it'], [right, 'fr']]) assert.equal(await frame.getByRole('button', { name: UI[lang].login, exact: true }).count(), 0);

  // Acting in one leaves the other as it was.
  await left.getByRole('button', { name: UI.it.plusDay, exact: true }).click();
  await left.getByRole('region', { name: T.it.clock_label }).locator('time[datetime="2026-03-11"]').waitFor();
  assert.equal(await clockOf(right, 'fr'), '2026-03-08', 'the scenario frame did not move');
  const step = right.getByRole('button', { name: exactly(T.fr.sc_step) });
  const beats = 4;
  for (let n = 1; n <= beats; n++) {
    await clickInFrame(page, '#right', step);
    const progress = n < beats ? fill(T.fr.sc_beat, String(n + 1), String(beats)) : T.fr.sc_finished;
    await right.getByText(exactly(progress)).waitFor();
    assert.equal(await clockOf(left, 'it'), '2026-03-11', `beat ${n}: the G4 frame did not move`);
  }
  assert.equal(await clockOf(right, 'fr'), '2026-03-18', 'the scenario ran to its end');

  // The host got the end message, once, through embed.js's events on the element.
  await page.locator('#log li', { hasText: 'hes:scenario-ended' }).first().waitFor();
  const log = (await page.locator('#log li').allInnerTexts()).filter((l) => l.includes('hes:scenario-ended'));
  assert.equal(log.length, 1, log.join('\n'));
  assert.ok(log[0].startsWith('right: '), log[0]);
  assert.deepEqual(JSON.parse(log[0].slice('right: '.length)), { type: 'hes:scenario-ended', embed: 'scenario-debt-unpaid@right', scenario: 'debt-unpaid' });

  // The store: one key per frame, each its own run; the full app's save untouched.
  const all = await storage(page);
  assert.deepEqual(Object.keys(all).filter((k) => k.startsWith('hes.embed.')).sort(), ['hes.embed.guide-g4@left', 'hes.embed.scenario-debt-unpaid@right']);
  const g4 = JSON.parse(all['hes.embed.guide-g4@left']).state;
  const scenario = JSON.parse(all['hes.embed.scenario-debt-unpaid@right']).state;
  // The example's left frame is Italian: its section runs on the Italian subsidiary (sub follows
  // lang, issue 19; saved as [section, subsidiary], issue 20 item 2); the French scenario on France.
  assert.deepEqual(g4.start, { Section: ['G4', 'It'] });
  assert.deepEqual(g4.actions, [{ Advance: { Days: 1 } }]);
  assert.deepEqual(scenario.start, { Scenario: 'DebtUnpaid' });
  assert.equal(scenario.step, beats);
  assert.equal(all['hes.save'], fullSave, 'the full app\'s save is byte for byte as it was');
  assert.equal(all['hes.active'] ?? 'own', 'own');
  noPageErrors(page);
});

test('embed example page: "Open in the full simulator" carries the frame\'s run; followed, the full app offers that run (its scenario and date) and asks first', async () => {
  const page = await app.newPage();
  const { right } = await examplePage(page);
  await clickInFrame(page, '#right', right.getByRole('button', { name: exactly(T.fr.sc_step) }));
  await right.getByText(exactly(fill(T.fr.sc_beat, '2', '4'))).waitFor();
  assert.equal(await clockOf(right, 'fr'), '2026-03-10');

  const link = right.getByRole('link', { name: exactly(T.fr.embed_open_full) });
  assert.equal(await link.getAttribute('target'), '_blank');
  const popup = page.context().waitForEvent('page', { timeout: 5000 }).catch(() => null);
  await link.click();
  const opened = await popup;
  // The link is made when it is followed: it carries the run of that moment.
  const href = await link.getAttribute('href');
  const url = new URL(href);
  assert.equal(url.origin + url.pathname, app.url('/'));
  assert.equal(url.search, '');
  assert.match(url.hash, /^#s=[A-Za-z0-9_-]+$/);

  // Followed in a new page (this browser, where the full app has no run yet), it asks.
  const full = await pageBeside(page, 'en');
  await full.goto(href);
  // The scenario starts on 8 March; its one action is a *Next event*: a day at least.
  const dialog = await expectOffered(full, 'en', { start: fill(T.en.start_scenario, GUIDE.en['debt-unpaid.title']), date: { notBefore: '2026-03-09' }, actions: 1 });
  assert.equal(await full.evaluate(() => localStorage.getItem('hes.save')), null, 'nothing saved before the answer');
  await dialog.getByRole('button', { name: exactly(T.en.incoming_accept) }).click();
  await full.getByRole('heading', { level: 1, name: UI.en.ovhAccount }).waitFor();
  assert.equal(await today(full), '2026-03-10');
  assert.equal(await balance(full), '-€6.98');
  noPageErrors(full);

  // And a click on the link in the frame that allows pop-ups opens it in a new tab.
  assert.ok(opened, 'clicking "Open in the full simulator" in the example page\'s right frame opens the full simulator in a new tab');
  await opened.waitForLoadState();
  assert.match(opened.url(), /#s=|\/$/);
  await opened.getByRole('dialog').or(opened.getByRole('heading', { level: 1 })).first().waitFor();
  assert.equal(await opened.evaluate(() => window.opener), null, 'the new tab has no handle on the frame');
  noPageErrors(page);
});

test('embed example page: in the strictest sandbox (no pop-ups), "Open in the full simulator" shows the link to copy, which opens the same run (IT frame)', async () => {
  const page = await app.newPage();
  const { left } = await examplePage(page);
  await left.getByRole('button', { name: UI.it.plusDay, exact: true }).click();
  await left.getByRole('region', { name: T.it.clock_label }).locator('time[datetime="2026-03-11"]').waitFor();
  let popups = 0;
  page.context().on('page', () => { popups += 1; });
  await left.getByRole('link', { name: exactly(T.it.embed_open_full) }).click();
  const alert = left.getByRole('alert').filter({ hasText: T.it.embed_open_blocked });
  await alert.waitFor();
  const field = left.getByRole('textbox', { name: T.it.embed_open_blocked });
  const href = await field.inputValue();
  assert.match(href, /#s=[A-Za-z0-9_-]+$/);
  assert.equal(popups, 0, 'the sandbox opened no tab');
  const full = await pageBeside(page, 'en');
  await full.goto(href);
  await expectOffered(full, 'en', { start: `G4 · ${T.en.sec_g4}`, date: '2026-03-11', actions: 1 });
  noPageErrors(page);
});

test('`?embed=1` on a scenario or section link: the compact embed layout (no brand, no Journal or Settings, no login, no footer), its own slot named by `id`', async () => {
  const page = await app.newPage({ locale: 'fr-FR' });
  page.t = UI.fr;
  await page.goto(app.url('/scenario/debt-unpaid?embed=1&id=doc'));
  await page.waitForURL((u) => u.pathname === '/embed/scenario/debt-unpaid@doc');
  await page.getByRole('complementary', { name: exactly(GUIDE.fr['debt-unpaid.title']) }).waitFor();
  const t = T.fr;
  assert.match(await page.locator('header').getAttribute('class'), /\bcompact\b/);
  assert.equal(await page.getByRole('link', { name: exactly(t.app_title) }).count(), 0, 'no brand link');
  const nav = page.getByRole('navigation', { name: exactly(t.nav_label) });
  await nav.waitFor();
  assert.deepEqual(
    (await nav.getByRole('link').allInnerTexts()).map((s) => norm(s)),
    [t.nav_billing, t.nav_exchange, t.nav_inbox].map(norm),
    'only the panel\'s own tabs',
  );
  assert.equal(await page.getByText(exactly(t.app_disclaimer)).count(), 0, 'no footer');
  assert.equal(await page.getByRole('heading', { name: exactly(t.login_title) }).count(), 0, 'no login screen');
  assert.equal(await today(page), '2026-03-08', 'the demo customer is logged in: the clock is there');
  await page.getByRole('link', { name: exactly(t.embed_open_full) }).waitFor();
  await page.getByRole('button', { name: UI.fr.plusDay, exact: true }).click();
  await page.getByRole('region', { name: t.clock_label }).locator('time[datetime="2026-03-09"]').waitFor();
  assert.deepEqual(Object.keys(await storage(page)).filter((k) => k.startsWith('hes.')), ['hes.embed.scenario-debt-unpaid@doc']);

  // A section's link too.
  await page.goto(app.url('/guide/g4?embed=1'));
  await page.waitForURL((u) => u.pathname === '/embed/guide/g4');
  await page.getByRole('complementary', { name: exactly(`G4 · ${t.sec_g4}`) }).waitFor();
  assert.match(await page.locator('header').getAttribute('class'), /\bcompact\b/);
  assert.equal(await today(page), '2026-03-10');
  assert.equal(await page.getByRole('heading', { name: exactly(t.login_title) }).count(), 0, 'no login screen');
  assert.equal(await page.evaluate(() => localStorage.getItem('hes.save')), null, 'never the full app\'s save');
  noPageErrors(page);
});

test('inside an embed, its own tabs keep it an embed: G4\'s first step ("open the Inbox tab") opens the embed\'s inbox, same run (EN)', async () => {
  const page = await app.newPage();
  page.t = UI.en;
  await page.goto(app.url('/embed/guide/g4'));
  const panel = page.getByRole('complementary', { name: exactly(`G4 · ${T.en.sec_g4}`) });
  await panel.getByText(exactly(fill(T.en.tour_step, '1', '7'))).waitFor();
  const tab = page.getByRole('navigation', { name: T.en.nav_label }).getByRole('link', { name: UI.en.inbox });
  const href = await tab.getAttribute('href');
  await tab.click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/embed/guide/g4/inbox', `the Inbox tab (href "${href}") stays in the embed; now at ${page.url()}`);
  assert.match(await page.locator('header').getAttribute('class'), /\bcompact\b/);
  assert.equal(await today(page), '2026-03-10');
  await panel.getByText(exactly(fill(T.en.tour_step, '2', '7'))).waitFor();
  noPageErrors(page);
});

test('an embed reports its content\'s height: each frame of the example page settles at the height it reports, not at the host\'s 4000 px cap', async () => {
  const page = await app.newPage();
  await examplePage(page);
  // The heights settle once the frames have drawn (no message for half a second).
  const heights = () => page.evaluate(() => ['left', 'right'].map((id) => document.getElementById(id).dataset.height));
  let last = await heights();
  let stableSince = Date.now();
  const until = Date.now() + 10_000;
  while (Date.now() - stableSince < 500 && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    const now = await heights();
    if (JSON.stringify(now) !== JSON.stringify(last)) { last = now; stableSince = Date.now(); }
  }
  for (const id of ['left', 'right']) {
    const frame = await (await page.locator(`#${id} iframe`).elementHandle()).contentFrame();
    const [reported, inner] = [Number(await page.locator(`#${id}`).getAttribute('data-height')), await frame.evaluate(() => innerHeight)];
    const content = await frame.evaluate(() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom + scrollY));
    assert.ok(reported < 4000, `#${id} reports ${reported}px (content ends at ${content}px): the frame hits the host's cap`);
    assert.equal(inner, reported, `#${id}: the frame is as tall as it reports (${inner} vs ${reported})`);
  }
  noPageErrors(page);
});

// ---------- 5. accessibility in embed mode ----------

test('axe-core in embed mode: no violation in either embed at 1280 and 360 px, none serious on the example page; screenshots', async () => {
  for (const [width, height] of [[1280, 800], [360, 740]]) {
    const page = await app.newPage({ viewport: { width, height } });
    for (const [path, name] of [['/embed/guide/g4', `G4 · ${T.en.sec_g4}`], ['/embed/scenario/debt-unpaid', GUIDE.en['debt-unpaid.title']]]) {
      await page.goto(app.url(path));
      await page.getByRole('complementary', { name: exactly(name) }).waitFor();
      const violations = await a11yViolations(page);
      if (path.includes('scenario')) await app.screenshot(page, `embed-${width}px`);
      assert.deepEqual(violations, [], `${path} at ${width}px: ${violations.join('\n')}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} at ${width}px scrolls sideways by ${overflow}px`);
    }
    await examplePage(page);
    await app.screenshot(page, `embed-example-${width}px`);
    assert.deepEqual(await seriousA11yViolations(page), [], `the example page with its frames at ${width}px`);
    noPageErrors(page);
    await page.context().close();
  }
});
