//! Themes: a palette (theme.toml), an icon per component kind and the write-up template. The built-in themes are
//! compiled in; a theme folder replaces any single file of the default theme.

use std::path::Path;

use serde::Deserialize;

use crate::spec::{Kind, Vocabulary};

use super::RenderError;

/// Colours of every drawn element.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Palette {
    pub background: String,
    pub text: String,
    pub muted: String,
    pub host_fill: String,
    pub host_stroke: String,
    pub host_public_stroke: String,
    pub node_fill: String,
    pub node_stroke: String,
    pub icon: String,
    pub edge_plain: String,
    pub edge_encrypted: String,
    pub edge_replication: String,
    pub edge_association: String,
    /// Operators' access; optional so that theme files written before it still load (the
    /// muted colour then).
    #[serde(default)]
    pub edge_admin: Option<String>,
    /// Background work; optional like `edge_admin`.
    #[serde(default)]
    pub edge_background: Option<String>,
    /// A client asking DNS for the site's address; optional like `edge_admin` (the icon
    /// colour then, as the DNS box's icon).
    #[serde(default)]
    pub edge_lookup: Option<String>,
    /// The outline of a region's and an availability zone's frame; optional like
    /// `edge_admin` (the node outline then).
    #[serde(default)]
    pub zone_stroke: Option<String>,
    /// The tint of a network's frame (the host fill when not given).
    #[serde(default)]
    pub network_fill: Option<String>,
    /// The tint of a public network's frame (the network tint when not given).
    #[serde(default)]
    pub public_network_fill: Option<String>,
    pub label_fill: String,
    pub error: String,
    pub warning: String,
    pub info: String,
    pub badge_text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[allow(dead_code)]
    name: Option<String>,
    palette: Palette,
}

/// A palette, an optional dark palette the SVG switches to by itself, and the icons.
#[derive(Debug, Clone)]
pub struct Theme {
    pub palette: Palette,
    /// Set by `--theme auto`: the SVG follows the reader's prefers-color-scheme.
    pub dark: Option<Palette>,
    /// The inside of each kind's icon SVG, by `Kind::ALL` order.
    pub icons: Vec<String>,
    /// The minijinja template of the write-up.
    pub writeup: String,
    /// Whether a product's mark is drawn beside the kind icon of a component whose software
    /// names it (see [`super::marks`]); `--no-marks` turns it off.
    pub marks: bool,
}

const DEFAULT_THEME: &str = include_str!("../../themes/default/theme.toml");
const DARK_THEME: &str = include_str!("../../themes/dark/theme.toml");
const WRITEUP: &str = include_str!("../../themes/default/writeup.md.j2");

macro_rules! icons {
    ($($kind:literal),*) => {
        &[$(($kind, include_str!(concat!("../../themes/default/icons/", $kind, ".svg")))),*]
    };
}

const ICONS: &[(&str, &str)] = icons!(
    "client",
    "dns",
    "cdn",
    "firewall",
    "load-balancer",
    "web-server",
    "app-server",
    "app-files",
    "cache",
    "queue",
    "database",
    "storage",
    "tls-certificate",
    "monitoring-agent",
    "monitoring-service",
    "external-service",
    "vpn-gateway",
    "bastion",
    "identity-provider",
    "backup"
);

impl Theme {
    /// `default`, `dark`, `auto`, or a folder holding theme.toml and/or icons/<kind>.svg.
    pub fn load(name: &str) -> Result<Theme, RenderError> {
        let builtin = |text: &str, origin: &str| parse_palette(text, origin);
        let icons = builtin_icons();
        match name {
            "default" | "light" => Ok(Theme {
                palette: builtin(DEFAULT_THEME, "default")?,
                dark: None,
                icons,
                writeup: WRITEUP.to_string(),
                marks: true,
            }),
            "dark" => Ok(Theme {
                palette: builtin(DARK_THEME, "dark")?,
                dark: None,
                icons,
                writeup: WRITEUP.to_string(),
                marks: true,
            }),
            "auto" => Ok(Theme {
                palette: builtin(DEFAULT_THEME, "default")?,
                dark: Some(builtin(DARK_THEME, "dark")?),
                icons,
                writeup: WRITEUP.to_string(),
                marks: true,
            }),
            folder => Theme::from_folder(Path::new(folder)),
        }
    }

