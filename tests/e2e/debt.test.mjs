// G3, G4, G8: RULES.md's worked example played through the UI, then each way out of debt (D1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { loggedIn, open, clock, today, balance, survivesReload, noPageErrors } from './panel.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

test('G8 worked example (FR): S2 covers 5,00, S5 debits 6,98, e-mail, reminder, D4 suspension at 00:00 on 18 March', async () => {
  const page = await loggedIn(app, 'fr');
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await balance(page), '5,00 €');
  // The preview says what the renewal will do before it happens.
  await page.getByRole('region', { name: 'Horloge simulée' })
    .getByText(/Facture FR0000001 émise\s: 2 comptes, 9,98\s€ HT \+ 2,00\s€ de TVA = 11,98\s€\./).waitFor();

  await clock(page, 'nextEvent');
  assert.equal(await today(page), '2026-03-10');
  assert.equal(await balance(page), '-6,98 €');
  await page.getByText(/Votre compte OVH est débiteur\s: 6,98\s€ à régler avant la fin du 17 mars 2026\./).waitFor();
  await page.getByRole('row', { name: /FR0000001 .*11,98\s€.*Impayée/ }).waitFor();
  await page.getByRole('row', { name: /BC-000002 .*Règlement de la dette.*6,98\s€/ }).waitFor();
  await survivesReload(page, async () => assert.equal(await balance(page), '-6,98 €'));

  await open(page, 'inbox');
  await page.getByRole('heading', { name: 'Votre facture FR0000001 est disponible' }).waitFor();
  await page.getByRole('heading', { name: 'Votre compte OVH est débiteur' }).click();
  await page.getByText(/Votre compte OVH est débiteur de 6,98\s€\. Vous avez jusqu'à la fin du 17 mars 2026/).waitFor();
  await page.getByRole('link', { name: 'Payer le bon de commande BC-000002' }).waitFor();

  await open(page, 'journal');
  const debit = page.getByRole('row', { name: /Le compte OVH est débité de 6,98\s€ pour la facture FR0000001/ });
  await debit.waitFor();
  assert.match(await debit.innerText(), /S5/);
  const debtor = page.getByRole('row', { name: /débiteur de 6,98\s€\s: à régler avant la fin du 17 mars 2026/ });
  // The 7 days are the guide's own word: D4 carries no (assumption) label.
  assert.match(await debtor.innerText(), /\bD4\b/);
  assert.doesNotMatch(await debtor.innerText(), /hypothèse/, 'D4 is the guide\'s word, not an assumption');

  // D4: the reminder 2 days before the deadline, then suspension at 00:00 the day after it.
  await clock(page, 'nextEvent');
  assert.equal(await today(page), '2026-03-15');
  await clock(page, 'nextEvent');
  assert.equal(await today(page), '2026-03-18');
  await open(page, 'billing', 'ovhAccount');
  await page.getByRole('region', { name: 'Solde' }).getByText(/Le délai est dépassé\s: les services dont une facture est impayée sont suspendus/).waitFor();
  // The suspension is D5's, an assumption, and is labelled so in the journal.
  await open(page, 'journal');
  const suspension = page.getByRole('row', { name: /Suspendus pour défaut de paiement/ }).first();
  assert.match(await suspension.innerText(), /D5 \(hypothèse\)/);
  await open(page, 'exchange');
  assert.equal(await page.getByText('Suspendu (impayé)').count(), 2);
  assert.equal(await page.getByRole('button', { name: /Exporter \(PST\)/ }).count(), 0, 'R5: no export once suspended');
  await open(page, 'inbox');
  await page.getByRole('heading', { name: 'Rappel : votre compte OVH est toujours débiteur' }).waitFor();
  await page.getByRole('heading', { name: 'Services suspendus pour défaut de paiement' }).waitFor();
  await survivesReload(page);
  noPageErrors(page);
});

