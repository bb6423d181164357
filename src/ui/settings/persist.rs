//! Whether the browser keeps the simulator's data (decision 125): the app asks it to
//! (`navigator.storage.persist()`) at the first save the user makes (`ui::browser`); this card
//! says the answer (`navigator.storage.persisted()`) and, where it was not granted, suggests an
//! export (Safari deletes a site's storage after 7 days without a visit).
use crate::ui::ctx::use_ctx;
use leptos::prelude::*;

#[component]
pub fn Persistence() -> impl IntoView {
    let ctx = use_ctx();
    let (t, _) = ctx.texts();
    let granted = RwSignal::new(None::<bool>);
    leptos::task::spawn_local(async move {
        let _ = granted.try_set(Some(persisted().await));
    });
    view! {
        <section class="card" aria-labelledby="persist-title">
            <h2 id="persist-title">{t.persist_title}</h2>
            {move || granted.get().map(|yes| view! {
                <p data-testid="persist">{if yes { t.persist_granted } else { t.persist_not_granted }}</p>
            })}
        </section>
    }
}

/// `navigator.storage.persisted()`; `false` where the browser has no such API.
async fn persisted() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(window) = web_sys::window() else { return false };
        let storage = js_sys::Reflect::get(&window.navigator(), &"storage".into()).unwrap_or_default();
        let Ok(ask) = js_sys::Reflect::get(&storage, &"persisted".into()).and_then(|f| f.dyn_into::<js_sys::Function>().map_err(Into::into)) else {
            return false;
        };
        let Ok(promise) = ask.call0(&storage).and_then(|p| p.dyn_into::<js_sys::Promise>().map_err(Into::into)) else { return false };
        wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}
