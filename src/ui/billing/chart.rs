//! The OVH account balance over simulated time, as an SVG drawn by the app (no charting
//! library: a polyline and a few marks cost far less than any crate). The balance is read in
//! whole cents (integers): it never passes through `f64` (M1). The words (amounts, dates,
//! legend) are HTML around the drawing, so they stay readable on a phone and never sit on the
//! line; the time axis shows a recent window by default, so a year of history does not squash
//! this month against the edge.
use crate::domain::{MovementKind, State};
use crate::i18n::{self, Lang};
use crate::ui::ctx::use_ctx;
use chrono::{Days, NaiveDate};
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

const W: i64 = 600;
const H: i64 = 200;
const PAD: i64 = 8;

#[derive(Clone, PartialEq)]
struct Mark {
    x: i64,
    y: i64,
    class: &'static str,
    label: String,
}

#[derive(Clone, PartialEq)]
struct Plot {
    path: String,
    zero_y: i64,
    marks: Vec<Mark>,
    deadline_x: Option<i64>,
    first: NaiveDate,
    last: NaiveDate,
    top: Decimal,
    bottom: Decimal,
}

/// Whole cents, exactly.
fn cents(d: Decimal) -> i64 {
    (d * Decimal::ONE_HUNDRED).trunc().to_i64().unwrap_or(0)
}

/// The time window: `days` before today (`None`: the whole history), to today or the deadline.
fn plot(state: &State, lang: Lang, days: Option<u64>) -> Option<Plot> {
    let movements = &state.account.movements;
    let first_mv = movements.first()?;
    let deadline = state.account.deadline();
    let last = [Some(state.today), deadline].into_iter().flatten().max().unwrap_or(state.today);
    let from = match days {
        Some(n) => state.today.checked_sub_days(Days::new(n)).unwrap_or(first_mv.date).max(first_mv.date),
        None => first_mv.date,
    };
    let first = from.min(last.pred_opt().unwrap_or(last));
    // The balance at the window's start (A3), then every movement inside it.
    let start_balance = state.account.balance_before(first);
    let inside: Vec<_> = movements.iter().filter(|m| m.date >= first).collect();
    let mut top = start_balance.max(Decimal::ZERO);
    let mut bottom = start_balance.min(Decimal::ZERO);
    for mv in &inside {
        top = top.max(mv.balance_after);
        bottom = bottom.min(mv.balance_after);
    }
    let (top_c, mut bottom_c) = (cents(top), cents(bottom));
    if top_c == bottom_c {
        bottom_c -= 100;
    }
    let span = (last - first).num_days().max(1);
    let x = |day: NaiveDate| PAD + (day - first).num_days().clamp(0, span) * (W - 2 * PAD) / span;
    let y = |value: Decimal| PAD + (top_c - cents(value)) * (H - 2 * PAD) / (top_c - bottom_c);
    let mut path = format!("M{} {}", x(first), y(start_balance));
    let mut marks = Vec::new();
    let mut current = start_balance;
    for mv in inside {
        path.push_str(&format!(" L{} {} L{} {}", x(mv.date), y(current), x(mv.date), y(mv.balance_after)));
        current = mv.balance_after;
        let (class, label) = match mv.kind {
            MovementKind::InvoiceDebit => ("invoice", lang.t().chart_invoice),
            MovementKind::Credit | MovementKind::DebtPayment => ("credit", lang.t().chart_credit),
            MovementKind::Opening => ("credit", lang.t().mv_opening),
        };
        marks.push(Mark {
            x: x(mv.date),
            y: y(mv.balance_after),
            class,
            label: format!("{} — {label} {} — {}", i18n::date(lang, mv.date), mv.reference, i18n::money(lang, mv.balance_after)),
        });
    }
    path.push_str(&format!(" L{} {}", x(last.min(state.today)), y(current)));
    Some(Plot {
        path,
        zero_y: y(Decimal::ZERO),
        marks,
        deadline_x: deadline.filter(|d| *d >= first).map(x),
        first,
        last,
        top,
        bottom,
    })
}

#[component]
pub fn BalanceChart() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    // 3 months by default; a year; everything.
    let range = RwSignal::new(Some(90u64));
    let ranges = [(Some(90u64), t.chart_range_3m), (Some(365), t.chart_range_1y), (None, t.chart_range_all)];
    // The drawing itself, recomputed on every change of the state or the range and drawn again
    // only when it changed (issue 20: a memo that is only tracked, never read, is never
    // computed, so it never subscribed to the state and the chart kept its first shape).
    let drawing = Memo::new(move |_| ctx.with(|s| plot(s, lang, range.get())));
    view! {
        <section class="card chart" aria-labelledby="chart-title">
            <h2 id="chart-title">{t.chart_title}</h2>
            <div class="actions" role="group" aria-label=t.chart_range>
                {ranges.into_iter().map(|(days, label)| view! {
                    <button type="button" aria-pressed=move || (range.get() == days).to_string()
                        on:click=move |_| range.set(days)>{label}</button>
                }).collect_view()}
            </div>
            {move || {
                match drawing.get() {
                    None => view! { <p>{t.chart_empty}</p> }.into_any(),
                    Some(p) => view! {
                        <div class="chart-grid">
                            <span class="chart-top">{i18n::money(lang, p.top)}</span>
                            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="chart-title chart-desc">
                                <desc id="chart-desc">{t.chart_desc}</desc>
                                <line class="zero" x1=PAD x2=W - PAD y1=p.zero_y y2=p.zero_y/>
                                {p.deadline_x.map(|x| view! {
                                    <line class="deadline" x1=x x2=x y1=0 y2=H>
                                        <title>{t.chart_deadline}</title>
                                    </line>
                                })}
                                <path class="line" d=p.path/>
                                {p.marks.into_iter().map(|m| view! {
                                    <circle class=m.class cx=m.x cy=m.y r="5">
                                        <title>{m.label}</title>
                                    </circle>
                                }).collect_view()}
                            </svg>
                            <span class="chart-bottom">{i18n::money(lang, p.bottom)}</span>
                            <span class="chart-from">{i18n::date(lang, p.first)}</span>
                            <span class="chart-to">{i18n::date(lang, p.last)}</span>
                        </div>
                        <p class="legend">
                            <span><span class="dot invoice" aria-hidden="true"></span>{t.chart_invoice}</span>
                            <span><span class="dot credit" aria-hidden="true"></span>{t.chart_credit}</span>
                            <span><span class="dash" aria-hidden="true"></span>{t.chart_deadline}</span>
                        </p>
                    }.into_any(),
                }
            }}
        </section>
    }
}
