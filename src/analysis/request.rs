//! The request graph: who can pass a user's request to whom, from a virtual root in front of
//! every client. Only `serve` links are on it: monitoring, certificates, replication, admin
//! access (SSH, a bastion) and background work (queue consumers, backups) are not.

use crate::model::{ComponentId, Design, Kind};
use crate::spec::vocabulary::Protocol;

/// The kinds a site needs to serve a request: losing every reachable component of one of
/// them breaks the site (or that part of it).
pub const NEEDED: &[Kind] = &[
    Kind::Cdn,
    Kind::Firewall,
    Kind::LoadBalancer,
    Kind::WebServer,
    Kind::AppServer,
    Kind::AppFiles,
    Kind::Queue,
    Kind::Database,
    Kind::Storage,
    Kind::IdentityProvider,
];

/// Whether a component accepts writes: a database that is not a replica.
pub fn writable(component: &crate::model::Component) -> bool {
    component.kind == Kind::Database
        && component.attrs.role != Some(crate::spec::vocabulary::Role::Replica)
}

/// Whether a component can carry a request onward.
pub fn on_request_path(kind: Kind) -> bool {
    !matches!(
        kind,
        Kind::TlsCertificate | Kind::MonitoringAgent | Kind::MonitoringService
    )
}

/// Nodes are the design's components by index, plus the root at index `components.len()`.
#[derive(Debug, Clone)]
pub struct RequestGraph {
    pub successors: Vec<Vec<u32>>,
    pub predecessors: Vec<Vec<u32>>,
    pub root: u32,
}

impl RequestGraph {
    pub fn new(design: &Design) -> Self {
        let n = design.components.len();
        let mut successors = vec![Vec::new(); n + 1];
        let root = n as u32;
        for c in design.components_of_kind(Kind::Client) {
            successors[n].push(c.0);
        }
        for link in &design.links {
            let carries = link.serves()
                && link.protocol != Protocol::Replication
                && on_request_path(design.component(link.from).kind)
                && on_request_path(design.component(link.to).kind);
            if carries {
                successors[link.from.0 as usize].push(link.to.0);
            }
        }
        // Clustered load balancers share an address: each can take the other's traffic.
        for lb in design.components_of_kind(Kind::LoadBalancer) {
            for &peer in &design.component(lb).attrs.peers {
                add_peer_edges(&mut successors, lb, peer);
                add_peer_edges(&mut successors, peer, lb);
            }
        }
        for list in &mut successors {
            list.sort_unstable();
            list.dedup();
        }
        let mut predecessors = vec![Vec::new(); n + 1];
        for (from, list) in successors.iter().enumerate() {
            for &to in list {
                predecessors[to as usize].push(from as u32);
            }
        }
        RequestGraph {
            successors,
            predecessors,
            root,
        }
    }

    /// Marks the nodes the root reaches while the `failed` nodes are down: afterwards a node
    /// was reached when `seen[node] == stamp`. `seen` and `stack` are reused between calls, so
    /// each call must use a stamp no earlier call used.
    pub fn reach(&self, failed: &[u32], seen: &mut [u32], stamp: u32, stack: &mut Vec<u32>) {
        // A failed node is marked as if seen, so the search never enters it.
        for &f in failed {
            seen[f as usize] = stamp;
        }
        stack.clear();
        stack.push(self.root);
        seen[self.root as usize] = stamp;
        while let Some(node) = stack.pop() {
            for &next in &self.successors[node as usize] {
                if seen[next as usize] != stamp {
                    seen[next as usize] = stamp;
                    stack.push(next);
                }
            }
        }
        for &f in failed {
            seen[f as usize] = 0;
        }
    }
}

fn add_peer_edges(successors: &mut [Vec<u32>], from: ComponentId, to: ComponentId) {
    let into: Vec<u32> = successors
        .iter()
        .enumerate()
        .filter(|(_, s)| s.contains(&from.0))
        .map(|(i, _)| i as u32)
        .collect();
    for p in into {
        successors[p as usize].push(to.0);
    }
    let out = successors[from.0 as usize].clone();
    successors[to.0 as usize].extend(out);
}
