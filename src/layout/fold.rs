//! Folding: identical hosts (same components, links and findings) drawn as one stack box.
//!
//! A pool of [`FOLD_AT`] or more hosts that differ only in their names is drawn once, as its
//! first host by id, titled with the range and the count ("web-01 ... web-99 · ×99"). Two hosts
//! are identical when their components match one for one (kind, software, managed, count,
//! findings), every link and reference touching them goes to the same components outside the
//! host (or to the same member inside it) with the same protocol, port, purpose and label,
//! and the hosts themselves match (public or not, an address or not, findings). Only the
//! picture folds: the write-up and lint still name each host.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::diagnostic::Severity;
use crate::model::{ComponentId, Design, HostId, Target};

/// The smallest pool of identical hosts drawn as one stack box.
pub const FOLD_AT: usize = 4;

type Badges = Vec<Vec<(&'static str, Severity)>>;

/// The design as drawn: pools folded into their first host.
pub(super) struct Folded {
    pub design: Design,
    /// Per host of `design`: how many hosts it stands for and the stack's title (1 and none
    /// for a host drawn alone).
    pub stacks: Vec<(usize, Option<String>)>,
    pub component_badges: Badges,
    pub host_badges: Badges,
}

/// Folds the pools of `design`; `None` when no pool reaches [`FOLD_AT`] hosts.
pub(super) fn fold(
    design: &Design,
    component_badges: &Badges,
    host_badges: &Badges,
) -> Option<Folded> {
    if design.hosts.len() < FOLD_AT {
        return None;
    }
    let signatures = signatures(design, component_badges, host_badges);
    let mut pools: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (h, sig) in signatures.iter().enumerate() {
        if let Some(sig) = sig {
            pools.entry(sig.as_str()).or_default().push(h);
        }
    }
    // Hosts are sorted by id, so each pool's first host is its lowest id.
    let mut drop_host = vec![false; design.hosts.len()];
    let mut stack_of: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for pool in pools.into_values().filter(|p| p.len() >= FOLD_AT) {
        for &h in &pool[1..] {
            drop_host[h] = true;
        }
        stack_of.insert(pool[0], pool);
    }
    if stack_of.is_empty() {
        return None;
    }
    let mut stacks = Vec::new();
    let mut new_host_badges = Vec::new();
    for h in 0..design.hosts.len() {
        if drop_host[h] {
            continue;
        }
        new_host_badges.push(host_badges[h].clone());
        stacks.push(match stack_of.get(&h) {
            Some(pool) => (pool.len(), Some(stack_title(design, pool))),
            None => (1, None),
        });
    }
    let drop_component: Vec<bool> = design
        .components
        .iter()
        .map(|c| c.host.is_some_and(|h| drop_host[h.0 as usize]))
        .collect();
    let (folded, kept) = without(design, &drop_host, &drop_component);
    Some(Folded {
        design: folded,
        component_badges: kept.iter().map(|&c| component_badges[c].clone()).collect(),
        stacks,
        host_badges: new_host_badges,
    })
}

/// `design` without the dropped hosts and components, every reference renumbered (one to
/// something dropped is left out); with the kept components' indices in `design`.
pub(super) fn without(
    design: &Design,
    drop_host: &[bool],
    drop_component: &[bool],
) -> (Design, Vec<usize>) {
    let mut host_map = vec![None; design.hosts.len()];
    let mut hosts = Vec::new();
    for (h, host) in design.hosts.iter().enumerate() {
        if !drop_host[h] {
            host_map[h] = Some(HostId(hosts.len() as u32));
            hosts.push(host.clone());
        }
    }
    let mut component_map = vec![None; design.components.len()];
    let mut kept = Vec::new();
    for c in 0..design.components.len() {
        if !drop_component[c] {
            component_map[c] = Some(ComponentId(kept.len() as u32));
            kept.push(c);
        }
    }
    let map = |c: ComponentId| component_map[c.0 as usize];
    let components = kept
        .iter()
        .map(|&c| {
            let mut component = design.components[c].clone();
            component.host = component.host.and_then(|h| host_map[h.0 as usize]);
            let a = &mut component.attrs;
            a.peers = a.peers.iter().filter_map(|&p| map(p)).collect();
            a.replicates_from = a.replicates_from.and_then(map);
            a.installed_on = a.installed_on.iter().filter_map(|&p| map(p)).collect();
            a.sends_to = a.sends_to.and_then(map);
            a.protects = a
                .protects
                .iter()
                .filter_map(|t| match *t {
                    Target::Host(h) => host_map[h.0 as usize].map(Target::Host),
                    Target::Component(c) => map(c).map(Target::Component),
                    Target::Zone(z) => Some(Target::Zone(z)),
                })
                .collect();
            component
        })
        .collect();
    let links = design
        .links
        .iter()
        .filter_map(|l| {
            let mut link = l.clone();
            link.from = map(l.from)?;
            link.to = map(l.to)?;
            Some(link)
        })
        .collect();
    let mut vips = design.vips.clone();
    for vip in &mut vips {
        vip.held_by = vip.held_by.iter().filter_map(|&c| map(c)).collect();
    }
    let mut out = design.clone();
    out.hosts = hosts;
    out.components = components;
    out.links = links;
    out.vips = vips;
    out.index();
    (out, kept)
}

/// "web-01 ... web-99 · ×99": the first and last host by id, and how many.
fn stack_title(design: &Design, pool: &[usize]) -> String {
    let first = &design.hosts[pool[0]].id;
    let last = &design.hosts[pool[pool.len() - 1]].id;
    format!(
        "{} ... {} · ×{}",
        super::text::clip(first, 24),
        super::text::clip(last, 24),
        pool.len()
    )
}

/// Per host, what it looks like in the picture with its name left out; `None` for a host
/// that never folds (it carries nothing).
fn signatures(
    design: &Design,
    component_badges: &Badges,
    host_badges: &Badges,
) -> Vec<Option<String>> {
    let n = design.components.len();
    // A component as seen from host `h`: a member by position, or any other by index.
    let local: Vec<usize> = {
        let mut at = vec![0; n];
        for h in design.host_ids() {
            for (j, c) in design.components_on(h).iter().enumerate() {
                at[c.0 as usize] = j;
            }
        }
        at
    };
    let end = |h: HostId, c: ComponentId| -> String {
        if design.component(c).host == Some(h) {
            format!("m{}", local[c.0 as usize])
        } else {
            format!("c{}", c.0)
        }
    };
    // What touches each host: links, and references from other components and virtual IPs.
    let mut touches: Vec<Vec<String>> = vec![Vec::new(); design.hosts.len()];
    let host_of = |c: ComponentId| design.component(c).host;
    for link in &design.links {
        let (a, b) = (host_of(link.from), host_of(link.to));
        for h in [a, b].into_iter().flatten() {
            let touch = format!(
                "L{} {} {:?} {:?} {} {:?} {:?} {:?} {:?}",
                end(h, link.from),
                end(h, link.to),
                link.protocol,
                link.port,
                link.encrypted,
                link.purpose,
                link.paths,
                link.via,
                link.label
            );
            touches[h.0 as usize].push(touch);
            if a == b {
                break;
            }
        }
    }
    for c in design.component_ids() {
        let attrs = &design.component(c).attrs;
        let mut refs: Vec<(&str, ComponentId)> = Vec::new();
        refs.extend(attrs.peers.iter().map(|&p| ("peer", p)));
        refs.extend(attrs.replicates_from.map(|p| ("replicates", p)));
        refs.extend(attrs.installed_on.iter().map(|&p| ("installed", p)));
        refs.extend(attrs.sends_to.map(|p| ("sends", p)));
        for t in &attrs.protects {
            match *t {
                Target::Component(p) => refs.push(("protects", p)),
                // Every host of the zone is covered alike, and pools fold within one zone.
                Target::Zone(_) => {}
                Target::Host(h) => {
                    let from = end(h, c);
                    touches[h.0 as usize].push(format!("P {from} host"));
                    if let Some(own) = host_of(c) {
                        touches[own.0 as usize].push(format!("P {} h{}", end(own, c), h.0));
                    }
                }
            }
        }
        for (what, to) in refs {
            for h in [host_of(c), host_of(to)].into_iter().flatten() {
                touches[h.0 as usize].push(format!("R{what} {} {}", end(h, c), end(h, to)));
            }
        }
    }
    for (v, vip) in design.vips.iter().enumerate() {
        for &c in &vip.held_by {
            if let Some(h) = host_of(c) {
                touches[h.0 as usize].push(format!("V{v} {}", end(h, c)));
            }
        }
    }
    design
        .host_ids()
        .map(|h| {
            let members = design.components_on(h);
            let host = design.host(h);
            // A host a DNS record names is an entry point users reach by its address: drawn
            // on its own, with the record on the link to it.
            let named = host.ip.is_some_and(|ip| {
                let ip = ip.to_string();
                design.dns.iter().any(|d| d.value == ip)
            });
            if members.is_empty() || named {
                return None;
            }
            // Hosts fold only within one zone: a pool spread over zones is drawn per zone.
            let mut sig = format!(
                "{} {} {:?} {:?}|",
                host.public,
                host.ip.is_some(),
                host.zone,
                host_badges[h.0 as usize]
            );
            for &c in members {
                let component = design.component(c);
                let _ = write!(
                    sig,
                    "{:?} {:?} {} {} {:?};",
                    component.kind,
                    component.software,
                    component.managed,
                    component.count,
                    component_badges[c.0 as usize]
                );
            }
            let touches = &mut touches[h.0 as usize];
            touches.sort();
            for t in touches.iter() {
                sig.push_str(t);
                sig.push(';');
            }
            Some(sig)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    /// `count` servers behind one load balancer, each with a web server; `odd` gives the last
    /// one other software.
    fn pool(count: usize, odd: bool) -> Design {
        let mut s = String::from(
            "[design]\nname = \"p\"\n[hosts.lb-host]\n[components.lb]\nkind = \"load-balancer\"\nhost = \"lb-host\"\n",
        );
        for i in 0..count {
            let software = if odd && i + 1 == count {
                "caddy"
            } else {
                "nginx"
            };
            s.push_str(&format!(
                "[hosts.srv-{i:02}]\n[components.web-{i:02}]\nkind = \"web-server\"\nhost = \"srv-{i:02}\"\nsoftware = \"{software}\"\n[[links]]\nfrom = \"lb\"\nto = \"web-{i:02}\"\nprotocol = \"http\"\n"
            ));
        }
        s.push_str("[[links]]\nfrom = \"user\"\nto = \"lb\"\nprotocol = \"http\"\n");
        let compiled = crate::compile(SourceFile::new("t.toml", &s));
        compiled
            .design
            .unwrap_or_else(|| panic!("{:?}", compiled.diagnostics))
    }

    fn folded(design: &Design) -> Option<Folded> {
        let empty = |n| vec![Vec::new(); n];
        fold(
            design,
            &empty(design.components.len()),
            &empty(design.hosts.len()),
        )
    }

    #[test]
    fn a_pool_folds_from_the_threshold_on() {
        assert!(folded(&pool(FOLD_AT - 1, false)).is_none());
        let f = folded(&pool(6, false)).expect("folds");
        // The load balancer's host and one stack for six servers.
        assert_eq!(f.design.hosts.len(), 2);
        assert_eq!(f.stacks[1], (6, Some("srv-00 ... srv-05 · ×6".to_string())));
        assert_eq!(f.design.links.len(), 2);
        assert_eq!(f.design.components.len(), 3);
        assert_eq!(f.design.links_from(ComponentId(1)).count(), 1);
    }

    #[test]
    fn a_host_that_differs_stays_out_of_the_stack() {
        let f = folded(&pool(5, true)).expect("folds");
        // lb, the stack of four, and the odd one out.
        assert_eq!(f.design.hosts.len(), 3);
        let stacks: Vec<usize> = f.stacks.iter().map(|s| s.0).collect();
        assert_eq!(stacks, [1, 4, 1]);
        // A finding on one server sets it apart too.
        let design = pool(5, false);
        let mut components = vec![Vec::new(); design.components.len()];
        components[2].push(("X001", Severity::Warning));
        let f = fold(&design, &components, &vec![Vec::new(); design.hosts.len()]).expect("folds");
        assert_eq!(f.stacks.iter().map(|s| s.0).collect::<Vec<_>>(), [1, 1, 4]);
    }
}