test('D4 (FR): paid on the last day, 17 March, nothing is suspended', async () => {
  const page = await loggedIn(app, 'fr');
  await clock(page, 'nextEvent');   // 10 March: debtor
  for (let i = 0; i < 7; i++) await clock(page, 'plusDay');
  assert.equal(await today(page), '2026-03-17');
  // D4: the customer can pay until the end of the deadline's day.
  await page.getByRole('region', { name: 'Horloge simulée' })
    .getByText(/Dette\s: 6,98\s€ à régler avant la fin du 17 mars 2026\. Aujourd'hui est le dernier jour pour payer\./).waitFor();
  await open(page, 'exchange');
  assert.equal(await page.getByText('Suspendu (impayé)').count(), 0);
  await open(page, 'billing', 'ovhAccount');
  const order = page.getByRole('row', { name: /BC-000002/ });
  await order.getByLabel('Payer avec').selectOption({ label: 'Virement bancaire' });
  await order.getByRole('button', { name: /^Payer / }).click();
  assert.equal(await balance(page), '0,00 €');
  await clock(page, 'plusDay');
  assert.equal(await today(page), '2026-03-18');
  await open(page, 'exchange');
  assert.equal(await page.getByText('Suspendu (impayé)').count(), 0);
  assert.equal(await page.getByText('Actif', { exact: true }).count(), 2);
});

test('D1.1 (EN): registering a card charges the debt at once and settles it', async () => {
  const page = await loggedIn(app, 'en');
  await clock(page, 'nextEvent');
  await open(page, 'billing', 'paymentMethods');
  await page.getByRole('link', { name: 'Add a payment method' }).click();
  await page.getByRole('radio', { name: 'Credit card' }).check();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry date (MM/YY)').fill('12/30');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('row', { name: /Visa ••••4242.*Default.*Valid/ }).waitFor();
  await survivesReload(page);
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await balance(page), '€0.00');
  await page.getByRole('row', { name: /FR0000001 .*Paid on 10 March 2026/ }).waitFor();
  await open(page, 'inbox');
  await page.getByRole('heading', { name: 'Your OVH account is settled' }).waitFor();
  noPageErrors(page);
});

test('D1.2 (IT): the e-mail link leads to the debt purchase order, paid in one click', async () => {
  const page = await loggedIn(app, 'it', { subsidiary: 'it' });
  await clock(page, 'nextEvent');
  await open(page, 'billing', 'ovhAccount');
  // IT subsidiary: VAT 22 % (M2): 9,98 + 2,20 = 12,18; 5,00 covered, 7,18 owed.
  assert.equal(await balance(page), '-7,18 €');
  await open(page, 'inbox');
  await page.getByRole('link', { name: "Paga il buono d'ordine BC-000002" }).click();
  await page.getByRole('heading', { level: 1, name: /BC-000002/ }).waitFor();
  assert.equal((await page.getByTestId('order-amount').innerText()).replace(/\s/g, ' '), '7,18 €');
  await survivesReload(page);
  await page.getByRole('button', { name: 'Paga BC-000002' }).click();
  await page.getByText(/Pagato il/).waitFor();
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await balance(page), '0,00 €');
  noPageErrors(page);
});

test('D1.3 (FR): Facturation → Mon compte OVH → Créditer, at least max(10, debt), then pay the order', async () => {
  const page = await loggedIn(app, 'fr');
  await clock(page, 'nextEvent');
  await open(page, 'billing', 'ovhAccount');
  await page.getByRole('link', { name: 'Créditer', exact: true }).click();
  const amount = page.getByLabel('Montant à créditer (€)');
  assert.equal(await amount.inputValue(), '10,00', 'the form proposes the smallest accepted credit (C1, C2)');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByText('Un bon de commande de 10,00 € va être généré.').waitFor();
  await page.getByRole('button', { name: 'Générer le bon de commande' }).click();
  const order = page.getByRole('row', { name: /BC-000003 .*Crédit/ });
  await order.waitFor();
  assert.equal(await balance(page), '-6,98 €', 'A2: the balance moves only when the order is paid');
  await survivesReload(page);
  await order.getByLabel('Payer avec').selectOption({ label: 'Virement bancaire' });
  await order.getByRole('button', { name: 'Payer BC-000003' }).click();
  assert.equal(await balance(page), '3,02 €');
  await page.getByRole('row', { name: /FR0000001 .*Payée le/ }).waitFor();
  await survivesReload(page, async () => assert.equal(await balance(page), '3,02 €'));
  noPageErrors(page);
});
