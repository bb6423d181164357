//! Fetching a language's texts when they are needed (the browser only): the current language's
//! core files (the first screen's texts, see `i18n`) before the app mounts, the rest of them when
//! a screen other than the home screen is first shown (`ui::routes::show`), and another
//! language's when the user switches to it: its core files, and its other files too once a
//! screen ever wanted them ("more"), so that the screens drawn again after the switch have
//! theirs.
use super::{catalogue, CatalogueError, Lang};
use futures::lock::Mutex;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a text file could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadFailure {
    /// Offline and not cached, or the server answered with an error.
    Network,
    /// The file was there but unusable (a key missing, not JSON).
    Catalogue(CatalogueError),
}

/// One load of the catalogue at a time, and one of the guide texts: the parts of a screen that
/// ask for them at once (the page, the clock bar, the notices…) fetch each file once, the
/// later ones finding it installed.
static TEXTS: Mutex<()> = Mutex::new(());
static GUIDE: Mutex<()> = Mutex::new(());

thread_local! {
    /// Whether a screen has wanted the other files (then a language switch loads them too).
    static MORE_WANTED: Cell<bool> = const { Cell::new(false) };
}

/// The text of a file of the app, `path` relative to its base URL (`<base href>`).
pub async fn fetch_text(path: &str) -> Result<String, LoadFailure> {
    let window = web_sys::window().ok_or(LoadFailure::Network)?;
    let response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| LoadFailure::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| LoadFailure::Network)?;
    if !response.ok() {
        return Err(LoadFailure::Network);
    }
    let text = response.text().map_err(|_| LoadFailure::Network)?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(LoadFailure::Network)
}

/// The texts of a language's core file and other file, fetched at once.
async fn fetch_both(core: String, more: String) -> Result<(String, String), LoadFailure> {
    let (core, more) = futures::future::join(fetch_text(&core), fetch_text(&more)).await;
    Ok((core?, more?))
}

/// Makes `lang`'s catalogue available to [`Lang::t`], fetching each file once: its core file,
/// and its other file too once a screen wanted it ([`ensure_more`]).
pub async fn ensure(lang: Lang) -> Result<(), LoadFailure> {
    load_texts(lang, MORE_WANTED.get()).await
}

/// Makes the whole of `lang`'s catalogue available (the core file's texts and the others).
pub async fn ensure_more(lang: Lang) -> Result<(), LoadFailure> {
    MORE_WANTED.set(true);
    load_texts(lang, true).await
}

async fn load_texts(lang: Lang, more: bool) -> Result<(), LoadFailure> {
    let _one_at_a_time = TEXTS.lock().await;
    let installed = match catalogue::state(lang) {
        Some(whole) if whole || !more => return Ok(()),
        Some(_) => catalogue::install(lang, None, Some(&fetch_text(&lang.catalogue_path(false)).await?)),
        None if more => {
            let (core, rest) = fetch_both(lang.catalogue_path(true), lang.catalogue_path(false)).await?;
            catalogue::install(lang, Some(&core), Some(&rest))
        }
        None => catalogue::install(lang, Some(&fetch_text(&lang.catalogue_path(true)).await?), None),
    };
    installed.map_err(LoadFailure::Catalogue)
}

/// Whether `lang`'s catalogue (at least its core file) is already here.
pub fn is_loaded(lang: Lang) -> bool {
    catalogue::state(lang).is_some()
}

/// Makes `lang`'s guide texts available to [`Lang::guide`], fetching each file once: its core
/// file (the titles and summaries), and its other file too once a screen wanted it.
pub async fn ensure_guide(lang: Lang) -> Result<(), LoadFailure> {
    load_guide(lang, MORE_WANTED.get()).await
}

/// Makes all of `lang`'s guide texts available (every step's and caption's too).
pub async fn ensure_guide_more(lang: Lang) -> Result<(), LoadFailure> {
    MORE_WANTED.set(true);
    load_guide(lang, true).await
}

async fn load_guide(lang: Lang, more: bool) -> Result<(), LoadFailure> {
    let _one_at_a_time = GUIDE.lock().await;
    let installed = match catalogue::guide_state(lang) {
        Some(whole) if whole || !more => return Ok(()),
        Some(_) => catalogue::install_guide(lang, None, Some(&fetch_text(&lang.guide_path(false)).await?)),
        None if more => {
            let (core, rest) = fetch_both(lang.guide_path(true), lang.guide_path(false)).await?;
            catalogue::install_guide(lang, Some(&core), Some(&rest))
        }
        None => catalogue::install_guide(lang, Some(&fetch_text(&lang.guide_path(true)).await?), None),
    };
    installed.ok_or(LoadFailure::Catalogue(CatalogueError::NotAnObject))
}

/// All of `lang`'s texts, the catalogue's and the guide's, for a screen other than the home
/// screen (`ui::routes::show`).
pub async fn ensure_all(lang: Lang) -> Result<(), LoadFailure> {
    let (texts, guide) = futures::future::join(ensure_more(lang), ensure_guide_more(lang)).await;
    texts.and(guide)
}
