//! "My situation" (U1–U4): the user's own figures in a form, then a start like the demo's.
//! Every field is read and written through its `SituationField` (the domain's
//! `SituationInput::text` / `set_text`), the key its error comes back under, so each error is
//! shown at its field in the user's language and nothing is started until the whole form
//! parses. The run it replaces is kept as a snapshot (`Ctx::replace_with`).
use crate::domain::scenario::Start;
use crate::domain::{
    BillingMode, PaymentKind, Simulator, SituationErrors, SituationField as F, SituationInput, SituationMethodStatus,
    Subsidiary,
};
use crate::i18n::{self, fill, Lang};
use crate::ui::browser::now;
use crate::ui::ctx::use_ctx;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// The form's value and the errors of its last submission.
#[derive(Clone, Copy)]
struct Form {
    input: RwSignal<SituationInput>,
    errors: RwSignal<Option<SituationErrors>>,
    lang: Lang,
}

impl Form {
    fn error(self, field: F) -> Memo<Option<String>> {
        let (errors, lang) = (self.errors, self.lang);
        Memo::new(move |_| errors.with(|e| e.as_ref().and_then(|e| e.of(field))).map(|e| i18n::situation_error(lang, &e)))
    }
    fn value(self, field: F) -> String {
        self.input.with(|i| i.text(field).unwrap_or("").to_string())
    }
}

/// The element id of a field: `platforms[0].accounts[2].expiry` → `sit-platforms-0-accounts-2-expiry`.
fn id_of(field: F) -> String {
    let path: String = field.to_string().chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
    let mut id = String::from("sit-");
    for part in path.split('-').filter(|p| !p.is_empty()) {
        if id.len() > 4 {
            id.push('-');
        }
        id.push_str(part);
    }
    id
}

fn error_line(id: String, error: Memo<Option<String>>) -> impl IntoView {
    view! { <p class="error" id=id role="alert">{move || error.get()}</p> }
}

/// A typed field (`kind`: "text", "date").
fn text_input(form: Form, field: F, label: String, kind: &'static str, hint: Option<&'static str>) -> AnyView {
    let id = id_of(field);
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    let error = form.error(field);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type=kind autocomplete="off" spellcheck="false" aria-describedby=described
                inputmode=matches!(field, F::Balance | F::AlertThreshold).then_some("decimal")
                aria-invalid=move || error.with(Option::is_some).to_string()
                prop:value=move || form.value(field)
                on:input=move |ev| form.input.update(|i| i.set_text(field, event_target_value(&ev)))/>
            {hint.map(|hint| view! { <span class="hint" id=hint_id>{hint}</span> })}
            {error_line(error_id, error)}
        </div>
    }
    .into_any()
}

/// A chosen field: `options` are (code, label).
fn select(form: Form, field: F, label: String, options: Vec<(&'static str, String)>) -> AnyView {
    let id = id_of(field);
    let error_id = format!("{id}-error");
    let error = form.error(field);
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id aria-describedby=error_id.clone() aria-invalid=move || error.with(Option::is_some).to_string()
                on:change=move |ev| form.input.update(|i| i.set_text(field, event_target_value(&ev)))>
                {options.into_iter().map(|(code, label)| view! {
                    <option value=code selected=move || form.value(field).eq_ignore_ascii_case(code)>{label}</option>
                }).collect_view()}
            </select>
            {error_line(error_id, error)}
        </div>
    }
    .into_any()
}

fn modes(lang: Lang, follows: bool) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    if follows {
        out.push(("", lang.t().sit_follows.to_string()));
    }
    for mode in [BillingMode::Monthly, BillingMode::Yearly, BillingMode::None] {
        out.push((mode.code(), i18n::mode_name(lang, mode).to_string()));
    }
    out
}

/// What a list-level error (no platform, too many accounts…) says, where the list is.
fn list_error(form: Form, field: F) -> impl IntoView {
    error_line(id_of(field), form.error(field))
}

