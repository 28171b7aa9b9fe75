//! "How a request flows": a tree computed from the design's `serve` links, from the user
//! reaching the site's name to the response coming back: alternatives ("one of"), branches by
//! request path, and the background work done after the response.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::rc::Rc;

use crate::model::{ComponentId, Design, DnsRecord, Kind, Link, Vip};
use crate::spec::vocabulary::{
    Algorithm, DnsType, Protocol, Purpose, Replication, Role, Setup, Vocabulary,
};

use super::markdown::{and, capitalize, code, escape, or};

mod background;
mod describe;
mod dns;
mod phrase;

use background::background;
use describe::{describe, who};
use dns::{answer, dns_step};
use phrase::{connection, firewalls, lowercase_subject, names};

pub use describe::{mode_of, replication_clause};
pub use dns::{vip_owner, vip_phrase};
pub use phrase::{name, protocol_phrase};

/// One step of the flow; its children are alternatives, branches or a nested sequence.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub text: String,
    pub children: Vec<Node>,
    /// Whether the children are a sequence (numbered) rather than branches (bulleted).
    pub ordered: bool,
}

impl Node {
    fn leaf(text: String) -> Self {
        Node {
            text,
            children: Vec::new(),
            ordered: false,
        }
    }

    /// The step as Markdown list-item content: its text, then its children as a nested list
    /// indented to sit inside the item.
    fn markdown(&self, indent: usize) -> String {
        let mut out = self.text.clone();
        for (i, child) in self.children.iter().enumerate() {
            let marker = if self.ordered {
                format!("{}.", i + 1)
            } else {
                "-".to_string()
            };
            out.push('\n');
            out.push_str(&" ".repeat(indent));
            out.push_str(&marker);
            out.push(' ');
            out.push_str(&child.markdown(indent + 4));
        }
        out
    }
}

/// The request path's serve links out of `c`: no replication, admin or background traffic,
/// and nothing that is not on the path (certificates, monitoring).
fn serve_links(design: &Design, c: ComponentId) -> impl Iterator<Item = &Link> + '_ {
    design.links_from(c).filter(move |l| {
        l.serves()
            && l.protocol != Protocol::Replication
            && crate::analysis::on_request_path(design.component(l.to).kind)
    })
}

/// The clients' serve links: where the request path starts.
fn entry_links(design: &Design) -> Vec<&Link> {
    design
        .components_of_kind(Kind::Client)
        .flat_map(|c| serve_links(design, c))
        .collect()
}

/// The numbered steps, as Markdown list-item contents (nested lists inside).
pub fn steps(design: &Design, site: &str) -> Vec<String> {
    tree(design, site)
        .iter()
        .map(|node| node.markdown(4))
        .collect()
}

/// The components that answer the same requests in turn (one of them gets each request), by
/// component: the groups the flow says "one of" about. Databases (a primary and its replicas
/// do different work) and code bases are not alternatives.
pub fn alternatives(design: &Design) -> BTreeMap<ComponentId, Rc<[ComponentId]>> {
    let mut walk = Walk::new(design);
    let entries = entry_groups(design);
    for (group, via) in entries {
        walk.hop(&group, via);
    }
    let mut out = BTreeMap::new();
    for group in walk.groups {
        let kind = design.component(group[0]).kind;
        if group.len() > 1 && !matches!(kind, Kind::Database | Kind::AppFiles) {
            // One copy shared by its members: a pool of thousands is not copied for each.
            let group: Rc<[ComponentId]> = group.into();
            for &c in group.iter() {
                out.insert(c, Rc::clone(&group));
            }
        }
    }
    out
}

/// The entry groups: the clients' targets, one group per virtual IP and one for the rest.
fn entry_groups(design: &Design) -> Vec<(Vec<ComponentId>, Option<&Vip>)> {
    let links = entry_links(design);
    let mut by_vip: BTreeMap<Option<u32>, Vec<ComponentId>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for l in &links {
        let vip = l.via.map(|v| v.0);
        if seen.insert((vip, l.to)) {
            by_vip.entry(vip).or_default().push(l.to);
        }
    }
    by_vip
        .into_iter()
        .map(|(vip, mut group)| {
            let vip = vip.and_then(|v| design.vips.get(v as usize));
            match vip {
                // The holders in the VIP's order: the first one holds the address.
                Some(v) => group.sort_by_key(|c| v.held_by.iter().position(|h| h == c)),
                None => group.sort(),
            }
            (group, vip)
        })
        .collect()
}

