//! A simulation that travels: changes from another tab, the share link (`#s=…`), and the JSON
//! file (export, import by file picker or drag-and-drop). Whatever comes in is checked whole
//! before anything changes (`storage::transfer`); accepted, it replaces the user's own
//! simulation, which is kept as a snapshot whatever the answer.
//!
//! Ask first, then replay (issue 16): a link or file is read and checked against the bounds
//! (B1–B6) without replaying it, and the dialog says what it is from its log alone (its start,
//! the date it reaches, its number of actions). Only when the user accepts is it replayed, in
//! slices between which the browser draws and handles clicks, with a progress bar and *Cancel*;
//! a cancelled or failed replay changes nothing.
use super::ctx::use_ctx;
use crate::domain::scenario::Start;
use crate::domain::{Reach, Replay};
use crate::i18n::{self, fill};
use crate::storage::scenario_file::{self, ScenarioFileError};
use crate::storage::transfer::{self, Pending, TransferError};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// What is waiting for the user's answer: a shared link or an imported file, read and checked,
/// not replayed yet.
#[derive(Clone)]
pub enum Incoming {
    Pending(Box<Pending>),
    Refused(TransferError),
    /// A scenario file (issue 18) that the gate refused: where and why.
    ScenarioRefused(ScenarioFileError),
}

/// Where the dialog of a pending link or file is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Asking,
    Replaying { done: usize, total: usize },
    Cancelled,
}

/// The actions a slice replays before it looks at the clock, and the time a slice may take
/// before the browser gets its turn (it draws the progress bar and handles *Cancel*).
const SLICE_ACTIONS: usize = 64;
const SLICE_MS: f64 = 12.0;

