//! Billing → *My payment methods* (guide: Méthode 1; P1–P7): the list with status and default,
//! and *Add a payment method* (its own address, `/billing/payment-methods/add`, as a step of the
//! guide) offering only the subsidiary's kinds (P1), each field parsed by the domain's types
//! (P5) with its localized error at the field; what was typed stays in the field. Only what
//! the engine would accept is offered, and what is not offered says why.
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::{Cell, DataTable, TextField};
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_location, use_navigate};

#[component]
pub fn PaymentMethodsPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let location = use_location();
    let adding = move || location.pathname.get().ends_with("/add");
    let methods = ctx.memo(|s| s.methods.clone());
    let rows = move || {
        methods.get()
            .into_iter()
            .map(|m| (String::new(), method_row(ctx, t, lang, m)))
            .collect()
    };
    view! {
        <h1>{t.pm_title}</h1>
        <p>{t.pm_intro}</p>
        <DataTable id="methods-title" title=t.pm_list_title empty=t.pm_empty tour=TourTarget::Methods.attr()
            columns=vec![t.col_method, t.col_status, t.col_actions]
            rows=Box::new(rows)/>
        {move || if adding() {
            view! { <AddMethodForm/> }.into_any()
        } else {
            view! {
                <p><A href=crate::ui::nav::app_href("/billing/payment-methods/add") attr:class="button primary" attr:data-tour=TourTarget::AddMethod.attr()>{t.pm_add}</A></p>
            }.into_any()
        }}
    }
}

fn method_row(ctx: crate::ui::ctx::Ctx, t: &'static i18n::Texts, lang: i18n::Lang, method: PaymentMethod) -> Vec<Cell> {
    let id = method.id;
    let label = method.label.clone();
    let status_class = match method.status {
        MethodStatus::Valid => "badge ok",
        MethodStatus::PendingValidation => "badge warn",
        MethodStatus::Expired => "badge err",
    };
    // Why it cannot become the default, when it cannot (P4: only a valid method can).
    let why_not_default = match method.status {
        MethodStatus::PendingValidation => Some(t.pm_pending_hint),
        MethodStatus::Expired => Some(t.pm_expired_hint),
        MethodStatus::Valid => None,
    };
    let name = view! {
        <span>{label.clone()}</span>
        {method.is_default.then(|| view! { " " <span class="badge ok">{t.default_badge}</span> })}
        <span class="hint block">{i18n::kind_name(lang, method.kind)}</span>
    };
    let status = view! { <span class=status_class>{i18n::method_status(lang, &method)}</span> };
    let decline = method.decline_next;
    let actions = view! {
        <div class="actions">
            {method.can_be_default().then(|| view! {
                <button type="button" aria-label=fill(t.set_default_named, &[&label])
                    on:click=move |_| { ctx.run(Action::SetDefaultMethod(id)); }>
                    {t.set_default}
                </button>
            })}
            {why_not_default.map(|why| view! { <span class="hint">{why}</span> })}
            <label class="check">
                <input type="checkbox" prop:checked=decline
                    on:change=move |ev| { ctx.run(Action::SetDeclineNext(id, event_target_checked(&ev))); }/>
                <span>{t.decline_next}</span>
                <span class="visually-hidden">{format!(" — {label}")}</span>
            </label>
            {if method.can_be_removed() {
                view! {
                    <button type="button" class="danger" aria-label=fill(t.remove_named, &[&label])
                        on:click=move |_| { ctx.run(Action::RemoveMethod(id)); }>
                        {t.remove}
                    </button>
                }.into_any()
            } else {
                view! { <span class="hint">{t.pm_default_hint}</span> }.into_any()
            }}
        </div>
    };
    vec![Cell::view(name), Cell::view(status), Cell::view(actions)]
}

