//! Editing a [`SituationInput`] field by field (U1): the form's screen reads and writes each
//! field through its [`SituationField`], the same key its error comes back under, so a field,
//! its value and its error can never be wired to different places. Adding and removing a
//! platform or a method keeps the indices that point into the lists (`debt_platform`,
//! `default_method`) on the same item.
use super::form::*;
use crate::bounds::{MAX_METHODS, MAX_PLATFORMS};
use crate::{BillingMode, PaymentKind, Subsidiary};

impl SituationInput {
    /// An empty form in the language's subsidiary (L2: Italian → Italy), for `today`
    /// ("YYYY-MM-DD"), with one platform of one account that follows it: the common case needs
    /// only its figures typed in.
    pub fn blank(subsidiary: Subsidiary, today: &str) -> SituationInput {
        SituationInput {
            subsidiary: subsidiary.code().to_string(),
            today: today.to_string(),
            platforms: vec![SituationPlatformInput::following("", "", BillingMode::Monthly, 1)],
            ..SituationInput::default()
        }
    }

    /// The text of a field that is typed or chosen (`None`: not one of this form's fields, or
    /// past the end of its list).
    pub fn text(&self, field: SituationField) -> Option<&str> {
        use SituationField::*;
        let p = |i: usize| self.platforms.get(i);
        let a = |i: usize, j: usize| self.platforms.get(i).and_then(|p| p.accounts.get(j));
        let m = |i: usize| self.methods.get(i);
        Some(match field {
            Subsidiary => &self.subsidiary,
            Today => &self.today,
            PlatformName(i) => &p(i)?.name,
            PlatformDomain(i) => &p(i)?.domain,
            PlatformAnniversary(i) => &p(i)?.anniversary,
            PlatformMode(i) => &p(i)?.mode,
            AccountLocalPart(i, j) => &a(i, j)?.local_part,
            AccountMode(i, j) => &a(i, j)?.mode,
            AccountExpiry(i, j) => &a(i, j)?.expiry,
            Balance => &self.balance,
            DebtSince => &self.debt_since,
            MethodKind(i) => &m(i)?.kind,
            MethodStatus(i) => &m(i)?.status,
            MethodCardExpiry(i) => &m(i)?.card_expiry,
            MethodLast4(i) => &m(i)?.last4,
            AlertThreshold => &self.alert_threshold,
            Version | Platforms | PlatformAccounts(_) | DebtPlatform | Methods | DefaultMethod => return None,
        })
    }

    /// Sets the text of a field ([`SituationInput::text`]); nothing for any other field.
    pub fn set_text(&mut self, field: SituationField, value: String) {
        use SituationField::*;
        let slot = match field {
            Subsidiary => &mut self.subsidiary,
            Today => &mut self.today,
            PlatformName(i) | PlatformDomain(i) | PlatformAnniversary(i) | PlatformMode(i) => {
                let Some(p) = self.platforms.get_mut(i) else { return };
                match field {
                    PlatformName(_) => &mut p.name,
                    PlatformDomain(_) => &mut p.domain,
                    PlatformAnniversary(_) => &mut p.anniversary,
                    _ => &mut p.mode,
                }
            }
            AccountLocalPart(i, j) | AccountMode(i, j) | AccountExpiry(i, j) => {
                let Some(a) = self.platforms.get_mut(i).and_then(|p| p.accounts.get_mut(j)) else { return };
                match field {
                    AccountLocalPart(..) => &mut a.local_part,
                    AccountMode(..) => &mut a.mode,
                    _ => &mut a.expiry,
                }
            }
            Balance => &mut self.balance,
            DebtSince => &mut self.debt_since,
            MethodKind(i) | MethodStatus(i) | MethodCardExpiry(i) | MethodLast4(i) => {
                let Some(m) = self.methods.get_mut(i) else { return };
                match field {
                    MethodKind(_) => &mut m.kind,
                    MethodStatus(_) => &mut m.status,
                    MethodCardExpiry(_) => &mut m.card_expiry,
                    _ => &mut m.last4,
                }
            }
            AlertThreshold => &mut self.alert_threshold,
            Version | Platforms | PlatformAccounts(_) | DebtPlatform | Methods | DefaultMethod => return,
        };
        *slot = value;
    }

    /// Adds a platform of one account that follows it, on the first platform's anniversary and
    /// mode (B2: not past the cap). Whether one was added.
    pub fn add_platform(&mut self) -> bool {
        if self.platforms.len() >= MAX_PLATFORMS {
            return false;
        }
        let (anniversary, mode) = self
            .platforms
            .first()
            .map(|p| (p.anniversary.clone(), p.mode.clone()))
            .unwrap_or_else(|| (String::new(), BillingMode::Monthly.code().to_string()));
        let mut p = SituationPlatformInput::following("", &anniversary, BillingMode::Monthly, 1);
        p.mode = mode;
        self.platforms.push(p);
        true
    }

    /// Removes platform `i` (never the last one: U1 asks for one or more); the debt's platform
    /// stays the same platform, or the first when it was this one.
    pub fn remove_platform(&mut self, i: usize) {
        if self.platforms.len() <= 1 || i >= self.platforms.len() {
            return;
        }
        self.platforms.remove(i);
        self.debt_platform = shifted(self.debt_platform, i);
    }

    /// Adds a payment method of `kind`, valid (B3: not past the cap). Whether one was added.
    pub fn add_method(&mut self, kind: PaymentKind) -> bool {
        if self.methods.len() >= MAX_METHODS {
            return false;
        }
        self.methods.push(SituationMethodInput { kind: kind.code().to_string(), ..SituationMethodInput::default() });
        true
    }

