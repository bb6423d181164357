// What a new user met, each fixed and checked here (issue "Fidelity to the guide and the rough
// edges a new user meets", items 1–12), in FR, IT and EN, at 1280 px and 360/390 px; with the
// screenshots of the payment-method form, the billing-mode tab, the OVH account and the chart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { loggedIn, open, clock, today, balance, a11yViolations, noPageErrors, textMatching, drawn } from './panel.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

const PHONE = { width: 390, height: 844 };
const NARROW = { width: 360, height: 740 };
const WIDE = { width: 1280, height: 800 };

const centerY = (b) => b.y + b.height / 2;

test('1. Add a payment method: each radio button sits right before its own label (FR, IT, EN; 390 and 1280 px)', async () => {
  for (const [lang, subsidiary] of [['fr', 'fr'], ['it', 'it'], ['en', 'fr']]) {
    for (const viewport of [PHONE, WIDE]) {
      const page = await loggedIn(app, lang, { subsidiary, viewport });
      await open(page, 'billing', 'paymentMethods');
      await page.getByRole('link', { name: page.t.addMethodLink }).click();
      const labels = page.locator('fieldset label.check');
      const n = await labels.count();
      assert.ok(n >= 2, 'the subsidiary\'s kinds are offered');
      for (let i = 0; i < n; i++) {
        const radio = await labels.nth(i).locator('input[type=radio]').boundingBox();
        const words = await labels.nth(i).locator('span').boundingBox();
        assert.ok(Math.abs(centerY(radio) - centerY(words)) < 6, `${lang} ${viewport.width}px: radio ${i} is on its label's line`);
        const gap = words.x - (radio.x + radio.width);
        assert.ok(gap >= 0 && gap < 16, `${lang} ${viewport.width}px: radio ${i} is right before its words (gap ${gap})`);
      }
      if (lang === 'fr') await app.screenshot(page, `payment-method-form-${viewport.width === 1280 ? 1280 : 360}px`);
      noPageErrors(page);
      await page.context().close();
    }
  }
});

test('2. Restore asks first, clears the message of the state it leaves, and goes back to the top (EN)', async () => {
  const page = await loggedIn(app, 'en');
  await open(page, 'settings');
  await page.getByLabel('Snapshot name').fill('before the renewal');
  await page.getByRole('button', { name: 'Save a snapshot' }).click();
  await clock(page, 'nextEvent');
  await page.locator('.flash').waitFor();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByRole('button', { name: 'Restore — before the renewal' }).click();
  // Nothing restored yet: a confirmation is asked.
  assert.equal(await today(page), '2026-03-10');
  const question = page.getByRole('alertdialog');
  await question.getByText('Restore “before the renewal”? The current state is replaced by it').waitFor();
  await question.getByRole('button', { name: 'Confirm' }).click();
  assert.equal(await today(page), '2026-03-08');
  assert.equal(await page.locator('.flash').count(), 0, 'the old "debtor" message is gone');
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'back at the top');
  noPageErrors(page);
});

test('3. Only what the engine accepts is offered: no pending method under "Pay with", no Remove on the default (FR)', async () => {
  const page = await loggedIn(app, 'fr');
  await clock(page, 'nextEvent'); // 10 March: debtor, and a debt order to pay
  await open(page, 'billing', 'paymentMethods');
  await page.getByRole('link', { name: page.t.addMethodLink }).click();
  await page.getByRole('radio', { name: 'Compte bancaire' }).check();
  await page.getByLabel('IBAN').fill('FR76 3000 6000 0112 3456 7890 189');
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  const bank = page.getByRole('row', { name: /FR76/ });
  await bank.waitFor();
  // Pending: it cannot be the default yet, and says so.
  assert.equal(await bank.getByRole('button', { name: /^Définir par défaut/ }).count(), 0);
  await bank.getByText('Pourra devenir le moyen par défaut une fois son mandat reçu.').waitFor();
  await open(page, 'billing', 'ovhAccount');
  const payWith = page.getByRole('row', { name: /BC-000002/ }).getByLabel('Payer avec');
  const options = await payWith.locator('option').allTextContents();
  assert.deepEqual(options, ['Virement bancaire'], 'the pending bank account is not offered');
  await page.getByText('Aucun moyen enregistré ne peut encore payer (en attente ou expiré).').waitFor();
  noPageErrors(page);
});

