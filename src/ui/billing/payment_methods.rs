//! Billing → *My payment methods* (guide: Méthode 1; P1–P6): the list with status and default,
//! and *Add a payment method* offering only the subsidiary's kinds (P1), each field parsed by
//! the domain's types (P5) with its localized error; what was typed stays in the field.
use crate::domain::*;
use crate::domain::Action;
use crate::i18n;
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::TextField;
use leptos::prelude::*;

#[component]
pub fn PaymentMethodsPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let methods = move || ctx.with(|s| s.methods.clone());
    view! {
        <h1>{t.pm_title}</h1>
        <p>{t.pm_intro}</p>
        {move || {
            let methods = methods();
            if methods.is_empty() {
                return view! { <p class="card">{t.pm_empty}</p> }.into_any();
            }
            view! {
                <div class="table-wrap">
                    <table>
                        <thead><tr>
                            <th scope="col">{t.col_method}</th>
                            <th scope="col">{t.col_status}</th>
                            <th scope="col">{t.col_actions}</th>
                        </tr></thead>
                        <tbody>
                            {methods.into_iter().map(|method| view! { <MethodRow method/> }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
        <AddMethodForm/>
    }
}

#[component]
fn MethodRow(method: PaymentMethod) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let id = method.id;
    let label = method.label.clone();
    let status_class = match method.status {
        MethodStatus::Valid => "badge ok",
        MethodStatus::PendingValidation => "badge warn",
        MethodStatus::Expired => "badge err",
    };
    let can_be_default = !method.is_default && method.status == MethodStatus::Valid;
    let decline = method.decline_next;
    let status_method = method.clone();
    let (label_a, label_b, label_c) = (label.clone(), label.clone(), label.clone());
    view! {
        <tr>
            <th scope="row">
                {label.clone()}
                {method.is_default.then(|| view! { " " <span class="badge ok">{t.default_badge}</span> })}
                <div class="hint">{i18n::kind_name(lang, method.kind)}</div>
            </th>
            <td><span class=status_class>{i18n::method_status(lang, &status_method)}</span></td>
            <td>
                <div class="actions">
                    {can_be_default.then(|| view! {
                        <button type="button"
                            aria-label=format!("{} — {}", t.set_default, label_a)
                            on:click=move |_| { ctx.run(Action::SetDefaultMethod(id)); }>
                            {t.set_default}
                        </button>
                    })}
                    <label class="check">
                        <input type="checkbox" prop:checked=decline
                            aria-label=format!("{} — {}", t.decline_next, label_b)
                            on:change=move |ev| { ctx.run(Action::SetDeclineNext(id, event_target_checked(&ev))); }/>
                        <span aria-hidden="true">{t.decline_next}</span>
                    </label>
                    <button type="button" class="danger"
                        aria-label=format!("{} — {}", t.remove, label_c)
                        on:click=move |_| { ctx.run(Action::RemoveMethod(id)); }>
                        {t.remove}
                    </button>
                </div>
            </td>
        </tr>
    }
}

/// *Add a payment method* → choose the kind → its fields (G2).
#[component]
fn AddMethodForm() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let kinds = move || {
        ctx.with(|s| s.customer.as_ref().map(|c| c.subsidiary.payment_kinds().to_vec()))
            .unwrap_or_default()
    };
    let kind = RwSignal::new(None::<PaymentKind>);
    let iban = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let expiry = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new([None::<String>, None, None, None]);
    let refusal = RwSignal::new(None::<String>);
    let open = RwSignal::new(false);

    let error = move |i: usize| Signal::derive(move || errors.with(|e| e[i].clone()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        let mut found = [None, None, None, None];
        let input = match kind.get_untracked() {
            Some(PaymentKind::BankAccount) => match Iban::parse(&iban.get_untracked()) {
                Ok(iban) => Some(MethodInput::BankAccount { iban }),
                Err(e) => { found[0] = Some(i18n::iban_error(lang, &e).to_string()); None }
            },
            Some(PaymentKind::Card) => {
                let number = CardNumber::parse(&number.get_untracked())
                    .map_err(|e| found[1] = Some(i18n::card_error(lang, &e).to_string()));
                let expiry = CardExpiry::parse(&expiry.get_untracked())
                    .map_err(|e| found[2] = Some(i18n::expiry_error(lang, &e).to_string()));
                match (number, expiry) {
                    (Ok(number), Ok(expiry)) => Some(MethodInput::Card { number, expiry }),
                    _ => None,
                }
            }
            Some(PaymentKind::Paypal) => match PaypalEmail::parse(&email.get_untracked()) {
                Ok(email) => Some(MethodInput::Paypal { email }),
                Err(e) => { found[3] = Some(i18n::email_error(lang, &e).to_string()); None }
            },
            None => None,
        };
        errors.set(found);
        refusal.set(None);
        let Some(input) = input else { return };
        match ctx.dispatch(Action::AddMethod(input)) {
            Ok(_) => {
                for field in [iban, number, expiry, email] {
                    field.set(String::new());
                }
                kind.set(None);
                open.set(false);
            }
            Err(r) => refusal.set(Some(i18n::refusal_text(lang, &r))),
        }
    };

    view! {
        <section class="card" aria-labelledby="add-method-title">
            <h2 id="add-method-title">{t.pm_add}</h2>
            <Show when=move || open.get() fallback=move || view! {
                <button type="button" class="primary" on:click=move |_| open.set(true)>{t.pm_add}</button>
            }>
                <form class="form" on:submit=submit novalidate>
                    <fieldset>
                        <legend>{t.pm_kind_label}</legend>
                        {move || kinds().into_iter().map(|k| view! {
                            <label class="check">
                                <input type="radio" name="kind" prop:checked=move || kind.get() == Some(k)
                                    on:change=move |_| { kind.set(Some(k)); errors.set(Default::default()); refusal.set(None); }/>
                                {i18n::kind_name(lang, k)}
                            </label>
                        }).collect_view()}
                    </fieldset>
                    {move || match kind.get() {
                        Some(PaymentKind::BankAccount) => view! {
                            <TextField id="iban" label=t.iban_label value=iban error=error(0)/>
                            <p class="hint">{t.pm_bank_notice}</p>
                        }.into_any(),
                        Some(PaymentKind::Card) => view! {
                            <TextField id="card-number" label=t.card_number_label value=number error=error(1)/>
                            <TextField id="card-expiry" label=t.card_expiry_label value=expiry error=error(2)/>
                            <p class="hint">{t.pm_card_notice}</p>
                        }.into_any(),
                        Some(PaymentKind::Paypal) => view! {
                            <TextField id="paypal-email" label=t.paypal_label value=email error=error(3) autocomplete="email"/>
                        }.into_any(),
                        None => ().into_any(),
                    }}
                    <p class="hint">{t.pm_masked_notice}</p>
                    <p class="error" role="alert">{move || refusal.get()}</p>
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || kind.get().is_none()>
                            {t.pm_submit}
                        </button>
                        <button type="button" on:click=move |_| open.set(false)>{t.cancel}</button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
