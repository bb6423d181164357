//! The rule IDs of RULES.md, at the bottom of the domain: every other module names them (the
//! journal's events, the refusals, the answers to the screens' questions), and they name only
//! the guide's sections (T4: every change cites the rules behind it).

use serde::{Deserialize, Serialize};

use super::section::GuideSection;

/// The rule IDs of RULES.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RuleId {
    M1,
    M2,
    M3,
    T1,
    T2,
    T3,
    T4,
    L1,
    L2,
    P1,
    P2,
    P3,
    P7,
    P4,
    P5,
    P6,
    A1,
    A2,
    C1,
    C3,
    C2,
    A3,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
    R8,
    S1,
    S2,
    S3,
    S4,
    S5,
    D1,
    D2,
    D3,
    D4,
    D5,
    D6,
    N1,
    N2,
    /// The simulator's bounds (docs/rules.md, "Bounds"): what a run may ask for.
    B1,
    B2,
    B3,
    B4,
    B5,
    B6,
    B7,
}

impl RuleId {
    /// Every rule, in RULES.md order.
    pub const ALL: [RuleId; 50] = {
        use RuleId::*;
        [
            M1, M2, M3, T1, T2, T3, T4, L1, L2, P1, P2, P3, P7, P4, P5, P6, A1, A2, C1, C3, C2, A3,
            R1, R2, R3, R4, R5, R6, R7, R8, S1, S2, S3, S4, S5, D1, D2, D3, D4, D5, D6, N1, N2,
            B1, B2, B3, B4, B5, B6, B7,
        ]
    };

    /// "S5", "R7", ...
    pub fn code(&self) -> &'static str {
        use RuleId::*;
        match self {
            M1 => "M1",
            M2 => "M2",
            M3 => "M3",
            T1 => "T1",
            T2 => "T2",
            T3 => "T3",
            T4 => "T4",
            L1 => "L1",
            L2 => "L2",
            P1 => "P1",
            P2 => "P2",
            P3 => "P3",
            P7 => "P7",
            P4 => "P4",
            P5 => "P5",
            P6 => "P6",
            A1 => "A1",
            A2 => "A2",
            C1 => "C1",
            C3 => "C3",
            C2 => "C2",
            A3 => "A3",
            R1 => "R1",
            R2 => "R2",
            R3 => "R3",
            R4 => "R4",
            R5 => "R5",
            R6 => "R6",
            R7 => "R7",
            R8 => "R8",
            S1 => "S1",
            S2 => "S2",
            S3 => "S3",
            S4 => "S4",
            S5 => "S5",
            D1 => "D1",
            D2 => "D2",
            D3 => "D3",
            D4 => "D4",
            D5 => "D5",
            D6 => "D6",
            N1 => "N1",
            N2 => "N2",
            B1 => "B1",
            B2 => "B2",
            B3 => "B3",
            B4 => "B4",
            B5 => "B5",
            B6 => "B6",
            B7 => "B7",
        }
    }

    /// Rules RULES.md marks **(assumption)**, each with an ID of its own so that the label never
    /// falls on the guide's own words (the 10 € minimum of C1 and the 7 days of D4 are the
    /// guide's): P7, C3, D5, D6, R8.
    pub fn is_assumption(&self) -> bool {
        matches!(
            self,
            RuleId::P7 | RuleId::C3 | RuleId::D5 | RuleId::D6 | RuleId::R8
        )
    }

    /// The guide's section a rule belongs to (RULES.md, "The guide's sections").
    pub fn guide_section(&self) -> GuideSection {
        use RuleId::*;
        match self {
            R1 | R7 => GuideSection::G1,
            P1 | P2 | P3 | P7 | P4 | P5 | P6 => GuideSection::G2,
            A1 | A3 | S1 | S2 | S3 | S4 | S5 => GuideSection::G3,
            A2 | C1 | C3 | C2 | D1 | D2 | D3 => GuideSection::G4,
            R2 | R3 | R4 => GuideSection::G5,
            R5 => GuideSection::G6,
            R6 | R8 => GuideSection::G7,
            D4 | D5 | D6 => GuideSection::G8,
            M1 | M2 | M3 | T1 | T2 | T3 | T4 | L1 | L2 | N1 | N2 => GuideSection::Billing,
            // The simulator's own limits: no section of the guide.
            B1 | B2 | B3 | B4 | B5 | B6 | B7 => GuideSection::Billing,
        }
    }
}
