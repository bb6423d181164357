//! The app's routes, and what is loaded when first needed, not with the first load (README,
//! "Code splitting"). The only module that knows about splitting: everything below the root
//! gets the views of split parts handed down ([`PARTS`], the routes' views) and never names a
//! split function.
//!
//! A first visit draws the home screen only. Every other screen, the parts of the frame that a
//! first visit does not show (the clock bar, the message and notice areas, the walkthrough's
//! panel and bar, the incoming-link dialog), decoding a share link and reading a save are the
//! functions below. In the release build they carry Leptos's `#[lazy]` (enabled by
//! `--cfg hes_split`, see `scripts/setup.sh`): the build moves each one, with the code only it
//! reaches, into its own wasm module (`scripts/post-build.mjs` runs `wasm-split-cli`), and code
//! that several of them share into modules of their own; a module is fetched the first time it
//! is needed, and the service worker precaches them all for offline use. Elsewhere (dev builds,
//! `trunk serve`, the tests) they are plain `async fn`s that are ready at once, so the code
//! around them is the same in both.
//!
//! [`show`] draws a view: nothing until its code and its texts have arrived (at once when they
//! are already there), then the view. The texts too are split (`crate::i18n`): the first load
//! fetches only the first screen's, and every other screen is drawn by `show`, which first
//! fetches the rest of the current language's catalogue and guide texts, once.
use super::browser::{now, timing};
use super::ctx::{use_ctx, Ctx};
use super::layout::Parts;
use super::nav::{self, RouterBase};
use super::widgets::NotFound;
use crate::session::{Report, Session, Stale};
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// Draws the view of a split screen as soon as its code and all the texts of the current
/// language are there (catalogue split: the first load has only the home screen's, see
/// `crate::i18n`); never before, so no text of it is ever drawn empty. The view's future only
/// starts (and builds the view, reading the texts) once they are here. Should they not come
/// (offline on a first visit), it says so instead.
/// (The future never leaves the browser's one thread; `Suspend` asks for `Send`.)
fn show(view: impl std::future::Future<Output = AnyView> + 'static) -> AnyView {
    #[cfg(target_arch = "wasm32")]
    let lang = use_context::<Ctx>().map(|ctx| ctx.lang.get_untracked());
    let view = async move {
        #[cfg(target_arch = "wasm32")]
        if let Some(lang) = lang {
            if crate::i18n::load::ensure_all(lang).await.is_err() {
                return view! { <p class="alert" role="alert">{super::TEXTS_FAILED}</p> }.into_any();
            }
        }
        view.await
    };
    Suspend::new(send_wrapper::SendWrapper::new(view)).into_any()
}

/// Draws a part of the control panel (see [`panel`]) as soon as its code is there.
fn part(part: Panel) -> AnyView {
    show(panel(part))
}

/// The frame's parts that are split off, for the layout to draw where they go.
pub const PARTS: Parts = Parts {
    clock_bar: || part(Panel::ClockBar),
    guided_bar: || part(Panel::GuidedBar),
    guide_panel: || part(Panel::GuidePanel),
    incoming: || show(incoming()),
    open_full: || part(Panel::OpenFull),
    flash: || part(Panel::Flash),
    notices: || part(Panel::Notices),
};

/// A screen of the control panel, a part of its frame, or of the walkthrough beside it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Panel {
    PaymentMethods,
    OvhAccount,
    Order,
    Invoice,
    Dashboard,
    BillingMode,
    Inbox,
    Journal,
    ClockBar,
    /// An embed's "Open in the full simulator".
    OpenFull,
    /// What the last action did (inside the page's always-present message region).
    Flash,
    /// The lasting notices (the save's faults, a new version).
    Notices,
    /// `/guide/:id`: opens a section of the walkthrough.
    SectionStart,
    /// `/scenario/:name`: opens a scenario.
    ScenarioStart,
    /// `/scenario#f=…`: opens a scenario file carried by the link (issue 18).
    ScenarioFileStart,
    /// The panel beside the page: the walkthrough's step, or the scenario player.
    GuidePanel,
    /// The bar with "Back to my simulation".
    GuidedBar,
    /// An embed's `/`: never the home screen, the page where its run starts (issue 19).
    EmbedStart,
}

// One split function per group of screens, not one per screen: the screens of a group share
// most of their code, and each module a screen needs is one more request when it is first
// shown (one per screen made 94 shared modules, and 44 requests for the dashboard).

/// `/login` (L1): the first screen after the home screen.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn login() -> AnyView {
    view! { <super::login::LoginPage/> }.into_any()
}

