//! Stage 3: failure analysis of a [`Design`]: what stops working when each host or component
//! fails, computed on the request graph.
//!
//! A component's impact comes from the dominator tree (near-linear for the whole design). A
//! host's failure takes several components at once; when one of them dominates the others it
//! is the same as that one failing, otherwise one reachability search settles it. A firewall
//! that is a unit of its own (see [`firewall_gates`]) fails like a host: everything behind it
//! becomes unreachable at once. So does a region or an availability zone (see [`zones`]): its
//! hosts, and the managed components spread only inside it, fail together; a network does not.

mod availability;
mod dominators;
mod firewalls;
mod request;
mod search;
pub mod zones;

use std::collections::BTreeSet;

use crate::model::{ComponentId, Design, HostId, Kind, ZoneId};

pub use availability::{Availability, HOST_DEFAULT, default_for, estimate, managed_default};
pub use dominators::DominatorTree;
pub use firewalls::{firewall_gates, host_based};
pub use request::{NEEDED, RequestGraph, on_request_path, writable};
pub use zones::ZoneMembers;

use search::{Cuts, Search};

/// What a failure breaks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Needed kinds that no longer have any reachable component.
    pub lost: Vec<Kind>,
    /// Whether nothing the site needs can be reached any more.
    pub site_down: bool,
    /// Whether no database that accepts writes can be reached any more: the site, if still
    /// up, is read-only.
    pub writes_lost: bool,
}

impl Impact {
    pub fn is_cut(&self) -> bool {
        !self.lost.is_empty()
    }

    /// Whether the site still serves reads but cannot write: the only writable databases
    /// are gone while some database (a replica) still answers.
    pub fn read_only(&self) -> bool {
        self.writes_lost && !self.site_down && !self.lost.contains(&Kind::Database)
    }
}

/// How a host's failure is worked out.
#[derive(Debug, Clone)]
enum HostFailure {
    /// Nothing of the host is on the request path.
    Nothing,
    /// Same as this component failing (it dominates the host's other components).
    Like(u32),
    /// Found by a search: the components that became unreachable.
    Searched(Vec<ComponentId>),
}

/// The impact of every host, component and failure-unit zone failing alone.
#[derive(Debug, Clone)]
pub struct FailureAnalysis {
    /// Needed kinds the intact design reaches.
    pub reachable_kinds: Vec<Kind>,
    /// What fails with each zone (nothing for a network).
    pub zone_members: ZoneMembers,
    hosts: Vec<(Impact, HostFailure)>,
    /// By zone; `None` for a network, which is not a failure unit.
    zones: Vec<Option<(Impact, HostFailure)>>,
    /// Firewalls that fail as units of their own, and how.
    firewalls: Vec<(ComponentId, HostFailure)>,
    components: Vec<Impact>,
    tree: DominatorTree,
    children: Vec<Vec<u32>>,
    /// How many nodes each node's dominator subtree holds, itself included.
    subtree_size: Vec<u32>,
}

