//! Paths inside the app: the base it is served under, the `next` page after logging in (never
//! off-site), and the links that open an embed. Pure functions, tested natively; and
//! [`app_href`], which reads the router's base from the context.
use crate::domain::scenario::{ScenarioId, Start};
use crate::domain::{GuideSection, Subsidiary};

/// The router's base (the path of `<base href>`, or an embed's own prefix), without a
/// trailing slash.
#[derive(Clone)]
pub struct RouterBase(pub String);

/// The `href` of a link to the app's own `path` ("/inbox"): the router's base in front.
/// leptos_router 0.8's `<A>` leaves an absolute path as it is, and its click handler lets the
/// browser load any path outside the base: without the base, a link in a sub-path deployment
/// or in an embed would leave the app.
pub fn app_href(path: &str) -> String {
    let base = leptos::prelude::use_context::<RouterBase>().map(|b| b.0).unwrap_or_default();
    format!("{base}{path}")
}

/// Percent-decodes `text` once (invalid escapes are kept as they are).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).and_then(|&b| hex(b)), bytes.get(i + 2).and_then(|&b| hex(b))) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The page to go to after logging in, if `next` is a path inside the app: it starts with a
/// single `/`, and neither it nor any percent-decoded form of it holds a scheme, a second
/// leading slash, a backslash or a control character. Anything else (`//evil.example`,
/// `https://…`, `/\evil`, `/%2F%2Fevil`, `javascript:…`) is refused.
pub fn safe_next(next: &str) -> Option<String> {
    let mut text = next.to_string();
    // Decode until stable (double-encoded variants), a few rounds at most.
    for _ in 0..4 {
        if !text.starts_with('/')
            || text.starts_with("//")
            || text.contains('\\')
            || text.chars().any(|c| c.is_control())
            || text.split(['/', '?', '#']).next().is_some_and(|first| first.contains(':'))
        {
            return None;
        }
        let decoded = percent_decode(&text);
        if decoded == text {
            // A scheme can only hide before the first slash, which here is the first character;
            // a colon later in the path (`/a:b`) is an ordinary path character.
            return (text != "/login" && !text.starts_with("/login?")).then_some(text);
        }
        text = decoded;
    }
    None
}

/// The app's own path for a browser pathname: the router's base (the path part of
/// `<base href>`, without its trailing slash) removed.
pub fn app_path(pathname: &str, base: &str) -> String {
    let rest = pathname.strip_prefix(base).unwrap_or(pathname);
    if rest.starts_with('/') {
        rest.to_string()
    } else {
        format!("/{rest}")
    }
}

/// An embed's link: `/embed/guide/g4`, `/embed/scenario/<name>`, each optionally followed by
/// `@<instance>` (two embeds of one link on one page keep apart that way), then any path of the
/// control panel inside it. Returns its start, its slot name, and the length of the embed's
/// own prefix (the embed's router base). The start is on France: the caller puts it on another
/// subsidiary with [`Start::on`].
pub fn embed_link(path: &str) -> Option<(Start, String, usize)> {
    let rest = path.strip_prefix("/embed/")?;
    let mut parts = rest.splitn(3, '/');
    let kind = parts.next()?;
    let name_part = parts.next()?;
    let (name, instance) = match name_part.split_once('@') {
        Some((name, instance)) => (name, Some(instance)),
        None => (name_part, None),
    };
    let start = match kind {
        "guide" => Start::Section(GuideSection::from_slug(name)?, Subsidiary::Fr),
        "scenario" => Start::Scenario(ScenarioId::from_slug(name)?, Subsidiary::Fr),
        _ => return None,
    };
    let clean = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !instance.is_none_or(|i| !i.is_empty() && i.len() <= 40 && clean(i)) {
        return None;
    }
    let slot = match instance {
        Some(i) => format!("{kind}-{name}@{i}"),
        None => format!("{kind}-{name}"),
    };
    let prefix = "/embed/".len() + kind.len() + 1 + name_part.len();
    Some((start, slot, prefix))
}

