//! The simulated inbox (N1): every e-mail, newest first, in the interface language. The debtor
//! e-mail and the reminder link to their purchase order, one click from paying it (D1.2).
use crate::domain::*;
use crate::domain::Action;
use crate::i18n::{self, fill};
use crate::ui::ctx::use_ctx;
use crate::domain::guide::TourTarget;
use crate::ui::tour_target::OnPage;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn InboxPage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let shown = RwSignal::new(50usize);
    // Keyed by id: reading an e-mail (which changes the state) keeps the others as they are,
    // and the one just opened stays open.
    let emails = ctx.memo(move |s| s.inbox.iter().rev().take(shown.get()).cloned().collect::<Vec<_>>());
    let total = ctx.memo(|s| s.inbox.len());
    view! {
        <h1>{t.inbox_title}</h1>
        {move || (total.get() == 0).then(|| view! { <p>{t.inbox_empty}</p> })}
        <For each=move || emails.get() key=|email| email.id let:email>
            <Mail email/>
        </For>
        {move || (total.get() > shown.get()).then(|| view! {
            <button type="button" on:click=move |_| shown.update(|n| *n += 100)>{t.show_more}</button>
        })}
    }
}

#[component]
fn Mail(email: Email) -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let id = email.id;
    // The inbox is in id order: one lookup, not a scan, per e-mail.
    let unread = ctx.memo(move |s| s.inbox.binary_search_by_key(&id, |e| e.id).is_ok_and(|i| !s.inbox[i].read));
    // The debtor e-mail and the reminder lead to their purchase order (D1.2); an invoice's
    // e-mail to the invoice.
    let link = match &email.kind {
        EmailKind::AccountDebtor { order, order_reference, .. } | EmailKind::DebtReminder { order, order_reference, .. } => {
            Some((format!("/billing/orders/{}", order.0), fill(t.inbox_open_order, &[order_reference])))
        }
        EmailKind::InvoiceIssued { invoice, reference, .. } => {
            Some((format!("/billing/invoices/{}", invoice.0), fill(t.inbox_open_invoice, &[reference])))
        }
        _ => None,
    };
    let debtor = matches!(email.kind, EmailKind::AccountDebtor { .. });
    // Issue 20: the walkthrough's step that points at the debtor e-mail opens it (and so it is
    // read, N1): the step speaks of what it says.
    let pointed = debtor
        && untrack(|| ctx.tour().and_then(|tour| tour.current()).and_then(|step| step.target)) == Some(TourTarget::InboxDebtor);
    if pointed && unread.get_untracked() {
        request_animation_frame(move || {
            if unread.try_get_untracked() == Some(true) {
                ctx.run(Action::MarkEmailRead(id));
            }
        });
    }
    let kind = email.kind.clone();
    let (subject, body) = i18n::email_text(lang, &kind);
    view! {
        <article class=move || if unread.get() { "card mail unread" } else { "card mail" } aria-labelledby=format!("mail-{id}")
            data-tour=debtor.then_some(TourTarget::InboxDebtor.attr())>
            <details open=pointed on:toggle=move |_| if unread.get_untracked() { ctx.run(Action::MarkEmailRead(id)); }>
                <summary>
                    <h2 id=format!("mail-{id}")>{subject}</h2>
                    <span class="hint">{t.inbox_from} " · " {i18n::date(lang, email.date)}</span>
                </summary>
                {body.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </details>
            {link.map(|(href, text)| view! { <p><A href=crate::ui::nav::app_href(&href)>{text}</A></p> })}
        </article>
    }
}
