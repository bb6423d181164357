//! The clock bar, always visible once logged in (T1, T2): the simulated date, +1 day, +1 week,
//! *next event*, a preview of what the next event will do and why, and the debt countdown (D4).
use super::ctx::use_ctx;
use super::widgets::{days_left_text, EventList};
use crate::domain::{Action, Advance, EventKind};
use crate::i18n::{self, fill};
use leptos::prelude::*;

#[component]
pub fn ClockBar() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let today = move || ctx.with(|s| s.today);
    // The preview is the domain's own simulation of the next event day on a copy; the clock
    // advance itself is left out, it is what the button does.
    let preview = Memo::new(move |_| {
        ctx.with(|s| s.preview_next_event()).map(|p| {
            let events: Vec<_> = p
                .events
                .into_iter()
                .filter(|e| !matches!(e.kind, EventKind::ClockAdvanced { .. }))
                .collect();
            (p.date, events)
        })
    });
    let countdown = move || {
        ctx.with(|s| {
            let deadline = s.account.deadline()?;
            Some((s.account.debt(), deadline, (deadline - s.today).num_days()))
        })
    };
    let advance = move |how: Advance| {
        ctx.run(Action::Advance(how));
    };

    view! {
        <section class="clockbar" aria-label=t.clock_label>
            <span>{t.clock_today} ": "
                <time class="today" datetime=move || today().to_string()>
                    {move || i18n::date(lang, today())}
                </time>
            </span>
            <span class="actions">
                <button type="button" on:click=move |_| advance(Advance::Days(1))>{t.clock_plus_day}</button>
                <button type="button" on:click=move |_| advance(Advance::Days(7))>{t.clock_plus_week}</button>
                <button type="button" class="primary" on:click=move |_| advance(Advance::NextEvent)>
                    {t.clock_next_event}
                </button>
            </span>
            {move || countdown().map(|(debt, deadline, left)| view! {
                <p class="countdown">
                    {fill(t.clock_debt_countdown, &[
                        &i18n::money(lang, debt), &i18n::date(lang, deadline), &days_left_text(t, left)])}
                </p>
            })}
            <div class="preview">
                {move || match preview.get() {
                    Some((date, events)) => view! {
                        <span>{fill(t.clock_next_on, &[&i18n::date(lang, date)])}</span>
                        <EventList events/>
                    }.into_any(),
                    None => view! { <span>{t.clock_nothing}</span> }.into_any(),
                }}
            </div>
        </section>
    }
}
