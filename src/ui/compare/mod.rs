//! "Compare two choices": from the current state, one alternative (a mode, a card or PayPal,
//! a credit, an account set to None, a termination) against doing nothing, side by side over
//! the horizon (`domain::compare`). Nothing changes until "Apply this choice", which dispatches
//! the comparison's own actions through the engine, as the user would by hand.
use crate::domain::{
    compare, AccountScope, Alternative, Amount, BillingMode, CardExpiry, CardNumber, Horizon, MethodInput, Outlook,
    PaypalEmail,
};
use crate::i18n::{self, fill, Lang};
use crate::ui::ahead::horizon_picker;
use crate::ui::ctx::use_ctx;
use leptos::prelude::*;
use rust_decimal::Decimal;

/// A card number for the demo only: the user never types a real one (U1's promise holds here).
const DEMO_CARD: &str = "4242 4242 4242 4242";

#[component]
pub fn ComparePage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let horizon = ctx.draft("compare-horizon", || Horizon::Months12);
    let choice = ctx.draft("compare-choice", || "mode-yearly".to_string());
    let target = ctx.draft("compare-target", String::new);
    let amount = ctx.draft("compare-amount", || "50".to_string());
    let expiry = ctx.draft("compare-expiry", || "12/30".to_string());
    let email = ctx.draft("compare-email", || "me@example.com".to_string());
    let applied = RwSignal::new(false);
    let accounts = ctx.memo(|s| s.platforms.iter().filter(|p| p.is_active()).flat_map(|p| &p.accounts).filter(|a| a.can_change_mode()).map(|a| (a.id, a.email.clone())).collect::<Vec<_>>());
    let platforms = ctx.memo(|s| s.platforms.iter().filter(|p| p.is_active() && p.termination.is_none()).map(|p| (p.id, p.name.clone())).collect::<Vec<_>>());

    // The alternative, parsed from the choice and its one field; or what is wrong with the field.
    let alternative = Memo::new(move |_| -> Result<Alternative, String> {
        let c = choice.get();
        let one = |list: &[(u32, String)]| -> Result<u32, String> {
            let chosen = target.get();
            list.iter().find(|(id, _)| id.to_string() == chosen).or(list.first()).map(|(id, _)| *id).ok_or_else(|| t.sit_err_empty.to_string())
        };
        Ok(match c.as_str() {
            "mode-monthly" | "mode-yearly" => {
                let mode = if c == "mode-monthly" { BillingMode::Monthly } else { BillingMode::Yearly };
                let chosen = target.get();
                let scope = accounts.with(|list| list.iter().find(|(id, _)| id.0.to_string() == chosen).map(|(id, _)| AccountScope::One(*id))).unwrap_or(AccountScope::All);
                Alternative::SetMode { scope, mode }
            }
            "card" => {
                let expiry = CardExpiry::parse(&expiry.get()).map_err(|e| i18n::expiry_error(lang, &e).to_string())?;
                let number = CardNumber::parse(DEMO_CARD).map_err(|e| i18n::card_error(lang, &e).to_string())?;
                Alternative::AddMethod(MethodInput::Card { number, expiry })
            }
            "paypal" => {
                let email = PaypalEmail::parse(&email.get()).map_err(|e| i18n::email_error(lang, &e))?;
                Alternative::AddMethod(MethodInput::Paypal { email })
            }
            "credit" => Alternative::Credit(Amount::parse(&amount.get()).map_err(|e| i18n::amount_error(lang, &e))?),
            "none" => {
                let list: Vec<(u32, String)> = accounts.with(|l| l.iter().map(|(id, e)| (id.0, e.clone())).collect());
                let id = one(&list)?;
                Alternative::SetNone(crate::domain::AccountId(id))
            }
            _ => {
                let list: Vec<(u32, String)> = platforms.with(|l| l.iter().map(|(id, n)| (id.0, n.clone())).collect());
                let id = one(&list)?;
                Alternative::Terminate(crate::domain::PlatformId(id))
            }
        })
    });
    // Only what the screen shows is kept (the two outlooks, the actions to apply, the start
    // day), not both forecasts: the memo compares and hands out a few figures, not two
    // timelines of every invoice (issue 17).
    let result = ctx.memo(move |s| {
        alternative.get().map(|alt| {
            compare(s, &alt, horizon.get())
                .map(|c| Compared { actions: c.actions, without: c.without.outlook(), with: c.with.outlook(), from: c.without.from })
                .map_err(|r| i18n::refusal_text(lang, &r))
        })
    });

    let apply = move |_| {
        let Some(Ok(Ok(comparison))) = result.with_untracked(|r| Some(r.clone())) else { return };
        let mut done = true;
        for action in comparison.actions {
            if !ctx.run(action) {
                done = false;
                break;
            }
        }
        applied.set(done);
    };

    let choices = [
        ("mode-yearly", format!("{} — {}", t.cmp_set_mode, i18n::mode_name(lang, BillingMode::Yearly))),
        ("mode-monthly", format!("{} — {}", t.cmp_set_mode, i18n::mode_name(lang, BillingMode::Monthly))),
        ("card", t.cmp_add_card.to_string()),
        ("paypal", t.cmp_add_paypal.to_string()),
        ("credit", t.cmp_credit.to_string()),
        ("none", t.cmp_set_none.to_string()),
        ("terminate", t.cmp_terminate.to_string()),
    ];
    view! {
        <h1>{t.cmp_title}</h1>
        <p>{t.cmp_intro}</p>
        <div class="card form">
            <div class="field">
                <label for="cmp-choice">{t.cmp_choice}</label>
                <select id="cmp-choice" on:change=move |ev| { choice.set(event_target_value(&ev)); target.set(String::new()); applied.set(false); }>
                    {choices.into_iter().map(|(code, label)| view! { <option value=code selected=move || choice.get() == code>{label}</option> }).collect_view()}
                </select>
            </div>
            {move || match choice.get().as_str() {
                "mode-yearly" | "mode-monthly" => target_select(t.cmp_which, Some(t.cmp_all), accounts.get().into_iter().map(|(id, e)| (id.0.to_string(), e)).collect(), target),
                "none" => target_select(t.cmp_account, None, accounts.get().into_iter().map(|(id, e)| (id.0.to_string(), e)).collect(), target),
                "terminate" => target_select(t.cmp_platform, None, platforms.get().into_iter().map(|(id, n)| (id.0.to_string(), n)).collect(), target),
                "card" => view! {
                    {text_field("cmp-expiry", t.cmp_card_expiry, expiry)}
                    <p class="hint">{t.cmp_demo_card}</p>
                }.into_any(),
                "paypal" => text_field("cmp-email", t.cmp_paypal_email, email),
                _ => text_field("cmp-amount", t.cmp_amount, amount),
            }}
            {horizon_picker(horizon, lang)}
        </div>
        {move || match result.get() {
            Err(message) | Ok(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Ok(Ok(c)) => {
                let (without, with) = (c.without, c.with);
                view! {
                    <section class="card" aria-labelledby="cmp-result">
                        <h2 id="cmp-result">{fill(t.cmp_over, &[&horizon.get().months().to_string(), &i18n::date(lang, c.from)])}</h2>
                        {outlook_table(lang, &without, &with)}
                        <button type="button" class="primary" on:click=apply>{t.cmp_apply}</button>
                    </section>
                }.into_any()
            }
        }}
        <p role="status">{move || applied.get().then_some(t.cmp_applied)}</p>
    }
}

