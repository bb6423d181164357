//! Entry point of the browser app: loads the current language's texts, then mounts the UI.
fn main() {
    #[cfg(target_arch = "wasm32")]
    hosted_exchange_sim::ui::start();
}
