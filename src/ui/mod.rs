//! The thin shell: Leptos components that read the state and dispatch actions. No rules here —
//! every decision is the domain's (`crate::domain`), every text is the catalogue's (`crate::i18n`).

mod ctx;
mod layout;
mod login;
mod prefs;

pub use ctx::Ctx;

use crate::i18n::Lang;
use layout::{Layout, NotFound, Placeholder};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;

/// The router's base: the path part of `<base href>`, which Trunk fills from `public_url`, so the
/// app also works under a sub-path.
fn router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx::start();
    provide_context(ctx);

    // The document follows the interface language (L2): <html lang> and the window title.
    Effect::new(move |_| {
        let lang: Lang = ctx.lang.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = doc.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            doc.set_title(lang.t().app_title);
        }
    });

    view! {
        <Router base=router_base()>
            <Layout>
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/exchange"/> }/>
                    <Route path=path!("/login") view=login::LoginPage/>
                    <Route path=path!("/billing") view=|| view! { <Redirect path="/billing/ovh-account"/> }/>
                    <Route path=path!("/billing/payment-methods") view=|| view! { <Placeholder title=|t| t.pm_title/> }/>
                    <Route path=path!("/billing/ovh-account") view=|| view! { <Placeholder title=|t| t.acc_title/> }/>
                    <Route path=path!("/exchange") view=|| view! { <Placeholder title=|t| t.ex_title/> }/>
                    <Route path=path!("/exchange/billing-mode") view=|| view! { <Placeholder title=|t| t.nav_billing_mode/> }/>
                    <Route path=path!("/inbox") view=|| view! { <Placeholder title=|t| t.inbox_title/> }/>
                    <Route path=path!("/journal") view=|| view! { <Placeholder title=|t| t.journal_title/> }/>
                    <Route path=path!("/settings") view=|| view! { <Placeholder title=|t| t.settings_title/> }/>
                </Routes>
            </Layout>
        </Router>
    }
}
