//! Product marks: a brand's logo beside a component's kind icon when its `software` names a
//! well-known product (Nginx, HAProxy, MySQL, PostgreSQL, Redis, Kafka...). The marks are
//! vendored from simple-icons (CC0) in themes/default/marks/, with marks.toml saying which
//! words of `software` name each one; `--no-marks` draws none.

use std::sync::LazyLock;

macro_rules! marks {
    ($($slug:literal,)*) => {
        &[$(($slug, include_str!(concat!("../../themes/default/marks/", $slug, ".svg")))),*]
    };
}

const SVGS: &[(&str, &str)] = marks!(
    "apachekafka",
    "auth0",
    "caddy",
    "cloudflare",
    "consul",
    "datadog",
    "dotnet",
    "elasticsearch",
    "envoyproxy",
    "etcd",
    "grafana",
    "gunicorn",
    "haproxy",
    "keycloak",
    "letsencrypt",
    "mariadb",
    "minio",
    "mongodb",
    "mysql",
    "newrelic",
    "nginx",
    "nodedotjs",
    "okta",
    "openjdk",
    "opnsense",
    "php",
    "postgresql",
    "prometheus",
    "python",
    "rabbitmq",
    "redis",
    "sentry",
    "sqlite",
    "traefikproxy",
    "vault",
    "wireguard",
);

const TABLE: &str = include_str!("../../themes/default/marks/marks.toml");

/// One product's mark.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Mark {
    /// simple-icons' name for it: `nginx`, `postgresql`.
    pub slug: String,
    /// The product's name, as its owner writes it.
    pub title: String,
    /// The brand colour, six hex digits.
    pub hex: String,
    /// Lowercase words that name the product in `software`.
    words: Vec<String>,
    /// The SVG's path data, set from the vendored file.
    #[serde(skip)]
    pub path: String,
}

#[derive(serde::Deserialize)]
struct Table {
    marks: Vec<Mark>,
}

static MARKS: LazyLock<Vec<Mark>> = LazyLock::new(|| {
    let table: Table = toml::from_str(TABLE).unwrap_or(Table { marks: Vec::new() });
    table
        .marks
        .into_iter()
        .filter_map(|mut m| {
            let svg = SVGS.iter().find(|(slug, _)| *slug == m.slug)?.1;
            m.path = path_data(svg)?;
            Some(m)
        })
        .collect()
});

/// The d attribute of the mark's one path (simple-icons draws each mark as one path).
fn path_data(svg: &str) -> Option<String> {
    let document = roxmltree::Document::parse(svg).ok()?;
    let path = document.descendants().find(|n| n.has_tag_name("path"))?;
    path.attribute("d").map(str::to_string)
}

/// Every vendored mark, in marks.toml's order.
pub fn all() -> &'static [Mark] {
    &MARKS
}

/// The mark of the product `software` names, if it is a well-known one: the first mark one
/// of whose words stands in it as a whole word ("Amazon RDS for PostgreSQL" has PostgreSQL's).
pub fn for_software(software: &str) -> Option<&'static Mark> {
    let lower = software.to_lowercase();
    MARKS
        .iter()
        .find(|m| m.words.iter().any(|w| has_word(&lower, w)))
}

fn has_word(text: &str, word: &str) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(word).any(|(at, _)| {
        boundary(text[..at].chars().next_back()) && boundary(text[at + word.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_mark_is_vendored_and_parses() {
        assert_eq!(
            all().len(),
            SVGS.len(),
            "marks.toml and the SVG files disagree"
        );
        for m in all() {
            assert!(m.path.len() > 20, "{}", m.slug);
            assert!(
                m.hex.len() == 6 && m.hex.chars().all(|c| c.is_ascii_hexdigit()),
                "{}",
                m.slug
            );
        }
    }

    #[test]
    fn software_names_find_their_product_as_whole_words() {
        let slug = |s: &str| for_software(s).map(|m| m.slug.as_str());
        assert_eq!(slug("Nginx"), Some("nginx"));
        assert_eq!(
            slug("Amazon RDS for PostgreSQL (Multi-AZ)"),
            Some("postgresql")
        );
        assert_eq!(slug("Amazon ElastiCache for Redis"), Some("redis"));
        assert_eq!(slug("Node.js workers"), Some("nodedotjs"));
        assert_eq!(slug("Let's Encrypt"), Some("letsencrypt"));
        // Not a whole word, or no well-known product.
        assert_eq!(slug("nginxish"), None);
        assert_eq!(slug("Gunicorns"), None);
        assert_eq!(slug("iptables"), None);
        assert_eq!(slug("keepalived (VRRP)"), None);
    }
}
