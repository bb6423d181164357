//! The movements list as CSV (A3). Hand-written rather than the `csv` crate: RFC 4180 quoting of
//! a few columns is ten lines, and the crate would add its weight to the wasm for one button.
//! Amounts are plain decimals with a dot and dates are ISO, so spreadsheets read them exactly;
//! the header row is in the interface language.
//!
//! CSV injection (OWASP, issue 16): a cell that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return could be read by a spreadsheet as a formula (a PayPal label, a reference). Such a
//! cell gets a leading `'` and is quoted, so it is shown as the text it is. A cell that is a
//! plain decimal number (an amount such as `-6.98`, which the app writes itself) is no formula
//! and stays a number (docs/decisions.md).
use crate::domain::Movement;
use crate::i18n::{self, Lang};

/// Whether `text` is a plain decimal number: an optional `-`, digits, and optionally a dot and
/// digits. A spreadsheet reads it as that number, never as a formula.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty() && !fraction.is_empty() && whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
}

fn field(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_plain_number(text);
    if formula {
        format!("\"'{}\"", text.replace('"', "\"\""))
    } else if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn movements_csv(lang: Lang, movements: &[Movement]) -> String {
    let t = lang.t();
    let header = [t.col_date, t.col_reference, t.col_type, t.col_method, t.col_debit, t.col_credit, t.col_balance_after];
    let mut out = header.iter().map(|h| field(h)).collect::<Vec<_>>().join(",");
    out.push_str("\r\n");
    for mv in movements {
        let row = [
            mv.date.to_string(),
            mv.reference.clone(),
            i18n::movement_kind(lang, mv.kind).to_string(),
            mv.method.clone().unwrap_or_default(),
            i18n::format::plain(mv.debit),
            i18n::format::plain(mv.credit),
            i18n::format::plain(mv.balance_after),
        ];
        out.push_str(&row.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::domain::MovementKind;
    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    #[test]
    fn a3_movements_export_as_csv_with_exact_amounts() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let movements = vec![Movement {
            date: day,
            reference: "FR0000001".into(),
            kind: MovementKind::InvoiceDebit,
            method: Some("Visa, \"pro\"".into()),
            debit: Decimal::new(698, 2),
            credit: Decimal::ZERO,
            balance_after: Decimal::new(-698, 2),
        }];
        let csv = movements_csv(Lang::En, &movements);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "Date,Reference,Type,Payment method,Debit,Credit,Balance");
        assert_eq!(lines[1], "2026-03-10,FR0000001,Invoice,\"Visa, \"\"pro\"\"\",6.98,0.00,-6.98");
        assert!(movements_csv(Lang::Fr, &[]).starts_with("Date,Référence,Type,Moyen de paiement"));
    }

    /// Issue 16 (OWASP's CSV injection): a PayPal label that starts a cell with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return is written as text, never as a formula.
    #[test]
    fn a3_a_cell_that_could_be_a_formula_is_written_as_text() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        let row = |method: &str| {
            let movements = vec![Movement {
                date: day,
                reference: "FR0000001".into(),
                kind: MovementKind::InvoiceDebit,
                method: Some(method.into()),
                debit: Decimal::new(698, 2),
                credit: Decimal::ZERO,
                balance_after: Decimal::new(-698, 2),
            }];
            movements_csv(Lang::En, &movements).split("\r\n").nth(1).unwrap().to_string()
        };
        let cases = [
            ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""),
            ("+1+cmd|' /C calc'!A0", "\"'+1+cmd|' /C calc'!A0\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1:A9)", "\"'@SUM(A1:A9)\""),
            ("\t=1+1", "\"'\t=1+1\""),
            ("\r=1+1", "\"'\r=1+1\""),
        ];
        for (label, cell) in cases {
            assert_eq!(row(label), format!("2026-03-10,FR0000001,Invoice,{cell},6.98,0.00,-6.98"), "{label:?}");
        }
        // The characters only matter at the start; the app's own amounts stay numbers.
        assert_eq!(row("PayPal a•••@x.com = 1"), "2026-03-10,FR0000001,Invoice,PayPal a•••@x.com = 1,6.98,0.00,-6.98");
        for (number, plain) in [("-6.98", true), ("-6", true), ("0.00", true), ("-", false), ("-.5", false), ("-6.", false), ("-6.9e3", false)] {
            assert_eq!(is_plain_number(number), plain, "{number}");
        }
        assert_eq!(field("-"), "\"'-\"");
    }
}