/// A share link's embed (issue 19): `/embed/` (with the link in its `#s=…`), which becomes
/// `/embed/share` and the control panel's paths under it.
pub fn share_embed(path: &str) -> bool {
    matches!(path, "/embed" | "/embed/" | "/embed/share") || path.starts_with("/embed/share/")
}

/// `?embed=1` on a section's or scenario's link (`/guide/g4?embed=1`, `/scenario/x?embed=1`,
/// optionally `&id=left`): the embed link it stands for.
pub fn embed_query(path: &str, query: &str) -> Option<String> {
    let params: Vec<(&str, &str)> = query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|p| p.split_once('='))
        .collect();
    if !params.iter().any(|&(k, v)| k == "embed" && v == "1") {
        return None;
    }
    let (kind, name) = match path.trim_end_matches('/').strip_prefix('/')?.split_once('/')? {
        ("guide", name) => ("guide", name),
        ("scenario", name) => ("scenario", name),
        _ => return None,
    };
    let instance = params.iter().find(|(k, _)| *k == "id").map(|(_, v)| *v);
    let link = match instance {
        Some(i) => format!("/embed/{kind}/{name}@{i}"),
        None => format!("/embed/{kind}/{name}"),
    };
    embed_link(&link).map(|_| link)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn l1_next_accepts_only_paths_inside_the_app() {
        for good in ["/exchange", "/billing/ovh-account", "/billing/orders/2?x=1", "/a:b", "/guide/g4"] {
            assert_eq!(safe_next(good).as_deref(), Some(good), "{good}");
        }
        for bad in [
            "//evil.example",
            "//evil.example/path",
            "https://evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "/\\evil.example",
            "\\\\evil.example",
            "/%2Fevil.example",
            "/%2fevil.example",
            "%2F%2Fevil.example",
            "/%5Cevil.example",
            "/%252F%252Fevil.example",
            "/%25252F%25252Fevil.example",
            "/\t/evil.example",
            "",
            "exchange",
            "/login",
            "/login?next=/login",
        ] {
            assert_eq!(safe_next(bad), None, "{bad} must be refused");
        }
    }

    #[test]
    fn the_base_is_removed_once() {
        assert_eq!(app_path("/simulator/billing/ovh-account", "/simulator"), "/billing/ovh-account");
        assert_eq!(app_path("/simulator", "/simulator"), "/");
        assert_eq!(app_path("/billing", ""), "/billing");
    }

    #[test]
    fn embed_links_name_their_start_and_their_slot() {
        let (start, slot, prefix) = embed_link("/embed/guide/g4").unwrap();
        assert_eq!((start, slot.as_str(), prefix), (Start::Section(GuideSection::G4, Subsidiary::Fr), "guide-g4", 15));
        let (start, slot, prefix) = embed_link("/embed/scenario/debt-unpaid@left/billing/ovh-account").unwrap();
        assert_eq!(start, Start::Scenario(ScenarioId::DebtUnpaid, Subsidiary::Fr));
        assert_eq!(slot, "scenario-debt-unpaid@left");
        assert_eq!(&"/embed/scenario/debt-unpaid@left/billing/ovh-account"[..prefix], "/embed/scenario/debt-unpaid@left");
        assert_eq!(embed_link("/embed/guide/g9"), None);
        assert_eq!(embed_link("/embed/guide/g4@b.d"), None, "an instance is letters, digits, - and _");
        assert_eq!(embed_link("/embed/guide/g4@"), None);
        assert_eq!(embed_link("/guide/g4"), None);
        assert_eq!(embed_query("/guide/g4", "?embed=1").as_deref(), Some("/embed/guide/g4"));
        assert_eq!(embed_query("/scenario/debt-unpaid", "embed=1&id=b").as_deref(), Some("/embed/scenario/debt-unpaid@b"));
        assert_eq!(embed_query("/guide/g4", ""), None);
        assert_eq!(embed_query("/billing", "embed=1"), None);
        for path in ["/embed", "/embed/", "/embed/share", "/embed/share/billing/ovh-account"] {
            assert!(share_embed(path), "{path}");
        }
        for path in ["/embed/guide/g4", "/embed/shared", "/share", "/"] {
            assert!(!share_embed(path), "{path}");
        }
    }
}
