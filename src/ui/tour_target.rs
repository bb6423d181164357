//! Where the walkthrough's targets are in the DOM, written once: each [`TourTarget`] of the
//! domain's steps (G1–G8) has its `data-tour` attribute value and the page it is on. Every
//! component that carries a target writes `data-tour=TourTarget::….attr()`, so a step cannot
//! point at a control that no component marks, and a typo does not compile.
use crate::domain::guide::TourTarget;

/// A target's place in the page.
pub trait OnPage {
    /// The `data-tour` attribute value of the element that carries it.
    fn attr(self) -> &'static str;
    /// The CSS selector of that element: `[data-tour="…"]`.
    fn selector(self) -> String;
    /// The page it is on (a route of the control panel), for the targets that are not on every
    /// page: `None` for the tabs and the clock, which are, and for an order's payer picker,
    /// whose page depends on the order.
    fn page(self) -> Option<&'static str>;
}

impl OnPage for TourTarget {
    fn attr(self) -> &'static str {
        use TourTarget::*;
        match self {
            TabBilling => "tab-billing",
            TabExchange => "tab-exchange",
            TabInbox => "tab-inbox",
            Clock => "clock",
            ClockNext => "clock-next",
            LoginForm => "login-form",
            MenuPaymentMethods => "menu-payment-methods",
            MenuOvhAccount => "menu-ovh-account",
            Methods => "methods",
            AddMethod => "add-method",
            MethodForm => "method-form",
            Balance => "balance",
            Settlement => "settlement",
            Credit => "credit",
            CreditForm => "credit-form",
            Orders => "orders",
            OrderPay => "order-pay",
            Invoices => "invoices",
            Movements => "movements",
            InboxDebtor => "inbox-debtor",
            MenuDashboard => "menu-dashboard",
            MenuBillingMode => "menu-billing-mode",
            Accounts => "accounts",
            OtherAccounts => "accounts-2",
            ExportPst => "export-pst",
            Terminate => "terminate",
            Termination => "termination",
            ModeTable => "mode-table",
            ModeForm => "mode-form",
        }
    }

    fn selector(self) -> String {
        format!("[data-tour=\"{}\"]", self.attr())
    }

    fn page(self) -> Option<&'static str> {
        use TourTarget::*;
        Some(match self {
            TabBilling | TabExchange | TabInbox | Clock | ClockNext | OrderPay => return None,
            Accounts | OtherAccounts | ExportPst | Terminate | Termination | MenuDashboard | MenuBillingMode => "/exchange",
            ModeForm | ModeTable => "/exchange/billing-mode",
            Balance | Settlement | Credit | Orders | Invoices | Movements | MenuOvhAccount | MenuPaymentMethods => "/billing/ovh-account",
            CreditForm => "/billing/ovh-account/credit",
            Methods | AddMethod => "/billing/payment-methods",
            MethodForm => "/billing/payment-methods/add",
            LoginForm => "/login",
            InboxDebtor => "/inbox",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_has_an_attribute_of_its_own() {
        let mut seen = std::collections::BTreeSet::new();
        for target in TourTarget::ALL {
            assert!(seen.insert(target.attr()), "{target:?}: {} is taken", target.attr());
            assert!(target.attr().bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
    }
}
