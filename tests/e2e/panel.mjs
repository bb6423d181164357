// Helpers that drive the simulated control panel as a user would: by role and accessible name,
// in the user's language. The texts below are what the user reads; they are the assertions.
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { setTimeout as sleep } from 'node:timers/promises';

export const UI = {
  en: {
    home: 'Hosted Exchange renewal simulator', addMethodLink: 'Add a payment method', confirmChange: 'Confirm the change', confirmTermination: 'Confirm the termination',
    locale: 'en-GB', login: 'Log in', nic: /NIC handle/, password: 'Password', subsidiary: 'Subsidiary',
    billing: 'Billing', paymentMethods: 'My payment methods', ovhAccount: 'My OVH account',
    exchange: 'Exchange platform', billingMode: 'Billing mode', inbox: /^Inbox/, journal: 'Journal', settings: 'Settings',
    nextEvent: 'Next event', plusDay: '+1 day', plusWeek: '+1 week',
    credit: 'Credit', creditAmount: 'Amount to credit (€)', continue: 'Continue', generate: 'Generate the purchase order',
    addMethod: 'Add a payment method', add: 'Add', card: 'Credit card', bank: 'Bank account', paypal: 'PayPal',
    cardNumber: 'Card number', cardExpiry: 'Expiry date (MM/YY)', iban: 'IBAN', paypalEmail: 'PayPal e-mail address',
    pay: /^Pay /, payWith: 'Pay with', transfer: 'Bank transfer', validate: 'Validate', confirm: 'Confirm',
    monthly: 'Monthly', yearly: 'Yearly', none: 'None', terminate: 'Terminate', cancelTermination: 'Cancel the termination',
    language: 'Language',
  },
  fr: {
    home: 'Simulateur de renouvellement Hosted Exchange', addMethodLink: 'Ajouter un moyen de paiement', confirmChange: 'Confirmer le changement', confirmTermination: 'Confirmer la résiliation',
    locale: 'fr-FR', login: 'Se connecter', nic: /nic-handle/, password: 'Mot de passe', subsidiary: 'Filiale',
    billing: 'Facturation', paymentMethods: 'Mes moyens de paiement', ovhAccount: 'Mon compte OVH',
    exchange: 'Plateforme Exchange', billingMode: 'Mode de facturation', inbox: /^Boîte de réception/, journal: 'Journal', settings: 'Réglages',
    nextEvent: 'Événement suivant', plusDay: '+1 jour', plusWeek: '+1 semaine',
    credit: 'Créditer', creditAmount: 'Montant à créditer (€)', continue: 'Continuer', generate: 'Générer le bon de commande',
    addMethod: 'Ajouter un moyen de paiement', add: 'Ajouter', card: 'Carte bancaire', bank: 'Compte bancaire', paypal: 'PayPal',
    cardNumber: 'Numéro de carte', cardExpiry: "Date d'expiration (MM/AA)", iban: 'IBAN', paypalEmail: 'Adresse e-mail PayPal',
    pay: /^Payer /, payWith: 'Payer avec', transfer: 'Virement bancaire', validate: 'Valider', confirm: 'Confirmer',
    monthly: 'Mensuel', yearly: 'Annuel', none: 'Aucun', terminate: 'Résilier', cancelTermination: 'Annuler la résiliation',
    language: 'Langue',
  },
  it: {
    home: 'Simulatore di rinnovo Hosted Exchange', addMethodLink: 'Aggiungi un metodo di pagamento', confirmChange: 'Conferma la modifica', confirmTermination: 'Conferma il recesso',
    locale: 'it-IT', login: 'Accedi', nic: /NIC handle/, password: 'Password', subsidiary: 'Filiale',
    billing: 'Fatturazione', paymentMethods: 'I miei metodi di pagamento', ovhAccount: 'Il mio account OVH',
    exchange: 'Piattaforma Exchange', billingMode: 'Modalità di fatturazione', inbox: /^Posta in arrivo/, journal: 'Registro', settings: 'Impostazioni',
    nextEvent: 'Evento successivo', plusDay: '+1 giorno', plusWeek: '+1 settimana',
    credit: 'Accredita', creditAmount: 'Importo da accreditare (€)', continue: 'Continua', generate: "Genera il buono d'ordine",
    addMethod: 'Aggiungi un metodo di pagamento', add: 'Aggiungi', card: 'Carta di credito', bank: 'Conto bancario', paypal: 'PayPal',
    cardNumber: 'Numero della carta', cardExpiry: 'Data di scadenza (MM/AA)', iban: 'IBAN', paypalEmail: 'Indirizzo e-mail PayPal',
    pay: /^Paga /, payWith: 'Paga con', transfer: 'Bonifico bancario', validate: 'Conferma', confirm: 'Conferma',
    monthly: 'Mensile', yearly: 'Annuale', none: 'Nessuna', terminate: 'Recedere', cancelTermination: 'Annulla il recesso',
    language: 'Lingua',
  },
};

