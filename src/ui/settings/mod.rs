//! Settings: the demo prices (M3), the subsidiary (L2), the language, snapshots (T2: the only way
//! back in time) and *reset the demo*.
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::ui::layout::LanguageSelect;
use crate::ui::widgets::TextField;
use leptos::prelude::*;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    view! {
        <h1>{t.settings_title}</h1>
        <Prices/>
        <section class="card form">
            <div class="field">
                <label for="settings-subsidiary">{t.subsidiary_label}</label>
                <select id="settings-subsidiary" on:change=move |ev| {
                    let subsidiary = if event_target_value(&ev) == "it" { Subsidiary::It } else { Subsidiary::Fr };
                    // A refusal (P1: a bank account under IT) puts the select back on the real value.
                    if !ctx.run(Action::SetSubsidiary(subsidiary)) {
                        let real = ctx.with_untracked(|s| s.customer.as_ref().map(|c| c.subsidiary));
                        event_target::<web_sys::HtmlSelectElement>(&ev)
                            .set_value(if real == Some(Subsidiary::It) { "it" } else { "fr" });
                    }
                }>
                    {move || {
                        let current = ctx.with(|s| s.customer.as_ref().map(|c| c.subsidiary));
                        [Subsidiary::Fr, Subsidiary::It].into_iter().map(|s| view! {
                            <option value=if s == Subsidiary::It { "it" } else { "fr" } selected=current == Some(s)>
                                {i18n::subsidiary_name(lang, s)}
                            </option>
                        }).collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for="settings-language">{t.language_label}</label>
                <LanguageSelect id="settings-language"/>
            </div>
        </section>
        <Snapshots/>
        <Reset/>
    }
}

#[component]
fn Prices() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let text = |d: rust_decimal::Decimal| format!("{d:.2}");
    let (monthly, yearly) = ctx.with_untracked(|s| (text(s.prices.monthly), text(s.prices.yearly)));
    let monthly = RwSignal::new(monthly);
    let yearly = RwSignal::new(yearly);
    let monthly_error = RwSignal::new(None::<String>);
    let yearly_error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        let m = Amount::parse(&monthly.get_untracked());
        let y = Amount::parse(&yearly.get_untracked());
        monthly_error.set(m.as_ref().err().map(|e| i18n::amount_error(lang, e).to_string()));
        yearly_error.set(y.as_ref().err().map(|e| i18n::amount_error(lang, e).to_string()));
        if let (Ok(monthly), Ok(yearly)) = (m, y) {
            ctx.run(Action::SetPrices { monthly, yearly });
        }
    };
    view! {
        <section class="card" aria-labelledby="prices-title">
            <h2 id="prices-title">{t.prices_title}</h2>
            <p class="hint">{t.prices_notice}</p>
            <form class="form" on:submit=submit novalidate>
                <TextField id="price-monthly" label=t.price_monthly value=monthly error=monthly_error decimal=true/>
                <TextField id="price-yearly" label=t.price_yearly value=yearly error=yearly_error decimal=true/>
                <button type="submit" class="primary">{t.save}</button>
            </form>
        </section>
    }
}

#[component]
fn Snapshots() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let name = RwSignal::new(String::new());
    let snapshots = move || ctx.sim.with(|sim| sim.snapshots.iter().map(|s| (s.name.clone(), s.taken_at)).collect::<Vec<_>>());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked().trim().to_string();
        let count = ctx.sim.with_untracked(|sim| sim.snapshots.len()) + 1;
        let label = if typed.is_empty() { fill(ctx.lang.get_untracked().t().snapshot_default_name, &[&count.to_string()]) } else { typed };
        ctx.update_simulator(|sim| sim.snapshot(label));
        name.set(String::new());
    };
    view! {
        <section class="card" aria-labelledby="snapshots-title">
            <h2 id="snapshots-title">{t.snapshots_title}</h2>
            <p class="hint">{t.snapshots_intro}</p>
            <form class="form" on:submit=save>
                <div class="field">
                    <label for="snapshot-name">{t.snapshot_name}</label>
                    <input id="snapshot-name" type="text" maxlength="60" prop:value=name on:input=move |ev| name.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="primary">{t.snapshot_save}</button>
            </form>
            {move || {
                let list = snapshots();
                if list.is_empty() {
                    return view! { <p>{t.snapshots_empty}</p> }.into_any();
                }
                view! {
                    <ul>
                        {list.into_iter().enumerate().map(|(index, (label, day))| {
                            let (a, b) = (label.clone(), label.clone());
                            view! {
                                <li class="actions">
                                    <strong>{label}</strong>
                                    <span class="hint">{fill(t.snapshot_taken, &[&i18n::date(lang, day)])}</span>
                                    <button type="button" aria-label=format!("{} — {}", t.snapshot_restore, a)
                                        on:click=move |_| ctx.update_simulator(|sim| { let _ = sim.restore(index); })>
                                        {t.snapshot_restore}
                                    </button>
                                    <button type="button" class="danger" aria-label=format!("{} — {}", t.snapshot_delete, b)
                                        on:click=move |_| ctx.update_simulator(|sim| sim.delete_snapshot(index))>
                                        {t.snapshot_delete}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn Reset() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let confirming = RwSignal::new(false);
    view! {
        <section class="card" aria-labelledby="reset-title">
            <h2 id="reset-title">{t.reset_title}</h2>
            <p>{t.reset_body}</p>
            <Show when=move || confirming.get() fallback=move || view! {
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>{t.reset_button}</button>
            }>
                <p class="alert" role="alert">{t.reset_confirm}</p>
                <div class="actions">
                    <button type="button" class="danger" on:click=move |_| { ctx.reset_demo(); confirming.set(false); }>
                        {t.confirm}
                    </button>
                    <button type="button" on:click=move |_| confirming.set(false)>{t.cancel}</button>
                </div>
            </Show>
        </section>
    }
}
