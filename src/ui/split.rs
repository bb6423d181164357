//! The code loaded when first needed, not with the first load (README, "Code splitting").
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
//! [`show`] draws a view: nothing until its code has arrived (at once when it is already
//! there), then the view.
use leptos::prelude::*;

/// Draws the view of a split screen as soon as its code is there.
/// (The future never leaves the browser's one thread; `Suspend` asks for `Send`.)
pub fn show(view: impl std::future::Future<Output = AnyView> + 'static) -> impl IntoView {
    Suspend::new(send_wrapper::SendWrapper::new(view))
}

/// Draws a part of the control panel (see [`panel`]) as soon as its code is there.
pub fn part(part: Panel) -> impl IntoView {
    show(panel(part))
}

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
    Settings,
    ClockBar,
    IncomingDialog,
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
    /// The panel beside the page: the walkthrough's step, or the scenario player.
    GuidePanel,
    /// The bar with "Back to my simulation".
    GuidedBar,
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
    use super::{billing, clock, exchange, guide, inbox, journal, settings, share};
    match part {
        Panel::PaymentMethods => view! { <billing::PaymentMethodsPage/> }.into_any(),
        Panel::OvhAccount => view! { <billing::OvhAccountPage/> }.into_any(),
        Panel::Order => view! { <billing::OrderPage/> }.into_any(),
        Panel::Invoice => view! { <billing::InvoicePage/> }.into_any(),
        Panel::Dashboard => view! { <exchange::DashboardPage/> }.into_any(),
        Panel::BillingMode => view! { <exchange::BillingModePage/> }.into_any(),
        Panel::Inbox => view! { <inbox::InboxPage/> }.into_any(),
        Panel::Journal => view! { <journal::JournalPage/> }.into_any(),
        Panel::Settings => view! { <settings::SettingsPage/> }.into_any(),
        Panel::ClockBar => view! { <clock::ClockBar/> }.into_any(),
        Panel::IncomingDialog => view! { <share::IncomingDialog/> }.into_any(),
        Panel::OpenFull => view! { <super::embed::OpenFull/> }.into_any(),
        Panel::Flash => view! { <super::widgets::FlashBody/> }.into_any(),
        Panel::Notices => view! { <super::widgets::NoticeList/> }.into_any(),
        Panel::SectionStart => view! { <guide::GuideStart/> }.into_any(),
        Panel::ScenarioStart => view! { <guide::ScenarioStart/> }.into_any(),
        Panel::GuidePanel => view! { <guide::GuidePanel/> }.into_any(),
        Panel::GuidedBar => view! { <guide::GuidedBar/> }.into_any(),
    }
}

/// A share link's fragment, decoded and checked: a module of its own, fetched only when a
/// link arrives.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn decode_link(hash: String) -> super::share::Incoming {
    super::share::decode_link(&hash)
}

/// Reads and replays the save the app starts from (`ui::ctx::Opened::open`): not needed on a
/// first visit, which has none.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn read_saved(opened: super::ctx::Opened) -> super::ctx::Opened {
    opened.read_saved()
}

/// Another tab saved a newer version of the run on screen: shows it.
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn reload(ctx: super::Ctx, kind: super::ctx::RunKind) {
    ctx.reload(kind);
}

/// This tab's change lost to another tab's newer save (`Ctx::persist`).
#[cfg_attr(hes_split, leptos::lazy)]
pub async fn resolve_conflict(ctx: super::Ctx, kind: super::ctx::RunKind, run: crate::domain::SavedRun, now: String) {
    ctx.resolve_conflict(kind, run, now);
}
