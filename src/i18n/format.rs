//! Money and dates in the user's language, through the browser's `Intl` (no bundled ICU).
//!
//! Money never passes through `f64` (M1): the decimal is handed to `Intl.NumberFormat` as a
//! string, which the browser formats exactly (Intl.NumberFormat v3). Natively (unit tests) a
//! small deterministic formatter stands in.

use super::Lang;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// `1234.5` → `1 234,50 €` (fr), `1.234,50 €` (it), `€1,234.50` (en).
pub fn money(lang: Lang, amount: Decimal) -> String {
    imp::money(lang, amount.round_dp(2), false)
}

/// Like [`money`], with an explicit sign for positive amounts (`+10,00 €`).
pub fn money_signed(lang: Lang, amount: Decimal) -> String {
    imp::money(lang, amount.round_dp(2), true)
}

/// An amount as the user types it: "10,00" in French and Italian, "10.00" in English (the
/// amount parser takes both, C1).
pub fn decimal_input(lang: Lang, amount: Decimal) -> String {
    let text = plain(amount);
    match lang {
        Lang::En => text,
        Lang::Fr | Lang::It => text.replace('.', ","),
    }
}

/// An amount with a dot and exactly 2 decimals, in no language (CSV, files).
pub fn plain(amount: Decimal) -> String {
    format!("{:.2}", amount.round_dp(2))
}

/// A moment (RFC 3339, as saves are dated) in the user's language, date and time.
pub fn instant(lang: Lang, rfc3339: &str) -> String {
    imp::instant(lang, rfc3339)
}

/// Whether `n` takes the singular in `lang` (the "one" plural category).
pub fn is_singular(lang: Lang, n: u64) -> bool {
    imp::is_singular(lang, n)
}

/// `10 March 2026` in the user's language. The first of the month is an ordinal in French and
/// Italian, "1er juin", "1º giugno" (issue 20; `Intl` prints a bare "1").
pub fn date(lang: Lang, day: NaiveDate) -> String {
    let text = imp::date(lang, day, false);
    match (lang, text.strip_prefix("1 ")) {
        (Lang::Fr, Some(rest)) if day.day() == 1 => format!("1er {rest}"),
        (Lang::It, Some(rest)) if day.day() == 1 => format!("1º {rest}"),
        _ => text,
    }
}

/// Italian elides the article before a day read with a vowel, "otto" and "undici": "il 8 marzo"
/// is "l'8 marzo", "dal 11" is "dall'11" (issue 20). Applied by [`super::fill`] to every filled
/// text; the articles matched are Italian words only, and only before a bare 8 or 11 followed by
/// another word (the month), so other languages and amounts ("8,00 €") are left alone.
pub fn elide(text: String) -> String {
    if !text.contains("l 8 ") && !text.contains("l 11 ") {
        return text;
    }
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    for (i, word) in words.iter().enumerate() {
        let day = words.get(i + 1).is_some_and(|n| *n == "8" || *n == "11") && i + 2 < words.len();
        match *word {
            "il" | "Il" if day => out.push_str(if *word == "il" { "l'" } else { "L'" }),
            "al" | "Al" | "dal" | "Dal" | "del" | "Del" | "nel" | "Nel" | "sul" | "Sul" if day => {
                out.push_str(word);
                out.push_str("l'");
            }
            _ => {
                out.push_str(word);
                if i + 1 < words.len() {
                    out.push(' ');
                }
            }
        }
    }
    out
}

