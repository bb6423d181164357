//! The layers' invariants (docs/architecture.md, README "Architecture"), checked on the source:
//! what each layer of the app crate may use, that only the root knows about code splitting,
//! and that no JS callback is leaked. (The domain's own rule, no web dependency, is its
//! manifest's: `crates/domain/Cargo.toml` can name nothing else.)
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, with its text.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for entry in fs::read_dir(dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((path.clone(), fs::read_to_string(&path).expect("a source file")));
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    assert!(!out.is_empty(), "{dir} has sources");
    out
}

/// The code of a file, without its comments (a comment may name what the code must not use).
fn code(text: &str) -> String {
    text.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn uses(dir: &str, forbidden: &[&str]) -> Vec<String> {
    sources(dir)
        .into_iter()
        .flat_map(|(path, text)| {
            let code = code(&text);
            forbidden.iter().filter(|f| code.contains(*f)).map(|f| format!("{} uses {f}", path.display())).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn i18n_storage_and_the_session_never_use_the_ui() {
    for dir in ["src/i18n", "src/storage", "src/session"] {
        assert_eq!(uses(dir, &["crate::ui", "super::ui"]), Vec::<String>::new());
    }
}

#[test]
fn the_session_is_plain_rust_beneath_the_signals() {
    assert_eq!(uses("src/session", &["leptos", "web_sys", "js_sys", "wasm_bindgen", "gloo"]), Vec::<String>::new());
}

#[test]
fn storage_knows_neither_the_session_nor_the_texts() {
    assert_eq!(uses("src/storage", &["crate::session", "crate::i18n"]), Vec::<String>::new());
}

#[test]
fn only_the_root_knows_about_code_splitting() {
    let root = ["src/ui/mod.rs", "src/ui/routes.rs"];
    let below: Vec<String> = sources("src/ui")
        .into_iter()
        .filter(|(path, _)| !root.iter().any(|r| path.ends_with(r)))
        .filter(|(_, text)| {
            let code = code(text);
            ["routes::", "split::", "leptos::lazy", "hes_split"].iter().any(|name| code.contains(name))
        })
        .map(|(path, _)| path.display().to_string())
        .collect();
    assert_eq!(below, Vec::<String>::new(), "views of split parts are handed down by the root");
}

#[test]
fn no_js_callback_is_leaked() {
    // Window events go through Leptos's window_event_listener; observers through
    // ui::browser::observe, which releases its callback on cleanup.
    assert_eq!(uses("src", &[".forget()", "mem::forget"]), Vec::<String>::new());
}
