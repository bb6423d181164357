//! Fetching a language's catalogue when it is needed (the browser only): the current language
//! before the app mounts, another one when the user switches to it.
use super::{catalogue, CatalogueError, Lang};
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

/// Makes `lang`'s catalogue available to [`Lang::t`], fetching it once.
pub async fn ensure(lang: Lang) -> Result<(), LoadFailure> {
    if catalogue::is_loaded(lang) {
        return Ok(());
    }
    let text = fetch_text(&lang.catalogue_path()).await?;
    catalogue::install(lang, &text).map_err(LoadFailure::Catalogue)
}

/// Whether `lang`'s catalogue is already here.
pub fn is_loaded(lang: Lang) -> bool {
    catalogue::is_loaded(lang)
}

/// Makes `lang`'s guide texts available to [`Lang::guide`], fetching them once.
pub async fn ensure_guide(lang: Lang) -> Result<(), LoadFailure> {
    if catalogue::guide(lang).is_some() {
        return Ok(());
    }
    let text = fetch_text(&lang.guide_path()).await?;
    if catalogue::install_guide(lang, &text) {
        Ok(())
    } else {
        Err(LoadFailure::Catalogue(CatalogueError::NotAnObject))
    }
}
