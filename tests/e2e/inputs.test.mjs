// Bad input: each shows its reason in the user's language, what was typed stays in the field,
// and the saved state does not change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { loggedIn, open, clock, balance, savedState, noPageErrors } from './panel.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app?.close(); });

/** Types `value` in the credit wizard and expects `message`; the state must not move. */
async function creditRefused(page, value, message) {
  const before = await savedState(page);
  const field = page.getByLabel(page.t.creditAmount);
  await field.fill(value);
  await page.getByRole('button', { name: page.t.continue }).click();
  await page.getByRole('alert').filter({ hasText: message }).first().waitFor();
  assert.equal(await field.inputValue(), value, 'what was typed stays in the field');
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await savedState(page), before, 'bad input changes nothing');
}

test('C1 (EN): credits of "9,99" with a zero balance, "abc" and "10,001" are refused', async () => {
  const page = await loggedIn(app, 'en');
  await clock(page, 'nextEvent');
  await open(page, 'billing', 'ovhAccount');
  // Settle the 6.98 debt through its purchase order: the balance is exactly 0.
  const order = page.getByRole('row', { name: /BC-000002/ });
  await order.getByLabel('Pay with').selectOption({ label: 'Bank transfer' });
  await order.getByRole('button', { name: 'Pay BC-000002' }).click();
  assert.equal(await balance(page), '€0.00');

  await page.getByRole('link', { name: 'Credit', exact: true }).click();
  await creditRefused(page, '9,99', 'The minimum credit is €10.00. (Rule C1)');
  await creditRefused(page, 'abc', 'Enter an amount in figures, for example 10,50 or 10.50.');
  await creditRefused(page, '10,001', 'At most 2 decimals (cents).');
  await creditRefused(page, '0', 'The amount must be more than zero.');
  // C3 (assumption): the demo cap names its rule and its label.
  await creditRefused(page, '100000,01', 'The amount cannot exceed €100,000.00 in this demo. (Rule C3 — assumption)');
  noPageErrors(page);
});

test('C2 (FR): a credit below the debt is refused with the debt as minimum', async () => {
  const page = await loggedIn(app, 'fr');
  // Demo prices of 20,00 € a month: the renewal of 2 accounts is 48,00 € TTC, 43,00 € owed.
  await open(page, 'settings');
  await page.getByLabel('Prix mensuel (€)').fill('20,00');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await clock(page, 'nextEvent');
  await open(page, 'billing', 'ovhAccount');
  assert.equal(await balance(page), '-43,00 €');
  await page.getByRole('link', { name: 'Créditer', exact: true }).click();
  assert.equal(await page.getByLabel('Montant à créditer (€)').inputValue(), '43,00');
  await creditRefused(page, '20', /Votre compte est débiteur\s: le crédit doit être d'au moins 43,00\s€ pour ramener le solde à 0\. \(Règle C2\)/);
  noPageErrors(page);
});

test('P5 (EN): an IBAN with a wrong checksum and a card failing Luhn are refused', async () => {
  const page = await loggedIn(app, 'en');
  await open(page, 'billing', 'paymentMethods');
  const before = await savedState(page);
  await page.getByRole('link', { name: 'Add a payment method' }).click();

  await page.getByRole('radio', { name: 'Bank account' }).check();
  await page.getByLabel('IBAN').fill('FR14 2004 1010 0505 0001 3M02 607');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: "This IBAN's check digits are wrong (mod-97): check for a typing error." }).waitFor();
  assert.equal(await page.getByLabel('IBAN').inputValue(), 'FR14 2004 1010 0505 0001 3M02 607');

  await page.getByRole('radio', { name: 'Credit card' }).check();
  await page.getByLabel('Card number').fill('4242 4242 4242 4241');
  await page.getByLabel('Expiry date (MM/YY)').fill('12/30');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'This card number is not valid (Luhn check): check for a typing error.' }).waitFor();
  assert.equal(await page.getByLabel('Card number').inputValue(), '4242 4242 4242 4241');

  // P5: an expiry date in the past is refused too, at its own field, together with the number's
  // error: every error at its field, all at once, each field marked invalid.
  await page.getByLabel('Card number').fill('4242 4242 4242 4241');
  await page.getByLabel('Expiry date (MM/YY)').fill('01/26');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  const numberError = page.locator('#card-number-error');
  const expiryError = page.locator('#card-expiry-error');
  await numberError.filter({ hasText: 'This card number is not valid (Luhn check)' }).waitFor();
  await expiryError.filter({ hasText: 'This card has already expired. (Rule P5)' }).waitFor();
  assert.equal(await page.getByLabel('Card number').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Expiry date (MM/YY)').getAttribute('aria-invalid'), 'true');
  // Each error sits right under its own field, not at the bottom of the form.
  const expiryBox = await page.getByLabel('Expiry date (MM/YY)').boundingBox();
  const errorBox = await expiryError.boundingBox();
  assert.ok(errorBox.y >= expiryBox.y + expiryBox.height - 1 && errorBox.y - (expiryBox.y + expiryBox.height) < 40, 'the expiry error is at its field');

  assert.deepEqual(await savedState(page), before, 'bad input changes nothing');
  await page.getByText('No payment method is registered.').waitFor();
  noPageErrors(page);
});

