//! Layers: which column (or row) each component sits in, in request order.
//!
//! Longest path from the clients over the links, so every link points forward, then each
//! link shortened where its ends allow (as Graphviz's network simplex aims at); then the
//! components beside the request path are put where they read best: a certificate or a
//! firewall just before what it guards (beside it when they share a host), an agent in its
//! host's last layer (unless it carries traffic other than its reports), monitoring services
//! after everything.

use crate::model::{Design, Kind, Target};
use crate::spec::vocabulary::{Protocol, Purpose};

use super::lookup::Lookup;

/// The layer of each component, by component index, then of each virtual IP (index
/// `components.len() + vip`): one layer before the load balancers that hold it; then of the
/// DNS box when there is a lookup to draw: in the layer of the client it stands beside, else
/// one layer after the clients that ask it, beside the entry they connect to next.
pub(super) fn ranks(design: &Design, lookup: Option<&Lookup<'_>>) -> Vec<usize> {
    let n = design.components.len();
    let total = n + design.vips.len();
    let kind = |c: usize| design.components[c].kind;
    // An agent that carries traffic other than its reports (a link to or from anything but a
    // monitoring service) is placed by that traffic, like any component.
    let mut placed_agent = vec![false; n];
    for link in &design.links {
        let (a, b) = (link.from.0 as usize, link.to.0 as usize);
        for (c, other) in [(a, b), (b, a)] {
            if c < n
                && other < n
                && c != other
                && kind(c) == Kind::MonitoringAgent
                && kind(other) != Kind::MonitoringService
            {
                placed_agent[c] = true;
            }
        }
    }
    let aside = |c: usize| {
        c < n
            && !placed_agent[c]
            && matches!(
                kind(c),
                Kind::MonitoringAgent
                    | Kind::MonitoringService
                    | Kind::TlsCertificate
                    | Kind::Firewall
            )
    };

    // Edges between components on the request path, replication and background work included
    // (the replica after its primary, the backup after what it copies). Operators' access
    // places only the bastions it reaches: the machines they manage stay where requests put
    // them. Firewalls count when they are linked explicitly. A link written to a virtual IP
    // goes through it.
    let mut successors = vec![Vec::new(); total];
    for link in &design.links {
        let (a, b) = (link.from.0 as usize, link.to.0 as usize);
        if link.purpose == Purpose::Admin && kind(b) != Kind::Bastion {
            continue;
        }
        let on_path = |c: usize| {
            !aside(c) || (kind(c) == Kind::Firewall && link.protocol != Protocol::Replication)
        };
        if a != b && on_path(a) && on_path(b) {
            match link.via {
                Some(v) => {
                    let vip = n + v.0 as usize;
                    if !successors[a].contains(&vip) {
                        successors[a].push(vip);
                    }
                    if !successors[vip].contains(&b) {
                        successors[vip].push(b);
                    }
                }
                None => successors[a].push(b),
            }
        }
    }
    let mut rank = longest_paths(&successors, |c| {
        if c >= n {
            return 1;
        }
        match kind(c).tier() {
            crate::model::Tier::Client => 0,
            crate::model::Tier::Edge => 1,
            crate::model::Tier::Web => 2,
            crate::model::Tier::App => 3,
            _ => 4,
        }
    });

    // Guards go one layer before what they guard.
    for c in 0..n {
        let component = &design.components[c];
        let guarded: Vec<usize> = match component.kind {
            Kind::TlsCertificate => component
                .attrs
                .installed_on
                .iter()
                .map(|t| t.0 as usize)
                .collect(),
            Kind::Firewall if successors[c].is_empty() => component
                .attrs
                .protects
                .iter()
                .flat_map(|t| match *t {
                    Target::Component(x) => vec![x.0 as usize],
                    t => design
                        .covered_hosts(t)
                        .into_iter()
                        .flat_map(|h| design.components_on(h).iter())
                        .map(|x| x.0 as usize)
                        .filter(|&x| !aside(x))
                        .collect(),
                })
                .collect(),
            _ => continue,
        };
        // A firewall on the host it guards stands beside what it guards, inside the host box.
        let on_guarded_host = component.host.is_some_and(|h| {
            guarded
                .iter()
                .any(|&g| design.components[g].host == Some(h))
        });
        if let Some(first) = guarded.iter().map(|&g| rank[g]).min() {
            rank[c] = if on_guarded_host {
                first
            } else {
                first.saturating_sub(1)
            };
        }
    }
    // Agents sit in their host's last layer.
    let host_last: Vec<Option<usize>> = design
        .host_ids()
        .map(|h| {
            design
                .components_on(h)
                .iter()
                .map(|c| c.0 as usize)
                .filter(|&c| kind(c) != Kind::MonitoringAgent)
                .map(|c| rank[c])
                .max()
        })
        .collect();
    let last = rank.iter().copied().max().unwrap_or(0);
    for (c, r) in rank.iter_mut().enumerate().take(n) {
        if kind(c) == Kind::MonitoringAgent && !placed_agent[c] {
            *r = design.components[c]
                .host
                .and_then(|h| host_last[h.0 as usize])
                .unwrap_or(last);
        }
    }
    // Monitoring services after everything that reports to them.
    let last = rank.iter().copied().max().unwrap_or(0);
    for (c, r) in rank.iter_mut().enumerate().take(n) {
        if kind(c) == Kind::MonitoringService {
            *r = last + 1;
        }
    }
    if let Some(lookup) = lookup {
        let layer = match lookup.beside {
            Some(client) => rank[client.0 as usize],
            None => {
                lookup
                    .clients
                    .iter()
                    .map(|(c, _)| rank[c.0 as usize])
                    .min()
                    .unwrap_or(0)
                    + 1
            }
        };
        rank.push(layer);
    }
    rank
}