    fn from_folder(folder: &Path) -> Result<Theme, RenderError> {
        if !folder.is_dir() {
            return Err(RenderError::Theme(format!(
                "`{}` is neither a built-in theme (default, dark, auto) nor a folder",
                folder.display()
            )));
        }
        let read = |path: &Path| {
            std::fs::read_to_string(path)
                .map_err(|e| RenderError::Theme(format!("cannot read `{}`: {e}", path.display())))
        };
        let palette_file = folder.join("theme.toml");
        let palette = if palette_file.exists() {
            parse_palette(&read(&palette_file)?, &palette_file.display().to_string())?
        } else {
            parse_palette(DEFAULT_THEME, "default")?
        };
        let mut icons = builtin_icons();
        for (kind, icon) in Kind::ALL.iter().zip(icons.iter_mut()) {
            let file = folder.join("icons").join(format!("{}.svg", kind.as_str()));
            if file.exists() {
                *icon = inner_svg(&read(&file)?).ok_or_else(|| {
                    RenderError::Theme(format!("`{}` is not an <svg> document", file.display()))
                })?;
            }
        }
        let template = folder.join("writeup.md.j2");
        let writeup = if template.exists() {
            read(&template)?
        } else {
            WRITEUP.to_string()
        };
        Ok(Theme {
            palette,
            dark: None,
            icons,
            writeup,
            marks: true,
        })
    }

    pub fn icon(&self, kind: Kind) -> &str {
        let i = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        &self.icons[i]
    }
}

impl Palette {
    pub fn admin(&self) -> &str {
        self.edge_admin.as_deref().unwrap_or(&self.muted)
    }

    pub fn background_work(&self) -> &str {
        self.edge_background.as_deref().unwrap_or(&self.muted)
    }

    pub fn lookup(&self) -> &str {
        self.edge_lookup.as_deref().unwrap_or(&self.icon)
    }

    pub fn zone(&self) -> &str {
        self.zone_stroke.as_deref().unwrap_or(&self.node_stroke)
    }

    pub fn network(&self) -> &str {
        self.network_fill.as_deref().unwrap_or(&self.host_fill)
    }

    pub fn public_network(&self) -> &str {
        self.public_network_fill
            .as_deref()
            .unwrap_or_else(|| self.network())
    }
}

fn parse_palette(text: &str, origin: &str) -> Result<Palette, RenderError> {
    let file: ThemeFile =
        toml::from_str(text).map_err(|e| RenderError::Theme(format!("{origin} theme: {e}")))?;
    let p = &file.palette;
    let colours = [
        &p.background,
        &p.text,
        &p.muted,
        &p.host_fill,
        &p.host_stroke,
        &p.host_public_stroke,
        &p.node_fill,
        &p.node_stroke,
        &p.icon,
        &p.edge_plain,
        &p.edge_encrypted,
        &p.edge_replication,
        &p.edge_association,
        &p.label_fill,
        &p.error,
        &p.warning,
        &p.info,
        &p.badge_text,
    ];
    // Colours go into SVG attributes and CSS: only #rgb / #rrggbb is accepted.
    for c in colours
        .into_iter()
        .chain(p.edge_admin.as_ref())
        .chain(p.edge_background.as_ref())
        .chain(p.edge_lookup.as_ref())
        .chain(p.zone_stroke.as_ref())
        .chain(p.network_fill.as_ref())
        .chain(p.public_network_fill.as_ref())
    {
        let hex = c.strip_prefix('#').unwrap_or("");
        if !(hex.len() == 3 || hex.len() == 6) || !hex.chars().all(|ch| ch.is_ascii_hexdigit()) {
            return Err(RenderError::Theme(format!(
                "{origin} theme: `{c}` is not a #rrggbb colour"
            )));
        }
    }
    Ok(file.palette)
}