test('P1 (IT): no bank account for the Italian subsidiary', async () => {
  // The Italian customer is offered only card and PayPal (the Italian guide).
  const page = await loggedIn(app, 'it', { subsidiary: 'it' });
  await open(page, 'billing', 'paymentMethods');
  await page.getByRole('link', { name: 'Aggiungi un metodo di pagamento' }).click();
  await page.getByRole('radio', { name: 'Carta di credito' }).waitFor();
  await page.getByRole('radio', { name: 'PayPal' }).waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Conto bancario' }).count(), 0);

  // A French customer with a bank account cannot switch to the Italian subsidiary.
  const fr = await loggedIn(app, 'it', { subsidiary: 'fr' });
  await open(fr, 'billing', 'paymentMethods');
  await fr.getByRole('link', { name: 'Aggiungi un metodo di pagamento' }).click();
  await fr.getByRole('radio', { name: 'Conto bancario' }).check();
  await fr.getByLabel('IBAN').fill('FR1420041010050500013M02606');
  await fr.getByRole('button', { name: 'Aggiungi', exact: true }).click();
  await fr.getByRole('row', { name: /FR14/ }).waitFor();
  const before = await savedState(fr);
  await open(fr, 'settings');
  await fr.getByLabel('Filiale').selectOption('it');
  await fr.getByText('La filiale italiana non offre il conto bancario: elimina prima il conto bancario. (Regola P1)').waitFor();
  assert.deepEqual(await savedState(fr), before, 'the refusal changes nothing');
  assert.equal(await fr.getByLabel('Filiale').inputValue(), 'fr', 'the select shows the real subsidiary again');
  noPageErrors(page);
  noPageErrors(fr);
});

test('L1 (FR): a malformed NIC handle and an empty password are refused, nothing is stored', async () => {
  const page = await app.newPage({ locale: 'fr-FR' });
  await page.goto(app.url('/login'));
  await page.getByText(/Ne saisissez jamais vos vrais identifiants OVHcloud/).waitFor();
  await page.getByLabel(/nic-handle/).fill('jean.dupont');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('alert').filter({ hasText: 'Un nic-handle ressemble à ab12345-ovh' }).waitFor();
  await page.getByRole('alert').filter({ hasText: 'Saisissez un mot de passe' }).waitFor();
  assert.equal(await page.getByLabel(/nic-handle/).inputValue(), 'jean.dupont');
  // L1: log in for real and check that the password is nowhere in the browser's storage.
  await page.getByLabel(/nic-handle/).fill('jd4242-ovh');
  await page.getByLabel('Mot de passe').fill('s3cret-Passw0rd');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Simulateur de renouvellement Hosted Exchange' }).waitFor();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes('s3cret-Passw0rd'), 'the password is never stored');
  assert.ok(stored.includes('jd4242-ovh'));
  noPageErrors(page);
});