#[component]
pub fn SituationPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let navigate = use_navigate();
    // The run's own situation when it started from one ("Edit my situation"), else a blank
    // form in the language's subsidiary (L2: Italian → Italy) on the real today.
    let started = match ctx.start.get_untracked() {
        Start::Situation(situation) => Some(situation.input()),
        _ => None,
    };
    let editing = started.is_some();
    let input = ctx.draft("situation", move || {
        started.unwrap_or_else(|| {
            let subsidiary = if lang == Lang::It { Subsidiary::It } else { Subsidiary::Fr };
            SituationInput::blank(subsidiary, now().get(..10).unwrap_or(""))
        })
    });
    let form = Form { input, errors: RwSignal::new(None), lang };
    let platforms = Memo::new(move |_| input.with(|i| i.platforms.len()));
    let methods = Memo::new(move |_| input.with(|i| i.methods.len()));
    let in_debt = Memo::new(move |_| input.with(SituationInput::asks_debt_since));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match input.with_untracked(SituationInput::parse) {
            Ok(situation) => {
                form.errors.set(None);
                let kept = fill(t.sit_kept, &[&i18n::format::instant(lang, &now())]);
                ctx.replace_with(Simulator::new(Start::situation(situation)), kept);
                navigate("/exchange/ahead", Default::default());
            }
            Err(errors) => {
                let first = errors.0.first().map(|e| id_of(e.field));
                form.errors.set(Some(errors));
                // The first field to fix gets the focus (after the errors are drawn).
                if let Some(id) = first {
                    request_animation_frame(move || {
                        use wasm_bindgen::JsCast;
                        if let Some(el) = document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                            let _ = el.focus();
                        }
                    });
                }
            }
        }
    };

    let subsidiaries = Subsidiary::ALL.into_iter().map(|s| (s.code(), i18n::subsidiary_name(lang, s).to_string())).collect();
    view! {
        <h1>{t.sit_title}</h1>
        <p class="lead">{t.sit_intro}</p>
        {editing.then(|| view! { <p class="hint">{t.sit_editing}</p> })}
        <form class="form situation" on:submit=submit novalidate>
            {move || form.errors.with(Option::is_some).then(|| view! {
                <p class="notice error-summary" role="alert">{t.sit_errors}</p>
            })}
            {list_error(form, F::Version)}
            <fieldset class="card">
                <legend>{t.sit_general}</legend>
                {select(form, F::Subsidiary, t.subsidiary_label.into(), subsidiaries)}
                {text_input(form, F::Today, t.sit_today.into(), "date", None)}
            </fieldset>
            <section class="card" aria-labelledby="sit-platforms-title">
                <h2 id="sit-platforms-title">{t.sit_platforms}</h2>
                {list_error(form, F::Platforms)}
                {move || (0..platforms.get()).map(|p| view! { <Platform form p/> }).collect_view()}
                <button type="button" on:click=move |_| { input.update(|i| { i.add_platform(); }); }>{t.sit_add_platform}</button>
            </section>
            <fieldset class="card">
                <legend>{t.sit_account}</legend>
                {text_input(form, F::Balance, t.sit_balance.into(), "text", Some(t.sit_balance_hint))}
                {move || in_debt.get().then(|| view! {
                    {text_input(form, F::DebtSince, t.sit_debt_since.into(), "date", None)}
                    {(platforms.get() > 1).then(|| debt_platform(form))}
                })}
                {text_input(form, F::AlertThreshold, t.sit_threshold.into(), "text", None)}
            </fieldset>
            <section class="card" aria-labelledby="sit-methods-title">
                <h2 id="sit-methods-title">{t.sit_methods}</h2>
                <p class="notice" role="note">{t.sit_no_real}</p>
                {list_error(form, F::Methods)}
                {move || if methods.get() == 0 {
                    view! { <p class="hint">{t.sit_no_method}</p> }.into_any()
                } else {
                    view! {
                        {(0..methods.get()).map(|m| view! { <Method form m/> }).collect_view()}
                        {default_method(form, methods.get())}
                    }.into_any()
                }}
                <button type="button" on:click=move |_| input.update(|i| {
                    let kind = i.kinds_offered().iter().copied().find(|&k| k == PaymentKind::Card).unwrap_or(PaymentKind::Card);
                    i.add_method(kind);
                })>{t.sit_add_method}</button>
            </section>
            <button type="submit" class="primary">{t.sit_start}</button>
        </form>
    }
}

