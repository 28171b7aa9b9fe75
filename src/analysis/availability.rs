//! The site's availability from each host's, component's and zone's own: the probability that
//! every needed kind is still reachable from the users.
//!
//! Hosts, components and zones fail independently, and a host fails with its zones
//! (correlated failure): a host in an availability zone is up only while the zone and its
//! region are (defaults in [`super::zones`]), so two servers in one zone are less redundant
//! than two in two zones. A managed component fails with the zones that hold all of those it
//! is spread over (its region, not each zone): that every zone it spans fails at once is left
//! out. A network counts only when it sets its own `availability`. A design with no zones gets
//! the figures of its hosts and components alone.
//!
//! Computed exactly by factoring (condition on one host or component being up or down, stop
//! as soon as the outcome no longer depends on the rest), which composes chains in series and
//! redundant instances in parallel and also handles hosts shared between tiers. Designs with
//! more than `EXACT_LIMIT` failure units, or that need more than `BUDGET` evaluations, get the
//! tier model instead (each needed kind is a parallel group, kinds in series), marked as such.
//!
//! Two figures come out: the site up (every needed kind reachable), and the site up and
//! accepting writes (a database that is not a replica reachable as well). Only `serve` links
//! count, and a firewall that is a unit of its own gates everything behind it.

use serde::Serialize;

use crate::model::{ComponentId, Design, Kind, ZoneId};

use super::request::{NEEDED, RequestGraph};

/// A host's availability unless the spec says otherwise (about 8.8 hours down a year).
pub const HOST_DEFAULT: f64 = 0.999;

const EXACT_LIMIT: usize = 64;
const BUDGET: usize = 200_000;

/// One instance's availability unless the spec says otherwise: the software's own failures,
/// on top of its host's.
pub fn default_for(kind: Kind) -> f64 {
    match kind {
        Kind::Client => 1.0,
        Kind::Dns | Kind::AppFiles => 0.99999,
        Kind::Firewall | Kind::TlsCertificate => 0.99995,
        Kind::Cdn | Kind::LoadBalancer | Kind::WebServer | Kind::Storage => 0.9999,
        Kind::Database | Kind::VpnGateway => 0.9995,
        Kind::AppServer
        | Kind::Bastion
        | Kind::IdentityProvider
        | Kind::Backup
        | Kind::Cache
        | Kind::Queue
        | Kind::MonitoringAgent
        | Kind::MonitoringService
        | Kind::ExternalService => 0.999,
    }
}

/// A managed component's availability unless the spec says otherwise: the provider's own
/// redundancy, close to the service levels providers publish (a Multi-AZ database 99.95%,
/// a CDN, object storage, a load balancer or a queue 99.99%).
pub fn managed_default(kind: Kind) -> f64 {
    match kind {
        Kind::Client => 1.0,
        Kind::Dns => 0.99999,
        Kind::Firewall => 0.99995,
        Kind::Database | Kind::ExternalService | Kind::MonitoringService => 0.9995,
        _ => 0.9999,
    }
}