/// What the comparison shows of [`compare`]'s result.
#[derive(Clone, PartialEq)]
struct Compared {
    actions: Vec<crate::domain::Action>,
    without: Outlook,
    with: Outlook,
    from: chrono::NaiveDate,
}

fn text_field(id: &'static str, label: &'static str, value: RwSignal<String>) -> AnyView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="text" autocomplete="off" prop:value=value on:input=move |ev| value.set(event_target_value(&ev))/>
        </div>
    }
    .into_any()
}

fn target_select(label: &'static str, all: Option<&'static str>, options: Vec<(String, String)>, target: RwSignal<String>) -> AnyView {
    view! {
        <div class="field">
            <label for="cmp-target">{label}</label>
            <select id="cmp-target" on:change=move |ev| target.set(event_target_value(&ev))>
                {all.map(|all| view! { <option value="" selected=move || target.get().is_empty()>{all}</option> })}
                {options.into_iter().map(|(value, text)| {
                    let v = value.clone();
                    view! { <option value=value selected=move || target.get() == v>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

/// Both futures side by side, with the difference (a phone stacks the rows: `table.stack`).
fn outlook_table(lang: Lang, without: &Outlook, with: &Outlook) -> AnyView {
    let t = lang.t();
    let money = |d: Decimal| i18n::money(lang, d);
    let diff = |a: Decimal, b: Decimal| if a == b { t.cmp_same.to_string() } else { i18n::money_signed(lang, b - a) };
    let count_diff = |a: i64, b: i64| if a == b { t.cmp_same.to_string() } else { format!("{:+}", b - a) };
    let lost = |o: &Outlook| o.data_lost_on.map_or_else(|| t.cmp_never.to_string(), |d| i18n::date(lang, d));
    let rows: Vec<(&'static str, String, String, String)> = vec![
        (t.cmp_row_invoiced, money(without.invoiced), money(with.invoiced), diff(without.invoiced, with.invoiced)),
        (t.cmp_row_paid, money(without.paid), money(with.paid), diff(without.paid, with.paid)),
        (t.cmp_row_debt, money(without.left_as_debt), money(with.left_as_debt), diff(without.left_as_debt, with.left_as_debt)),
        (t.cmp_row_debt_days, without.debt_days.to_string(), with.debt_days.to_string(), count_diff(without.debt_days.into(), with.debt_days.into())),
        (t.cmp_row_suspensions, without.suspensions.to_string(), with.suspensions.to_string(), count_diff(without.suspensions as i64, with.suspensions as i64)),
        (t.cmp_row_data_lost, lost(without), lost(with), if without.data_lost_on == with.data_lost_on { t.cmp_same.to_string() } else { lost(with) }),
        (t.cmp_row_balance, i18n::money_signed(lang, without.balance_at_end), i18n::money_signed(lang, with.balance_at_end), diff(without.balance_at_end, with.balance_at_end)),
    ];
    view! {
        <div class="table-wrap"><table class="stack compare">
            <thead><tr>
                <td></td>
                <th scope="col" class="num">{t.cmp_without}</th>
                <th scope="col" class="num">{t.cmp_with}</th>
                <th scope="col" class="num">{t.cmp_difference}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|(name, a, b, d)| view! {
                    <tr>
                        <th scope="row">{name}</th>
                        <td data-label=t.cmp_without class="num">{a}</td>
                        <td data-label=t.cmp_with class="num">{b}</td>
                        <td data-label=t.cmp_difference class="num">{d}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table></div>
    }
    .into_any()
}
