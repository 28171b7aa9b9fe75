//! Random trees of zones for property tests: regions, availability zones in them, networks in
//! any zone (or none), hosts in any zone or none, components on them, firewalls protecting
//! zones, managed components spread over zones.

use proptest::prelude::*;

const KINDS: &[&str] = &[
    "load-balancer",
    "web-server",
    "app-server",
    "database",
    "cache",
    "firewall",
    "monitoring-agent",
];
const PROTOCOLS: &[&str] = &["http", "https", "tcp", "replication"];

/// A component: kind, host (modulo the hosts), count, and for one on no host, the zones a
/// provider spreads it over.
type Component = (usize, Option<usize>, usize, Option<Vec<usize>>);

#[derive(Debug, Clone)]
pub(crate) struct Tree {
    /// Per zone: kind (0 region, 1 availability zone, 2 network), which earlier zone to sit
    /// in (picked among those it may), public.
    zones: Vec<(usize, usize, bool)>,
    /// Per host, the zone it sits in (an index modulo the zones), if any.
    hosts: Vec<Option<usize>>,
    /// Per component: kind, host (modulo the hosts), count; one on no host may be managed and
    /// spread over zones.
    components: Vec<Component>,
    links: Vec<(usize, usize, usize)>,
    /// Firewalls (any component whose kind is one) protecting zones.
    protects: Vec<(usize, usize)>,
    entry: usize,
    pub(crate) tb: bool,
}

pub(crate) fn tree() -> impl Strategy<Value = Tree> {
    (1usize..8, 1usize..7, 1usize..16).prop_flat_map(|(nz, nh, nc)| {
        (
            prop::collection::vec((0usize..3, any::<usize>(), any::<bool>()), nz),
            prop::collection::vec(prop::option::weighted(0.8, 0..nz), nh),
            prop::collection::vec(
                (
                    0..KINDS.len(),
                    prop::option::weighted(0.8, 0..nh),
                    1usize..3,
                    prop::option::weighted(0.2, prop::collection::vec(0..nz, 1..3)),
                ),
                nc,
            ),
            prop::collection::vec((0..nc, 0..nc, 0..PROTOCOLS.len()), 0..(2 * nc + 1)),
            prop::collection::vec((0..nc, 0..nz), 0..4),
            0..nc,
            any::<bool>(),
        )
            .prop_map(
                |(zones, hosts, components, links, protects, entry, tb)| Tree {
                    zones,
                    hosts,
                    components,
                    links,
                    protects,
                    entry,
                    tb,
                },
            )
    })
}

pub(crate) fn tree_text(t: &Tree) -> String {
    let mut s = String::from("[design]\nname = \"zoned\"\n\n");
    // Each zone's kind, made valid: an availability zone sits in a region, a network in any
    // zone or none.
    let mut kinds: Vec<usize> = Vec::new();
    for (i, &(kind, pick, public)) in t.zones.iter().enumerate() {
        let parents: Vec<usize> = (0..i)
            .filter(|&j| match kind {
                1 => kinds[j] == 0,
                2 => true,
                _ => false,
            })
            .collect();
        let kind = if kind == 1 && parents.is_empty() {
            0
        } else {
            kind
        };
        kinds.push(kind);
        let name = ["region", "availability-zone", "network"][kind];
        s.push_str(&format!("[zones.z{i}]\nkind = \"{name}\"\n"));
        if kind != 0
            && let Some(&p) = parents.get(pick % parents.len().max(1))
        {
            s.push_str(&format!("parent = \"z{p}\"\n"));
        }
        if kind == 2 && public {
            s.push_str("public = true\n");
        }
    }
    let nz = t.zones.len();
    for (h, zone) in t.hosts.iter().enumerate() {
        s.push_str(&format!("[hosts.h{h}]\nip = \"10.0.0.{h}\"\n"));
        if let Some(z) = zone {
            s.push_str(&format!("zone = \"z{}\"\n", z % nz));
        }
    }
    let firewalls: Vec<usize> = (0..t.components.len())
        .filter(|&c| KINDS[t.components[c].0] == "firewall")
        .collect();
    for (i, (kind, host, count, spread)) in t.components.iter().enumerate() {
        s.push_str(&format!(
            "[components.c{i}]\nkind = \"{}\"\nsoftware = \"Soft {i}\"\n",
            KINDS[*kind]
        ));
        match (host, spread) {
            (Some(h), _) => s.push_str(&format!("host = \"h{}\"\n", h % t.hosts.len())),
            (None, Some(zones)) => {
                let mut names: Vec<String> =
                    zones.iter().map(|z| format!("\"z{}\"", z % nz)).collect();
                names.sort();
                names.dedup();
                s.push_str(&format!("managed = true\nzones = [{}]\n", names.join(", ")));
            }
            (None, None) => {}
        }
        if *count > 1 {
            s.push_str(&format!("count = {count}\n"));
        }
        if firewalls.contains(&i) {
            let mut zones: Vec<String> = t
                .protects
                .iter()
                .filter(|&&(c, _)| firewalls.get(c % firewalls.len()) == Some(&i))
                .map(|&(_, z)| format!("\"z{z}\""))
                .collect();
            zones.sort();
            zones.dedup();
            if !zones.is_empty() {
                s.push_str(&format!("protects = [{}]\n", zones.join(", ")));
            }
        }
    }
    s.push_str(&format!(
        "\n[[links]]\nfrom = \"user\"\nto = \"c{}\"\nprotocol = \"https\"\n",
        t.entry
    ));
    for &(a, b, p) in &t.links {
        if a != b {
            s.push_str(&format!(
                "\n[[links]]\nfrom = \"c{a}\"\nto = \"c{b}\"\nprotocol = \"{}\"\n",
                PROTOCOLS[p]
            ));
        }
    }
    s
}
