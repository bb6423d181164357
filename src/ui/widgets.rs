//! Small pieces several screens share.
use super::ctx::{use_ctx, Ctx, Flash, Notice};
use crate::domain::{DebtCountdown, Event, RuleId};
use crate::i18n::{self, fill, plural, Lang, Texts};
use leptos::prelude::*;
use leptos_router::components::A;

thread_local! {
    static CHIP_IDS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// The rules behind an event: each code is a button that opens its one-line explanation, the
/// guide section, and the *(assumption)* label where RULES.md marks one. A button, so it works
/// from the keyboard and by touch, not only on mouse hover.
#[component]
pub fn RuleChips(rules: Vec<RuleId>) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    view! {
        <span class="rules">
            {rules.into_iter().map(|rule| {
                let open = RwSignal::new(false);
                let id = CHIP_IDS.with(|c| { c.set(c.get() + 1); format!("rule-{}", c.get()) });
                let label = if rule.is_assumption() { format!("{} {}", rule.code(), t.assumption) } else { rule.code().to_string() };
                let text = fill(t.rule_explained, &[
                    i18n::rule_text(lang, rule),
                    i18n::section_name(lang, rule.guide_section()),
                ]);
                let id2 = id.clone();
                view! {
                    <span class="rule-chip">
                        <button type="button" class="rule" aria-expanded=move || open.get().to_string()
                            aria-controls=id.clone() aria-label=fill(t.rule_about, &[&label])
                            on:click=move |_| open.update(|o| *o = !*o)
                            on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
                            {label.clone()}
                        </button>
                        <span class="rule-text" id=id2 role="note" hidden=move || !open.get()>{text}</span>
                    </span>
                }
            }).collect_view()}
        </span>
    }
}

/// A list of events as sentences, each with its rules.
#[component]
pub fn EventList(events: Vec<Event>) -> impl IntoView {
    let ctx = use_ctx();
    let (_, lang) = ctx.texts();
    view! {
        <ul class="events">
            {events.into_iter().map(|event| view! {
                <li>
                    {i18n::event_text(lang, &event.kind)}
                    " "
                    <RuleChips rules=event.rules/>
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The page's message area: what the last action did, or why it was refused. Good news is
/// green; anything that went against the customer (a debt, a decline, a suspension) is shown as
/// a warning, whatever else came with it.
///
/// The region is always there, so that screen readers announce what appears in it; what it
/// shows is drawn by [`FlashBody`], split out of the first load (no action, no message).
#[component]
pub fn FlashMessage(body: fn() -> AnyView) -> impl IntoView {
    let ctx = use_ctx();
    let shown = Memo::new(move |_| ctx.flash.with(Option::is_some));
    view! {
        <div class="flash-region" role="status" aria-live="polite">
            {move || shown.get().then(body)}
        </div>
    }
}

/// The message of [`FlashMessage`].
#[component]
pub fn FlashBody() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    move || {
        ctx.flash.get().and_then(|flash| {
            let (class, body) = match flash {
                Flash::Done(events) if events.is_empty() => return None,
                Flash::Done(events) => {
                    let class = if events.iter().any(Event::is_adverse) { "flash warn" } else { "flash ok" };
                    (class, view! { <EventList events/> }.into_any())
                }
                Flash::Refused(refusal) => (
                    "flash error",
                    view! { <p>{i18n::refusal_text(lang, &refusal)}</p> }.into_any(),
                ),
            };
            Some(view! {
                <div class=class>
                    {body}
                    <button type="button" class="link" on:click=move |_| ctx.flash.set(None)>
                        {t.dismiss}
                    </button>
                </div>
            })
        })
    }
}

/// The lasting notices: the save's faults (never silent), a new version of the app. Their
/// code, `list` ([`NoticeList`]), is split out of the first load: there are none on a first
/// visit.
#[component]
pub fn Notices(list: fn() -> AnyView) -> impl IntoView {
    let ctx = use_ctx();
    let any = Memo::new(move |_| ctx.notices.with(|n| !n.is_empty()));
    move || any.get().then(list)
}

/// The notices of [`Notices`], keyed by notice: one that stays is not drawn (and announced)
/// again when another comes or goes.
#[component]
pub fn NoticeList() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    view! {
        <For each=move || ctx.notices.get() key=|notice| notice.clone() let:notice>
            {
                let text = i18n::notice_text(lang, &notice);
                let update = notice == Notice::UpdateReady;
                let alert = !matches!(notice, Notice::FromOtherTab | Notice::UpdateReady);
                view! {
                    <div class=if alert { "alert banner" } else { "notice banner" } role=if alert { "alert" } else { "status" }>
                        <span>{text}</span>
                        " "
                        {update.then(|| view! {
                            <button type="button" class="primary" on:click=move |_| super::browser::apply_update()>{t.update_reload}</button>
                        })}
                        <button type="button" class="link" on:click=move |_| ctx.dismiss(&notice)>{t.dismiss}</button>
                    </div>
                }
            }
        </For>
    }
}

/// An inline error under a field, announced when it appears.
#[component]
pub fn FieldError(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="error" id=id role="alert">{move || message.get()}</p>
    }
}

/// A labelled text field with an optional hint and the inline error of the last attempt.
/// What the user typed stays in `value`, whatever the error (bad input loses nothing).
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional)] decimal: bool,
    #[prop(optional)] node_ref: NodeRef<leptos::html::Input>,
    #[prop(default = "off")] autocomplete: &'static str,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" autocomplete=autocomplete spellcheck="false" node_ref=node_ref
                inputmode=decimal.then_some("decimal")
                aria-describedby=described
                aria-invalid=move || error.with(|e| e.is_some()).to_string()
                prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
            {hint.map(|hint| view! { <span class="hint" id=hint_id>{hint}</span> })}
            <FieldError id=error_id message=error/>
        </div>
    }
}

