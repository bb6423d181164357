//! Small pieces several screens share.
use super::ctx::{use_ctx, Banner, Flash};
use crate::domain::{Event, RuleId};
use crate::i18n::{self, fill, Texts};
use leptos::prelude::*;

/// The rules behind an event: each code with its one-line explanation, the guide section, and
/// the *(assumption)* label where RULES.md marks one.
#[component]
pub fn RuleChips(rules: Vec<RuleId>) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    view! {
        <span class="rules">
            {rules.into_iter().map(|rule| {
                let title = format!("{} — {}", i18n::rule_text(lang, rule),
                    fill(lang.t().guide_section, &[i18n::section_name(lang, rule.guide_section())]));
                view! {
                    <span class="rule" title=title>
                        {rule.code()}
                        {rule.is_assumption().then(|| format!(" {}", t.assumption))}
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
            {events.into_iter().map(|event| {
                let kind = event.kind.clone();
                view! {
                    <li>
                        {i18n::event_text(lang, &kind)}
                        " "
                        <RuleChips rules=event.rules.clone()/>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// The page's message area: what the last action did, or why it was refused.
#[component]
pub fn FlashMessage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    view! {
        <div class="flash-region" role="status" aria-live="polite">
            {move || ctx.flash.get().and_then(|flash| {
                let (class, body) = match flash {
                    Flash::Done(events) if events.is_empty() => return None,
                    Flash::Done(events) => ("flash ok", view! { <EventList events/> }.into_any()),
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
            })}
        </div>
    }
}

/// A lasting notice about the browser save: a save that could not be read is never dropped
/// silently, and a save that fails is said.
#[component]
pub fn SaveBanner() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    view! {
        {move || ctx.banner.get().map(|banner| {
            let text = match &banner {
                Banner::Quarantined { key, reason } => fill(t.storage_quarantined, &[reason, key]),
                Banner::SaveFailed(reason) => fill(t.storage_failed, &[reason]),
            };
            view! {
                <div class="alert banner" role="alert">
                    <span>{text}</span>
                    " "
                    <button type="button" class="link" on:click=move |_| ctx.banner.set(None)>
                        {t.dismiss}
                    </button>
                </div>
            }
        })}
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
    #[prop(optional, into)] hint: Option<Signal<String>>,
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

/// A listing in its own section: the heading, then either the `empty` sentence or the table,
/// with its header row and the rows `rows` draws (re-drawn when the state changes). Columns
/// flagged `true` hold amounts and are right-aligned.
#[component]
pub fn DataTable(
    id: &'static str,
    title: &'static str,
    empty: &'static str,
    columns: Vec<(&'static str, bool)>,
    #[prop(into)] is_empty: Signal<bool>,
    #[prop(into)] rows: ViewFn,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {children.map(|c| c())}
            <Show when=move || !is_empty.get() fallback=move || view! { <p>{empty}</p> }>
                <div class="table-wrap"><table>
                    <thead><tr>
                        {columns.iter().map(|(name, numeric)| view! {
                            <th scope="col" class=numeric.then_some("num")>{*name}</th>
                        }).collect_view()}
                    </tr></thead>
                    <tbody>{let rows = rows.clone(); move || rows.run()}</tbody>
                </table></div>
            </Show>
        </section>
    }
}

/// How long is left to pay a debt (D4), from the number of days to the deadline: the customer
/// can pay until the end of the deadline's day.
pub fn days_left_text(t: &'static Texts, days_to_deadline: i64) -> String {
    match days_to_deadline {
        d if d > 0 => fill(t.acc_days_left, &[&d.to_string()]),
        0 => t.acc_last_day.to_string(),
        _ => t.acc_deadline_passed.to_string(),
    }
}
