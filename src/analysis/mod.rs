//! Stage 3: failure analysis of a [`Design`]: what stops working when each host or component
//! fails, computed on the request graph.
//!
//! A component's impact comes from the dominator tree (near-linear for the whole design). A
//! host's failure takes several components at once; when one of them dominates the others it
//! is the same as that one failing, otherwise one reachability search settles it.

mod availability;
mod dominators;
mod request;

use std::collections::BTreeSet;

use crate::model::{ComponentId, Design, HostId, Kind};

pub use availability::{Availability, HOST_DEFAULT, default_for, estimate};
pub use dominators::DominatorTree;
pub use request::{NEEDED, RequestGraph, on_request_path};

/// What a failure breaks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Needed kinds that no longer have any reachable component.
    pub lost: Vec<Kind>,
    /// Whether nothing the site needs can be reached any more.
    pub site_down: bool,
}

impl Impact {
    pub fn is_cut(&self) -> bool {
        !self.lost.is_empty()
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

/// The impact of every host and component failing alone.
#[derive(Debug, Clone)]
pub struct FailureAnalysis {
    /// Needed kinds the intact design reaches.
    pub reachable_kinds: Vec<Kind>,
    hosts: Vec<(Impact, HostFailure)>,
    components: Vec<Impact>,
    tree: DominatorTree,
    children: Vec<Vec<u32>>,
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
        let mut common: std::collections::BTreeMap<Kind, u32> = std::collections::BTreeMap::new();
        for c in (0..n).filter(|&c| reached(c)) {
            let kind = design.components[c].kind;
            let node = c as u32;
            common
                .entry(kind)
                .and_modify(|d| *d = tree.common_dominator(*d, node))
                .or_insert(node);
        }
        let mut lost_by: Vec<Vec<Kind>> = vec![Vec::new(); n + 1];
        for (&kind, &node) in &common {
            for d in tree.dominators_of(node) {
                lost_by[d as usize].push(kind);
            }
        }
        let all_needed = common
            .values()
            .copied()
            .reduce(|a, b| tree.common_dominator(a, b));
        let site_down_by: BTreeSet<u32> = all_needed
            .map(|a| tree.dominators_of(a).into_iter().collect())
            .unwrap_or_default();

        let components: Vec<Impact> = (0..n)
            .map(|c| {
                let component = &design.components[c];
                // A user's browser failing is not a failure of the design.
                let is_client = component.kind == Kind::Client;
                if component.count > 1 || is_client || !tree.reachable(c as u32) {
                    return Impact::default();
                }
                Impact {
                    lost: lost_by[c].clone(),
                    site_down: site_down_by.contains(&(c as u32)),
                }
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
        let hosts = design
            .host_ids()
            .map(|h| search.host(h, &lost_by, &site_down_by))
            .collect();

        FailureAnalysis {
            reachable_kinds,
            hosts,
            components,
            children: children(&tree),
            tree,
        }
    }

    pub fn host(&self, id: HostId) -> &Impact {
        &self.hosts[id.0 as usize].0
    }

    pub fn component(&self, id: ComponentId) -> &Impact {
        &self.components[id.0 as usize]
    }

    /// The components that cannot be reached while this component is down, itself included.
    pub fn unreachable_without_component(&self, id: ComponentId) -> Vec<ComponentId> {
        if !self.tree.reachable(id.0) {
            return Vec::new();
        }
        self.subtree(id.0)
    }

    /// The components that cannot be reached while this host is down, its own included.
    pub fn unreachable_without_host(&self, design: &Design, id: HostId) -> Vec<ComponentId> {
        let mut out: Vec<ComponentId> = match &self.hosts[id.0 as usize].1 {
            HostFailure::Nothing => Vec::new(),
            HostFailure::Like(node) => self.subtree(*node),
            HostFailure::Searched(list) => list.clone(),
        };
        out.extend(design.components_on(id));
        out.sort_unstable();
        out.dedup();
        out
    }

    fn subtree(&self, top: u32) -> Vec<ComponentId> {
        let mut nodes = vec![top];
        let mut i = 0;
        while i < nodes.len() {
            nodes.extend_from_slice(&self.children[nodes[i] as usize]);
            i += 1;
        }
        let mut out: Vec<ComponentId> = nodes.into_iter().map(ComponentId).collect();
        out.sort_unstable();
        out
    }
}

/// Reusable state for the reachability searches hosts may need.
struct Search<'a> {
    design: &'a Design,
    graph: &'a RequestGraph,
    tree: &'a DominatorTree,
    reachable_kinds: &'a [Kind],
    seen: Vec<u32>,
    stack: Vec<u32>,
    stamp: u32,
}

impl Search<'_> {
    fn host(
        &mut self,
        host: HostId,
        lost_by: &[Vec<Kind>],
        site_down_by: &BTreeSet<u32>,
    ) -> (Impact, HostFailure) {
        // Members dominated by another member add nothing: they fall with it.
        let members: Vec<u32> = self
            .design
            .components_on(host)
            .iter()
            .map(|c| c.0)
            .filter(|&c| self.tree.reachable(c))
            .collect();
        let top: Vec<u32> = members
            .iter()
            .copied()
            .filter(|&c| !members.iter().any(|&d| d != c && self.tree.dominates(d, c)))
            .collect();
        match top.as_slice() {
            [] => (Impact::default(), HostFailure::Nothing),
            [one] => {
                let impact = Impact {
                    lost: lost_by[*one as usize].clone(),
                    site_down: site_down_by.contains(one),
                };
                (impact, HostFailure::Like(*one))
            }
            _ => self.search(&top),
        }
    }

    fn search(&mut self, failed: &[u32]) -> (Impact, HostFailure) {
        self.stamp += 1;
        let stamp = self.stamp;
        self.graph
            .reach(failed, &mut self.seen, stamp, &mut self.stack);
        let n = self.design.components.len();
        let mut still = BTreeSet::new();
        let mut unreachable = Vec::new();
        for c in 0..n {
            if !self.tree.reachable(c as u32) {
                continue;
            }
            if self.seen[c] == stamp {
                let kind = self.design.components[c].kind;
                if NEEDED.contains(&kind) {
                    still.insert(kind);
                }
            } else {
                unreachable.push(ComponentId(c as u32));
            }
        }
        let lost: Vec<Kind> = self
            .reachable_kinds
            .iter()
            .copied()
            .filter(|k| !still.contains(k))
            .collect();
        let impact = Impact {
            site_down: !self.reachable_kinds.is_empty() && still.is_empty(),
            lost,
        };
        (impact, HostFailure::Searched(unreachable))
    }
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
