//! Parsed input types: "parse, don't validate".
//!
//! A raw string typed by the user never goes past these constructors. Each
//! constructor returns a typed error that the UI translates (C1, P5, L1).
//! After parsing, only the masked form of payment data is kept (P5).
//!
//! One file per type, with its tests beside it. What every type shares is written once here:
//! its saved form ([`saved_as!`]) and its English fallback messages ([`messages!`]).

/// A parsed input's saved form, written once for every type of this folder. `$ty` is saved as
/// `$raw` (the type carries `#[serde(try_from = "…", into = "…")]` naming `$raw`) and shown as
/// it (`Display`). Reading goes through `$read`, the type's own checked constructor, so a save
/// cannot smuggle in what the user could not have typed; writing is `$write`, which for payment
/// data is the masked form (P5).
///
/// `saved_as!(T(String), E, read: …)` is the shape of a newtype over its normalised text: it
/// adds `as_str`, and the text itself is the saved form.
macro_rules! saved_as {
    ($ty:ident(String), $err:ty, read: $read:expr) => {
        impl $ty {
            /// The normalised text, which is also its saved form.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        saved_as!($ty, String, $err, read: $read, write: |v| v.0.clone());
    };
    ($ty:ty, $raw:ty, $err:ty, read: $read:expr, write: $write:expr) => {
        impl TryFrom<$raw> for $ty {
            type Error = $err;
            fn try_from(raw: $raw) -> Result<Self, Self::Error> {
                let read: fn(&$raw) -> Result<$ty, $err> = $read;
                read(&raw)
            }
        }
        impl From<$ty> for $raw {
            fn from(value: $ty) -> $raw {
                let write: fn(&$ty) -> $raw = $write;
                write(&value)
            }
        }
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let write: fn(&$ty) -> $raw = $write;
                std::fmt::Display::fmt(&write(self), f)
            }
        }
    };
}

/// English fallback messages of an input's error (the UI translates the variants itself).
macro_rules! messages {
    ($ty:ty => { $($variant:ident => $msg:literal),+ $(,)? }) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(match self { $(Self::$variant => $msg),+ })
            }
        }
        impl std::error::Error for $ty {}
    };
}

mod amount;
mod card;
mod card_expiry;
mod iban;
mod local_part;
mod method;
mod mode;
mod nic;
mod paypal;
mod subsidiary;

pub use amount::*;
pub use card::*;
pub use card_expiry::*;
pub use iban::*;
pub use local_part::*;
pub use method::*;
pub use mode::*;
pub use nic::*;
pub use paypal::*;
pub use subsidiary::*;
