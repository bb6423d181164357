//! The *Billing* tab (Facturation / Fatturazione): payment methods, the OVH account, and one
//! purchase order (the e-mail's link, D1.2).
mod chart;
mod csv;
mod order;
mod ovh_account;
mod pay;
mod payment_methods;

pub use order::OrderPage;
pub use ovh_account::OvhAccountPage;
pub use payment_methods::PaymentMethodsPage;
