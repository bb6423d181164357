//! What the player shows of a scenario *file* beside what it shows of a built-in: the author's
//! words in the reader's language (a missing one falls back to English, and the panel says so),
//! each expectation's ✓ or ✗ with the expected and the actual value at its beat, and the
//! summary at the end. A failed check never stops the play.
use super::scenario::Key;
use crate::domain::scenario_file::{Checked, FileStart, Scenario};
use crate::i18n::{self, fill, scenario_file as words, Lang};
use crate::ui::ctx::use_ctx;
use leptos::prelude::*;
use std::sync::Arc;

/// A file and the outcome of each of its expectations, from a replay of the file (the same
/// states Play and Step reach, T3), so they are there again after a reload or a language switch.
#[derive(Clone)]
pub struct Outcomes {
    pub file: Arc<FileStart>,
    pub checks: Arc<Vec<Checked>>,
}

impl Outcomes {
    pub fn of(file: Arc<FileStart>) -> Outcomes {
        let checks = file.scenario().play().map(|p| p.checks).unwrap_or_default();
        Outcomes { file, checks: Arc::new(checks) }
    }
}

/// A text of the file in `lang`, or in English.
pub fn text(scenario: &Scenario, key: Key, lang: Lang) -> &str {
    let lang = words::language(lang);
    match key {
        Key::Title => scenario.title.get(lang).text,
        Key::Summary => scenario.summary.get(lang).text,
        Key::Beat(i) => scenario.beats.get(i).map_or("", |b| b.caption.get(lang).text),
    }
}

/// Says that some of the file's texts are in English, when they are.
#[component]
pub fn FellBack(outcomes: Outcomes) -> impl IntoView {
    let (t, lang) = use_ctx().texts();
    outcomes
        .file
        .scenario()
        .fell_back()
        .contains(&words::language(lang))
        .then(|| view! { <p class="hint fell-back">{t.sf_fell_back}</p> })
}

/// The expectations checked once `after` beats have been played, shown once they have been.
#[component]
pub fn Checks(outcomes: Outcomes, after: usize, at: Signal<usize>) -> impl IntoView {
    let (t, lang) = use_ctx().texts();
    let scenario = outcomes.file.scenario();
    let lines: Vec<(bool, String)> = outcomes
        .checks
        .iter()
        .filter_map(|c| {
            let e = scenario.expect.get(c.expectation).filter(|e| e.after == after)?;
            Some((c.check.ok, words::check_text(lang, e, &c.check)))
        })
        .collect();
    (!lines.is_empty()).then(move || {
        let label = (after == 0).then_some(t.sf_at_start);
        move || (at.get() >= after).then(|| view! {
            {label.map(|l| view! { <p class="hint">{l}</p> })}
            <ul class="checks">
                {lines.clone().into_iter().map(|(ok, text)| view! {
                    <li class=if ok { "check ok" } else { "check failed" }>{text}</li>
                }).collect_view()}
            </ul>
        })
    })
}

/// The end of a file: how many checks held, and which did not.
#[component]
pub fn Summary(outcomes: Outcomes) -> impl IntoView {
    let (t, lang) = use_ctx().texts();
    let total = outcomes.checks.len();
    let passed = outcomes.checks.iter().filter(|c| c.check.ok).count();
    let scenario = outcomes.file.scenario();
    let failed: Vec<String> = outcomes
        .checks
        .iter()
        .filter(|c| !c.check.ok)
        .filter_map(|c| scenario.expect.get(c.expectation).map(|e| words::subject(lang, e)))
        .collect();
    view! {
        <section class=if failed.is_empty() { "card check-summary" } else { "card check-summary alert" } aria-labelledby="check-summary-title">
            <h2 id="check-summary-title">{t.rec_checks}</h2>
            <p role="status">{if total == 0 { t.sf_summary_none.to_string() } else { fill(t.sf_summary, &[&passed.to_string(), &total.to_string()]) }}</p>
            {(!failed.is_empty()).then(|| view! { <p>{fill(t.sf_summary_failed, &[&i18n::names(lang, &failed)])}</p> })}
        </section>
    }
}
