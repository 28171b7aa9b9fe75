//! The site's availability from each host's and component's own: the probability that every
//! needed kind is still reachable from the users, with failures independent.
//!
//! Computed exactly by factoring (condition on one host or component being up or down, stop
//! as soon as the outcome no longer depends on the rest), which composes chains in series and
//! redundant instances in parallel and also handles hosts shared between tiers. Designs with
//! more than `EXACT_LIMIT` failure units, or that need more than `BUDGET` evaluations, get the
//! tier model instead (each needed kind is a parallel group, kinds in series), marked as such.

use serde::Serialize;

use crate::model::{Design, Kind};

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

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Availability {
    /// The probability that the site serves requests, 0..=1.
    pub value: f64,
    /// Whether `value` is exact for the model, or the tier-model approximation.
    pub exact: bool,
}

impl Availability {
    pub fn percent(&self) -> f64 {
        self.value * 100.0
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
    /// For each node: its own unit and its host's unit, if any.
    gates: Vec<(Option<usize>, Option<usize>)>,
    kind_of: Vec<Option<usize>>,
    needed: usize,
    units: Vec<Unit>,
    evaluations: usize,
    seen: Vec<u32>,
    stamp: u32,
    stack: Vec<u32>,
}

pub fn estimate(design: &Design) -> Availability {
    let graph = RequestGraph::new(design);
    let n = design.components.len();
    let mut seen = vec![0u32; n + 1];
    let mut stack = Vec::new();
    graph.reach(&[], &mut seen, 1, &mut stack);
    let reachable: Vec<usize> = (0..n)
        .filter(|&c| seen[c] == 1 && design.components[c].kind != Kind::Client)
        .collect();
    let needed_kinds: Vec<Kind> = {
        let mut kinds: Vec<Kind> = reachable
            .iter()
            .map(|&c| design.components[c].kind)
            .filter(|k| NEEDED.contains(k))
            .collect();
        kinds.sort();
        kinds.dedup();
        kinds
    };
    if needed_kinds.is_empty() {
        return Availability {
            value: 1.0,
            exact: true,
        };
    }

    let mut gates = vec![(None, None); n + 1];
    let mut units = Vec::new();
    let mut host_unit = vec![None; design.hosts.len()];
    for &c in &reachable {
        let component = &design.components[c];
        let own = component
            .availability
            .unwrap_or_else(|| default_for(component.kind));
        units.push(Unit {
            up: 1.0 - (1.0 - own).powi(component.count as i32),
        });
        let own_unit = units.len() - 1;
        let host = component.host.map(|h| {
            *host_unit[h.0 as usize].get_or_insert_with(|| {
                units.push(Unit {
                    up: design.host(h).availability.unwrap_or(HOST_DEFAULT),
                });
                units.len() - 1
            })
        });
        gates[c] = (Some(own_unit), host);
    }
    let kind_of = (0..=n)
        .map(|c| {
            design
                .components
                .get(c)
                .and_then(|comp| needed_kinds.iter().position(|k| *k == comp.kind))
        })
        .collect();

    let tiers = tier_model(design, &reachable, &needed_kinds, &host_unit, &units);
    if units.len() > EXACT_LIMIT {
        return Availability {
            value: tiers,
            exact: false,
        };
    }
    let mut model = Model {
        graph: &graph,
        gates,
        kind_of,
        needed: needed_kinds.len(),
        units,
        evaluations: 0,
        seen,
        stamp: 1,
        stack,
    };
    let mut state = vec![None; model.units.len()];
    match model.factor(&mut state, 0) {
        Some(value) => Availability { value, exact: true },
        None => Availability {
            value: tiers,
            exact: false,
        },
    }
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
        let usable = |u: Option<usize>| u.is_none_or(|u| state[u].unwrap_or(!pessimistic));
        self.stamp += 1;
        let stamp = self.stamp;
        let mut found = vec![false; self.needed];
        let mut count = 0;
        self.stack.clear();
        self.stack.push(self.graph.root);
        self.seen[self.graph.root as usize] = stamp;
        while let Some(node) = self.stack.pop() {
            for &next in &self.graph.successors[node as usize] {
                let (own, host) = self.gates[next as usize];
                if self.seen[next as usize] == stamp || !usable(own) || !usable(host) {
                    continue;
                }
                self.seen[next as usize] = stamp;
                if let Some(k) = self.kind_of[next as usize] {
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

/// Each needed kind up when one of its instances and that instance's host are up; kinds in
/// series. Exact when no host is shared and the graph is layered; an estimate otherwise.
fn tier_model(
    design: &Design,
    reachable: &[usize],
    kinds: &[Kind],
    host_unit: &[Option<usize>],
    units: &[Unit],
) -> f64 {
    kinds
        .iter()
        .map(|&kind| {
            let all_down: f64 = reachable
                .iter()
                .map(|&c| &design.components[c])
                .filter(|c| c.kind == kind)
                .map(|c| {
                    let own = 1.0
                        - (1.0 - c.availability.unwrap_or_else(|| default_for(kind)))
                            .powi(c.count as i32);
                    let host = c
                        .host
                        .and_then(|h| host_unit[h.0 as usize])
                        .map_or(1.0, |u| units[u].up);
                    1.0 - own * host
                })
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