/// The whole flow as a tree of steps.
pub fn tree(design: &Design, site: &str) -> Vec<Node> {
    let links = entry_links(design);
    let Some(&first) = links.first() else {
        return Vec::new();
    };
    let groups = entry_groups(design);
    let entries: Vec<ComponentId> = groups.iter().flat_map(|(g, _)| g.clone()).collect();
    let vip = groups.iter().find_map(|(_, v)| *v);
    let vpn = entries
        .iter()
        .all(|&c| design.component(c).kind == Kind::VpnGateway);
    let mut steps = Vec::new();

    // 1. DNS.
    steps.push(Node::leaf(dns_step(design, site, &links, vip, vpn)));
    // 2. The connection.
    let encrypted = links.iter().all(|l| l.encrypted);
    steps.push(Node::leaf(connection(
        design, first, &entries, vip, vpn, encrypted,
    )));
    // Firewalls in front of the entry.
    steps.extend(firewalls(design, &entries).into_iter().map(Node::leaf));
    // The hops of the request path.
    let mut walk = Walk::new(design);
    for (group, via) in &groups {
        steps.extend(walk.hop(group, *via));
    }
    steps.push(Node::leaf(if vpn {
        "The response goes back the way the request came, through the tunnel, to the browser, which renders the page.".to_string()
    } else if encrypted {
        "The response goes back the way the request came; from the point where TLS ends it is encrypted again on its way to the browser, which renders the page.".to_string()
    } else {
        "The response goes back the way the request came, unencrypted, to the browser, which renders the page.".to_string()
    }));
    let later = background(design, &walk.seen);
    if !later.is_empty() {
        steps.push(Node {
            text: "Away from the user's request, work goes on in the background:".to_string(),
            children: later.into_iter().map(Node::leaf).collect(),
            ordered: false,
        });
    }
    steps
}

/// The walk down the request path: which components it has reached, and the groups of
/// alternatives it met.
struct Walk<'a> {
    design: &'a Design,
    seen: BTreeSet<ComponentId>,
    groups: Vec<Vec<ComponentId>>,
    /// How many path branches the walk is inside.
    depth: usize,
}

/// Path branches nested deeper than this are named but not followed.
const MAX_BRANCH_DEPTH: usize = 32;

impl<'a> Walk<'a> {
    fn new(design: &'a Design) -> Self {
        Walk {
            design,
            seen: design.components_of_kind(Kind::Client).collect(),
            groups: Vec::new(),
            depth: 0,
        }
    }

