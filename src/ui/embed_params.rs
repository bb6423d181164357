//! An embed's query parameters (issue 19, README "Embedding"), parsed once, at start, into
//! [`EmbedParams`]: parse, don't validate. A value that is not one of a parameter's own falls
//! back to its default and is reported (the caller writes each report with `console.warn`);
//! nothing here ever makes an error page. Pure, tested natively.
use super::nav::percent_decode;
use super::prefs::Speed;
use crate::domain::Subsidiary;
use crate::i18n::Lang;

/// `theme=light|dark|auto`: `auto` (the default) follows `prefers-color-scheme`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    Auto,
}

impl Theme {
    pub fn from_code(code: &str) -> Option<Theme> {
        match code {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "auto" => Some(Theme::Auto),
            _ => None,
        }
    }

    /// The value of `<html data-theme>` (none for `auto`: the stylesheet's media query decides).
    pub fn attr(self) -> Option<&'static str> {
        match self {
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
            Theme::Auto => None,
        }
    }
}

/// What an embed's address asks for. Every field has the default an absent parameter means.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EmbedParams {
    /// `lang=fr|it|en`: beats the browser's language and the remembered one.
    pub lang: Option<Lang>,
    /// `sub=fr|it`: the subsidiary the run logs in with; `None` follows the language.
    pub sub: Option<Subsidiary>,
    /// `step=N` (from 1): a section starts at its N-th step, the earlier ones done.
    pub step: Option<usize>,
    /// `beat=N` (from 0): a scenario starts after its N-th beat.
    pub beat: Option<usize>,
    /// `autoplay=1`: *Play* starts by itself, at `speed` (else the remembered speed).
    pub autoplay: bool,
    pub speed: Option<Speed>,
    pub theme: Theme,
    /// `controls=0` hides the clock's buttons (a host page that drives the frame itself).
    pub controls: bool,
    /// `api=1` with at least one `origin=`: the host API (`ui::embed_host`); these origins only.
    pub origins: Vec<String>,
}

impl EmbedParams {
    /// Whether the host API is on (`api=1` and at least one valid `origin`).
    pub fn api(&self) -> bool {
        !self.origins.is_empty()
    }

    /// The subsidiary the embed's run logs in with: `sub`, else the language's (Italian: Italy).
    pub fn subsidiary(&self, lang: Lang) -> Subsidiary {
        self.sub.unwrap_or(if lang == Lang::It { Subsidiary::It } else { Subsidiary::Fr })
    }
}

/// An exact web origin, as `MessageEvent.origin` spells it: `http(s)://host[:port]`, lower
/// case, no path, no wildcard, no user.
pub fn exact_origin(text: &str) -> Option<String> {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))?;
    let clean = !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        && !rest.starts_with([':', '.']);
    clean.then(|| text.to_string())
}

/// Reads `query` (`location.search`, with or without its `?`). Returns the parameters and a
/// warning for each value that was not understood (its default is used instead).
pub fn parse(query: &str) -> (EmbedParams, Vec<String>) {
    let mut params = EmbedParams { controls: true, ..Default::default() };
    let mut warnings = Vec::new();
    let mut api = false;
    let mut origins = Vec::new();
    for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(&raw.replace('+', " "));
        let value = value.trim();
        let ok = match key {
            "lang" => Lang::ALL.into_iter().find(|l| l.code() == value).map(|l| params.lang = Some(l)).is_some(),
            "sub" => match value {
                "fr" => Some(Subsidiary::Fr),
                "it" => Some(Subsidiary::It),
                _ => None,
            }
            .map(|s| params.sub = Some(s))
            .is_some(),
            "step" => value.parse::<usize>().ok().filter(|&n| n >= 1).map(|n| params.step = Some(n)).is_some(),
            "beat" => value.parse::<usize>().ok().map(|n| params.beat = Some(n)).is_some(),
            "autoplay" => matches!(value, "0" | "1").then(|| params.autoplay = value == "1").is_some(),
            "speed" => Speed::from_code(value).map(|s| params.speed = Some(s)).is_some(),
            "theme" => Theme::from_code(value).map(|t| params.theme = t).is_some(),
            "controls" => matches!(value, "0" | "1").then(|| params.controls = value == "1").is_some(),
            "api" => matches!(value, "0" | "1").then(|| api = value == "1").is_some(),
            "origin" => exact_origin(value).map(|o| origins.push(o)).is_some(),
            // The embed link's own (`?embed=1&id=…`), and anything else: not ours to judge.
            _ => true,
        };
        if !ok {
            warnings.push(format!("hes embed: {key}={value} is not understood; its default is used"));
        }
    }
    if api && origins.is_empty() {
        warnings.push("hes embed: api=1 needs origin=<the host page's exact origin>; the API stays off".to_string());
    }
    if api {
        origins.dedup();
        params.origins = origins;
    }
    (params, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue19_every_parameter_is_read() {
        let (p, warnings) = parse("?lang=it&sub=fr&step=3&beat=2&autoplay=1&speed=fast&theme=dark&controls=0&api=1&origin=https%3A%2F%2Fdocs.example.org&origin=http://127.0.0.1:8080");
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(p.lang, Some(Lang::It));
        assert_eq!(p.sub, Some(Subsidiary::Fr));
        assert_eq!((p.step, p.beat, p.autoplay, p.speed), (Some(3), Some(2), true, Some(Speed::Fast)));
        assert_eq!((p.theme, p.controls), (Theme::Dark, false));
        assert_eq!(p.origins, vec!["https://docs.example.org".to_string(), "http://127.0.0.1:8080".to_string()]);
        assert!(p.api());
    }

    #[test]
    fn issue19_no_parameter_means_the_defaults() {
        let (p, warnings) = parse("");
        assert!(warnings.is_empty());
        assert_eq!(p, EmbedParams { controls: true, ..Default::default() });
        assert!(!p.api());
        assert_eq!(p.subsidiary(Lang::It), Subsidiary::It, "the subsidiary follows the language");
        assert_eq!(p.subsidiary(Lang::Fr), Subsidiary::Fr);
        assert_eq!(p.subsidiary(Lang::En), Subsidiary::Fr);
    }

    #[test]
    fn issue19_an_invalid_value_falls_back_to_its_default_with_a_warning() {
        let (p, warnings) = parse("lang=de&sub=es&step=0&beat=x&autoplay=yes&speed=warp&theme=pink&controls=no&embed=1&id=left");
        assert_eq!(p, EmbedParams { controls: true, ..Default::default() });
        assert_eq!(warnings.len(), 8, "{warnings:?}");
        assert!(warnings[0].contains("lang=de"));
    }

    #[test]
    fn issue19_the_api_needs_exact_origins_and_no_wildcard() {
        for bad in ["*", "https://*.example.org", "docs.example.org", "https://docs.example.org/", "https://docs.example.org/path", "null", "https://user@docs.example.org", "HTTPS://DOCS.EXAMPLE.ORG", "https://"] {
            assert_eq!(exact_origin(bad), None, "{bad}");
            let (p, warnings) = parse(&format!("api=1&origin={bad}"));
            assert!(!p.api(), "{bad}");
            assert_eq!(warnings.len(), 2, "{bad}: {warnings:?}");
        }
        let (p, _) = parse("origin=https://docs.example.org");
        assert!(!p.api(), "an origin without api=1 turns nothing on");
        let (p, _) = parse("api=0&origin=https://docs.example.org");
        assert!(!p.api());
    }
}
