//! The movements list as CSV (A3). Hand-written rather than the `csv` crate: RFC 4180 quoting of
//! a few columns is ten lines, and the crate would add its weight to the wasm for one button.
//! Amounts are plain decimals with a dot and dates are ISO, so spreadsheets read them exactly;
//! the header row is in the interface language.
use crate::domain::Movement;
use crate::i18n::{self, Lang};

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
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
}
