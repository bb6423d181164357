//! The guide's sections (G1–G8), at the bottom of the domain with the rule IDs that belong to
//! them (RULES.md, "The guide's sections"): the walkthrough follows them, links name them.

use serde::{Deserialize, Serialize};

/// The guide's sections (RULES.md, last section); `Billing` = none of them (M*, T*, L*, N*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GuideSection {
    G1,
    G2,
    G3,
    G4,
    G5,
    G6,
    G7,
    G8,
    Billing,
}

impl GuideSection {
    /// The eight sections the walkthrough follows, in the guide's order.
    pub const WALKTHROUGH: [GuideSection; 8] = [
        GuideSection::G1,
        GuideSection::G2,
        GuideSection::G3,
        GuideSection::G4,
        GuideSection::G5,
        GuideSection::G6,
        GuideSection::G7,
        GuideSection::G8,
    ];

    /// "g1" … "g8" (links: `/guide/g4`).
    pub fn slug(self) -> &'static str {
        match self {
            GuideSection::G1 => "g1",
            GuideSection::G2 => "g2",
            GuideSection::G3 => "g3",
            GuideSection::G4 => "g4",
            GuideSection::G5 => "g5",
            GuideSection::G6 => "g6",
            GuideSection::G7 => "g7",
            GuideSection::G8 => "g8",
            GuideSection::Billing => "billing",
        }
    }

    /// A walkthrough section from its link name.
    pub fn from_slug(slug: &str) -> Option<GuideSection> {
        GuideSection::WALKTHROUGH
            .into_iter()
            .find(|s| s.slug().eq_ignore_ascii_case(slug))
    }
}