test('5. Billing mode: the missing choice is said at the choice and cleared by choosing; no two buttons share a name (IT)', async () => {
  const page = await loggedIn(app, 'it', { subsidiary: 'it' });
  await open(page, 'exchange', 'billingMode');
  await page.getByRole('checkbox', { name: 'Seleziona sales@demo-exchange.example' }).check();
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();
  const group = page.getByRole('group', { name: 'Tipo di rinnovo' });
  assert.equal(await group.getAttribute('aria-invalid'), 'true');
  await page.locator('#mode-error').getByText('Scegli prima Mensile, Annuale o Nessuna.').waitFor();
  await page.getByRole('radio', { name: 'Annuale' }).check();
  assert.equal(await group.getAttribute('aria-invalid'), 'false');
  assert.equal(await page.locator('#mode-error').innerText(), '', 'cleared by the choice');
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();
  await page.getByRole('button', { name: 'Conferma la modifica' }).waitFor();
  // (Rule chips excepted: the same rule may explain two events.)
  const names = await page.locator('button:not(.rule)').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label') || b.innerText.trim()));
  const repeated = names.filter((n, i) => n && names.indexOf(n) !== i);
  assert.deepEqual(repeated, [], 'every button has a name of its own');
  for (const viewport of [NARROW, WIDE]) {
    await page.setViewportSize(viewport);
    await app.screenshot(page, `billing-mode-${viewport.width}px`);
  }
  noPageErrors(page);
});

