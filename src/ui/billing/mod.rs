//! The *Billing* tab (Facturation / Fatturazione): payment methods, the OVH account, one
//! purchase order (the e-mail's link, D1.2) and one invoice.
mod chart;
mod csv;
mod invoice;
mod order;
mod ovh_account;
mod pay;
mod payment_methods;

pub use invoice::InvoicePage;
pub use order::OrderPage;
pub use ovh_account::OvhAccountPage;
pub use payment_methods::PaymentMethodsPage;

/// Offers `text` as a file download in the browser (`mime` its type).
pub fn download(filename: &str, text: &str, mime: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(a) = doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
            a.set_href(&url);
            a.set_download(filename);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