/// A component's declared availability, else its default (managed or not).
fn own(component: &crate::model::Component) -> f64 {
    component.availability.unwrap_or_else(|| {
        if component.managed {
            managed_default(component.kind)
        } else {
            default_for(component.kind)
        }
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Availability {
    /// The probability that the site serves requests, 0..=1.
    pub value: f64,
    /// The probability that it serves requests and accepts writes: a database that is not a
    /// replica is reachable too. Equal to `value` when the site has no database.
    pub writes: f64,
    /// Whether `value` is exact for the model, or the tier-model approximation.
    pub exact: bool,
}

impl Availability {
    pub fn percent(&self) -> f64 {
        self.value * 100.0
    }

    pub fn writes_percent(&self) -> f64 {
        self.writes * 100.0
    }

    /// Expected time a year the site serves reads but cannot write, in hours.
    pub fn read_only_hours_per_year(&self) -> f64 {
        (self.value - self.writes).max(0.0) * 365.25 * 24.0
    }

    /// Expected downtime, in hours per (365.25-day) year.
    pub fn downtime_hours_per_year(&self) -> f64 {
        (1.0 - self.value) * 365.25 * 24.0
    }
}

/// A host or component whose failure is a random event.
struct Unit {
    up: f64,
}

struct Model<'a> {
    graph: &'a RequestGraph,
    /// For each node: the units that must be up for it to pass a request on (its own, its
    /// host's, the firewalls' in front of it and their hosts').
    gates: Vec<Vec<usize>>,
    kind_of: Vec<Vec<usize>>,
    needed: usize,
    units: Vec<Unit>,
    evaluations: usize,
    seen: Vec<u32>,
    stamp: u32,
    stack: Vec<u32>,
}

pub fn estimate(design: &Design) -> Availability {
    let graph = RequestGraph::new(design);
    let up = figure(design, &graph, false);
    let writes = figure(design, &graph, true);
    Availability {
        value: up.0,
        // Writing needs the site up: never report it as the likelier of the two.
        writes: writes.0.min(up.0),
        exact: up.1 && writes.1,
    }
}

/// P(every needed kind is reachable), and also a writable database when `writes`; whether
/// the figure is exact.
fn figure(design: &Design, graph: &RequestGraph, writes: bool) -> (f64, bool) {
    let n = design.components.len();
    let mut seen = vec![0u32; n + 1];
    let mut stack = Vec::new();
    graph.reach(&[], &mut seen, 1, &mut stack);
    let reachable: Vec<usize> = (0..n)
        .filter(|&c| seen[c] == 1 && design.components[c].kind != Kind::Client)
        .collect();
    // A group per needed kind; the writable databases form one more when `writes`.
    let group_of = |c: usize| -> Option<Group> {
        let component = &design.components[c];
        if writes && super::request::writable(component) {
            Some(Group::Writer)
        } else if NEEDED.contains(&component.kind) {
            Some(Group::Kind(component.kind))
        } else {
            None
        }
    };
    let mut groups: Vec<Group> = reachable.iter().filter_map(|&c| group_of(c)).collect();
    groups.sort();
    groups.dedup();
    if groups.is_empty() {
        return (1.0, true);
    }
    // A writable database also counts as a database for the site being up.
    let needs_databases = groups.contains(&Group::Kind(Kind::Database));

    let mut gates = vec![Vec::new(); n + 1];
    let mut units: Vec<Unit> = Vec::new();
    let mut host_unit = vec![None; design.hosts.len()];
    let mut zone_unit = vec![None; design.zones.len()];
    // The units a component fails with besides its own: its host and the zones the host sits
    // in, or for a managed component the zones that hold all of those it is spread over.
    let mut units_under = |c: ComponentId, units: &mut Vec<Unit>| -> Vec<usize> {
        let component = design.component(c);
        let mut under = Vec::new();
        let zones: Vec<ZoneId> = match component.host {
            Some(h) => {
                under.push(*host_unit[h.0 as usize].get_or_insert_with(|| {
                    units.push(Unit {
                        up: design.host(h).availability.unwrap_or(HOST_DEFAULT),
                    });
                    units.len() - 1
                }));
                design.host_zones(h).collect()
            }
            None => super::zones::managed_zones(design, c),
        };
        for z in zones {
            let Some(up) = super::zones::zone_availability(design, z) else {
                continue;
            };
            under.push(*zone_unit[z.0 as usize].get_or_insert_with(|| {
                units.push(Unit { up });
                units.len() - 1
            }));
        }
        under
    };
    for &c in &reachable {
        let component = &design.components[c];
        units.push(Unit {
            up: 1.0 - (1.0 - own(component)).powi(component.count as i32),
        });
        gates[c].push(units.len() - 1);
        let under = units_under(ComponentId(c as u32), &mut units);
        gates[c].extend(under);
    }
    for (fw, behind) in super::firewall_gates(design) {
        let component = design.component(fw);
        if !behind.iter().any(|b| seen[b.0 as usize] == 1) {
            continue;
        }
        units.push(Unit { up: own(component) });
        let mut fw_units = vec![units.len() - 1];
        fw_units.extend(units_under(fw, &mut units));
        for b in behind {
            if seen[b.0 as usize] == 1 {
                gates[b.0 as usize].extend(fw_units.iter().copied());
            }
        }
    }
    let kind_of: Vec<Vec<usize>> = (0..=n)
        .map(|c| {
            let Some(component) = design.components.get(c) else {
                return Vec::new();
            };
            let mut of = Vec::new();
            if let Some(g) = group_of(c) {
                of.extend(groups.iter().position(|x| *x == g));
            }
            if needs_databases && writes && super::request::writable(component) {
                of.extend(
                    groups
                        .iter()
                        .position(|x| *x == Group::Kind(Kind::Database)),
                );
            }
            of
        })
        .collect();

    let tiers = tier_model(design, &reachable, &groups, &group_of, &gates, &units);
    if units.len() > EXACT_LIMIT {
        return (tiers, false);
    }
    let mut model = Model {
        graph,
        gates,
        kind_of,
        needed: groups.len(),
        units,
        evaluations: 0,
        seen,
        stamp: 1,
        stack,
    };
    let mut state = vec![None; model.units.len()];
    match model.factor(&mut state, 0) {
        Some(value) => (value, true),
        None => (tiers, false),
    }
}

/// What the site needs one of: a needed kind, or a database that accepts writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Kind(Kind),
    Writer,
}

impl Model<'_> {
    /// P(site up | the decided units), or `None` when the budget runs out.
    fn factor(&mut self, state: &mut [Option<bool>], next: usize) -> Option<f64> {
        if !self.site_up(state, false)? {
            // Even with every undecided unit up the site is down.
            return Some(0.0);
        }
        if self.site_up(state, true)? {
            // Even with every undecided unit down the site is up.
            return Some(1.0);
        }
        let unit = (next..state.len()).find(|&u| state[u].is_none())?;
        let p = self.units[unit].up;
        state[unit] = Some(true);
        let up = self.factor(state, unit + 1)?;
        state[unit] = Some(false);
        let down = self.factor(state, unit + 1)?;
        state[unit] = None;
        Some(p * up + (1.0 - p) * down)
    }

    /// Whether every needed kind is reachable, with undecided units down (`pessimistic`) or up.
    fn site_up(&mut self, state: &[Option<bool>], pessimistic: bool) -> Option<bool> {
        self.evaluations += 1;
        if self.evaluations > BUDGET {
            return None;
        }
        let usable = |u: usize| state[u].unwrap_or(!pessimistic);
        self.stamp += 1;
        let stamp = self.stamp;
        let mut found = vec![false; self.needed];
        let mut count = 0;
        self.stack.clear();
        self.stack.push(self.graph.root);
        self.seen[self.graph.root as usize] = stamp;
        while let Some(node) = self.stack.pop() {
            for &next in &self.graph.successors[node as usize] {
                if self.seen[next as usize] == stamp
                    || !self.gates[next as usize].iter().all(|&u| usable(u))
                {
                    continue;
                }
                self.seen[next as usize] = stamp;
                for &k in &self.kind_of[next as usize] {
                    if !found[k] {
                        found[k] = true;
                        count += 1;
                    }
                }
                self.stack.push(next);
            }
        }
        Some(count == self.needed)
    }
}

