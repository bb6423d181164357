//! The Exchange platform (Plateforme Exchange / Piattaforma Exchange): the accounts dashboard
//! and the *Billing mode* tab.
mod billing_mode;
mod dashboard;

pub use billing_mode::BillingModePage;
pub use dashboard::DashboardPage;
