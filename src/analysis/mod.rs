//! Stage 3: failure analysis of a [`Design`]: what stops working when each host or component
//! fails, computed on the request graph.
//!
//! A component's impact comes from the dominator tree (near-linear for the whole design); a
//! host's from one reachability search with all its components down, since a host's failure
//! takes several components at once.

mod dominators;
mod request;

use std::collections::BTreeSet;

use crate::model::{ComponentId, Design, HostId, Kind};

pub use dominators::DominatorTree;
pub use request::{NEEDED, RequestGraph, on_request_path};

/// What a failure breaks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Impact {
    /// Needed kinds that no longer have any reachable component.
    pub lost: Vec<Kind>,
    /// Whether nothing the site needs can be reached any more.
    pub site_down: bool,
    /// The components that can no longer be reached (the failed ones included), by id.
    pub unreachable: Vec<ComponentId>,
}

impl Impact {
    pub fn is_cut(&self) -> bool {
        !self.lost.is_empty()
    }
}

/// The impact of every host and component failing alone.
#[derive(Debug, Clone)]
pub struct FailureAnalysis {
    /// Needed kinds the intact design reaches.
    pub reachable_kinds: Vec<Kind>,
    pub hosts: Vec<Impact>,
    /// One instance failing: a component with `count > 1` loses nothing; clients are not
    /// analysed.
    pub components: Vec<Impact>,
}

impl FailureAnalysis {
    pub fn new(design: &Design) -> Self {
        let graph = RequestGraph::new(design);
        let tree = DominatorTree::new(&graph);
        let n = design.components.len();
        let is_needed = |c: usize| NEEDED.contains(&design.components[c].kind);

        let reachable_kinds: BTreeSet<Kind> = (0..n)
            .filter(|&c| tree.reachable(c as u32) && is_needed(c))
            .map(|c| design.components[c].kind)
            .collect();

        // For each needed kind, the deepest node that dominates all its reachable components:
        // that node and every dominator above it cut the kind off.
        let mut lost_by: Vec<Vec<Kind>> = vec![Vec::new(); n + 1];
        let mut all_needed: Option<u32> = None;
        for &kind in &reachable_kinds {
            let common = (0..n)
                .filter(|&c| tree.reachable(c as u32) && design.components[c].kind == kind)
                .map(|c| c as u32)
                .reduce(|a, b| tree.common_dominator(a, b));
            if let Some(common) = common {
                all_needed = Some(all_needed.map_or(common, |a| tree.common_dominator(a, common)));
                for node in tree.dominators_of(common) {
                    lost_by[node as usize].push(kind);
                }
            }
        }
        let site_down_by: BTreeSet<u32> = all_needed
            .map(|a| tree.dominators_of(a).into_iter().collect())
            .unwrap_or_default();

        let children = children(&tree);
        let components = (0..n)
            .map(|c| {
                let component = &design.components[c];
                // A user's browser failing is not a failure of the design.
                let is_client = component.kind == Kind::Client;
                if component.count > 1 || is_client || !tree.reachable(c as u32) {
                    return Impact::default();
                }
                let mut unreachable = subtree(&children, c as u32);
                unreachable.sort_unstable();
                Impact {
                    lost: lost_by[c].clone(),
                    site_down: site_down_by.contains(&(c as u32)),
                    unreachable: unreachable.into_iter().map(ComponentId).collect(),
                }
            })
            .collect();

        let mut seen = vec![0u32; n + 1];
        let mut stack = Vec::new();
        let hosts = design
            .host_ids()
            .map(|h| {
                host_impact(
                    design,
                    &graph,
                    &tree,
                    &reachable_kinds,
                    h,
                    &mut seen,
                    &mut stack,
                )
            })
            .collect();

        FailureAnalysis {
            reachable_kinds: reachable_kinds.into_iter().collect(),
            hosts,
            components,
        }
    }

    pub fn host(&self, id: HostId) -> &Impact {
        &self.hosts[id.0 as usize]
    }

    pub fn component(&self, id: ComponentId) -> &Impact {
        &self.components[id.0 as usize]
    }
}

fn host_impact(
    design: &Design,
    graph: &RequestGraph,
    tree: &DominatorTree,
    reachable_kinds: &BTreeSet<Kind>,
    host: HostId,
    seen: &mut [u32],
    stack: &mut Vec<u32>,
) -> Impact {
    let failed: Vec<u32> = design.components_on(host).iter().map(|c| c.0).collect();
    if failed.is_empty() {
        return Impact::default();
    }
    let stamp = host.0 + 1;
    graph.reach(&failed, seen, stamp, stack);
    let n = design.components.len();
    let still: BTreeSet<Kind> = (0..n)
        .filter(|&c| seen[c] == stamp && NEEDED.contains(&design.components[c].kind))
        .map(|c| design.components[c].kind)
        .collect();
    let lost: Vec<Kind> = reachable_kinds.difference(&still).copied().collect();
    let site_down = !reachable_kinds.is_empty() && still.is_empty();
    // Unreachable now: the host's own components, and those reached before but not now.
    let mut unreachable: Vec<ComponentId> = (0..n)
        .filter(|&c| tree.reachable(c as u32) && seen[c] != stamp)
        .chain(failed.iter().map(|&c| c as usize))
        .map(|c| ComponentId(c as u32))
        .collect();
    unreachable.sort_unstable();
    unreachable.dedup();
    Impact {
        lost,
        site_down,
        unreachable,
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

fn subtree(children: &[Vec<u32>], top: u32) -> Vec<u32> {
    let mut out = vec![top];
    let mut i = 0;
    while i < out.len() {
        out.extend_from_slice(&children[out[i] as usize]);
        i += 1;
    }
    out
}
