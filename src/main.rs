//! Entry point of the browser app: mounts the Leptos UI.
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(hosted_exchange_sim::ui::App);
}