#[component]
fn Platform(form: Form, p: usize) -> impl IntoView {
    let (t, lang) = (form.lang.t(), form.lang);
    let input = form.input;
    let accounts = Memo::new(move |_| input.with(|i| i.platforms.get(p).map_or(0, |p| p.accounts.len())));
    let many = Memo::new(move |_| input.with(|i| i.platforms.len() > 1));
    let count_id = format!("sit-platforms-{p}-count");
    let account_error = Memo::new(move |_| {
        form.errors.with(|e| e.as_ref().is_some_and(|e| e.0.iter().any(|fe| matches!(fe.field, F::AccountLocalPart(q, _) | F::AccountMode(q, _) | F::AccountExpiry(q, _) if q == p))))
    });
    let number = (p + 1).to_string();
    view! {
        <fieldset class="sub">
            <legend>{fill(t.sit_platform_n, &[&number])}</legend>
            {input_field(form, F::PlatformDomain(p), t.sit_domain)}
            {text_input(form, F::PlatformAnniversary(p), t.sit_anniversary.into(), "date", None)}
            {select(form, F::PlatformMode(p), t.sit_mode.into(), modes(lang, false))}
            <div class="field">
                <label for=count_id.clone()>{t.sit_count}</label>
                <input id=count_id type="number" min="1" max="100" inputmode="numeric" aria-describedby=format!("{}-hint", id_of(F::PlatformAccounts(p)))
                    prop:value=move || accounts.get().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<usize>() {
                            if n >= 1 { input.update(|i| if let Some(p) = i.platforms.get_mut(p) { p.set_account_count(n) }) }
                        }
                    }/>
                <span class="hint" id=format!("{}-hint", id_of(F::PlatformAccounts(p)))>{t.sit_count_hint}</span>
                {list_error(form, F::PlatformAccounts(p))}
            </div>
            {input_field(form, F::PlatformName(p), t.sit_platform_name)}
            <details prop:open=move || account_error.get()>
                <summary>{t.sit_accounts_edit}</summary>
                {move || (0..accounts.get()).map(|a| view! { <Account form p a/> }).collect_view()}
            </details>
            {move || many.get().then(|| view! {
                <button type="button" class="link" on:click=move |_| input.update(|i| i.remove_platform(p))>
                    {fill(t.sit_remove_platform, &[&(p + 1).to_string()])}
                </button>
            })}
        </fieldset>
    }
}

fn input_field(form: Form, field: F, label: &'static str) -> AnyView {
    text_input(form, field, label.into(), "text", None)
}

#[component]
fn Account(form: Form, p: usize, a: usize) -> impl IntoView {
    let (t, lang) = (form.lang.t(), form.lang);
    let input = form.input;
    let pst_id = format!("{}-pst", id_of(F::AccountLocalPart(p, a)).trim_end_matches("-local_part"));
    view! {
        <fieldset class="sub account">
            <legend>{fill(t.sit_account_n, &[&(a + 1).to_string()])}</legend>
            {input_field(form, F::AccountLocalPart(p, a), t.sit_local_part)}
            {select(form, F::AccountMode(p, a), t.sit_mode.into(), modes(lang, true))}
            {text_input(form, F::AccountExpiry(p, a), t.sit_expiry.into(), "date", Some(t.sit_expiry_hint))}
            <div class="field check">
                <input id=pst_id.clone() type="checkbox"
                    prop:checked=move || input.with(|i| i.platforms.get(p).and_then(|p| p.accounts.get(a)).is_some_and(|a| a.pst_exported))
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        input.update(|i| if let Some(acc) = i.platforms.get_mut(p).and_then(|p| p.accounts.get_mut(a)) { acc.pst_exported = checked });
                    }/>
                <label for=pst_id>{t.sit_pst}</label>
            </div>
        </fieldset>
    }
}

