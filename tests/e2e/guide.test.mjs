// The control panel's own paths for G2, G5, G6 and G7 (in the user's own simulation, without
// the walkthrough: see walkthrough.test.mjs for the guided sections), in English, Italian and
// French. Every step is checked again after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { loggedIn, open, clock, today, balance, survivesReload, noPageErrors } from './panel.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('G2 (EN): Billing → My payment methods → Add a payment method: card, PayPal, bank account (P1–P6)', async () => {
  const page = await loggedIn(app, 'en');
  await open(page, 'billing', 'paymentMethods');
  await page.getByText('No payment method is registered.').waitFor();
  await page.getByRole('link', { name: 'Add a payment method' }).click();
  await page.waitForURL(/\/billing\/payment-methods\/add$/);
  // P1: the French guide's three kinds.
  for (const kind of ['Bank account', 'Credit card', 'PayPal']) await page.getByRole('radio', { name: kind }).waitFor();

  await page.getByRole('radio', { name: 'Credit card' }).check();
  await page.getByText('A €1.00 authorisation will be shown; it is never debited.').waitFor();
  await page.getByLabel('Card number').fill('5555 5555 5555 4444');
  await page.getByLabel('Expiry date (MM/YY)').fill('08/29');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  // P4: the first valid method becomes the default; P5: only the masked number is kept.
  await page.getByRole('row', { name: /Mastercard ••••4444.*Default.*Valid/ }).waitFor();
  assert.ok(!(await page.evaluate(() => localStorage.getItem('hes.save'))).includes('5555555555554444'));
  await survivesReload(page);

  await page.getByRole('link', { name: 'Add a payment method' }).click();
  await page.getByRole('radio', { name: 'Bank account' }).check();
  await page.getByLabel('IBAN').fill('FR14 2004 1010 0505 0001 3M02 606');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  // P3: pending until its mandate arrives, two days later.
  const bank = page.getByRole('row', { name: /FR14 .*2606/ });
  assert.match(await bank.innerText(), /Pending validation \(until 10 March 2026\)/);
  await survivesReload(page);
  await clock(page, 'plusDay');
  assert.match(await bank.innerText(), /Pending validation/);
  await clock(page, 'plusDay');
  assert.match(await bank.innerText(), /Valid/);

  await page.getByRole('link', { name: 'Add a payment method' }).click();
  await page.getByRole('radio', { name: 'PayPal' }).check();
  await page.getByLabel('PayPal e-mail address').fill('alice@example.com');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const paypal = page.getByRole('row', { name: /a•+@example\.com/ });
  await paypal.waitFor();

  // P4: change the default, then the old default can be removed; the default cannot, and says why.
  await paypal.getByRole('button', { name: /^Set as default/ }).click();
  await page.getByRole('row', { name: /a•+@example\.com.*Default/ }).waitFor();
  assert.equal(await paypal.getByRole('button', { name: /^Remove/ }).count(), 0, 'Remove is not offered on the default');
  await paypal.getByText('The default method cannot be removed: make another one the default first.').waitFor();
  await page.getByRole('row', { name: /Mastercard/ }).getByRole('button', { name: /^Remove/ }).click();
  assert.equal(await page.getByRole('row', { name: /Mastercard/ }).count(), 0);
  await survivesReload(page, async () => assert.equal(await page.getByRole('row', { name: /Mastercard/ }).count(), 0));

  // P6: decline next charge → the renewal falls back to the OVH account (S5).
  await page.getByRole('checkbox', { name: /Decline the next charge — a•+@example\.com/ }).check();
  await survivesReload(page);
  // The two +1 day steps reached 10 March: that renewal was paid by the Mastercard (S2 5.00 + S4
  // 6.98). The next one, 10 April, meets the declining PayPal: S5 debits the whole 11.98.
  await clock(page, 'nextEvent');
  assert.equal(await today(page), '2026-04-10');
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await balance(page), '-€11.98');
  await page.getByRole('row', { name: /FR0000001 .*Paid on 10 March 2026/ }).waitFor();
  await page.getByRole('row', { name: /FR0000002 .*Unpaid/ }).waitFor();
  noPageErrors(page);
});

test('G5 (IT): Piattaforma Exchange → Modalità di fatturazione → Annuale, applied at the next renewal (R2–R4)', async () => {
  const page = await loggedIn(app, 'it', { subsidiary: 'it' });
  await open(page, 'exchange', 'billingMode');
  await page.getByText(/Di default la modalità di rinnovo viene applicata in base al primo ordine/).waitFor();
  await page.getByRole('checkbox', { name: 'Seleziona contact@demo-exchange.example' }).check();
  await page.getByRole('radio', { name: 'Annuale' }).check();
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();
  const review = page.getByRole('region', { name: 'Verifica la modifica' });
  await review.getByText('contact@demo-exchange.example: Mensile → Annuale, dal rinnovo del 10 marzo 2026').waitFor();
  // R4: no purchase order, no invoice.
  await review.getByText(/non comporta la creazione di un buono d'ordine/).waitFor();
  await review.getByRole('button', { name: 'Conferma la modifica' }).click();
  await page.getByRole('row', { name: /contact@demo-exchange\.example.*Mensile — Annuale dal 10 marzo 2026/ }).waitFor();
  // R4: no purchase order and no invoice came of it (the demo has one paid order, no invoice).
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await page.getByRole('row', { name: /^BC-/ }).count(), 1, 'R4: no purchase order');
  assert.equal(await page.getByRole('row', { name: /^(FR|IT)\d{7}/ }).count(), 1, 'R4: no invoice (only February\'s)');
  await open(page, 'exchange', 'billingMode');
  await survivesReload(page);

  await clock(page, 'nextEvent'); // 10 March: contact@ renews for a year, sales@ for a month
  await open(page, 'exchange');
  await page.getByRole('row', { name: /contact@demo-exchange\.example.*Annuale.*10 marzo 2027/ }).waitFor();
  await page.getByRole('row', { name: /sales@demo-exchange\.example.*Mensile.*10 aprile 2026/ }).waitFor();
  noPageErrors(page);
});

