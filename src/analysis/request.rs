//! The request graph: who can pass a user's request to whom, from a virtual root in front of
//! every client. Only `serve` links are on it: monitoring, certificates, replication, admin
//! access (SSH, a bastion) and background work (queue consumers, backups) are not.

use crate::model::{Design, Kind};
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
        add_cluster_edges(design, &mut successors);
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

/// Clustered load balancers share an address: each can take the others' traffic. A cluster is
/// every load balancer joined by `peers`, directly or through others; each member gets every
/// member's callers and every member's next hops. The work is linear in the edges this adds
/// (copying edges peer by peer grew the lists exponentially with repeated or mutual peers).
fn add_cluster_edges(design: &Design, successors: &mut [Vec<u32>]) {
    let n = design.components.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut clustered = false;
    for lb in design.components_of_kind(Kind::LoadBalancer) {
        for &peer in &design.component(lb).attrs.peers {
            let (a, b) = (find(&mut parent, lb.0), find(&mut parent, peer.0));
            if a != b {
                parent[a.max(b) as usize] = a.min(b);
                clustered = true;
            }
        }
    }
    if !clustered {
        return;
    }
    // Each node's cluster root, or None when it stands alone; then the members, callers and
    // next hops of each cluster, keyed by its root.
    let mut size = vec![0u32; n];
    let roots: Vec<u32> = (0..n as u32).map(|node| find(&mut parent, node)).collect();
    for &root in &roots {
        size[root as usize] += 1;
    }
    let cluster = |node: u32| -> Option<u32> {
        let root = *roots.get(node as usize)?;
        (size[root as usize] > 1).then_some(root)
    };
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut callers: Vec<Vec<u32>> = vec![Vec::new(); n];
    let mut next: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (from, list) in successors.iter().enumerate() {
        if let Some(root) = cluster(from as u32) {
            members[root as usize].push(from as u32);
            next[root as usize].extend_from_slice(list);
        }
        for &to in list {
            if let Some(root) = cluster(to) {
                callers[root as usize].push(from as u32);
            }
        }
    }
    for root in 0..n {
        if members[root].is_empty() {
            continue;
        }
        let mut from = std::mem::take(&mut callers[root]);
        let mut to = std::mem::take(&mut next[root]);
        from.sort_unstable();
        from.dedup();
        to.sort_unstable();
        to.dedup();
        for &member in &members[root] {
            for &caller in &from {
                if caller != member {
                    successors[caller as usize].push(member);
                }
            }
            for &hop in &to {
                if hop != member {
                    successors[member as usize].push(hop);
                }
            }
        }
    }
}

/// The root of `node`'s cluster, halving paths on the way.
fn find(parent: &mut [u32], mut node: u32) -> u32 {
    while parent[node as usize] != node {
        let up = parent[parent[node as usize] as usize];
        parent[node as usize] = up;
        node = up;
    }
    node
}