/// Each group up when one of its instances and every unit gating it are up; groups in
/// series. Exact when no host or firewall is shared and the graph is layered; an estimate
/// otherwise.
fn tier_model(
    design: &Design,
    reachable: &[usize],
    groups: &[Group],
    group_of: &dyn Fn(usize) -> Option<Group>,
    gates: &[Vec<usize>],
    units: &[Unit],
) -> f64 {
    groups
        .iter()
        .map(|&group| {
            let all_down: f64 = reachable
                .iter()
                .filter(|&&c| {
                    group_of(c) == Some(group)
                        || (group == Group::Kind(Kind::Database)
                            && design.components[c].kind == Kind::Database)
                })
                .map(|&c| 1.0 - gates[c].iter().map(|&u| units[u].up).product::<f64>())
                .product();
            1.0 - all_down
        })
        .product()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::SourceFile;

    fn estimate_of(text: &str) -> Availability {
        let compiled = crate::compile(SourceFile::new("t.toml", text));
        estimate(&compiled.design.expect("valid"))
    }

    #[test]
    fn series_and_parallel_compose() {
        let chain = estimate_of(
            "[design]\nname = \"t\"\n[components.lb]\nkind = \"load-balancer\"\navailability = 0.9\n\
             [components.web]\nkind = \"web-server\"\navailability = 0.8\n\
             [[links]]\nfrom = \"user\"\nto = \"lb\"\nprotocol = \"http\"\n\
             [[links]]\nfrom = \"lb\"\nto = \"web\"\nprotocol = \"http\"\n",
        );
        assert!(chain.exact);
        assert!((chain.value - 0.72).abs() < 1e-12, "{}", chain.value);

        let pair = estimate_of(
            "[design]\nname = \"t\"\n[components.web]\nkind = \"web-server\"\navailability = 0.9\ncount = 2\n\
             [[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\n",
        );
        assert!((pair.value - 0.99).abs() < 1e-12, "{}", pair.value);
    }

    #[test]
    fn a_shared_host_is_counted_once() {
        // Two web servers on one host (0.9): the host is in series with the pair.
        let shared = estimate_of(
            "[design]\nname = \"t\"\n[hosts.h]\navailability = 0.9\n\
             [components.a]\nkind = \"web-server\"\nhost = \"h\"\navailability = 1\n\
             [components.b]\nkind = \"web-server\"\nhost = \"h\"\navailability = 1\n\
             [[links]]\nfrom = \"user\"\nto = [\"a\", \"b\"]\nprotocol = \"http\"\n",
        );
        assert!(shared.exact);
        assert!((shared.value - 0.9).abs() < 1e-12, "{}", shared.value);
    }
}