test('G6 (EN): stop renewing one account: None, the PST alert, export, suspension on expiry (R5)', async () => {
  const page = await loggedIn(app, 'en');
  await open(page, 'exchange', 'billingMode');
  await page.getByRole('checkbox', { name: 'Select sales@demo-exchange.example' }).check();
  await page.getByRole('radio', { name: 'None' }).check();
  await page.getByRole('alert').filter({ hasText: 'We strongly advise you to back up the account concerned before it is suspended (PST export).' }).waitFor();
  await page.getByRole('button', { name: 'Validate' }).click();
  await page.getByRole('region', { name: 'Check the change' }).getByRole('button', { name: 'Confirm the change' }).click();
  await survivesReload(page);

  await open(page, 'exchange');
  const sales = page.getByRole('row', { name: /sales@demo-exchange\.example/ });
  await sales.getByRole('button', { name: 'Export (PST) — sales@demo-exchange.example' }).click();
  assert.match(await sales.innerText(), /Exported on 8 March 2026/);
  await survivesReload(page);

  await clock(page, 'nextEvent'); // 10 March: sales@ is suspended on its expiry, contact@ renews
  assert.equal(await today(page), '2026-03-10');
  await page.getByRole('row', { name: /sales@demo-exchange\.example.*Suspended \(not renewed\)/ }).waitFor();
  assert.equal(await sales.getByRole('button', { name: /Export \(PST\)/ }).count(), 0, 'no export after suspension');
  await open(page, 'billing', 'ovhAccount');
  // Only contact@ is invoiced: 4.99 + 1.00 VAT = 5.99, all covered by the 5.00 balance but 0.99.
  await page.getByRole('row', { name: /FR0000001 .*€5\.99/ }).waitFor();
  await open(page, 'inbox');
  await page.getByRole('heading', { name: 'Account suspended: not renewed' }).waitFor();
  noPageErrors(page);
});

test('G7 (FR): Résilier the platform, the PST alert, cancel until the day before, refused while debtor (R6)', async () => {
  const page = await loggedIn(app, 'fr');
  await open(page, 'exchange');
  await page.getByRole('button', { name: 'Résilier' }).click();
  await page.getByRole('alert').filter({ hasText: "Cette option résilie l'ensemble de la plateforme Exchange. Il est vivement conseillé de réaliser une sauvegarde de chaque compte (export PST)." }).waitFor();
  // R6: the truth about invoices: none on or after the anniversary, renewals before it still happen.
  await page.getByText(/La plateforme et tous ses comptes prendront fin à la date anniversaire, le 10 mars 2026\s: aucune facture ce jour-là ni après\. Vous pouvez annuler jusqu'au 9 mars 2026\./).waitFor();
  await page.getByText('Aucun renouvellement n\'a lieu d\'ici là.').waitFor();
  await page.getByRole('button', { name: 'Confirmer la résiliation' }).click();
  await page.getByText('Résiliation prévue le 10 mars 2026. Vous pouvez l\'annuler jusqu\'à la fin du 9 mars 2026.').waitFor();
  // R8 (assumption): no new account while the termination is scheduled, and it says why.
  await page.getByText(/Une résiliation est prévue\s: aucun nouveau compte ne peut être commandé/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Commander le compte' }).count(), 0);
  await survivesReload(page);
  await page.getByRole('button', { name: 'Annuler la résiliation' }).click();
  await page.getByRole('button', { name: 'Résilier' }).waitFor();
  await survivesReload(page);

  // Scheduled again, then the anniversary comes: everything ends, with no invoice.
  await page.getByRole('button', { name: 'Résilier' }).click();
  await page.getByRole('button', { name: 'Confirmer la résiliation' }).click();
  await clock(page, 'nextEvent');
  assert.equal(await today(page), '2026-03-10');
  await page.getByText('Résiliée le 10 mars 2026.').waitFor();
  assert.equal(await page.getByText('Résilié', { exact: true }).count(), 2);
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await page.getByRole('row', { name: /^FR\d{7}/ }).count(), 1, 'no invoice on the anniversary (only February\'s)');
  assert.equal(await balance(page), '5,00 €');
  noPageErrors(page);
});

test('G7 (FR): Résilier is refused while the OVH account is debtor (R6)', async () => {
  const page = await loggedIn(app, 'fr');
  await clock(page, 'nextEvent');
  await open(page, 'exchange');
  await page.getByRole('button', { name: 'Résilier' }).click();
  // The engine's own answer, before anything is confirmed: refused while debtor (R6).
  await page.getByText(/Votre compte OVH est débiteur de 6,98\s€\s: réglez la dette avant de résilier\. \(Règle R6\)/).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Confirmer la résiliation' }).count(), 0, 'nothing to confirm');
  noPageErrors(page);
});
