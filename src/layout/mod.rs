//! Stage 5: model + findings -> a positioned diagram: host boxes holding component boxes,
//! routed links with labels, badges, title and legend. Pure and deterministic: the same design
//! gives the same numbers.
//!
//! A layered layout that knows the domain: layers follow the request (rank.rs), hosts stay
//! whole (place.rs), links are routed around blocks with reserved label space (route.rs).
//! docs/decisions/0003-own-layered-layout.md says why this and not layout-rs.

mod along;
mod blocks;
mod boxes;
mod build;
mod channels;
mod corridor;
pub mod crossings;
pub mod fold;
mod frame;
pub mod geometry;
mod hubs;
mod locks;
mod long;
mod lookup;
mod meets;
mod place;
mod ports;
mod rank;
mod route;
pub mod text;
mod through;
mod transpose;
mod untangle;
mod wires;
mod zones;

pub use build::{MAX_ASPECT, Options, layout, layout_with};
pub use geometry::Rect;
pub use hubs::HUB_MIN;

use crate::diagnostic::Severity;
use crate::model::Kind;
use crate::spec::ZoneKind;

/// Everything the renderer draws, in picture coordinates.
#[derive(Debug, Clone)]
pub struct Diagram {
    pub width: f32,
    pub height: f32,
    pub title: Text,
    pub subtitle: Option<Text>,
    pub hosts: Vec<HostBox>,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<Edge>,
    pub legend: Vec<LegendItem>,
    /// The zones as frames around their hosts, outermost first: a frame is drawn before the
    /// frames inside it.
    pub zones: Vec<ZoneBox>,
    /// Managed components the provider spreads over zones: drawn outside every frame, with
    /// the zones named in a tooltip.
    pub spread: Vec<Spread>,
}

/// A zone drawn as a frame around the hosts in it and the zones inside it.
#[derive(Debug, Clone)]
pub struct ZoneBox {
    /// Stable SVG id: `zone-<id>`.
    pub dom_id: String,
    pub kind: ZoneKind,
    /// A network the internet can reach.
    pub public: bool,
    /// How many frames it sits in: 0 for an outermost one.
    pub depth: usize,
    pub rect: Rect,
    pub title: Text,
    pub badges: Vec<Badge>,
}

/// A managed component spread over zones: its box and the sentence that names the zones.
#[derive(Debug, Clone)]
pub struct Spread {
    /// The component box's `dom_id`.
    pub dom_id: String,
    pub text: String,
}

/// A line of text: where its box is and what it says.
#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    pub rect: Rect,
}

#[derive(Debug, Clone)]
pub struct HostBox {
    /// Stable SVG id: `host-<id>`.
    pub dom_id: String,
    pub title: Text,
    pub public: bool,
    pub rect: Rect,
    pub badges: Vec<Badge>,
    /// How many identical hosts the box stands for: 1, or more for a folded pool, drawn as a
    /// stack.
    pub stack: usize,
}

/// What a box stands for, which sets how it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeStyle {
    /// A component the design's team runs on one of its hosts (or a client).
    Component,
    /// A component the provider runs redundantly (`managed = true`): dashed, tagged "managed".
    Managed,
    /// A virtual IP: the one entry point in front of the load balancers that hold it.
    VirtualIp,
    /// The DNS the clients ask for the site's address before they connect, drawn when the
    /// design has records but no DNS component: dashed like a managed component (a provider
    /// runs it), tagged "lookup".
    Lookup,
}

#[derive(Debug, Clone)]
pub struct NodeBox {
    /// Stable SVG id: `component-<id>`, `vip-<id>` for a virtual IP, `dns-lookup` for the DNS
    /// box.
    pub dom_id: String,
    /// The kind whose icon is drawn (a virtual IP shows the load balancers' icon, the DNS box
    /// the `dns` one).
    pub kind: Kind,
    pub style: NodeStyle,
    pub rect: Rect,
    pub icon: Rect,
    pub name: Text,
    pub software: Option<Text>,
    /// A small word at the right of the name line: "managed", "virtual IP", "lookup".
    pub tag: Option<Text>,
    /// The TLS certificates installed on it, as locks on its top right corner.
    pub locks: Vec<Lock>,
    pub badges: Vec<Badge>,
}

/// A TLS certificate drawn as a lock on a box it is installed on.
#[derive(Debug, Clone)]
pub struct Lock {
    pub rect: Rect,
    /// The certificate's id, software and domains.
    pub text: String,
}

/// A finding's code on the component or host it concerns.
#[derive(Debug, Clone)]
pub struct Badge {
    pub code: &'static str,
    pub severity: Severity,
    pub rect: Rect,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeStyle {
    /// A client asking DNS for the site's address before it connects: quiet, it is not the
    /// page's traffic.
    Lookup,
    /// Unencrypted traffic.
    Plain,
    /// HTTPS, TLS, SSH or `encrypted = true`.
    Encrypted,
    /// A database copying its changes.
    Replication,
    /// From a virtual IP to a holder that takes the address over only when the active one
    /// fails (active-passive).
    Standby,
    /// Work done after the response (`purpose = "background"`): queue consumers, backups.
    Background,
    /// Operators managing machines (`purpose = "admin"`): SSH, a staff VPN.
    Admin,
    /// Not traffic: a certificate installed on, or a firewall protecting, its target.
    Association,
    /// A monitoring agent sending its metrics and logs to its service (`sends_to`): quiet,
    /// it is not part of the request.
    Reports,
    /// Reading files on the same host (`protocol = "file"` between two components of one
    /// host): it never crosses a network, so it is neither encrypted nor unencrypted.
    Local,
}

#[derive(Debug, Clone)]
pub struct Edge {
    /// Stable SVG id: `link-<from>-<to>-<n>` (`dns` stands for the DNS box).
    pub dom_id: String,
    pub style: EdgeStyle,
    pub points: Vec<(f32, f32)>,
    pub label: Option<Text>,
}

#[derive(Debug, Clone)]
pub enum LegendItem {
    Edge {
        style: EdgeStyle,
        text: Text,
        sample: Rect,
    },
    Badge {
        badge: Badge,
        text: Text,
    },
    /// A tag written on boxes instead of their links to a hub (see `HUB_MIN`): the tag as
    /// drawn, then what it means.
    Tag {
        tag: Text,
        text: Text,
    },
    /// A lock as drawn on the boxes a certificate is installed on, then which one it is.
    Lock {
        sample: Rect,
        text: Text,
    },
}