/// Lets the browser draw and handle events: resolves on the next task (`setTimeout(0)`).
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(&resolve);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn clock_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Replays one slice: actions until [`SLICE_MS`] have passed or the replay is done.
fn slice(replay: &mut Replay) -> Result<crate::domain::Progress, TransferError> {
    let started = clock_ms();
    loop {
        let progress = replay.step(SLICE_ACTIONS).map_err(transfer::replay_error)?;
        if progress.is_finished() || clock_ms() - started >= SLICE_MS {
            return Ok(progress);
        }
    }
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

/// A share link's fragment, decoded and checked against the bounds (`storage::transfer`), not
/// replayed.
pub fn decode_link(hash: &str) -> Incoming {
    match transfer::decode_link_pending(hash) {
        Ok(pending) => Incoming::Pending(Box::new(pending)),
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
        Start::File(ref file) => fill(t.start_scenario, &[file.scenario().title.get(i18n::scenario_file::language(lang)).text]),
    }
}

/// Asks before a shared link or an imported file replaces the user's own simulation; says
/// plainly why one was refused (and that nothing changed). Accepted, it is replayed in slices
/// with a progress bar and *Cancel*.
#[component]
pub fn IncomingDialog() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let incoming = expect_context::<IncomingSignal>().0;
    let navigate = leptos_router::hooks::use_navigate();
    let phase = RwSignal::new(Phase::Asking);
    // Each replay holds the ticket it started with; cancelling, or another link or file
    // arriving, takes a new one, and the replay stops at its next slice, having changed nothing.
    let ticket = StoredValue::new(0u64);
    Effect::new(move |_| {
        incoming.track();
        ticket.update_value(|t| *t += 1);
        phase.set(Phase::Asking);
    });
    move || {
        incoming.get().map(|item| {
            let close = move |_| incoming.set(None);
            let decline = move |_| {
                ctx.keep_own(fill(t.incoming_kept_name, &[&i18n::date(lang, ctx.with_untracked(|s| s.today))]));
                incoming.set(None);
            };
            match item {
                Incoming::ScenarioRefused(error) => view! {
                    <div class="dialog alert" role="alertdialog" aria-labelledby="incoming-title" aria-describedby="incoming-body">
                        <h2 id="incoming-title">{t.sf_refused_title}</h2>
                        <p id="incoming-body">{i18n::scenario_file::file_error(lang, &error)}</p>
                        <button type="button" on:click=close>{t.dismiss}</button>
                    </div>
                }.into_any(),
                Incoming::Refused(error) => view! {
                    <div class="dialog alert" role="alertdialog" aria-labelledby="incoming-title" aria-describedby="incoming-body">
                        <h2 id="incoming-title">{t.incoming_refused_title}</h2>
                        <p id="incoming-body">{i18n::transfer_error_text(lang, &error)}</p>
                        <button type="button" on:click=close>{t.dismiss}</button>
                    </div>
                }.into_any(),
                Incoming::Pending(pending) => {
                    let date = match pending.summary.reaches {
                        Reach::On(day) => i18n::date(lang, day),
                        Reach::NotBefore(day) => fill(t.incoming_date_not_before, &[&i18n::date(lang, day)]),
                    };
                    let summary = fill(t.incoming_summary, &[
                        &start_name(t, lang, &pending.run.start),
                        &date,
                        &pending.summary.actions.to_string(),
                    ]);
                    let notes: Vec<String> = [
                        pending.migrated_from.map(|v| fill(t.incoming_migrated, &[&v.to_string()])),
                        pending.other_rules.map(|v| fill(t.incoming_other_rules, &[&v.to_string()])),
                    ].into_iter().flatten().collect();
                    let navigate = navigate.clone();
                    let accept = move |_| {
                        let pending = (*pending).clone();
                        let navigate = navigate.clone();
                        let mine = ticket.get_value() + 1;
                        ticket.set_value(mine);
                        leptos::task::spawn_local(async move {
                            let current = move || ticket.get_value() == mine;
                            let mut replay = match pending.replay() {
                                Ok(replay) => replay,
                                Err(e) => return incoming.set(Some(Incoming::Refused(e))),
                            };
                            let total = replay.progress().total;
                            phase.set(Phase::Replaying { done: 0, total });
                            super::browser::timing("hes:replay:start", None);
                            loop {
                                // The browser draws the progress and handles *Cancel* first.
                                yield_to_browser().await;
                                if !current() {
                                    return;
                                }
                                match slice(&mut replay) {
                                    Ok(progress) if progress.is_finished() => break,
                                    Ok(progress) => phase.set(Phase::Replaying { done: progress.done, total }),
                                    Err(e) => return incoming.set(Some(Incoming::Refused(e))),
                                }
                            }
                            match pending.finish(replay) {
                                Ok(received) => {
                                    ctx.replace_with(received.sim, fill(t.incoming_kept_name, &[&i18n::date(lang, ctx.with_untracked(|s| s.today))]));
                                    incoming.set(None);
                                    navigate("/billing/ovh-account", Default::default());
                                    super::browser::timing("hes:replay:end", Some("hes:replay:start"));
                                }
                                Err(e) => incoming.set(Some(Incoming::Refused(e))),
                            }
                        });
                    };
                    let cancel = move |_| {
                        ticket.update_value(|t| *t += 1);
                        phase.set(Phase::Cancelled);
                    };
                    view! {
                        <div class="dialog" role="dialog" aria-modal="false" aria-labelledby="incoming-title" aria-describedby="incoming-body">
                            <h2 id="incoming-title">{t.incoming_title}</h2>
                            <p id="incoming-body">{summary}</p>
                            {notes.into_iter().map(|n| view! { <p class="hint">{n}</p> }).collect_view()}
                            {move || match phase.get() {
                                Phase::Asking => view! {
                                    <p>{t.incoming_keep_note}</p>
                                    <div class="actions">
                                        <button type="button" class="primary" on:click=accept.clone()>{t.incoming_accept}</button>
                                        <button type="button" on:click=decline>{t.incoming_decline}</button>
                                    </div>
                                }.into_any(),
                                Phase::Replaying { done, total } => {
                                    let label = fill(t.incoming_replaying, &[&done.to_string(), &total.to_string()]);
                                    view! {
                                        <progress id="incoming-progress" max=total value=done aria-label=label.clone()></progress>
                                        <p role="status">{label}</p>
                                        <div class="actions">
                                            <button type="button" on:click=cancel>{t.cancel}</button>
                                        </div>
                                    }.into_any()
                                }
                                Phase::Cancelled => view! {
                                    <p role="status">{t.incoming_cancelled}</p>
                                    <div class="actions">
                                        <button type="button" on:click=close>{t.dismiss}</button>
                                    </div>
                                }.into_any(),
                            }}
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
    let navigate = leptos_router::hooks::use_navigate();
    let link = RwSignal::new(None::<String>);
    // Whether the clipboard took the link: `None` until its promise settles (issue 16: "Copied"
    // only once it did; else the link is selected for a manual copy, and the user is told).
    let copied = RwSignal::new(None::<bool>);
    let share = move |_| {
        let base = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_default();
        let url = format!("{base}#{}", transfer::encode_link(&ctx.saved_run()));
        link.set(Some(url.clone()));
        copied.set(None);
        leptos::task::spawn_local(async move {
            let ok = copy_to_clipboard(&url).await;
            copied.set(Some(ok));
            if !ok {
                select_link();
            }
        });
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
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string());
            // A scenario file opens in the scenario player, apart from the user's own
            // simulation (nothing to ask: it replaces nothing); refused, the dialog says why.
            if let Some(text) = text.as_deref().filter(|t| scenario_file::is_scenario_text(t)) {
                match scenario_file::parse_scenario_file(text).and_then(|loaded| scenario_file::file_start(&loaded)) {
                    Ok(start) => {
                        incoming.set(None);
                        ctx.open_guided(start, true);
                        navigate(crate::ui::guide::scenario::START_ROUTE, Default::default());
                    }
                    Err(error) => incoming.set(Some(Incoming::ScenarioRefused(error))),
                }
                return;
            }
            incoming.set(Some(match text.map(|t| transfer::parse_import_pending(&t)) {
                Some(Ok(pending)) => Incoming::Pending(Box::new(pending)),
                Some(Err(e)) => Incoming::Refused(e),
                None => Incoming::Refused(TransferError::NotOurs),
            }));
        });
    };
    let dragging = RwSignal::new(false);
    let picked = read.clone();
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
                    <span class="hint" role="status">{move || match copied.get() {
                        Some(true) => t.share_copied,
                        Some(false) => t.share_copy_failed,
                        None => "",
                    }}</span>
                </div>
            })}
            // Issue 16: an embed, which any site may frame, imports nothing over its run.
            {(!ctx.is_embed()).then(|| view! {
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
                            picked(file);
                        }
                        input.set_value("");
                    }/>
                <span class="hint">{t.import_hint}</span>
                <span class="hint">{t.sf_import_hint}</span>
            </div>
            })}
        </section>
    }
}

/// Writes `text` to the clipboard: whether the browser says it did (its promise resolved).
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    JsFuture::from(window.navigator().clipboard().write_text(text)).await.is_ok()
}

/// Focuses the link's field and selects it, for a copy by hand.
fn select_link() {
    use wasm_bindgen::JsCast;
    let field = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("share-link"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(field) = field {
        let _ = field.focus();
        field.select();
    }
}