    /// Removes method `i`; the default stays on the same method, or none (P4: then the first
    /// valid one) when it was this one.
    pub fn remove_method(&mut self, i: usize) {
        if i >= self.methods.len() {
            return;
        }
        self.methods.remove(i);
        self.default_method = shifted(self.default_method, i);
    }

    /// U3: whether the form asks for the day the debt began: the balance, as the parse reads
    /// it, is below zero ("-0" and a half-typed "-" are not a debt).
    pub fn asks_debt_since(&self) -> bool {
        balance(&self.balance).is_ok_and(|b| b < rust_decimal::Decimal::ZERO)
    }

    /// The payment kinds the form offers: the chosen subsidiary's (P1), or every kind while
    /// the subsidiary is not a known one.
    pub fn kinds_offered(&self) -> &'static [PaymentKind] {
        match Subsidiary::from_code(self.subsidiary.trim()) {
            Some(s) => s.payment_kinds(),
            None => &[PaymentKind::Card, PaymentKind::Paypal, PaymentKind::BankAccount],
        }
    }
}

/// An index into a list after item `removed` left it: the same item, or none when it was that one.
fn shifted(index: Option<usize>, removed: usize) -> Option<usize> {
    match index {
        Some(n) if n == removed => None,
        Some(n) if n > removed => Some(n - 1),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SituationField as F;

    #[test]
    fn u1_every_text_field_reads_back_what_was_set() {
        let mut input = SituationInput::blank(Subsidiary::It, "2026-04-01");
        input.add_method(PaymentKind::Card);
        let fields = [
            F::Subsidiary, F::Today, F::PlatformName(0), F::PlatformDomain(0), F::PlatformAnniversary(0), F::PlatformMode(0),
            F::AccountLocalPart(0, 0), F::AccountMode(0, 0), F::AccountExpiry(0, 0), F::Balance, F::DebtSince,
            F::MethodKind(0), F::MethodStatus(0), F::MethodCardExpiry(0), F::MethodLast4(0), F::AlertThreshold,
        ];
        for (n, field) in fields.into_iter().enumerate() {
            let value = format!("v{n}");
            input.set_text(field, value.clone());
            assert_eq!(input.text(field), Some(value.as_str()), "{field}");
        }
        // Past the end of a list, or not a text: nothing read, nothing written.
        let before = input.clone();
        for field in [F::PlatformDomain(3), F::AccountExpiry(0, 5), F::MethodLast4(2), F::DefaultMethod, F::Platforms] {
            assert_eq!(input.text(field), None, "{field}");
            input.set_text(field, "x".into());
        }
        assert_eq!(input, before);
    }

    #[test]
    fn u1_a_blank_form_follows_the_subsidiary_and_parses_once_its_figures_are_typed() {
        let mut input = SituationInput::blank(Subsidiary::It, "2026-04-01");
        assert_eq!(input.subsidiary, Subsidiary::It.code());
        assert_eq!(input.kinds_offered(), &[PaymentKind::Card, PaymentKind::Paypal]);
        assert_eq!(input.parse().expect_err("no domain yet").of(F::PlatformDomain(0)), Some(SituationError::Empty));
        input.set_text(F::PlatformDomain(0), "example.com".into());
        input.set_text(F::PlatformAnniversary(0), "2026-06-15".into());
        input.set_text(F::PlatformMode(0), "yearly".into());
        input.platforms[0].set_account_count(3);
        let situation = input.parse().expect("parses");
        assert_eq!(situation.platforms()[0].accounts().len(), 3);
        assert!(situation.platforms()[0].accounts().iter().all(|a| a.mode() == BillingMode::Yearly));
    }

    #[test]
    fn u3_the_form_asks_for_the_debts_first_day_only_for_a_debt() {
        let mut input = SituationInput::blank(Subsidiary::Fr, "2026-04-01");
        for (text, asks) in [("", false), ("-", false), ("-0", false), ("20", false), ("-12,50", true)] {
            input.balance = text.into();
            assert_eq!(input.asks_debt_since(), asks, "U3: {text:?}");
        }
    }

    #[test]
    fn p4_u3_removing_an_item_keeps_the_indices_on_the_same_items() {
        let mut input = SituationInput::blank(Subsidiary::Fr, "2026-04-01");
        assert!(input.add_platform() && input.add_platform());
        input.debt_platform = Some(2);
        input.remove_platform(0);
        assert_eq!(input.debt_platform, Some(1));
        input.remove_platform(1);
        assert_eq!(input.debt_platform, None);
        input.remove_platform(0);
        assert_eq!(input.platforms.len(), 1, "U1: one platform at least");

        for kind in [PaymentKind::Card, PaymentKind::Paypal, PaymentKind::Card] {
            assert!(input.add_method(kind));
        }
        input.default_method = Some(1);
        input.remove_method(2);
        assert_eq!(input.default_method, Some(1));
        input.remove_method(0);
        assert_eq!(input.default_method, Some(0));
        assert_eq!(input.methods[0].kind, "paypal");
        input.remove_method(0);
        assert_eq!(input.default_method, None);
    }

    #[test]
    fn b2_b3_the_lists_stop_at_their_caps() {
        let mut input = SituationInput::blank(Subsidiary::Fr, "2026-04-01");
        while input.add_platform() {}
        assert_eq!(input.platforms.len(), MAX_PLATFORMS);
        while input.add_method(PaymentKind::Paypal) {}
        assert_eq!(input.methods.len(), MAX_METHODS);
    }
}