/// Longest path layering; nodes nobody reaches start at `start(node)`. Cycles are broken at
/// the edges a depth-first search finds going back.
fn longest_paths(successors: &[Vec<usize>], start: impl Fn(usize) -> usize) -> Vec<usize> {
    let n = successors.len();
    let mut indegree = vec![0usize; n];
    let forward = acyclic(successors);
    for list in &forward {
        for &b in list {
            indegree[b] += 1;
        }
    }
    let mut rank: Vec<usize> = (0..n)
        .map(|c| if indegree[c] == 0 { start(c) } else { 0 })
        .collect();
    // Kahn's algorithm in index order keeps the result deterministic.
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&c| indegree[c] == 0).collect();
    while let Some(a) = ready.pop_first() {
        for &b in &forward[a] {
            rank[b] = rank[b].max(rank[a] + 1);
            indegree[b] -= 1;
            if indegree[b] == 0 {
                ready.insert(b);
            }
        }
    }
    tighten(&forward, &mut rank);
    rank
}

/// Shortens links: moves each node to the layer, among those its forward links allow, where
/// its links are shortest in total (the median of its neighbours' layers), sweeping until
/// nothing moves. A node linked only onward is pulled to just before the first of its
/// successors: a client stays in the first layer unless every link it starts goes two layers
/// or more down (its first hop is reached later by another path), and then stands just above
/// that hop, as Graphviz draws it.
fn tighten(forward: &[Vec<usize>], rank: &mut [usize]) {
    let n = forward.len();
    let mut backward = vec![Vec::new(); n];
    for (a, list) in forward.iter().enumerate() {
        for &b in list {
            backward[b].push(a);
        }
    }
    for _ in 0..8 {
        let mut moved = false;
        for v in 0..n {
            let lo = backward[v].iter().map(|&p| rank[p] + 1).max().unwrap_or(0);
            let Some(hi) = forward[v].iter().map(|&s| rank[s] - 1).min() else {
                continue;
            };
            let mut around: Vec<usize> = backward[v]
                .iter()
                .chain(&forward[v])
                .map(|&x| rank[x])
                .collect();
            around.sort_unstable();
            let best = around[(around.len() - 1) / 2].clamp(lo, hi.max(lo));
            if best != rank[v] {
                rank[v] = best;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// The edges that do not close a cycle, found by an iterative depth-first search from the
/// sources first.
fn acyclic(successors: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = successors.len();
    // 0 unvisited, 1 on the stack, 2 done.
    let mut state = vec![0u8; n];
    let mut forward = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for list in successors {
        for &b in list {
            indegree[b] += 1;
        }
    }
    // The search starts from the nodes nothing links to (the clients, first of all), so a
    // cycle is cut where it closes back toward them, as requests flow.
    let mut roots: Vec<usize> = (0..n).collect();
    roots.sort_by_key(|&v| (indegree[v] > 0, v));
    for root in roots {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&child) = successors[node].get(*next) {
                *next += 1;
                match state[child] {
                    0 => {
                        forward[node].push(child);
                        state[child] = 1;
                        stack.push((child, 0));
                    }
                    2 => forward[node].push(child),
                    _ => {} // back edge
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
    forward
}

/// Top to bottom, a layer's boxes stand side by side, so an agent beside the last
/// component of its host makes the host, and every zone around it, one box wider. There the
/// agents go one row lower, in a layer of their own under their host's last one: the
/// picture grows by a row instead, which a README column has room for. Agents alone on their
/// host stay where they are.
pub(super) fn agents_below(design: &Design, layer: &mut [usize]) {
    let n = design.components.len();
    let agent = |c: usize| c < n && design.components[c].kind == Kind::MonitoringAgent;
    let host = |c: usize| design.components.get(c).and_then(|c| c.host);
    let below: Vec<usize> = (0..n)
        .filter(|&c| agent(c))
        .filter(|&c| {
            host(c).is_some_and(|h| {
                design
                    .components_on(h)
                    .iter()
                    .any(|m| !agent(m.0 as usize) && layer[m.0 as usize] == layer[c])
            })
        })
        .collect();
    if below.is_empty() {
        return;
    }
    let mut doubled: Vec<usize> = layer.iter().map(|&l| 2 * l).collect();
    for &c in &below {
        doubled[c] += 1;
    }
    let mut used = doubled.clone();
    used.sort_unstable();
    used.dedup();
    for (l, d) in layer.iter_mut().zip(&doubled) {
        *l = used.binary_search(d).unwrap_or(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_paths_break_cycles() {
        // 0 -> 1 -> 2 -> 0, 1 -> 3
        let successors = vec![vec![1], vec![2, 3], vec![0], vec![]];
        let rank = longest_paths(&successors, |_| 0);
        assert_eq!(rank, vec![0, 1, 2, 2]);
    }

    #[test]
    fn a_cycle_is_cut_where_it_closes_back_toward_the_source() {
        // 0 <-> 1, and 2 (which nothing links to) -> 1: 1 comes right after 2, then 0.
        let successors = vec![vec![1], vec![0], vec![1]];
        let rank = longest_paths(&successors, |_| 0);
        assert_eq!(rank, vec![2, 1, 0]);
    }

    #[test]
    fn a_node_linked_only_onward_sits_just_before_its_first_successor() {
        // 0 -> 1 -> 2 -> 3, and 4 (a source that starts at layer 1) -> 3: longest paths put 4
        // at 1, two layers short of 3; shortened, it sits at 2. Node 0, linked to the next
        // layer, stays.
        let successors = vec![vec![1], vec![2], vec![3], vec![], vec![3]];
        let rank = longest_paths(&successors, |c| usize::from(c == 4));
        assert_eq!(rank, vec![0, 1, 2, 3, 2]);
        // A client (starting at 0) whose one link goes three layers down stands above it.
        let successors = vec![vec![1], vec![2], vec![3], vec![], vec![3]];
        let rank = longest_paths(&successors, |_| 0);
        assert_eq!(rank[4], 2);
        // A node between two others goes to the median of its neighbours' layers, within
        // what its links allow: 5 -> 6, 0 -> 6 -> 3 with 3 at layer 3 puts 6 at 2 at most.
        let successors = vec![
            vec![1, 6],
            vec![2],
            vec![3],
            vec![],
            vec![3],
            vec![6],
            vec![3],
        ];
        let rank = longest_paths(&successors, |c| usize::from(c == 4 || c == 5));
        assert!(rank[6] > rank[0] && rank[6] > rank[5] && rank[6] < rank[3]);
    }

    #[test]
    fn an_agent_that_carries_traffic_is_placed_by_it() {
        let design = crate::design_of(
            "[design]\nname = \"t\"\n[hosts.h]\n[components.web]\nkind = \"web-server\"\nhost = \"h\"\n[components.app]\nkind = \"app-server\"\nhost = \"h\"\n[components.agent]\nkind = \"monitoring-agent\"\nhost = \"h\"\n[components.probe]\nkind = \"monitoring-agent\"\n[[links]]\nfrom = \"user\"\nto = \"probe\"\nprotocol = \"https\"\n[[links]]\nfrom = \"probe\"\nto = \"web\"\nprotocol = \"http\"\n[[links]]\nfrom = \"web\"\nto = \"app\"\nprotocol = \"http\"\n",
        );
        let id = |name: &str| design.components.iter().position(|c| c.id == name).unwrap();
        let layer = ranks(&design, None);
        // The agent that only reports sits in its host's last layer; the one requests go
        // through stands between the user and the web server.
        assert_eq!(layer[id("agent")], layer[id("app")]);
        assert!(layer[id("user")] < layer[id("probe")]);
        assert!(layer[id("probe")] < layer[id("web")]);
    }

    #[test]
    fn agents_beside_their_hosts_last_component_go_a_row_below() {
        let design = crate::design_of(
            "[design]\nname = \"t\"\n[hosts.h]\n[hosts.solo]\n[components.web]\nkind = \"web-server\"\nhost = \"h\"\n[components.app]\nkind = \"app-server\"\nhost = \"h\"\n[components.agent]\nkind = \"monitoring-agent\"\nhost = \"h\"\n[components.lonely]\nkind = \"monitoring-agent\"\nhost = \"solo\"\n[[links]]\nfrom = \"user\"\nto = \"web\"\nprotocol = \"http\"\n[[links]]\nfrom = \"web\"\nto = \"app\"\nprotocol = \"http\"\n",
        );
        let id = |name: &str| design.components.iter().position(|c| c.id == name).unwrap();
        let mut layer = ranks(&design, None);
        assert_eq!(layer[id("agent")], layer[id("app")]);
        let lonely = layer[id("lonely")];
        agents_below(&design, &mut layer);
        assert_eq!(layer[id("agent")], layer[id("app")] + 1);
        assert!(layer[id("web")] < layer[id("app")]);
        // Layers stay numbered without gaps; an agent alone on its host is not moved past
        // what it was beside.
        let mut used = layer.clone();
        used.sort_unstable();
        used.dedup();
        assert_eq!(used, (0..used.len()).collect::<Vec<_>>());
        assert!(layer[id("lonely")] >= lonely);
    }
}