impl FailureAnalysis {
    pub fn new(design: &Design) -> Self {
        let graph = RequestGraph::new(design);
        let tree = DominatorTree::new(&graph);
        let n = design.components.len();
        let reached =
            |c: usize| tree.reachable(c as u32) && NEEDED.contains(&design.components[c].kind);

        // For each needed kind, the deepest node that dominates all its reachable components:
        // that node and every dominator above it cut the kind off.
        let mut of_kind: std::collections::BTreeMap<Kind, Vec<u32>> =
            std::collections::BTreeMap::new();
        for c in (0..n).filter(|&c| reached(c)) {
            of_kind
                .entry(design.components[c].kind)
                .or_default()
                .push(c as u32);
        }
        let common: std::collections::BTreeMap<Kind, u32> = of_kind
            .into_iter()
            .filter_map(|(kind, nodes)| Some((kind, tree.common_dominator_of(nodes)?)))
            .collect();
        let mut lost_by: Vec<Vec<Kind>> = vec![Vec::new(); n + 1];
        for (&kind, &node) in &common {
            for d in tree.dominators_of(node) {
                lost_by[d as usize].push(kind);
            }
        }
        let all_needed = tree.common_dominator_of(common.values().copied());
        let site_down_by: BTreeSet<u32> = all_needed
            .map(|a| tree.dominators_of(a).into_iter().collect())
            .unwrap_or_default();
        let writer = tree.common_dominator_of(
            (0..n)
                .filter(|&c| tree.reachable(c as u32) && writable(&design.components[c]))
                .map(|c| c as u32),
        );
        let writes_lost_by: BTreeSet<u32> = writer
            .map(|w| tree.dominators_of(w).into_iter().collect())
            .unwrap_or_default();
        let cut = Cuts {
            lost_by: &lost_by,
            site_down_by: &site_down_by,
            writes_lost_by: &writes_lost_by,
            any_writer: writer.is_some(),
        };

        let mut components: Vec<Impact> = (0..n)
            .map(|c| {
                let component = &design.components[c];
                // A user's browser failing is not a failure of the design.
                let is_client = component.kind == Kind::Client;
                if component.count > 1 || is_client || !tree.reachable(c as u32) {
                    return Impact::default();
                }
                cut.of(c as u32)
            })
            .collect();

        let reachable_kinds: Vec<Kind> = common.keys().copied().collect();
        let mut search = Search {
            design,
            graph: &graph,
            tree: &tree,
            reachable_kinds: &reachable_kinds,
            seen: vec![0; n + 1],
            stack: Vec::new(),
            stamp: 0,
        };
        let gates = firewall_gates(design);
        let hosts = design
            .host_ids()
            .map(|h| {
                // A firewall on this host takes what it protects down with it.
                let mut members: Vec<ComponentId> = design.components_on(h).to_vec();
                for (fw, behind) in &gates {
                    if design.component(*fw).host == Some(h) {
                        members.extend(behind.iter().copied());
                    }
                }
                search.group(&members, &cut)
            })
            .collect();
        let zone_members = ZoneMembers::new(design);
        let zones = design
            .zone_ids()
            .map(|z| {
                if !zones::is_failure_unit(design.zone(z).kind) {
                    return None;
                }
                // A firewall failing with the zone takes what it protects down with it.
                let mut members = zone_members.components[z.0 as usize].clone();
                for (fw, behind) in &gates {
                    if members.binary_search(fw).is_ok() {
                        members.extend(behind.iter().copied());
                    }
                }
                Some(search.group(&members, &cut))
            })
            .collect();
        let mut firewalls = Vec::new();
        for (fw, behind) in &gates {
            // Whatever reaches the firewall itself falls with it too.
            let members: Vec<ComponentId> =
                std::iter::once(*fw).chain(behind.iter().copied()).collect();
            let (impact, how) = search.group(&members, &cut);
            components[fw.0 as usize] = impact;
            firewalls.push((*fw, how));
        }

        let children = children(&tree);
        let subtree_size = subtree_sizes(&tree);
        FailureAnalysis {
            reachable_kinds,
            zone_members,
            hosts,
            zones,
            firewalls,
            components,
            children,
            subtree_size,
            tree,
        }
    }

    pub fn host(&self, id: HostId) -> &Impact {
        &self.hosts[id.0 as usize].0
    }

    pub fn component(&self, id: ComponentId) -> &Impact {
        &self.components[id.0 as usize]
    }

    /// Whether users' requests reach the component in the intact design.
    pub fn on_request_path(&self, id: ComponentId) -> bool {
        self.tree.reachable(id.0)
    }

    /// What losing the whole zone breaks; `None` for a network, which is not a failure unit.
    pub fn zone(&self, id: ZoneId) -> Option<&Impact> {
        self.zones
            .get(id.0 as usize)
            .and_then(|z| z.as_ref())
            .map(|(impact, _)| impact)
    }

    /// The components that cannot be reached while the zone is down, those in it included:
    /// at most `limit` of them (by id), and how many there are in all. Empty for a network.
    pub fn unreachable_without_zone(&self, id: ZoneId, limit: usize) -> Blast {
        match self.zones.get(id.0 as usize).and_then(|z| z.as_ref()) {
            Some((_, how)) => {
                self.blast_of(how, &self.zone_members.components[id.0 as usize], limit)
            }
            None => Blast::default(),
        }
    }