/// `10/03/2026` in the user's language.
pub fn date_short(lang: Lang, day: NaiveDate) -> String {
    imp::date(lang, day, true)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use super::*;
    use js_sys::{Array, Function, Intl, Object, Reflect};
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use wasm_bindgen::JsValue;

    thread_local! {
        /// One formatter per (language, style): building an `Intl` object is slow, using one is not.
        static FORMATTERS: RefCell<BTreeMap<(&'static str, u8), Function>> = RefCell::new(BTreeMap::new());
    }

    fn options(pairs: &[(&str, &str)]) -> Object {
        let object = Object::new();
        for (key, value) in pairs {
            let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
        }
        object
    }

    fn formatter(lang: Lang, style: u8) -> Function {
        FORMATTERS.with(|cache| {
            cache
                .borrow_mut()
                .entry((lang.tag(), style))
                .or_insert_with(|| {
                    let locales = Array::of1(&JsValue::from_str(lang.tag()));
                    match style {
                        0 => Intl::NumberFormat::new(
                            &locales,
                            &options(&[("style", "currency"), ("currency", "EUR")]),
                        )
                        .format(),
                        1 => Intl::NumberFormat::new(
                            &locales,
                            &options(&[
                                ("style", "currency"),
                                ("currency", "EUR"),
                                ("signDisplay", "exceptZero"),
                            ]),
                        )
                        .format(),
                        2 => Intl::DateTimeFormat::new(
                            &locales,
                            &options(&[
                                ("timeZone", "UTC"),
                                ("day", "numeric"),
                                ("month", "long"),
                                ("year", "numeric"),
                            ]),
                        )
                        .format(),
                        _ => Intl::DateTimeFormat::new(
                            &locales,
                            &options(&[
                                ("timeZone", "UTC"),
                                ("day", "2-digit"),
                                ("month", "2-digit"),
                                ("year", "numeric"),
                            ]),
                        )
                        .format(),
                    }
                })
                .clone()
        })
    }

    pub fn money(lang: Lang, amount: Decimal, signed: bool) -> String {
        // A decimal string keeps every cent exact: no f64 on the way (M1).
        let text = JsValue::from_str(&format!("{amount:.2}"));
        formatter(lang, if signed { 1 } else { 0 })
            .call1(&JsValue::NULL, &text)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| format!("{amount:.2} €"))
    }

    pub fn instant(lang: Lang, rfc3339: &str) -> String {
        let when = js_sys::Date::new(&JsValue::from_str(rfc3339));
        if when.get_time().is_nan() {
            return rfc3339.to_string();
        }
        let options = options(&[("dateStyle", "long"), ("timeStyle", "short")]);
        Intl::DateTimeFormat::new(&Array::of1(&JsValue::from_str(lang.tag())), &options)
            .format()
            .call1(&JsValue::NULL, &when)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| rfc3339.to_string())
    }

    pub fn is_singular(lang: Lang, n: u64) -> bool {
        thread_local! {
            static RULES: RefCell<BTreeMap<&'static str, Intl::PluralRules>> = RefCell::new(BTreeMap::new());
        }
        RULES.with(|cache| {
            let mut cache = cache.borrow_mut();
            let rules = cache.entry(lang.tag()).or_insert_with(|| {
                Intl::PluralRules::new(&Array::of1(&JsValue::from_str(lang.tag())), &Object::new())
            });
            String::from(rules.select(n as f64)) == "one"
        })
    }

    pub fn date(lang: Lang, day: NaiveDate, short: bool) -> String {
        // Milliseconds since the epoch at 00:00 UTC of that day: a time, not money.
        let ms = js_sys::Date::utc(day.year() as f64, day.month0() as f64);
        let ms = ms + f64::from(day.day() - 1) * 86_400_000.0;
        let js_date = js_sys::Date::new(&JsValue::from_f64(ms));
        formatter(lang, if short { 3 } else { 2 })
            .call1(&JsValue::NULL, &js_date)
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| day.to_string())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    //! Native stand-in used by unit tests: deterministic, close to what `Intl` prints.
    use super::*;

    pub fn money(lang: Lang, amount: Decimal, signed: bool) -> String {
        let text = format!("{:.2}", amount.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
        let (group, point) = match lang {
            Lang::Fr => ('\u{202f}', ','),
            Lang::It => ('.', ','),
            Lang::En => (',', '.'),
        };
        let mut grouped = String::new();
        for (i, digit) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(digit);
        }
        let sign = if amount.is_sign_negative() && !amount.is_zero() {
            "-"
        } else if signed && !amount.is_zero() {
            "+"
        } else {
            ""
        };
        match lang {
            Lang::En => format!("{sign}€{grouped}{point}{frac}"),
            _ => format!("{sign}{grouped}{point}{frac}\u{a0}€"),
        }
    }

    pub fn instant(_lang: Lang, rfc3339: &str) -> String {
        rfc3339.to_string()
    }

    pub fn is_singular(lang: Lang, n: u64) -> bool {
        match lang {
            Lang::Fr => n <= 1,
            Lang::It | Lang::En => n == 1,
        }
    }

    pub fn date(lang: Lang, day: NaiveDate, short: bool) -> String {
        if short {
            return day.format("%d/%m/%Y").to_string();
        }
        let months = lang.t().month_names;
        let name = months.split(',').nth(day.month0() as usize).unwrap_or("");
        format!("{} {} {}", day.day(), name, day.year())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn m1_money_is_printed_to_the_cent_in_each_language() {
        let amount = Decimal::new(123_450, 2);
        assert_eq!(money(Lang::En, amount), "€1,234.50");
        assert_eq!(money(Lang::It, amount), "1.234,50\u{a0}€");
        assert_eq!(money(Lang::Fr, -Decimal::new(698, 2)), "-6,98\u{a0}€");
        assert_eq!(money_signed(Lang::En, Decimal::new(10, 0)), "+€10.00");
    }

    #[test]
    fn dates_use_the_languages_month_names() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 17).unwrap();
        assert_eq!(date(Lang::Fr, day), "17 mars 2026");
        assert_eq!(date(Lang::It, day), "17 marzo 2026");
        assert_eq!(date(Lang::En, day), "17 March 2026");
        assert_eq!(date_short(Lang::En, day), "17/03/2026");
    }

    fn on(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, day).unwrap()
    }

    /// Issue 20: the first of the month is "1er" in French, "1º" in Italian, in every text.
    #[test]
    fn issue_20_the_first_of_the_month_is_an_ordinal_in_french_and_italian() {
        assert_eq!(date(Lang::Fr, on(1)), "1er juin 2026");
        assert_eq!(date(Lang::It, on(1)), "1º giugno 2026");
        assert_eq!(date(Lang::En, on(1)), "1 June 2026");
        assert_eq!(date(Lang::Fr, on(11)), "11 juin 2026");
        assert_eq!(date(Lang::Fr, on(21)), "21 juin 2026");
        let fr = Lang::Fr.t();
        assert_eq!(super::super::fill(fr.pending_mode, &["Annuel", &date(Lang::Fr, on(1))]), "Annuel à partir du 1er juin 2026");
        assert_eq!(super::super::fill(fr.exported_on, &[&date(Lang::Fr, on(8))]), "Exporté le 8 juin 2026");
        assert_eq!(super::super::fill(fr.exported_on, &[&date(Lang::Fr, on(11))]), "Exporté le 11 juin 2026");
    }

    /// Issue 20: Italian articles before 8 and 11 are elided ("l'8", "dall'11"), before 1 they
    /// are not ("il 1º"), for every template that puts an article before a date.
    #[test]
    fn issue_20_italian_articles_before_days_1_8_and_11() {
        use super::super::fill;
        let it = Lang::It.t();
        let d = |n| date(Lang::It, on(n));
        assert_eq!(fill(it.exported_on, &[&d(8)]), "Esportato l'8 giugno 2026");
        assert_eq!(fill(it.exported_on, &[&d(11)]), "Esportato l'11 giugno 2026");
        assert_eq!(fill(it.exported_on, &[&d(1)]), "Esportato il 1º giugno 2026");
        assert_eq!(fill(it.exported_on, &[&d(18)]), "Esportato il 18 giugno 2026");
        assert_eq!(fill(it.pending_mode, &["Annuale", &d(8)]), "Annuale dall'8 giugno 2026");
        assert_eq!(fill(it.pending_mode, &["Annuale", &d(11)]), "Annuale dall'11 giugno 2026");
        assert_eq!(fill(it.pending_mode, &["Annuale", &d(1)]), "Annuale dal 1º giugno 2026");
        assert_eq!(fill(it.inv_period, &[&d(8), &d(11)]), "dall'8 giugno 2026 all'11 giugno 2026");
        assert_eq!(
            fill(it.acc_debtor, &["5,00 €", &d(8)]),
            "Il saldo del tuo conto OVH è negativo: 5,00 € da pagare entro la fine dell'8 giugno 2026."
        );
        assert_eq!(fill(it.ex_started_only, &[&d(11)]), "Iniziata l'11 giugno 2026.");
        // Amounts and other languages are left alone.
        assert_eq!(fill(it.ev_debt_reduced, &["8,00 €", &d(8)]), "Il debito scende a 8,00 €; la scadenza resta l'8 giugno 2026.");
        assert_eq!(fill("{0}", &["il 8"]), "il 8");
    }
}