/// One cell of a [`DataTable`] row: its column's name goes with it, so that on a narrow screen
/// the row stacks as "name: value" lines and no column is lost off screen.
pub struct Cell {
    pub view: AnyView,
    pub numeric: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { view: text.into().into_any(), numeric: false }
    }
    pub fn num(text: impl Into<String>) -> Cell {
        Cell { view: text.into().into_any(), numeric: true }
    }
    pub fn view(view: impl IntoView + 'static) -> Cell {
        Cell { view: view.into_any(), numeric: false }
    }
}

/// The rows of a [`DataTable`].
pub type Rows = Box<dyn Fn() -> Vec<(String, Vec<Cell>)> + Send + Sync>;

/// A listing in its own section: the heading, then either the `empty` sentence or the table,
/// with its header row and the rows `rows` gives (re-drawn when they change). The first cell of
/// each row names it (a row header). On narrow screens each row stacks into labelled lines.
#[component]
pub fn DataTable(
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    columns: Vec<&'static str>,
    /// Each row: an id for the `<tr>` (or empty) and its cells, in column order. Called again
    /// when what it reads changes.
    rows: Rows,
    #[prop(optional)] tour: Option<&'static str>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let columns = std::sync::Arc::new(columns);
    let head = columns.clone();
    view! {
        <section aria-labelledby=id data-tour=tour>
            <h2 id=id>{title}</h2>
            {children.map(|c| c())}
            {move || {
                let rows = rows();
                if rows.is_empty() {
                    return view! { <p>{empty}</p> }.into_any();
                }
                let columns = columns.clone();
                view! {
                    <div class="table-wrap"><table class="stack">
                        <thead><tr>
                            {head.iter().map(|name| view! { <th scope="col">{*name}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|(row_id, cells)| {
                                let columns = columns.clone();
                                view! {
                                    <tr id=(!row_id.is_empty()).then_some(row_id)>
                                        {cells.into_iter().enumerate().map(|(i, cell)| {
                                            let label = columns.get(i).copied().unwrap_or("");
                                            let class = if cell.numeric { "num" } else { "" };
                                            if i == 0 {
                                                view! { <th scope="row" data-label=label class=class>{cell.view}</th> }.into_any()
                                            } else {
                                                view! { <td data-label=label class=class>{cell.view}</td> }.into_any()
                                            }
                                        }).collect_view()}
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any()
            }}
        </section>
    }
}

/// How long is left to pay a debt (D4): the customer can pay until the end of the deadline.
pub fn countdown_text(t: &'static Texts, lang: Lang, countdown: DebtCountdown) -> String {
    match countdown {
        DebtCountdown::DaysLeft(days) => plural(lang, u64::from(days), t.acc_days_left),
        DebtCountdown::LastDay => t.acc_last_day.to_string(),
        DebtCountdown::Passed => t.acc_deadline_passed.to_string(),
    }
}

/// An address that leads nowhere in the app.
#[component]
pub fn NotFound() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        <h1>{t.not_found_title}</h1>
        <p>{t.not_found_body}</p>
        <A href=super::nav::app_href("/")>{t.back_home}</A>
    }
}

/// The interface language (L2), remembered; used in the top bar and in the settings.
#[component]
pub fn LanguageSelect(id: &'static str) -> impl IntoView {
    let ctx = use_ctx();
    view! {
        <select id=id on:change=move |ev| {
            if let Some(lang) = Lang::from_tag(&event_target_value(&ev)) {
                switch_lang(ctx, lang);
            }
        }>
            {Lang::ALL.into_iter().map(|lang| view! {
                <option value=lang.code() selected=ctx.lang.get_untracked() == lang>
                    {lang.native_name()}
                </option>
            }).collect_view()}
        </select>
    }
}

/// Switches the interface language once its texts are here (fetched on first use), and
/// remembers it. The panel is then drawn again; what the user typed is kept (`Ctx::draft`).
fn switch_lang(ctx: Ctx, lang: Lang) {
    super::prefs::remember_lang(lang);
    #[cfg(target_arch = "wasm32")]
    leptos::task::spawn_local(async move {
        match crate::i18n::load::ensure(lang).await {
            Ok(()) => ctx.lang.set(lang),
            Err(_) => ctx.notice(Notice::LangFailed),
        }
    });
    #[cfg(not(target_arch = "wasm32"))]
    ctx.lang.set(lang);
}
