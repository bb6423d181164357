//! What the day loop asks of the history, kept up to date as the history grows, so that an
//! event costs the same after forty thousand events as after one (issue 16: the engine's cost is
//! linear in its events).
//!
//! The history vectors (`invoices`, `orders`) only grow, and only the engine changes an entry's
//! status, so the engine maintains this index at each of those changes (`billing.rs`). It is no
//! part of the state's value: it is never serialised, never compared, and it is rebuilt from the
//! history when it does not fit it (a state read from JSON, or one that set-up code such as the
//! scenarios' filled by hand; see [`Index::fits`]).

use std::collections::BTreeSet;

use crate::{AccountId, InvoiceStatus, OrderPurpose, OrderStatus, State};

/// Positions in the history of what is still open, and the history's size (B6).
#[derive(Clone, Default)]
pub(crate) struct Index {
    /// The lengths of `invoices` and `orders` it was built for; `None`: never built.
    built_for: Option<(usize, usize)>,
    /// Unpaid invoices (S5), by position, oldest first.
    pub(crate) unpaid: Vec<usize>,
    /// The accounts on an unpaid invoice (D5). Unpaid invoices are all paid at once (D2), so
    /// this set only grows until it is emptied.
    pub(crate) unpaid_accounts: BTreeSet<AccountId>,
    /// Open purchase orders (A2), by position, oldest first.
    pub(crate) open_orders: Vec<usize>,
    /// Open Debt orders (S5, D1.2), by position: at most one when the engine made them.
    pub(crate) open_debt_orders: Vec<usize>,
    /// Invoice lines in all (B6 counts them).
    pub(crate) lines: usize,
}

impl Index {
    /// Built from the history, in one pass.
    pub(crate) fn build(s: &State) -> Index {
        let mut ix = Index {
            built_for: Some((s.invoices.len(), s.orders.len())),
            ..Index::default()
        };
        for (i, inv) in s.invoices.iter().enumerate() {
            ix.lines += inv.lines.len();
            if inv.status == InvoiceStatus::Unpaid {
                ix.unpaid.push(i);
                ix.unpaid_accounts.extend(inv.lines.iter().map(|l| l.account));
            }
        }
        for (i, o) in s.orders.iter().enumerate() {
            if o.status == OrderStatus::Open {
                ix.open_orders.push(i);
                if o.purpose == OrderPurpose::Debt {
                    ix.open_debt_orders.push(i);
                }
            }
        }
        ix
    }

    /// Whether it was built for this history: a history that grew behind the engine's back no
    /// longer fits.
    pub(crate) fn fits(&self, s: &State) -> bool {
        self.built_for == Some((s.invoices.len(), s.orders.len()))
    }

    /// The engine changed the history and this index with it: it fits the history's new lengths.
    pub(crate) fn refit(&mut self, invoices: usize, orders: usize) {
        self.built_for = Some((invoices, orders));
    }

    /// An open order was paid or cancelled.
    pub(crate) fn order_closed(&mut self, position: usize) {
        for open in [&mut self.open_orders, &mut self.open_debt_orders] {
            if let Ok(i) = open.binary_search(&position) {
                open.remove(i);
            }
        }
    }
}

impl Index {
    /// The same positions and counts as `other` (unlike `==`, which is always true).
    pub(crate) fn same_as(&self, other: &Index) -> bool {
        self.built_for == other.built_for
            && self.unpaid == other.unpaid
            && self.unpaid_accounts == other.unpaid_accounts
            && self.open_orders == other.open_orders
            && self.open_debt_orders == other.open_debt_orders
            && self.lines == other.lines
    }
}

impl State {
    /// For the property tests: whether the index the engine maintained, when it claims to fit
    /// the history, is exactly the one built from it afresh (one that does not fit is rebuilt
    /// before any use).
    #[doc(hidden)]
    pub fn index_is_exact(&self) -> bool {
        !self.index.fits(self) || self.index.same_as(&Index::build(self))
    }
}

/// Every index is equal: it is derived from the history, which `State`'s own comparison reads.
impl PartialEq for Index {
    fn eq(&self, _: &Index) -> bool {
        true
    }
}

impl Eq for Index {}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Index")
    }
}
