//! Settings: the demo prices (M3), the subsidiary (L2), the language, snapshots (T2: the only
//! way back in time), sharing and files, the saves kept aside, and *reset*.
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::session::Session;
use crate::storage::AsideEntry;
use crate::ui::ctx::use_ctx;
use crate::ui::share::TransferCard;
use crate::ui::widgets::{LanguageSelect, TextField};
use leptos::prelude::*;

mod persist;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let subsidiary = ctx.memo(|s| s.subsidiary);
    view! {
        <h1>{t.settings_title}</h1>
        <Prices/>
        <section class="card form">
            <div class="field">
                <label for="settings-subsidiary">{t.subsidiary_label}</label>
                <select id="settings-subsidiary" on:change=move |ev| {
                    let Some(subsidiary) = Subsidiary::from_code(&event_target_value(&ev)) else { return };
                    // A refusal (P1: a bank account under IT) puts the select back on the real value.
                    if !ctx.run(Action::SetSubsidiary(subsidiary)) {
                        let real = ctx.with_untracked(|s| s.subsidiary);
                        event_target::<web_sys::HtmlSelectElement>(&ev).set_value(real.code());
                    }
                }>
                    {move || {
                        let current = subsidiary.get();
                        Subsidiary::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=current == s>
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
        <section class="card" aria-labelledby="settings-situation">
            <h2 id="settings-situation">{t.sit_title}</h2>
            <p>{t.sit_settings_hint}</p>
            <leptos_router::components::A href=crate::ui::nav::app_href("/situation") attr:class="button">
                {move || if matches!(ctx.start.get(), crate::domain::scenario::Start::Situation(_)) { t.sit_edit } else { t.home_situation }}
            </leptos_router::components::A>
        </section>
        <Snapshots/>
        <TransferCard/>
        <crate::ui::record::RecordCard/>
        // Issue 16: in an embed (which a host page frames), nothing destructive: no reset, no
        // import, no save deleted.
        {(!ctx.is_embed()).then(|| view! { <AsideSaves/> <Reset/> })}
        <persist::Persistence/>
    }
}

#[component]
fn Prices() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let (monthly, yearly) = ctx.with_untracked(|s| {
        (i18n::format::decimal_input(lang, s.prices.monthly), i18n::format::decimal_input(lang, s.prices.yearly))
    });
    let monthly = ctx.draft("price-monthly", || monthly);
    let yearly = ctx.draft("price-yearly", || yearly);
    let monthly_error = RwSignal::new(None::<String>);
    let yearly_error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let m = Amount::parse(&monthly.get_untracked());
        let y = Amount::parse(&yearly.get_untracked());
        monthly_error.set(m.as_ref().err().map(|e| i18n::amount_error(lang, e)));
        yearly_error.set(y.as_ref().err().map(|e| i18n::amount_error(lang, e)));
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

/// T2: snapshots. Restoring replaces the current state, so it asks first, then clears the
/// messages of the state it leaves and brings the page back to its top.
#[component]
fn Snapshots() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let name = ctx.draft("snapshot-name", String::new);
    let confirming = RwSignal::new(None::<usize>);
    let snapshots = Memo::new(move |_| ctx.sim.with(|sim| sim.snapshots.iter().map(|s| (s.name.clone(), s.taken_at)).collect::<Vec<_>>()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked().trim().to_string();
        let count = ctx.sim.with_untracked(|sim| sim.snapshots.len()) + 1;
        let label = if typed.is_empty() { fill(t.snapshot_default_name, &[&count.to_string()]) } else { typed };
        let mut refused = None;
        ctx.update_simulator(|sim| refused = sim.snapshot(label).err());
        if let Some(refusal) = refused {
            ctx.flash.set(Some(crate::ui::ctx::Flash::Refused(refusal)));
        }
        name.set(String::new());
    };
    let restore = move |index: usize| {
        ctx.update_simulator(|sim| {
            let _ = sim.restore(index);
        });
        confirming.set(None);
        // The page goes back to its top, and the keyboard focus with it (to the page's
        // content, without scrolling it away again).
        if let Some(main) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
            if let Some(main) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&main) {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = main.focus_with_options(&options);
            }
        }
        if let Some(w) = web_sys::window() {
            w.scroll_to_with_x_and_y(0.0, 0.0);
        }
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
                let list = snapshots.get();
                if list.is_empty() {
                    return view! { <p>{t.snapshots_empty}</p> }.into_any();
                }
                view! {
                    <ul class="plain">
                        {list.into_iter().enumerate().map(|(index, (label, day))| {
                            let asking = move || confirming.get() == Some(index);
                            let aria_restore = fill(t.snapshot_restore_named, &[&label]);
                            let aria_delete = fill(t.snapshot_delete_named, &[&label]);
                            let question = fill(t.snapshot_restore_confirm, &[&label]);
                            view! {
                                <li class="actions">
                                    <strong>{label.clone()}</strong>
                                    <span class="hint">{fill(t.snapshot_taken, &[&i18n::date(lang, day)])}</span>
                                    <button type="button" aria-label=aria_restore on:click=move |_| confirming.set(Some(index))>
                                        {t.snapshot_restore}
                                    </button>
                                    <button type="button" class="danger" aria-label=aria_delete hidden=ctx.is_embed()
                                        on:click=move |_| ctx.update_simulator(|sim| sim.delete_snapshot(index))>
                                        {t.snapshot_delete}
                                    </button>
                                    {move || asking().then(|| view! {
                                        <div class="confirm" role="alertdialog" aria-label=t.snapshot_restore>
                                            <p>{question.clone()}</p>
                                            <button type="button" class="primary" on:click=move |_| restore(index)>{t.confirm}</button>
                                            <button type="button" on:click=move |_| confirming.set(None)>{t.cancel}</button>
                                        </div>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The saves kept aside (unreadable, made under other rules, lost to another tab, replaced):
/// each can be downloaded or deleted; at most a few are kept.
#[component]
fn AsideSaves() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let version = RwSignal::new(0u32);
    let list = move || {
        version.track();
        ctx.notices.track();
        ctx.session(Session::aside_list)
    };
    view! {
        <section class="card" aria-labelledby="aside-title">
            <h2 id="aside-title">{t.aside_title}</h2>
            <p class="hint">{fill(t.aside_intro, &[&crate::storage::MAX_ASIDE.to_string()])}</p>
            {move || {
                let entries: Vec<AsideEntry> = list();
                if entries.is_empty() {
                    return view! { <p>{t.aside_empty}</p> }.into_any();
                }
                view! {
                    <ul class="plain">
                        {entries.into_iter().rev().map(|entry| {
                            let key = entry.key.clone();
                            let key2 = entry.key.clone();
                            let when = i18n::format::instant(lang, &entry.at);
                            view! {
                                <li class="actions">
                                    <span>{i18n::aside_reason_text(lang, &entry.reason)}</span>
                                    <span class="hint">{when}</span>
                                    <button type="button" on:click=move |_| {
                                        if let Some(text) = ctx.session(|s| s.aside_text(&key)) {
                                            crate::ui::browser::download(&format!("{key}.json"), &text, "application/json");
                                        }
                                    }>{t.aside_download}</button>
                                    {(!ctx.is_embed()).then(|| view! {
                                        <button type="button" class="danger" on:click=move |_| {
                                            ctx.session(|s| s.aside_delete(&key2));
                                            version.update(|v| *v += 1);
                                        }>{t.aside_delete}</button>
                                    })}
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
            {move || if confirming.get() {
                view! {
                    <p class="alert" role="alert">{t.reset_confirm}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click=move |_| { ctx.reset(); confirming.set(false); }>
                            {t.confirm}
                        </button>
                        <button type="button" on:click=move |_| confirming.set(false)>{t.cancel}</button>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="danger" on:click=move |_| confirming.set(true)>{t.reset_button}</button>
                }.into_any()
            }}
        </section>
    }
}