fn builtin_icons() -> Vec<String> {
    Kind::ALL
        .iter()
        .map(|k| {
            ICONS
                .iter()
                .find(|(name, _)| *name == k.as_str())
                .and_then(|(_, svg)| inner_svg(svg))
                .unwrap_or_default()
        })
        .collect()
}

/// The content of an `<svg>` document in a `<g>` that keeps the root's presentation
/// attributes (fill, stroke...), so it can go inside a `<symbol>`. `None` unless the text is a
/// well-formed XML document whose root is `<svg>`: an icon can never break the diagram's SVG.
fn inner_svg(svg: &str) -> Option<String> {
    let document = roxmltree::Document::parse(svg).ok()?;
    let root = document.root_element();
    if root.tag_name().name() != "svg" {
        return None;
    }
    let kept: Vec<String> = root
        .attributes()
        .filter(|a| a.namespace().is_none())
        .filter(|a| !matches!(a.name(), "viewBox" | "width" | "height" | "x" | "y"))
        .map(|a| format!("{}=\"{}\"", a.name(), escape_attribute(a.value())))
        .collect();
    let inner = match (root.first_child(), root.last_child()) {
        (Some(first), Some(last)) => svg[first.range().start..last.range().end].trim(),
        _ => "",
    };
    Some(format!("<g {}>{inner}</g>", kept.join(" ")))
}

fn escape_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_icon_is_refused_not_a_panic() {
        for bad in [
            "<svg x=></svg>",
            "<svg x=\"1></svg>",
            "<svg><g></svg>",
            "<html/>",
            "",
        ] {
            assert_eq!(inner_svg(bad), None, "{bad:?}");
        }
        let icon = inner_svg(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\" fill=\"a&amp;b\"><circle r=\"2\"/></svg>",
        );
        assert_eq!(
            icon.as_deref(),
            Some("<g fill=\"a&amp;b\"><circle r=\"2\"/></g>")
        );
    }

    #[test]
    fn builtin_themes_load_with_an_icon_for_every_kind() {
        for name in ["default", "dark", "auto"] {
            let theme = Theme::load(name).unwrap();
            for kind in Kind::ALL {
                assert!(theme.icon(*kind).contains("<"), "{kind} has no icon");
            }
        }
        assert!(Theme::load("auto").unwrap().dark.is_some());
        assert!(Theme::load("no-such-theme").is_err());
    }

    #[test]
    fn colours_must_be_hex() {
        let bad = DEFAULT_THEME.replace("#ffffff", "red\" onload=\"x");
        assert!(parse_palette(&bad, "t").is_err());
        let bad = DEFAULT_THEME.replace("edge-admin = \"#", "edge-admin = \"x");
        assert!(parse_palette(&bad, "t").is_err());
    }

    #[test]
    fn a_palette_without_the_newer_edge_colours_still_loads() {
        let old: String = DEFAULT_THEME
            .lines()
            .filter(|l| {
                ![
                    "edge-admin",
                    "edge-background",
                    "edge-lookup",
                    "zone-",
                    "network-",
                    "public-network-",
                ]
                .iter()
                .any(|key| l.starts_with(key))
            })
            .map(|l| format!("{l}\n"))
            .collect();
        let p = parse_palette(&old, "old").unwrap();
        assert_eq!(p.admin(), p.muted);
        assert_eq!(p.background_work(), p.muted);
        assert_eq!(p.lookup(), p.icon);
        assert_eq!(
            (p.zone(), p.network(), p.public_network()),
            (&*p.node_stroke, &*p.host_fill, &*p.host_fill)
        );
        let new = parse_palette(DEFAULT_THEME, "default").unwrap();
        assert_ne!(new.admin(), new.muted);
        assert!(new.edge_lookup.is_some());
    }
}
