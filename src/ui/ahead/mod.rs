//! "The year ahead" (F1, F2): the coming invoices and events, the warnings, the last safe days
//! and the totals per 12 months, all computed by the engine on a copy of the state with no new
//! action (`domain::forecast`, `domain::last_safe_days`); and the dashboard's short list of
//! the last safe days. The views only word what the domain returns.
use crate::domain::{forecast, last_safe_days, last_safe_days_from, ForecastInvoice, ForecastItem, Horizon, RuleId, SafeDay};
use crate::i18n::{self, fill, Lang};
use crate::ui::ctx::use_ctx;
use crate::ui::widgets::RuleChips;
use leptos::prelude::*;
use leptos_router::components::A;

/// The horizon picker (3, 12 or 24 months), shared with the comparison.
pub fn horizon_picker(horizon: RwSignal<Horizon>, lang: Lang) -> impl IntoView {
    let t = lang.t();
    view! {
        <fieldset class="horizon">
            <legend>{t.ah_horizon}</legend>
            {Horizon::ALL.into_iter().map(|h| {
                let id = format!("horizon-{}", h.months());
                view! {
                    <span class="choice">
                        <input type="radio" name="horizon" id=id.clone() prop:checked=move || horizon.get() == h
                            on:change=move |_| horizon.set(h)/>
                        <label for=id>{fill(t.ah_months, &[&h.months().to_string()])}</label>
                    </span>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Rows of the timeline drawn at first, and added by each *Show more*; warnings and the last
/// safe days likewise. A
/// 24-month horizon of 100 accounts has over 600 invoices: drawn at once, with their rule chips,
/// they took about half a second (issue 17: opening the screen or changing the horizon is
/// painted within a frame; decision 137).
const ROWS: usize = 25;
const WARNINGS: usize = 10;
const SAFE_DAYS: usize = 10;

/// How many of a list are drawn: `first` until *Show more* is pressed for this horizon; back to
/// `first` when the horizon changes (an RwSignal of (horizon, count), no effect needed).
#[derive(Clone, Copy)]
struct Shown {
    first: usize,
    count: RwSignal<(Horizon, usize)>,
}

impl Shown {
    fn new(first: usize, horizon: Horizon) -> Shown {
        Shown { first, count: RwSignal::new((horizon, first)) }
    }

    fn get(self, horizon: Horizon) -> usize {
        let (h, n) = self.count.get();
        if h == horizon { n } else { self.first }
    }

    fn more(self, horizon: Horizon) {
        let (h, n) = self.count.get_untracked();
        let n = if h == horizon { n } else { self.first };
        self.count.set((horizon, n + self.first));
    }
}

/// "{shown} of {total}" and *Show more*, when not everything is drawn.
fn show_more(lang: Lang, id: &'static str, text: &'static str, shown: usize, total: usize, more: impl Fn() + 'static) -> Option<AnyView> {
    let t = lang.t();
    (total > shown).then(|| view! {
        <p class="more">
            <span id=id class="hint">{fill(text, &[&shown.to_string(), &total.to_string()])}</span> " "
            <button type="button" aria-describedby=id on:click=move |_| more()>{t.show_more}</button>
        </p>
    }.into_any())
}

/// A row of the timeline as the key of its row: equal only to the same item (the whole item is
/// compared), hashed by its date and reference or event number.
#[derive(Clone, PartialEq, Eq)]
struct Row(ForecastItem);

impl std::hash::Hash for Row {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match &self.0 {
            ForecastItem::Invoice(i) => (i.date, &i.reference).hash(state),
            ForecastItem::Event(e) => (e.date, e.seq).hash(state),
        }
    }
}

#[component]
pub fn YearAheadPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let horizon = ctx.draft("ahead-horizon", || Horizon::Months12);
    // One memo per horizon, each computed when first read and kept until the state changes:
    // going back to a horizon already seen computes nothing.
    let forecasts = Horizon::ALL.map(|h| ctx.memo(move |s| forecast(s, h)));
    let ahead = move || forecasts[Horizon::ALL.iter().position(|h| *h == horizon.get()).unwrap_or(0)];
    // F2 reads the 12-month forecast: the same memo.
    let year = forecasts[Horizon::ALL.iter().position(|h| *h == Horizon::Months12).unwrap_or(0)];
    let safe = Memo::new(move |_| year.with(|f| ctx.with(|s| last_safe_days_from(s, f))));
    let rows = Shown::new(ROWS, horizon.get_untracked());
    let warnings = Shown::new(WARNINGS, horizon.get_untracked());
    let safe_shown = RwSignal::new(SAFE_DAYS);
    let empty = Memo::new(move |_| ahead().with(|f| f.items.is_empty()));
    view! {
        <h1>{t.ah_title}</h1>
        <p>{t.ah_intro}</p>
        {horizon_picker(horizon, lang)}
        <section class="card" aria-labelledby="ah-warnings">
            <h2 id="ah-warnings">{t.ah_warnings}</h2>
            {move || ahead().with(|f| if f.warnings.is_empty() {
                view! { <p>{t.ah_no_warning}</p> }.into_any()
            } else {
                let h = f.horizon;
                let n = warnings.get(h).min(f.warnings.len());
                view! {
                    <ul class="warnings">{f.warnings[..n].iter().map(|w| view! { <li class="warning">{i18n::warning(lang, w)}</li> }).collect_view()}</ul>
                    {show_more(lang, "ah-warnings-shown", t.ah_warnings_shown, n, f.warnings.len(), move || warnings.more(h))}
                }.into_any()
            })}
        </section>
        <section class="card" aria-labelledby="ah-safe">
            <h2 id="ah-safe">{t.ah_safe_days}</h2>
            {move || safe.with(|days| {
                let n = safe_shown.get().min(days.len());
                view! {
                    {safe_list(lang, days, n)}
                    {show_more(lang, "ah-safe-shown", t.ah_safe_shown, n, days.len(), move || safe_shown.update(|k| *k += SAFE_DAYS))}
                }
            })}
        </section>
        <section class="card" aria-labelledby="ah-timeline">
            <h2 id="ah-timeline">{t.ah_timeline}</h2>
            {move || if empty.get() {
                view! { <p>{t.ah_nothing}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap"><table class="stack ahead">
                        <thead><tr>
                            <th scope="col">{t.col_date}</th>
                            <th scope="col">{t.col_event}</th>
                            <th scope="col" class="num">{t.ah_col_excl}</th>
                            <th scope="col" class="num">{t.ah_col_vat}</th>
                            <th scope="col" class="num">{t.col_total}</th>
                            <th scope="col">{t.ah_col_settled}</th>
                            <th scope="col" class="num">{t.col_balance_after}</th>
                        </tr></thead>
                        <tbody>
                            // Keyed rows: the horizons share their first months, so a change of
                            // horizon keeps the rows it still shows and draws only the others.
                            <For each=move || ahead().with(|f| f.items[..rows.get(f.horizon).min(f.items.len())].iter().cloned().map(Row).collect::<Vec<_>>())
                                key=|row| row.clone()
                                children=move |Row(item)| match item {
                                    ForecastItem::Invoice(invoice) => invoice_row(lang, &invoice),
                                    ForecastItem::Event(event) => view! {
                                        <tr class="event">
                                            <td data-label=t.col_date>{i18n::date(lang, event.date)}</td>
                                            <td data-label=t.col_event colspan="6">
                                                {i18n::event_text(lang, &event.kind)} " " <RuleChips rules=event.rules/>
                                            </td>
                                        </tr>
                                    }.into_any(),
                                }/>
                        </tbody>
                    </table></div>
                    {move || ahead().with(|f| {
                        let (h, total) = (f.horizon, f.items.len());
                        show_more(lang, "ah-rows-shown", t.ah_rows_shown, rows.get(h).min(total), total, move || rows.more(h))
                    })}
                }.into_any()
            }}
        </section>
        <section class="card" aria-labelledby="ah-totals">
            <h2 id="ah-totals">{t.ah_totals}</h2>
            <div class="table-wrap"><table class="stack">
                <thead><tr>
                    <th scope="col">{t.ah_col_period}</th>
                    <th scope="col" class="num">{t.ah_col_invoiced}</th>
                    <th scope="col" class="num">{t.ah_col_from_balance}</th>
                    <th scope="col" class="num">{t.ah_col_charged}</th>
                    <th scope="col" class="num">{t.ah_col_debt}</th>
                </tr></thead>
                <tbody>
                    {move || ahead().with(|f| f.totals.iter().map(|p| view! {
                        <tr>
                            <td data-label=t.ah_col_period>{fill(t.ah_period, &[&i18n::date(lang, p.from), &i18n::date(lang, p.until)])}</td>
                            <td data-label=t.ah_col_invoiced class="num">{i18n::money(lang, p.invoiced)}</td>
                            <td data-label=t.ah_col_from_balance class="num">{i18n::money(lang, p.from_balance)}</td>
                            <td data-label=t.ah_col_charged class="num">{i18n::money(lang, p.charged)}</td>
                            <td data-label=t.ah_col_debt class="num">{i18n::money(lang, p.left_as_debt)}</td>
                        </tr>
                    }).collect_view())}
                </tbody>
            </table></div>
        </section>
    }
}

/// One coming invoice: its figures, each with its rules, and how it will be settled (S2–S5).
fn invoice_row(lang: Lang, invoice: &ForecastInvoice) -> AnyView {
    let t = lang.t();
    let accounts: Vec<String> = invoice.lines.iter().map(|l| l.email.clone()).collect();
    let mut settled: Vec<(String, Vec<RuleId>)> = Vec::new();
    if let Some(f) = &invoice.from_balance {
        settled.push((fill(t.ah_from_balance, &[&i18n::money(lang, f.amount)]), f.rules.clone()));
    }
    if let Some(d) = &invoice.declined {
        settled.push((fill(t.ah_declined, &[&i18n::money(lang, d.amount.amount), &d.label]), d.amount.rules.clone()));
    }
    if let Some(c) = &invoice.charged {
        settled.push((fill(t.ah_charged, &[&i18n::money(lang, c.amount.amount), &c.label]), c.amount.rules.clone()));
    }
    if let Some(d) = &invoice.debt {
        settled.push((fill(t.ah_debt, &[&i18n::money(lang, d.amount)]), d.rules.clone()));
    }
    let suspended = (!invoice.suspended_accounts.is_empty())
        .then(|| fill(t.ah_suspended_invoiced, &[&i18n::names(lang, &invoice.suspended_accounts)]));
    view! {
        <tr class=if invoice.debt_amount().is_zero() { "invoice" } else { "invoice debt" }>
            <td data-label=t.col_date>{i18n::date(lang, invoice.date)}</td>
            <td data-label=t.col_event>
                <strong>{invoice.reference.clone()}</strong> " · " {invoice.platform_name.clone()}
                <br/><span class="hint">{i18n::names(lang, &accounts)}</span>
                {suspended.map(|s| view! { <br/><span class="badge err">{s}</span> })}
            </td>
            <td data-label=t.ah_col_excl class="num">{i18n::money(lang, invoice.excl_vat.amount)} " " <RuleChips rules=invoice.excl_vat.rules.clone()/></td>
            <td data-label=t.ah_col_vat class="num">{i18n::money(lang, invoice.vat.amount)}</td>
            <td data-label=t.col_total class="num">{i18n::money(lang, invoice.total.amount)} " " <RuleChips rules=invoice.total.rules.clone()/></td>
            <td data-label=t.ah_col_settled>
                <ul class="plain">{settled.into_iter().map(|(text, rules)| view! { <li>{text} " " <RuleChips rules/></li> }).collect_view()}</ul>
            </td>
            <td data-label=t.col_balance_after class="num">{i18n::money_signed(lang, invoice.balance_after)}</td>
        </tr>
    }
    .into_any()
}

/// The last safe days (F2), the first `max` of them.
fn safe_list(lang: Lang, days: &[SafeDay], max: usize) -> AnyView {
    let t = lang.t();
    if days.is_empty() {
        return view! { <p>{t.ah_no_safe_day}</p> }.into_any();
    }
    view! {
        <ul class="safe-days">
            {days.iter().take(max).map(|d| view! {
                <li>
                    <strong>{fill(t.ah_by, &[&i18n::date(lang, d.last_day)])}</strong> " — "
                    {i18n::decision(lang, &d.decision)} " " <RuleChips rules=d.rules.clone()/>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The dashboard's short list: the next three last safe days, and a link to the year ahead.
#[component]
pub fn SafeDaysCard() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let safe = ctx.memo(last_safe_days);
    view! {
        <section class="card" aria-labelledby="safe-days-title">
            <h2 id="safe-days-title">{t.ah_safe_days}</h2>
            {move || safe_list(lang, &safe.get(), 3)}
            <A href=crate::ui::nav::app_href("/exchange/ahead")>{t.ah_see_all}</A>
        </section>
    }
}
