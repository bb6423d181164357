//! The first screen (a first visit, and after logging in): what the simulator is for, the
//! guide's sections to walk through, the invoice-time scenarios, and the user's own simulation.
use super::ctx::{use_ctx, RunKind};
use super::guide::use_guide_texts;
use crate::domain::scenario::ScenarioId;
use crate::domain::GuideSection;
use crate::i18n;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let ctx = use_ctx();
    let (t, lang) = ctx.texts();
    let texts = use_guide_texts();
    let logged_in = ctx.memo(|s| s.customer.is_some());
    let text = move |key: String, fallback: &'static str| {
        texts.texts.get().map(|g| g.get(&key)).filter(|s| !s.is_empty()).unwrap_or(fallback)
    };
    view! {
        <h1>{t.home_title}</h1>
        <p class="lead">{t.home_intro}</p>
        <p class="notice" role="note">{t.home_simulation_notice}</p>
        <section aria-labelledby="home-situation" class="card">
            <h2 id="home-situation">{t.sit_title}</h2>
            <p>{t.home_situation_hint}</p>
            <A href=crate::ui::nav::app_href("/situation") attr:class="button primary">{t.home_situation}</A>
        </section>
        <section aria-labelledby="home-guide">
            <h2 id="home-guide">{t.home_guide_title}</h2>
            <p>{t.home_guide_intro}</p>
            <ol class="cards">
                {GuideSection::WALKTHROUGH.into_iter().map(|section| {
                    let slug = section.slug();
                    view! {
                        <li class="card">
                            <A href=crate::ui::nav::app_href(&format!("/guide/{slug}"))>
                                {format!("{} · ", slug.to_uppercase())}
                                {move || text(format!("{slug}.title"), i18n::section_name(lang, section))}
                            </A>
                            <p class="hint">{move || text(format!("{slug}.summary"), "")}</p>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
        <section aria-labelledby="home-scenarios">
            <h2 id="home-scenarios">{t.home_scenarios_title}</h2>
            <p>{t.home_scenarios_intro}</p>
            <ul class="cards">
                {ScenarioId::ALL.into_iter().map(|id| {
                    let slug = id.slug();
                    view! {
                        <li class="card">
                            <A href=crate::ui::nav::app_href(&format!("/scenario/{slug}"))>{move || text(format!("{slug}.title"), slug)}</A>
                            <p class="hint">{move || text(format!("{slug}.summary"), "")}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="home-own" class="card">
            <h2 id="home-own">{t.home_own_title}</h2>
            <p>{t.home_own_body}</p>
            {move || if ctx.kind.get() == RunKind::Guided {
                view! { <p class="hint">{t.guided_kept}</p> }.into_any()
            } else if logged_in.get() {
                view! { <A href=crate::ui::nav::app_href("/exchange") attr:class="button primary">{t.home_open_panel}</A> }.into_any()
            } else {
                view! { <A href=crate::ui::nav::app_href("/login") attr:class="button primary">{t.home_login}</A> }.into_any()
            }}
        </section>
        // Issue 20 item 16: it works offline; *Install* where the browser offers it, the steps on
        // an iPhone or iPad. Which shows is the stylesheet's, from `boot.js` (decision 117).
        <section aria-labelledby="home-offline" class="card">
            <h2 id="home-offline">{t.install_title}</h2>
            <p>{t.install_intro}</p>
            <button type="button" class="primary install-offer" on:click=|_| crate::ui::browser::install()>{t.install_button}</button>
            <p class="install-ios">{t.install_ios}</p>
        </section>
    }
}