test('6. On a phone the tables stack (amount, status, Pay, Export in view) and the clock is compact (FR)', async () => {
  const page = await loggedIn(app, 'fr', { viewport: PHONE });
  const clockBox = await page.getByRole('region', { name: 'Horloge simulée' }).boundingBox();
  assert.ok(clockBox.height <= PHONE.height * 0.25, `the clock takes ${clockBox.height}px of ${PHONE.height}`);
  await clock(page, 'nextEvent');
  await open(page, 'billing', 'ovhAccount');
  const order = page.getByRole('row', { name: /BC-000002/ });
  for (const control of [order.getByRole('button', { name: /^Payer / }), order.getByText(/6,98\s€/).first()]) {
    const box = await control.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'visible without scrolling sideways');
  }
  // Each stacked cell says which column it is.
  const amountCell = order.locator('[data-label="Montant"]');
  assert.match(await amountCell.evaluate((el) => getComputedStyle(el, '::before').content), /Montant/);
  await open(page, 'exchange');
  const exportButton = page.getByRole('button', { name: /Exporter \(PST\) — contact@/ });
  const box = await exportButton.boundingBox();
  assert.ok(box.x + box.width <= PHONE.width, 'Export is on screen');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scroll (${overflow}px)`);
  noPageErrors(page);
});

test('7. The balance chart: aligned legend, labels off the line, a recent window, readable on a phone (EN)', async () => {
  for (const viewport of [NARROW, WIDE]) {
    const page = await loggedIn(app, 'en', { viewport });
    await clock(page, 'nextEvent');
    await open(page, 'billing', 'ovhAccount');
    const chart = page.getByRole('region', { name: 'Balance over time' });
    for (const item of await chart.locator('.legend > span').all()) {
      const [mark, words] = await item.evaluate((el) => {
        const range = document.createRange();
        range.selectNodeContents([...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim()).pop());
        const r = range.getBoundingClientRect();
        const m = el.querySelector('.dot, .dash').getBoundingClientRect();
        return [{ y: m.y, height: m.height }, { y: r.y, height: r.height }];
      });
      assert.ok(Math.abs(centerY(mark) - centerY(words)) < 4, `legend mark and words on one line (${JSON.stringify([mark, words])})`);
    }
    const svg = await chart.locator('svg').boundingBox();
    for (const label of await chart.locator('.chart-top, .chart-bottom').all()) {
      const box = await label.boundingBox();
      assert.ok(box.x + box.width <= svg.x + 1, 'the amounts stand beside the drawing, not on the line');
      const size = await label.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(size >= 12, `readable text (${size}px)`);
    }
    // Default window: the last 3 months, not the year since the first movement.
    assert.equal(await chart.locator('.chart-from').innerText(), '9 February 2026');
    await chart.getByRole('button', { name: 'Everything' }).click();
    assert.equal(await chart.getByRole('button', { name: 'Everything' }).getAttribute('aria-pressed'), 'true');
    await chart.getByRole('button', { name: '3 months' }).click();
    await chart.scrollIntoViewIfNeeded();
    await app.screenshot(page, `chart-${viewport.width}px`);
    await app.screenshot(page, `ovh-account-${viewport.width}px`);
    noPageErrors(page);
    await page.context().close();
  }
});

test('8. Real plurals, one date format, a singular order title, true notices, French spacing, Italian quotes', async () => {
  const en = await loggedIn(app, 'en');
  await clock(en, 'nextEvent');
  await textMatching(en.getByRole('navigation', { name: 'Control panel' }), /2 unread/);
  await en.getByRole('region', { name: 'Simulated clock' }).getByText('7 days left.', { exact: false }).waitFor();
  for (let i = 0; i < 6; i++) await clock(en, 'plusDay');
  await en.getByRole('region', { name: 'Simulated clock' }).getByText('1 day left.', { exact: false }).waitFor();
  await en.goto(app.url('/billing/orders/2'));
  // The static first screen has its own h1 until the app is drawn: wait for the order's.
  await en.getByRole('heading', { level: 1, name: 'Purchase order BC-000002', exact: true }).waitFor();
  assert.equal(await en.getByRole('heading', { level: 1 }).count(), 1);
  await open(en, 'inbox');
  await en.getByRole('heading', { name: 'Your invoice FR0000001 is available' }).click();
  await en.getByText(/Your OVH account balance covered €5\.00/).waitFor();
  for (const screen of [['billing', 'ovhAccount'], ['journal', null], ['inbox', null], ['exchange', null]]) {
    await open(en, ...screen);
    const text = await en.locator('main').innerText();
    assert.doesNotMatch(text, /\b\d{2}\/\d{2}\/\d{4}\b/, `${screen[0]}: one date format only`);
  }
  await open(en, 'billing', 'paymentMethods');
  await en.getByRole('link', { name: 'Add a payment method' }).click();
  await en.getByRole('radio', { name: 'PayPal' }).check();
  await en.getByText('Only a masked address is kept (its first letter and its domain).').waitFor();
  assert.equal(await en.getByText(/last 4 digits/).count(), 0, 'PayPal has no digits');

  const fr = await loggedIn(app, 'fr');
  assert.equal(await fr.locator('.clock-date').evaluate((el) => el.firstChild.textContent), 'Date simulée\u202f:');
  await clock(fr, 'nextEvent');
  await textMatching(fr.getByRole('navigation', { name: 'Espace client' }), /2 non lus/);
  await open(fr, 'inbox');
  await fr.getByRole('heading', { name: 'Votre compte OVH est débiteur' }).click();
  await textMatching(fr.getByRole('navigation', { name: 'Espace client' }), /1 non lu\b/);
  await open(fr, 'exchange', 'billingMode');
  await fr.getByRole('checkbox', { name: 'Sélectionner contact@demo-exchange.example' }).check();
  await fr.getByText('1 compte sélectionné', { exact: true }).waitFor();
  const it = await loggedIn(app, 'it');
  const footer = await it.locator('footer').innerText();
  assert.ok(!footer.includes('"') && footer.includes('“'), `Italian quotes: ${footer}`);
  await open(it, 'exchange', 'billingMode');
  await it.getByRole('checkbox', { name: 'Seleziona contact@demo-exchange.example' }).check();
  await it.getByText('1 account selezionato', { exact: true }).waitFor();
  for (const page of [en, fr, it]) noPageErrors(page);
});

test('9. Every invoice the movements cite is in the invoice list (FR0000000 included)', async () => {
  const page = await loggedIn(app, 'fr');
  await open(page, 'billing', 'ovhAccount');
  const invoices = await page.getByRole('region', { name: 'Factures' }).getByRole('row').allInnerTexts();
  const movements = await page.getByRole('region', { name: 'Mouvements' }).getByRole('row').allInnerTexts();
  const cited = movements.join('\n').match(/FR\d{7}/g);
  assert.deepEqual(cited, ['FR0000000']);
  assert.ok(invoices.some((row) => row.includes('FR0000000')), 'listed with its status');
  assert.equal(await page.getByText('Aucune facture pour l\'instant.').count(), 0);
  noPageErrors(page);
});

test('10. Debt events are a warning, not a green success; good news stays green (EN)', async () => {
  const page = await loggedIn(app, 'en');
  await open(page, 'billing', 'ovhAccount');
  await clock(page, 'nextEvent');
  const flash = page.locator('.flash');
  await flash.getByText(/debited by €6\.98/).waitFor();
  assert.match(await flash.getAttribute('class'), /\bwarn\b/);
  assert.doesNotMatch(await flash.getAttribute('class'), /\bok\b/);
  const order = page.getByRole('row', { name: /BC-000002/ });
  await order.getByLabel('Pay with').selectOption({ label: 'Bank transfer' });
  await order.getByRole('button', { name: 'Pay BC-000002' }).click();
  await flash.getByText('The debt is settled.').waitFor();
  assert.match(await flash.getAttribute('class'), /\bok\b/);
  noPageErrors(page);
});

test('11. A rule chip explains itself from the keyboard and by touch, not only on hover (FR)', async () => {
  const page = await loggedIn(app, 'fr');
  const chip = page.getByRole('region', { name: 'Horloge simulée' }).getByRole('button', { name: 'Règle S5\u202f: ce qu\'elle dit' }).first();
  assert.equal(await chip.getAttribute('aria-expanded'), 'false');
  await chip.focus();
  await page.keyboard.press('Enter');
  assert.equal(await chip.getAttribute('aria-expanded'), 'true');
  const note = page.locator(`#${await chip.getAttribute('aria-controls')}`);
  await note.getByText(/Si rien ne paie le reste/).waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await chip.getAttribute('aria-expanded'), 'false');
  assert.ok(!(await note.isVisible()));
  // A touch screen: a tap opens it too.
  const touch = await app.newPage({ locale: 'fr-FR', hasTouch: true, isMobile: true, viewport: PHONE });
  touch.t = page.t;
  await touch.goto(app.url('/guide/g8'));
  await drawn(touch);
  const tapped = touch.locator('.settlement button.rule').first();
  await tapped.tap();
  assert.equal(await tapped.getAttribute('aria-expanded'), 'true');
  assert.ok(await touch.locator(`#${await tapped.getAttribute('aria-controls')}`).isVisible());
  noPageErrors(page);
  noPageErrors(touch);
});

