//! An Exchange account's billing mode (R2, R5).

use serde::{Deserialize, Serialize};

/// An Exchange account's billing mode (R2). `None` = not renewed (R5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BillingMode {
    Monthly,
    Yearly,
    None,
}