fn debt_platform(form: Form) -> AnyView {
    let t = form.lang.t();
    let input = form.input;
    let count = input.with_untracked(|i| i.platforms.len());
    let id = id_of(F::DebtPlatform);
    view! {
        <div class="field">
            <label for=id.clone()>{t.sit_debt_platform}</label>
            <select id=id on:change=move |ev| {
                let chosen = event_target_value(&ev).parse::<usize>().ok();
                input.update(|i| i.debt_platform = chosen);
            }>
                {(0..count).map(|p| view! {
                    <option value=p.to_string() selected=move || input.with(|i| i.debt_platform.unwrap_or(0) == p)>
                        {fill(t.sit_platform_n, &[&(p + 1).to_string()])}
                    </option>
                }).collect_view()}
            </select>
            {list_error(form, F::DebtPlatform)}
        </div>
    }
    .into_any()
}

fn default_method(form: Form, count: usize) -> AnyView {
    let t = form.lang.t();
    let input = form.input;
    let id = id_of(F::DefaultMethod);
    view! {
        <div class="field">
            <label for=id.clone()>{t.sit_default}</label>
            <select id=id on:change=move |ev| {
                let chosen = event_target_value(&ev).parse::<usize>().ok();
                input.update(|i| i.default_method = chosen);
            }>
                <option value="" selected=move || input.with(|i| i.default_method.is_none())>{t.sit_default_auto}</option>
                {(0..count).map(|m| view! {
                    <option value=m.to_string() selected=move || input.with(|i| i.default_method == Some(m))>
                        {fill(t.sit_method_n, &[&(m + 1).to_string()])}
                    </option>
                }).collect_view()}
            </select>
            {list_error(form, F::DefaultMethod)}
        </div>
    }
    .into_any()
}

#[component]
fn Method(form: Form, m: usize) -> impl IntoView {
    let (t, lang) = (form.lang.t(), form.lang);
    let input = form.input;
    let kind = Memo::new(move |_| input.with(|i| i.methods.get(m).map(|m| m.kind.clone()).unwrap_or_default()));
    let kinds = Memo::new(move |_| input.with(|i| i.kinds_offered().to_vec()));
    let number = (m + 1).to_string();
    view! {
        <fieldset class="sub">
            <legend>{fill(t.sit_method_n, &[&number])}</legend>
            {move || select(form, F::MethodKind(m), t.sit_kind.into(),
                kinds.get().into_iter().map(|k| (k.code(), i18n::kind_name(lang, k).to_string())).collect())}
            {move || {
                let bank = kind.get() == PaymentKind::BankAccount.code();
                let mut statuses = vec![(SituationMethodStatus::Valid.code(), t.sit_status_valid.to_string())];
                if bank {
                    statuses.push((SituationMethodStatus::Pending.code(), t.sit_status_pending.to_string()));
                }
                statuses.push((SituationMethodStatus::Declining.code(), t.sit_status_declining.to_string()));
                select(form, F::MethodStatus(m), t.sit_status.into(), statuses)
            }}
            {move || (kind.get() == PaymentKind::Card.code()).then(|| text_input(form, F::MethodCardExpiry(m), t.sit_card_expiry.into(), "text", None))}
            {input_field(form, F::MethodLast4(m), t.sit_last4)}
            <button type="button" class="link" on:click=move |_| input.update(|i| i.remove_method(m))>
                {fill(t.sit_remove_method, &[&number])}
            </button>
        </fieldset>
    }
}