test('12. After logging out the address is the login page, with no "next" (EN)', async () => {
  const page = await loggedIn(app, 'en');
  await open(page, 'billing', 'ovhAccount');
  await page.getByRole('link', { name: 'Log out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Log in to the customer area' }).waitFor();
  const url = new URL(page.url());
  assert.equal(url.pathname, '/login');
  assert.equal(url.search, '', 'no next=/login');
  // And nothing is left of the session in the panel.
  assert.equal(await page.getByRole('navigation', { name: 'Control panel' }).count(), 0);
  noPageErrors(page);
});

test('axe-core stays clean on the screens these fixes touched (360 px and 1280 px)', async () => {
  for (const viewport of [NARROW, WIDE]) {
    const page = await loggedIn(app, 'fr', { viewport });
    await clock(page, 'nextEvent');
    const found = {};
    for (const [tab, entry] of [['billing', 'ovhAccount'], ['exchange', 'billingMode'], ['billing', 'paymentMethods']]) {
      await open(page, tab, entry);
      found[`${tab}/${entry}`] = await a11yViolations(page);
    }
    await page.getByRole('link', { name: page.t.addMethodLink }).click();
    found.add = await a11yViolations(page);
    for (const [screen, v] of Object.entries(found)) assert.deepEqual(v, [], `${viewport.width}px ${screen}: ${v.join('\n')}`);
    await open(page, 'billing', 'ovhAccount');
    assert.equal(await balance(page), '-6,98 €');
    noPageErrors(page);
    await page.context().close();
  }
});
