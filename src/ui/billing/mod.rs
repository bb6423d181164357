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

pub use crate::ui::browser::download;