/** A fresh page in `lang`, logged in with the demo scenario (RULES.md's worked example, 8 March 2026).
 * After the login the user lands on the home screen (the guide's sections and the scenarios). */
export async function loggedIn(app, lang, { subsidiary = 'fr', nic = 'ab12345-ovh', viewport } = {}) {
  const t = UI[lang];
  const page = await app.newPage({ locale: t.locale, ...(viewport ? { viewport } : {}) });
  page.t = t;
  await logIn(page, app, { subsidiary, nic });
  return page;
}

/** Logs in on the login page (any handle shaped like ab12345-ovh; the password is never kept). */
export async function logIn(page, app, { subsidiary = 'fr', nic = 'ab12345-ovh' } = {}) {
  const t = page.t;
  await page.goto(app.url('/login'));
  await page.getByLabel(t.nic).fill(nic);
  await page.getByLabel(t.password, { exact: true }).fill('not-a-real-password');
  await page.getByLabel(t.subsidiary).selectOption(subsidiary);
  await page.getByRole('button', { name: t.login, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: t.home }).waitFor();
}

/** Top-bar tab, then the left menu entry, as the guide says ("Facturation" → "Mon compte OVH"). */
export async function open(page, tab, entry) {
  const t = page.t;
  await page.getByRole('navigation', { name: /./ }).first().getByRole('link', { name: t[tab], exact: typeof t[tab] === 'string' }).click();
  if (entry) await page.getByRole('link', { name: t[entry], exact: true }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
}

export async function clock(page, button) {
  await page.getByRole('button', { name: page.t[button], exact: true }).click();
}

/** The simulated date shown in the clock bar (ISO, from the <time datetime>). */
export async function today(page) {
  return page.getByRole('region', { name: /clock|Horloge|Orologio/i }).locator('time').getAttribute('datetime');
}

/** The OVH account balance as the page prints it. */
export async function balance(page) {
  return (await page.getByTestId('balance').innerText()).replace(/\s/g, ' ').trim();
}

/** The whole saved run of the slot on screen (own simulation, or the guided run), for
 * "nothing changed" checks. */
export async function savedState(page) {
  return page.evaluate(() => {
    const key = localStorage.getItem('hes.active') === 'guided' ? 'hes.guided' : 'hes.save';
    return JSON.parse(localStorage.getItem(key)).state;
  });
}

/** Reloads the page and checks that the save brought everything back. */
export async function survivesReload(page, check) {
  const before = await savedState(page);
  const url = page.url();
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(page.url(), url, 'reload keeps the route');
  assert.deepEqual(await savedState(page), before, 'reload keeps the state');
  if (check) await check();
}

/** Every axe-core violation on the page (any impact). */
export async function a11yViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`,
  );
}

export function noPageErrors(page) {
  assert.deepEqual(page.errors.map(String), [], 'no uncaught error in the page');
}

// A locator's text once it matches `re` (Leptos re-renders after a click in a microtask, so a
// read straight after the click may see the previous text). Fails with the last text seen.
export async function textMatching(locator, re, timeout = 5000) {
  const until = Date.now() + timeout;
  let text = '';
  for (;;) {
    text = await locator.innerText();
    if (re.test(text) || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.match(text, re);
  return text;
}

/** After a page load: waits until the app has replaced the static first screen (whose own <h1>
 * is there before the wasm has loaded) and drawn its page's <h1>. */
export async function drawn(page) {
  await page.locator('#boot').waitFor({ state: 'detached' });
  await page.locator('#main h1').first().waitFor();
}

/** Polls `read` until `ok(value)`; fails with what was last seen. */
export async function eventually(read, ok, { timeout = 10_000, message = 'condition not met' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > end) assert.fail(`${message} (last seen: ${JSON.stringify(last)})`);
    await sleep(100);
  }
}
