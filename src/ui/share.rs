//! A simulation that travels: changes from another tab, the share link (`#s=…`), and the JSON
//! file (export, import by file picker or drag-and-drop). Whatever comes in is checked whole
//! before anything changes (`storage::transfer`); accepted, it replaces the user's own
//! simulation, which is kept as a snapshot whatever the answer.
use super::ctx::use_ctx;
use crate::domain::scenario::Start;
use crate::i18n::{self, fill};
use crate::storage::transfer::{self, Received, TransferError};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// What is waiting for the user's answer: a shared link or an imported file, read and checked.
#[derive(Clone)]
pub enum Incoming {
    Ready(Box<Received>),
    Refused(TransferError),
}

/// The shared link or file waiting for an answer (the dialog shows it).
#[derive(Clone, Copy)]
pub struct IncomingSignal(pub RwSignal<Option<Incoming>, LocalStorage>);

/// The share link in the address (`#s=…`), dropped from it so that a reload does not ask again.
/// The root reads it at start and on `hashchange`, and decodes it with code it loads lazily.
pub fn link_in_address() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    if !hash.starts_with(&format!("#{}", transfer::LINK_KEY)) {
        return None;
    }
    if let Ok(history) = window.history() {
        let path = window.location().pathname().unwrap_or_default();
        let search = window.location().search().unwrap_or_default();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{search}")));
    }
    Some(hash)
}

/// A share link's fragment, decoded and checked whole (`storage::transfer`).
pub fn decode_link(hash: &str) -> Incoming {
    match transfer::decode_link(hash) {
        Ok(received) => Incoming::Ready(Box::new(received)),
        Err(e) => Incoming::Refused(e),
    }
}

fn start_name(t: &'static i18n::Texts, lang: i18n::Lang, start: &Start) -> String {
    match *start {
        Start::Demo => t.start_demo.to_string(),
        Start::Section(s, _) => format!("{} · {}", s.slug().to_uppercase(), i18n::section_name(lang, s)),
        Start::Scenario(id, _) => {
            // The scenario's title from the guide's texts (loaded with the catalogue), else its link name.
            let title = lang.guide().map(|g| g.get(&format!("{}.title", id.slug()))).filter(|s| !s.is_empty());
            fill(t.start_scenario, &[title.unwrap_or(id.slug())])
        }
        Start::Situation(_) => t.start_situation.to_string(),
    }
}

/// Asks before a shared link or an imported file replaces the user's own simulation; says
/// plainly why one was refused (and that nothing changed).
#[component]
pub fn IncomingDialog() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let incoming = expect_context::<IncomingSignal>().0;
    let navigate = leptos_router::hooks::use_navigate();
    move || {
        incoming.get().map(|item| {
            let close = move |_| incoming.set(None);
            let decline = move |_| {
                ctx.keep_own(fill(t.incoming_kept_name, &[&i18n::date(lang, ctx.with_untracked(|s| s.today))]));
                incoming.set(None);
            };
            match item {
                Incoming::Refused(error) => view! {
                    <div class="dialog alert" role="alertdialog" aria-labelledby="incoming-title" aria-describedby="incoming-body">
                        <h2 id="incoming-title">{t.incoming_refused_title}</h2>
                        <p id="incoming-body">{i18n::transfer_error_text(lang, &error)}</p>
                        <button type="button" on:click=close>{t.dismiss}</button>
                    </div>
                }.into_any(),
                Incoming::Ready(received) => {
                    let summary = fill(t.incoming_summary, &[
                        &start_name(t, lang, &received.run.start),
                        &i18n::date(lang, received.sim.state.today),
                        &received.run.actions.len().to_string(),
                    ]);
                    let notes: Vec<String> = [
                        received.migrated_from.map(|v| fill(t.incoming_migrated, &[&v.to_string()])),
                        received.other_rules.map(|v| fill(t.incoming_other_rules, &[&v.to_string()])),
                    ].into_iter().flatten().collect();
                    let navigate = navigate.clone();
                    let accept = move |_| {
                        let received = received.clone();
                        ctx.replace_with(received.sim, fill(t.incoming_kept_name, &[&i18n::date(lang, ctx.with_untracked(|s| s.today))]));
                        incoming.set(None);
                        navigate("/billing/ovh-account", Default::default());
                    };
                    view! {
                        <div class="dialog" role="dialog" aria-modal="false" aria-labelledby="incoming-title" aria-describedby="incoming-body">
                            <h2 id="incoming-title">{t.incoming_title}</h2>
                            <p id="incoming-body">{summary}</p>
                            {notes.into_iter().map(|n| view! { <p class="hint">{n}</p> }).collect_view()}
                            <p>{t.incoming_keep_note}</p>
                            <div class="actions">
                                <button type="button" class="primary" on:click=accept>{t.incoming_accept}</button>
                                <button type="button" on:click=decline>{t.incoming_decline}</button>
                            </div>
                        </div>
                    }.into_any()
                }
            }
        })
    }
}

/// Settings: share the simulation as a link, export it to a file, import one.
#[component]
pub fn TransferCard() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let incoming = expect_context::<IncomingSignal>().0;
    let link = RwSignal::new(None::<String>);
    let share = move |_| {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        let url = format!("{base}#{}", transfer::encode_link(&ctx.saved_run()));
        copy_to_clipboard(&url);
        link.set(Some(url));
    };
    let export = move |_| {
        let text = transfer::export_text(&ctx.saved_run(), &super::browser::now());
        let today = ctx.with_untracked(|s| s.today);
        super::browser::download(&format!("hosted-exchange-simulation-{today}.json"), &text, "application/json");
    };
    let read = move |file: web_sys::File| {
        if file.size() > transfer::MAX_FILE as f64 {
            incoming.set(Some(Incoming::Refused(TransferError::TooLarge { max: transfer::MAX_FILE })));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
            incoming.set(Some(match text.map(|t| transfer::parse_import(&t)) {
                Some(Ok(received)) => Incoming::Ready(Box::new(received)),
                Some(Err(e)) => Incoming::Refused(e),
                None => Incoming::Refused(TransferError::NotOurs),
            }));
        });
    };
    let dragging = RwSignal::new(false);
    view! {
        <section class="card" aria-labelledby="transfer-title">
            <h2 id="transfer-title">{t.transfer_title}</h2>
            <div class="actions">
                <button type="button" on:click=share>{t.share_button}</button>
                <button type="button" on:click=export>{t.export_button}</button>
            </div>
            {move || link.get().map(|url| view! {
                <div class="field">
                    <label for="share-link">{t.share_link_label}</label>
                    <input id="share-link" type="text" readonly prop:value=url/>
                    <span class="hint" role="status">{t.share_copied}</span>
                </div>
            })}
            <div class=move || if dragging.get() { "dropzone over" } else { "dropzone" }
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    dragging.set(false);
                    if let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        read(file);
                    }
                }>
                <label for="import-file">{t.import_label}</label>
                <input id="import-file" type="file" accept="application/json,.json"
                    on:change=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        if let Some(file) = input.files().and_then(|f| f.get(0)) {
                            read(file);
                        }
                        input.set_value("");
                    }/>
                <span class="hint">{t.import_hint}</span>
            </div>
        </section>
    }
}

fn copy_to_clipboard(text: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.navigator().clipboard().write_text(text);
    }
}
