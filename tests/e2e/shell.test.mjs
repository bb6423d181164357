// The shell around the domain: a language switch draws the panel again in the new language
// (L2), and what the user has typed into a form is still there afterwards (src/ui/drafts.rs);
// a form that leaves the page comes back as it always did. At 1280 and 390 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApp } from './harness.mjs';
import { UI, drawn, loggedIn, noPageErrors } from './panel.mjs';

const LOGIN = { en: 'Log in to the customer area', fr: "Connexion à l'espace client", it: 'Accedi allo Spazio Cliente' };
const PHONE = { width: 390, height: 844 };

/** Picks `lang` in the top bar, then waits until the page is drawn again in it. */
async function switchTo(page, lang, title) {
  await page.getByRole('combobox', { name: /^(Language|Langue|Lingua)$/ }).first().selectOption(lang);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
  page.t = UI[lang];
}

describe('a language switch keeps what the user typed (L2)', () => {
  let app;
  before(async () => {
    app = await startApp();
  });
  after(async () => {
    await app?.close();
  });

  test('the login handle and subsidiary stay; the password, never kept anywhere, does not (L1)', async () => {
    const page = await app.newPage({ locale: 'en-GB' });
    page.t = UI.en;
    await page.goto('login');
    await drawn(page);
    await page.getByLabel(UI.en.nic).fill('xy98765-ovh');
    await page.getByLabel(UI.en.password, { exact: true }).fill('not-a-real-password');
    await page.getByLabel(UI.en.subsidiary).selectOption('it');

    await switchTo(page, 'fr', LOGIN.fr);
    assert.equal(await page.getByLabel(UI.fr.nic).inputValue(), 'xy98765-ovh');
    assert.equal(await page.getByLabel(UI.fr.subsidiary).inputValue(), 'it');
    assert.equal(await page.getByLabel(UI.fr.password, { exact: true }).inputValue(), '', 'the password stays in its field only');

    // And the form still works in the new language, with what was kept.
    await page.getByLabel(UI.fr.password, { exact: true }).fill('not-a-real-password');
    await page.getByRole('button', { name: UI.fr.login, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: UI.fr.home }).waitFor();
    await page.getByText(/xy98765-ovh/).first().waitFor();
    const saved = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert.ok(!saved.includes('not-a-real-password'), 'the password is nowhere in localStorage');
    noPageErrors(page);
  });

  test('the credit amount stays, and is not replaced by the proposed one; a wizard that closes forgets it', async () => {
    const page = await loggedIn(app, 'en');
    await page.goto(app.url('/billing/ovh-account/credit'));
    await drawn(page);
    const proposed = await page.getByLabel(UI.en.creditAmount).inputValue();
    assert.ok(proposed, 'the wizard proposes an amount (C2)');
    await page.getByLabel(UI.en.creditAmount).fill('123.45');

    await switchTo(page, 'it', UI.it.ovhAccount);
    assert.equal(await page.getByLabel(UI.it.creditAmount).inputValue(), '123.45');
    await switchTo(page, 'en', UI.en.ovhAccount);
    assert.equal(await page.getByLabel(UI.en.creditAmount).inputValue(), '123.45');
    await page.getByRole('button', { name: UI.en.continue }).click();
    await page.getByText(/123\.45/).first().waitFor();

    // Cancelled, then opened again: the wizard proposes afresh, as it always did.
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.waitForURL(/\/billing\/ovh-account$/);
    await page.getByRole('link', { name: UI.en.credit, exact: true }).click();
    await page.waitForURL(/\/credit$/);
    assert.equal(await page.getByLabel(UI.en.creditAmount).inputValue(), proposed);
    noPageErrors(page);
  });

  test('at 390 px, the PayPal choice and address stay, and the method is added in the new language', async () => {
    const page = await loggedIn(app, 'fr', { viewport: PHONE });
    await page.goto(app.url('/billing/payment-methods/add'));
    await drawn(page);
    await page.getByRole('radio', { name: UI.fr.paypal }).check();
    await page.getByLabel(UI.fr.paypalEmail).fill('jane.doe@example.com');

    await switchTo(page, 'en', UI.en.paymentMethods);
    assert.ok(await page.getByRole('radio', { name: UI.en.paypal }).isChecked(), 'the kind chosen stays');
    assert.equal(await page.getByLabel(UI.en.paypalEmail).inputValue(), 'jane.doe@example.com');
    await page.getByRole('button', { name: UI.en.add, exact: true }).click();
    await page.getByRole('row', { name: /j•+@example\.com/ }).waitFor();

    // Added, the form left the page: opened again, it is empty.
    await page.getByRole('link', { name: UI.en.addMethodLink }).click();
    await page.waitForURL(/\/add$/);
    assert.equal(await page.getByRole('radio', { name: UI.en.paypal }).isChecked(), false);
    noPageErrors(page);
  });
});
