//! The OVH account balance over simulated time, as an SVG drawn by the app (no charting
//! library: a polyline and a few marks cost far less than any crate). Coordinates are computed
//! with `Decimal` too, so the balance never passes through `f64` (M1).
use crate::domain::{MovementKind, State};
use crate::i18n;
use crate::ui::ctx::use_ctx;
use chrono::NaiveDate;
use leptos::prelude::*;
use rust_decimal::Decimal;

const W: i64 = 640;
const H: i64 = 220;
const PAD: i64 = 36;

struct Mark {
    x: Decimal,
    y: Decimal,
    class: &'static str,
    label: String,
}

struct Plot {
    path: String,
    zero_y: Decimal,
    marks: Vec<Mark>,
    deadline_x: Option<Decimal>,
    first: NaiveDate,
    last: NaiveDate,
    top: Decimal,
    bottom: Decimal,
}

fn plot(state: &State, lang: i18n::Lang) -> Option<Plot> {
    let movements = &state.account.movements;
    let first_mv = movements.first()?;
    let first = first_mv.date;
    let deadline = state.account.deadline();
    let last = [Some(state.today), deadline].into_iter().flatten().max().unwrap_or(state.today).max(first + chrono::Days::new(1));
    let start_balance = first_mv.balance_after - first_mv.credit + first_mv.debit;
    let mut top = start_balance.max(Decimal::ZERO);
    let mut bottom = start_balance.min(Decimal::ZERO);
    for mv in movements {
        top = top.max(mv.balance_after);
        bottom = bottom.min(mv.balance_after);
    }
    if top == bottom {
        top += Decimal::ONE;
    }
    let span_days = Decimal::from((last - first).num_days().max(1));
    let x = |day: NaiveDate| {
        (Decimal::from(PAD) + Decimal::from((day - first).num_days()) * Decimal::from(W - 2 * PAD) / span_days).round_dp(1)
    };
    let y = |value: Decimal| {
        (Decimal::from(PAD) + (top - value) * Decimal::from(H - 2 * PAD) / (top - bottom)).round_dp(1)
    };
    let mut path = format!("M{} {}", x(first), y(start_balance));
    let mut marks = Vec::new();
    let mut current = start_balance;
    for mv in movements {
        path.push_str(&format!(" L{} {} L{} {}", x(mv.date), y(current), x(mv.date), y(mv.balance_after)));
        current = mv.balance_after;
        let (class, label) = match mv.kind {
            MovementKind::InvoiceDebit => ("invoice", lang.t().chart_invoice),
            MovementKind::Credit | MovementKind::DebtPayment => ("credit", lang.t().chart_credit),
        };
        marks.push(Mark {
            x: x(mv.date),
            y: y(mv.balance_after),
            class,
            label: format!("{} {} {}: {}", i18n::date_short(lang, mv.date), label, mv.reference, i18n::money(lang, mv.balance_after)),
        });
    }
    path.push_str(&format!(" L{} {}", x(state.today), y(current)));
    Some(Plot {
        path,
        zero_y: y(Decimal::ZERO),
        marks,
        deadline_x: deadline.map(x),
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
    view! {
        <section class="card chart" aria-labelledby="chart-title">
            <h2 id="chart-title">{t.chart_title}</h2>
            {move || {
                match ctx.with(|s| plot(s, lang)) {
                    None => view! { <p>{t.chart_empty}</p> }.into_any(),
                    Some(p) => view! {
                        <svg viewBox=format!("0 0 {W} {H}") role="img" aria-labelledby="chart-title chart-desc">
                            <desc id="chart-desc">{t.chart_desc}</desc>
                            <line class="zero" x1=PAD x2=W - PAD y1=p.zero_y.to_string() y2=p.zero_y.to_string()/>
                            <text x="2" y=PAD>{i18n::money(lang, p.top)}</text>
                            <text x="2" y=H - PAD + 12>{i18n::money(lang, p.bottom)}</text>
                            <text x=PAD y=H - 6>{i18n::date_short(lang, p.first)}</text>
                            <text x=W - PAD y=H - 6 text-anchor="end">{i18n::date_short(lang, p.last)}</text>
                            {p.deadline_x.map(|x| view! {
                                <line class="deadline" x1=x.to_string() x2=x.to_string() y1=PAD - 10 y2=H - PAD>
                                    <title>{t.chart_deadline}</title>
                                </line>
                            })}
                            <path class="line" d=p.path/>
                            {p.marks.into_iter().map(|m| view! {
                                <circle class=m.class cx=m.x.to_string() cy=m.y.to_string() r="4">
                                    <title>{m.label}</title>
                                </circle>
                            }).collect_view()}
                        </svg>
                        <p class="legend">
                            <span><svg width="10" height="10" aria-hidden="true"><circle class="invoice" cx="5" cy="5" r="4"/></svg> " " {t.chart_invoice}</span>
                            <span><svg width="10" height="10" aria-hidden="true"><circle class="credit" cx="5" cy="5" r="4"/></svg> " " {t.chart_credit}</span>
                            <span>"┆ " {t.chart_deadline}</span>
                        </p>
                    }.into_any(),
                }
            }}
        </section>
    }
}