    /// The steps from `start` (one of whom gets the request) onwards, as a sequence. The
    /// walk is depth-first through a stack of pending groups rather than by recursion, so a
    /// chain of thousands of components cannot overflow the stack.
    fn hop(&mut self, start: &[ComponentId], vip: Option<&'a Vip>) -> Vec<Node> {
        let mut steps = Vec::new();
        let mut pending: Vec<(Vec<ComponentId>, Option<&'a Vip>)> = vec![(start.to_vec(), vip)];
        while let Some((group, vip)) = pending.pop() {
            let next = self.step(&group, vip, &mut steps);
            pending.extend(next.into_iter().rev().map(|g| (g, None)));
        }
        steps
    }

    /// Describes one group into `steps`; returns the groups the request goes to next, in order.
    fn step(
        &mut self,
        group: &[ComponentId],
        vip: Option<&Vip>,
        steps: &mut Vec<Node>,
    ) -> Vec<Vec<ComponentId>> {
        let design = self.design;
        let group: Vec<ComponentId> = group
            .iter()
            .copied()
            .filter(|&c| self.seen.insert(c))
            .collect();
        let Some(&first) = group.first() else {
            return Vec::new();
        };
        self.groups.push(group.clone());
        let kind = design.component(first).kind;
        let out: Vec<&Link> = group.iter().flat_map(|&c| serve_links(design, c)).collect();
        let branching = out.iter().any(|l| !l.paths.is_empty());
        let text = describe(design, kind, &group, vip, branching);
        if branching {
            let mut node = Node {
                text: text.unwrap_or_else(|| {
                    format!("{} sends the request on by path:", who(design, &group))
                }),
                children: Vec::new(),
                ordered: false,
            };
            // One branch per set of paths, in the spec's order; links without paths last.
            let mut branches: Vec<(Vec<String>, Vec<ComponentId>)> = Vec::new();
            let mut seen = HashSet::new();
            for l in &out {
                match branches.iter().position(|(p, _)| *p == l.paths) {
                    Some(b) if seen.insert((b, l.to)) => branches[b].1.push(l.to),
                    Some(_) => {}
                    None => {
                        seen.insert((branches.len(), l.to));
                        branches.push((l.paths.clone(), vec![l.to]));
                    }
                }
            }
            branches.sort_by_key(|(p, _)| p.is_empty());
            for (paths, to) in branches {
                let go = if paths.is_empty() {
                    format!("Every other path goes to {}", or(&names(design, &to)))
                } else {
                    let p: Vec<String> = paths.iter().map(|p| code(p)).collect();
                    format!(
                        "{} {} to {}",
                        and(&p),
                        if p.len() == 1 { "goes" } else { "go" },
                        or(&names(design, &to))
                    )
                };
                // Each branch is a sequence of its own; nesting is bounded so that a chain
                // of path-routing components cannot exhaust the stack.
                let mut rest = if self.depth < MAX_BRANCH_DEPTH {
                    self.depth += 1;
                    let rest = self.hop(&to, None);
                    self.depth -= 1;
                    rest
                } else {
                    Vec::new()
                };
                node.children.push(match rest.len() {
                    0 => Node::leaf(format!("{go}.")),
                    1 => {
                        let only = rest.remove(0);
                        // "... go to `assets` (Amazon S3), which returns ...".
                        let text = match to.as_slice() {
                            [one] => only
                                .text
                                .strip_prefix(&format!("{} ", name(design, *one)))
                                .map(|rest| {
                                    format!(
                                        "{}, which {rest}",
                                        go.replacen(
                                            &code(&design.component(*one).id),
                                            &name(design, *one),
                                            1
                                        )
                                    )
                                }),
                            _ => None,
                        };
                        Node {
                            text: text.unwrap_or_else(|| {
                                format!("{go}: {}", lowercase_subject(&only.text))
                            }),
                            ..only
                        }
                    }
                    _ => Node {
                        text: format!("{go}:"),
                        children: rest,
                        ordered: true,
                    },
                });
            }
            steps.push(node);
            return Vec::new();
        }
        if let Some(text) = text {
            steps.push(Node::leaf(text));
        }
        // A VPN gateway lets the user into the network: there the browser looks up an internal
        // name and connects as on the internet.
        if kind == Kind::VpnGateway {
            let inside: Vec<ComponentId> = out.iter().map(|l| l.to).collect();
            steps.extend(self.inside(&out, &inside));
        }
        // The next hops, one group per kind.
        let mut next: BTreeMap<Kind, Vec<ComponentId>> = BTreeMap::new();
        for l in &out {
            if !self.seen.contains(&l.to) {
                next.entry(design.component(l.to).kind)
                    .or_default()
                    .push(l.to);
            }
        }
        next.into_values()
            .map(|mut g| {
                g.sort();
                g.dedup();
                g
            })
            .collect()
    }

    /// Inside the VPN: the internal name the browser looks up, the connection, its firewalls.
    fn inside(&self, links: &[&Link], targets: &[ComponentId]) -> Vec<Node> {
        let design = self.design;
        let Some(&link) = links.first() else {
            return Vec::new();
        };
        let addresses: Vec<String> = targets
            .iter()
            .filter_map(|&c| design.component(c).host)
            .filter_map(|h| design.host(h).ip.map(|ip| ip.to_string()))
            .collect();
        let mut steps = Vec::new();
        if let Some(r) = design.dns.iter().find(|d| addresses.contains(&d.value)) {
            let internal = if r.internal {
                " is internal, answered only inside the network; it"
            } else {
                ""
            };
            steps.push(Node::leaf(format!(
                "Inside the tunnel, the user types **{}** in a browser. The `{}` record {}{internal} {}.",
                escape(&r.fqdn),
                r.record_type,
                code(&r.name),
                answer(design, r, None)
            )));
        }
        let encrypted = links.iter().all(|l| l.encrypted);
        let text = connection(design, link, targets, None, false, encrypted);
        steps.push(Node::leaf(text.replacen(
            "It opens",
            "The browser opens",
            1,
        )));
        steps.extend(firewalls(design, targets).into_iter().map(Node::leaf));
        steps
    }
}