/// The control panel: its screens, the clock bar, the message and notice areas, the dialog of
/// an incoming link, and the walkthrough and scenario player. One module: a walkthrough
/// section or a scenario always opens on the control panel (an embed of one needs both at
/// once), and as two modules they made an embed fetch 19 files.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn panel(part: Panel) -> AnyView {
    use super::{billing, clock, embed, exchange, guide, inbox, journal, widgets};
    match part {
        Panel::PaymentMethods => view! { <billing::PaymentMethodsPage/> }.into_any(),
        Panel::OvhAccount => view! { <billing::OvhAccountPage/> }.into_any(),
        Panel::Order => view! { <billing::OrderPage/> }.into_any(),
        Panel::Invoice => view! { <billing::InvoicePage/> }.into_any(),
        Panel::Dashboard => view! { <exchange::DashboardPage/> }.into_any(),
        Panel::BillingMode => view! { <exchange::BillingModePage/> }.into_any(),
        Panel::Inbox => view! { <inbox::InboxPage/> }.into_any(),
        Panel::Journal => view! { <journal::JournalPage/> }.into_any(),
        Panel::ClockBar => view! { <clock::ClockBar/> }.into_any(),
        Panel::OpenFull => view! { <embed::OpenFull/> }.into_any(),
        Panel::Flash => view! { <widgets::FlashBody/> }.into_any(),
        Panel::Notices => view! { <widgets::NoticeList/> }.into_any(),
        Panel::SectionStart => view! { <guide::GuideStart/> }.into_any(),
        Panel::ScenarioStart => view! { <guide::ScenarioStart/> }.into_any(),
        Panel::ScenarioFileStart => view! { <guide::ScenarioFileStart/> }.into_any(),
        Panel::GuidePanel => view! { <guide::GuidePanel/> }.into_any(),
        Panel::GuidedBar => view! { <guide::GuidedBar/> }.into_any(),
        Panel::EmbedStart => view! { <embed::EmbedStart/> }.into_any(),
    }
}

/// Settings (export, import, the recorder, the saves set aside, the storage's persistence):
/// a module of its own, which an embed never shows and the other screens never need.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn settings() -> AnyView {
    view! { <super::settings::SettingsPage/> }.into_any()
}

/// The dialog that asks what to do with a share link or a scenario file in the address (the
/// full app only; an embed plays its link at once).
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn incoming() -> AnyView {
    view! { <super::share::IncomingDialog/> }.into_any()
}

/// The user's own situation, the year ahead and the comparison of two choices (U1–U4, F1,
/// F2): one module, with the forecast's code, which no other screen needs. The dashboard's
/// short list of the last safe days is drawn from here too.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn own(part: Own) -> AnyView {
    use super::{ahead, compare, situation};
    match part {
        Own::Situation => view! { <situation::SituationPage/> }.into_any(),
        Own::YearAhead => view! { <ahead::YearAheadPage/> }.into_any(),
        Own::Compare => view! { <compare::ComparePage/> }.into_any(),
        Own::SafeDays => view! { <ahead::SafeDaysCard/> }.into_any(),
    }
}

/// A screen of [`own`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Own {
    Situation,
    YearAhead,
    Compare,
    SafeDays,
}

/// A share link's fragment, decoded and checked against the bounds, not replayed (the dialog
/// replays it once the user accepts): a module of its own, fetched only when a link arrives.
/// Measured as `hes:decode` (`scripts/bench-hostile.mjs` reads it).
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn decode_link(hash: String) -> super::share::Incoming {
    timing("hes:decode:start", None);
    let incoming = super::share::decode_link(&hash);
    timing("hes:decode:end", Some("hes:decode:start"));
    incoming
}

/// Reads and replays the save the app starts from (`ui::start`): not needed on a first visit,
/// which has none. Measured as `hes:load` (the browser benchmark reads it).
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn read_saved(mut session: Session) -> (Session, Report) {
    timing("hes:load:start", None);
    let report = session.read_saved(&now());
    timing("hes:load:end", Some("hes:load:start"));
    (session, report)
}

/// An embed's run (issue 19), before its first frame: built from the embed's start
/// ([`Session::begin`]); then, for a share link's embed (`/embed/#s=…`, `link`), the link
/// decoded, checked whole and played in the embed's slot (with no link, a reload, or one refused,
/// which the console says: the run the slot holds), else the run its slot holds; then its
/// customer logged in on `subsidiary`, as every embed is ([`super::embed::log_in_session`]).
/// Split out of the first load with the engine, which only an embed needs before its first
/// frame (the full app's first visit draws the demo's home screen).
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn open_embed(mut session: Session, link: Option<String>, subsidiary: crate::domain::Subsidiary) -> (Session, Report) {
    session.begin();
    let mut report = match link {
        Some(hash) => {
            let incoming = if hash.starts_with(&format!("#{}", crate::storage::transfer::LINK_KEY)) {
                match super::share::decode_link(&hash) {
                    // An embed plays the link's run at once (nothing of the reader's own is
                    // replaced): replayed whole, under its bounds (checked when it was read).
                    super::share::Incoming::Pending(pending) => match pending.replayed() {
                        Ok(received) => Some((received.sim, received.run.step)),
                        Err(error) => {
                            web_sys::console::warn_1(&format!("hes embed: the share link does not replay: {error:?}").into());
                            None
                        }
                    },
                    super::share::Incoming::Refused(error) => {
                        web_sys::console::warn_1(&format!("hes embed: the share link is refused: {error:?}").into());
                        None
                    }
                    super::share::Incoming::ScenarioRefused(error) => {
                        web_sys::console::warn_1(&format!("hes embed: the scenario file is refused: {error:?}").into());
                        None
                    }
                }
            } else {
                None
            };
            session.open_shared(incoming, &now())
        }
        None if session.has_save() => {
            timing("hes:load:start", None);
            let report = session.read_saved(&now());
            timing("hes:load:end", Some("hes:load:start"));
            report
        }
        None => Vec::new(),
    };
    report.extend(super::embed::log_in_session(&mut session, subsidiary, &now()));
    (session, report)
}