    /// The components that cannot be reached while this component is down, itself included:
    /// at most `limit` of them (by id), and how many there are in all.
    pub fn unreachable_without_component(&self, id: ComponentId, limit: usize) -> Blast {
        if let Some((_, how)) = self.firewalls.iter().find(|(fw, _)| *fw == id) {
            return self.blast_of(how, &[id], limit);
        }
        if !self.tree.reachable(id.0) {
            return Blast::default();
        }
        Blast {
            ids: self.subtree(id.0, limit),
            total: self.subtree_size[id.0 as usize] as usize,
        }
    }

    /// The components that cannot be reached while this host is down, its own included: at
    /// most `limit` of them (by id), and how many there are in all.
    pub fn unreachable_without_host(&self, design: &Design, id: HostId, limit: usize) -> Blast {
        self.blast_of(
            &self.hosts[id.0 as usize].1,
            design.components_on(id),
            limit,
        )
    }

    /// What a failing group leaves unreachable, `own` (what fails with it) included.
    fn blast_of(&self, how: &HostFailure, own: &[ComponentId], limit: usize) -> Blast {
        let (mut ids, total) = match how {
            HostFailure::Nothing => (Vec::new(), own.len()),
            HostFailure::Like(node) => {
                let extra = own
                    .iter()
                    .filter(|c| !self.tree.dominates(*node, c.0))
                    .count();
                (
                    self.subtree(*node, limit),
                    self.subtree_size[*node as usize] as usize + extra,
                )
            }
            HostFailure::Searched(list) => {
                let extra = own
                    .iter()
                    .filter(|c| list.binary_search(c).is_err())
                    .count();
                (
                    list.iter().copied().take(limit).collect(),
                    list.len() + extra,
                )
            }
        };
        ids.extend(own.iter().copied());
        ids.sort_unstable();
        ids.dedup();
        ids.truncate(limit);
        Blast { ids, total }
    }

    /// Up to `limit` nodes of the dominator subtree under `top`, by id.
    fn subtree(&self, top: u32, limit: usize) -> Vec<ComponentId> {
        let mut nodes = vec![top];
        let mut i = 0;
        while i < nodes.len() && nodes.len() < limit {
            let room = limit - nodes.len();
            nodes.extend(self.children[nodes[i] as usize].iter().take(room));
            i += 1;
        }
        let mut out: Vec<ComponentId> = nodes.into_iter().map(ComponentId).collect();
        out.sort_unstable();
        out
    }
}

/// What cannot be reached after a failure: a sample of ids and the full count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Blast {
    pub ids: Vec<ComponentId>,
    pub total: usize,
}

impl Blast {
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many ids were left out of the sample.
    pub fn more(&self) -> usize {
        self.total.saturating_sub(self.ids.len())
    }

    /// "a, b, c and 40 more", each id shown by `show`.
    pub fn describe(&self, design: &Design, show: impl Fn(&str) -> String) -> String {
        let mut text = self
            .ids
            .iter()
            .map(|&c| show(&design.component(c).id))
            .collect::<Vec<_>>()
            .join(", ");
        if self.more() > 0 {
            text.push_str(&format!(" and {} more", self.more()));
        }
        text
    }
}

/// Sizes of every dominator subtree, children before parents (deepest first).
fn subtree_sizes(tree: &DominatorTree) -> Vec<u32> {
    let n = tree.idom.len();
    let mut size = vec![1u32; n];
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&v| tree.reachable(v) && v != tree.root)
        .collect();
    order.sort_by_key(|&v| std::cmp::Reverse(tree.depth[v as usize]));
    for v in order {
        let parent = tree.idom[v as usize] as usize;
        size[parent] += size[v as usize];
    }
    size
}

fn children(tree: &DominatorTree) -> Vec<Vec<u32>> {
    let mut children = vec![Vec::new(); tree.idom.len()];
    for (node, &parent) in tree.idom.iter().enumerate() {
        if parent != dominators::UNREACHABLE && node as u32 != tree.root {
            children[parent as usize].push(node as u32);
        }
    }
    children
}