/// *Add a payment method* → choose the kind → its fields (G2). Every field's error shows at
/// that field, all at once, with `aria-invalid`; a card whose expiry is past is caught here too.
#[component]
fn AddMethodForm() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let navigate = use_navigate();
    let kinds = ctx.with_untracked(|s| s.subsidiary.payment_kinds().to_vec());
    // What the user chose and typed survives a language switch (`Ctx::draft`).
    let kind = ctx.draft("method-kind", || None::<PaymentKind>);
    let iban = ctx.draft("method-iban", String::new);
    let number = ctx.draft("method-card-number", String::new);
    let expiry = ctx.draft("method-card-expiry", String::new);
    let email = ctx.draft("method-paypal", String::new);
    let errors = RwSignal::new([None::<String>, None, None, None]);
    let refusal = RwSignal::new(None::<String>);
    let kind_error = RwSignal::new(false);

    let error = move |i: usize| Signal::derive(move || errors.with(|e| e[i].clone()));
    let submit = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let mut found = [None, None, None, None];
            kind_error.set(kind.get_untracked().is_none());
            let input = match kind.get_untracked() {
                Some(PaymentKind::BankAccount) => match Iban::parse(&iban.get_untracked()) {
                    Ok(iban) => Some(MethodInput::BankAccount { iban }),
                    Err(e) => { found[0] = Some(i18n::iban_error(lang, &e).to_string()); None }
                },
                Some(PaymentKind::Card) => {
                    let number = CardNumber::parse(&number.get_untracked())
                        .map_err(|e| found[1] = Some(i18n::card_error(lang, &e).to_string()));
                    let expiry = match CardExpiry::parse(&expiry.get_untracked()) {
                        // P5: an expiry in the past is refused (the domain's check), at its own field.
                        Ok(e) => ctx.with_untracked(|s| s.check_card_expiry(e)).map(|()| e)
                            .map_err(|refusal| found[2] = Some(i18n::refusal_text(lang, &refusal))),
                        Err(e) => { found[2] = Some(i18n::expiry_error(lang, &e).to_string()); Err(()) }
                    };
                    match (number, expiry) {
                        (Ok(number), Ok(expiry)) => Some(MethodInput::Card { number, expiry }),
                        _ => None,
                    }
                }
                Some(PaymentKind::Paypal) => match PaypalEmail::parse(&email.get_untracked()) {
                    Ok(email) => Some(MethodInput::Paypal { email }),
                    Err(e) => { found[3] = Some(i18n::email_error(lang, &e)); None }
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
                    navigate("/billing/payment-methods", Default::default());
                }
                Err(Refusal::CardExpired) => {
                    errors.update(|e| e[2] = Some(i18n::refusal_text(lang, &Refusal::CardExpired)));
                }
                Err(r) => refusal.set(Some(i18n::refusal_text(lang, &r))),
            }
        }
    };

    view! {
        <section class="card" aria-labelledby="add-method-title" data-tour=TourTarget::MethodForm.attr()>
            <h2 id="add-method-title">{t.pm_add}</h2>
            <form class="form" on:submit=submit novalidate>
                <fieldset aria-describedby="kind-error" aria-invalid=move || kind_error.get().to_string()>
                    <legend>{t.pm_kind_label}</legend>
                    {kinds.into_iter().map(|k| view! {
                        <label class="check">
                            <input type="radio" name="kind" prop:checked=move || kind.get() == Some(k)
                                on:change=move |_| { kind.set(Some(k)); kind_error.set(false); errors.set(Default::default()); refusal.set(None); }/>
                            <span>{i18n::kind_name(lang, k)}</span>
                        </label>
                    }).collect_view()}
                    <p class="error" id="kind-error" role="alert">{move || kind_error.get().then_some(t.pm_kind_missing)}</p>
                </fieldset>
                {move || match kind.get() {
                    Some(PaymentKind::BankAccount) => view! {
                        <TextField id="iban" label=t.iban_label value=iban error=error(0)/>
                        <p class="hint">{t.pm_bank_notice}</p>
                        <p class="hint">{t.pm_masked_iban}</p>
                    }.into_any(),
                    Some(PaymentKind::Card) => view! {
                        <TextField id="card-number" label=t.card_number_label value=number error=error(1)/>
                        <TextField id="card-expiry" label=t.card_expiry_label value=expiry error=error(2)/>
                        <p class="hint">{t.pm_card_notice}</p>
                        <p class="hint">{t.pm_masked_card}</p>
                    }.into_any(),
                    Some(PaymentKind::Paypal) => view! {
                        <TextField id="paypal-email" label=t.paypal_label value=email error=error(3) autocomplete="email"/>
                        <p class="hint">{t.pm_masked_paypal}</p>
                    }.into_any(),
                    None => ().into_any(),
                }}
                <p class="error" role="alert">{move || refusal.get()}</p>
                <div class="actions">
                    <button type="submit" class="primary">{t.pm_submit}</button>
                    <A href=crate::ui::nav::app_href("/billing/payment-methods") attr:class="button">{t.cancel}</A>
                </div>
            </form>
        </section>
    }
}