/// *Log out* (L1), split out of the first load with the engine: then the login page.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn log_out(ctx: Ctx) -> AnyView {
    if ctx.with_untracked(|s| s.customer.is_some()) {
        ctx.run(crate::domain::Action::LogOut);
    }
    view! { <Redirect path="/login"/> }.into_any()
}

/// The user reached `path` in a walkthrough: it moves on if it waited for it ([`Ctx::on_route`]).
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn reach(ctx: Ctx, path: String) {
    ctx.on_route(&path);
}

/// Another tab saved a newer version of the run on screen: shows it.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn reload(ctx: Ctx) {
    ctx.change(true, |s, now| s.reload(now));
}

/// This tab's change lost to another tab's newer save (the session's `Outcome::Stale`).
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn resolve_conflict(ctx: Ctx, stale: Stale) {
    ctx.change(true, |s, now| s.resolve_conflict(stale, now));
}

/// What the context does with a write that lost to another tab ([`Ctx::new`]).
pub fn on_stale(ctx: Ctx, stale: Stale) {
    leptos::task::spawn_local(resolve_conflict(ctx, stale));
}

/// A screen of the customer area: only once logged in (L1), else the login page, which comes
/// back here afterwards. `next` is the app's own path (no base: the router adds it).
#[component]
fn Guard(children: ChildrenFn) -> impl IntoView {
    let ctx = use_ctx();
    let location = use_location();
    let base = expect_context::<RouterBase>().0;
    let logged_in = ctx.memo(|s| s.customer.is_some());
    move || {
        if logged_in.get() {
            children().into_any()
        } else {
            let next = nav::app_path(&location.pathname.get_untracked(), &base);
            let target = match nav::safe_next(&next) {
                Some(next) => format!("/login?next={next}"),
                None => "/login".to_string(),
            };
            view! { <Redirect path=target/> }.into_any()
        }
    }
}

/// A screen of the control panel (split out of the first load), once logged in (`Guard`).
macro_rules! guarded {
    ($part:ident) => {
        || view! { <Guard>{|| part(Panel::$part)}</Guard> }
    };
}

/// *Log out* leads here: the customer area's pages are left first, so none of them asks to
/// come back to itself after the next login; then the customer logs out (L1) and lands on the
/// login page.
#[component]
fn LogOutPage() -> impl IntoView {
    show(log_out(use_ctx()))
}

/// The app's pages, by route.
#[component]
pub fn Pages() -> impl IntoView {
    view! {
        <Routes fallback=|| view! { <NotFound/> }>
            <Route path=path!("/") view=|| if use_ctx().is_embed() { part(Panel::EmbedStart) } else { view! { <super::home::HomePage/> }.into_any() }/>
            <Route path=path!("/login") view=|| show(login())/>
            <Route path=path!("/logout") view=LogOutPage/>
            <Route path=path!("/guide/:id") view=|| part(Panel::SectionStart)/>
            <Route path=path!("/scenario/:name") view=|| part(Panel::ScenarioStart)/>
            <Route path=path!("/scenario") view=|| part(Panel::ScenarioFileStart)/>
            <Route path=path!("/billing") view=|| view! { <Redirect path="/billing/ovh-account"/> }/>
            <Route path=path!("/billing/payment-methods") view=guarded!(PaymentMethods)/>
            <Route path=path!("/billing/payment-methods/add") view=guarded!(PaymentMethods)/>
            <Route path=path!("/billing/ovh-account") view=guarded!(OvhAccount)/>
            <Route path=path!("/billing/ovh-account/credit") view=guarded!(OvhAccount)/>
            <Route path=path!("/billing/orders/:id") view=guarded!(Order)/>
            <Route path=path!("/billing/invoices/:id") view=guarded!(Invoice)/>
            <Route path=path!("/exchange") view=|| view! { <Guard>{|| view! { {part(Panel::Dashboard)} {show(own(Own::SafeDays))} }}</Guard> }/>
            <Route path=path!("/exchange/ahead") view=|| view! { <Guard>{|| show(own(Own::YearAhead))}</Guard> }/>
            <Route path=path!("/exchange/compare") view=|| view! { <Guard>{|| show(own(Own::Compare))}</Guard> }/>
            <Route path=path!("/situation") view=|| show(own(Own::Situation))/>
            <Route path=path!("/exchange/billing-mode") view=guarded!(BillingMode)/>
            <Route path=path!("/inbox") view=guarded!(Inbox)/>
            <Route path=path!("/journal") view=guarded!(Journal)/>
            <Route path=path!("/settings") view=|| view! { <Guard>{|| show(settings())}</Guard> }/>
        </Routes>
    }
}
