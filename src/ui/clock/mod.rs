//! The clock bar, always visible once logged in (T1, T2): the simulated date, +1 day, +1 week,
//! *Next event*, what the next event will do and why (folded away on a phone), and the debt
//! countdown (D4).
use super::ctx::use_ctx;
use super::widgets::{countdown_text, EventList};
use crate::domain::{Action, Advance, EventKind};
use crate::i18n::{self, fill};
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;

/// Wide enough to show the preview unfolded (the CSS layout's breakpoint).
fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 860px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

#[component]
pub fn ClockBar() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let today = ctx.memo(|s| s.today);
    // The preview is the domain's own run of the next event day on a copy of what the rules
    // read; the clock advance itself is left out, it is what the button does.
    let preview = Memo::new(move |_| {
        ctx.preview().get().map(|p| {
            let events: Vec<_> = p
                .events
                .into_iter()
                .filter(|e| !matches!(e.kind, EventKind::ClockAdvanced { .. }))
                .collect();
            (p.date, events)
        })
    });
    let countdown = ctx.memo(|s| {
        let countdown = s.account.countdown(s.today)?;
        Some((s.account.debt(), s.account.deadline()?, countdown))
    });
    let advance = move |how: Advance| {
        ctx.run(Action::Advance(how));
    };
    let unfolded = wide_screen();

    view! {
        <section class="clockbar" aria-label=t.clock_label data-tour=TourTarget::Clock.attr()>
            <span class="clock-date">{t.clock_today} " "
                <time class="today" datetime=move || today.get().to_string()>
                    {move || i18n::date(lang, today.get())}
                </time>
            </span>
            <span class="actions">
                <button type="button" on:click=move |_| advance(Advance::Days(1))>{t.clock_plus_day}</button>
                <button type="button" on:click=move |_| advance(Advance::Days(7))>{t.clock_plus_week}</button>
                <button type="button" class="primary" data-tour=TourTarget::ClockNext.attr() on:click=move |_| advance(Advance::NextEvent)>
                    {t.clock_next_event}
                </button>
            </span>
            {move || countdown.get().map(|(debt, deadline, left)| view! {
                <p class="countdown">
                    {fill(t.clock_debt_countdown, &[
                        &i18n::money(lang, debt), &i18n::date(lang, deadline), &countdown_text(t, lang, left)])}
                </p>
            })}
            <details class="preview" open=unfolded>
                {move || match preview.get() {
                    Some((date, events)) => view! {
                        <summary>{fill(t.clock_next_on, &[&i18n::date(lang, date)])}</summary>
                        <EventList events/>
                    }.into_any(),
                    None => view! { <summary>{t.clock_nothing}</summary> }.into_any(),
                }}
            </details>
        </section>
    }
}
